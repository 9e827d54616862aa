/**
 * Which demand or application an issue or pull request is about. The ledger says so: the
 * intake records each submission's `submit` decision with `source` naming the issue or
 * pull request it came from (`{kind: 'issues' | 'pull_request', id: '<number>[.<seq>]', url}`), so
 * a comment's issue is linked to the subject whose chain has a `submit` from it. Ids in
 * the title, the branch name or the pipeline's own comments are only candidates, tried
 * first because they are cheap; the ledger confirms every one, so nobody can point a
 * command at another subject by writing an id somewhere.
 */
import type { Decision } from '../generated/types.ts';
import type { Forge } from '../forge/types.ts';
import { parseContent } from '../content/parse.ts';
import { DECISIONS_DIR, decisionPath } from './ledger.ts';
import { readAll } from '../content/at-commit.ts';
import { ENTRY_ID_IN_TEXT } from '../domain/ids.ts';

export interface IssueRef {
  number: number;
  /** The forge's global id of the issue or pull request, when known. */
  id?: number | string;
  url?: string;
  title?: string;
  /** A pull request's head branch. */
  headRef?: string;
}

/** Whether a decision's source is this issue or pull request. */
export function sourceRefersTo(source: Decision['source'], issue: IssueRef): boolean {
  if (source.kind !== 'issues' && source.kind !== 'pull_request') return false;
  if (source.url && issue.url && source.url === issue.url) return true;
  // The intake names a resubmission from the same issue `<number>.<seq>`.
  const id = source.id.split('.')[0]!;
  return (
    id === String(issue.number) || id === `#${issue.number}` || (issue.id !== undefined && id === String(issue.id))
  );
}

function decisionsIn(bytes: Uint8Array | undefined): Decision | undefined {
  if (!bytes) return undefined;
  const parsed = parseContent(bytes, 'decision.yml');
  return parsed.ok && parsed.data && typeof parsed.data === 'object' ? (parsed.data as Decision) : undefined;
}

/** Candidate ids, applications before demands (an application's issue often names its demand too). */
function candidates(texts: Array<string | undefined>): string[] {
  const found = new Set<string>();
  for (const t of texts) for (const m of (t ?? '').matchAll(ENTRY_ID_IN_TEXT)) found.add(m[0]);
  return [...found].sort((a, b) => b.length - a.length);
}

/**
 * The subject linked to `issue` at commit `head`, or undefined. `via` are issues the
 * caller knows this one stands for (the issue an intake pull request was opened for).
 */
export async function linkedSubject(
  forge: Forge,
  head: string,
  issue: IssueRef,
  via: readonly number[] = [],
): Promise<string | undefined> {
  for (const ref of [issue, ...via.map((number) => ({ number }))]) {
    const found = await linkedTo(forge, head, ref, ref === issue);
    if (found) return found;
  }
  return undefined;
}

async function linkedTo(
  forge: Forge,
  head: string,
  issue: IssueRef,
  withComments: boolean,
): Promise<string | undefined> {
  const botTexts = withComments
    ? await forge.listComments(issue.number).then(
        (cs) => cs.filter((c) => c.isBot).map((c) => c.body),
        () => [],
      )
    : [];
  const cands = candidates([issue.title, issue.headRef, ...botTexts]);
  if (cands.length) {
    const listing = await forge.listFiles(DECISIONS_DIR, head);
    for (const subject of cands) {
      const files = listing.filter((p) => p.startsWith(`${DECISIONS_DIR}/${subject}/`));
      const chain = await readAll(forge, files, head);
      for (const bytes of chain.values()) {
        const d = decisionsIn(bytes);
        if (d?.action === 'submit' && d.subject === subject && sourceRefersTo(d.source, issue)) return subject;
      }
    }
  }
  // Not among the candidates: look at the first decision of every chain.
  const firsts = (await forge.listFiles(DECISIONS_DIR, head)).filter((p) => p.endsWith('/0001.yml'));
  const read = await readAll(forge, firsts, head);
  for (const [path, bytes] of read) {
    const d = decisionsIn(bytes);
    if (d && path === decisionPath(d.subject, 1) && sourceRefersTo(d.source, issue)) return d.subject;
  }
  return undefined;
}
