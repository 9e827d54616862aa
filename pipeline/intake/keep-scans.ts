/**
 * Stamped scans that arrive with a submission, kept with it. The intake (bundled, without
 * sharp) only checks an issue's attachments and says what it found; this step, run after it
 * by the job that holds an officer's key, fetches each attachment again through the Forge,
 * processes it (paper/scan/check-scan.ts: by its bytes, upright, deskewed, without metadata)
 * and commits the processed file beside the record on the issue's submission branch, with
 * the record's attachment list updated (it is restricted, so opened and sealed again) — one
 * commit, compare-and-swap on the branch head, and nothing written for a file already listed.
 *
 * The scan is named for the revision of the record as the intake registered it: a form
 * printed before registration (the helper's) has none of its own, and the issue ties the two.
 */
import type { Forge } from '../forge/types.ts';
import { APPLICATION_ID, DEMAND_ID, USCC_SHAPE } from '../domain/ids.ts';
import { entryPath } from '../domain/layout.ts';
import { parseContent } from '../content/parse.ts';
import type { Officers, Site } from '../generated/types.ts';
import { attachmentLinks, MAX_LINKS } from '../paper/scan/issue-scans.ts';
import { checkScan, SCAN_LIMITS } from '../paper/scan/check-scan.ts';
import { attachToRecord, scanFolder } from '../paper/scan/attach.ts';
import { revisionOf } from '../paper/revision.ts';
import { sealAtRest } from '../seal/cleartext.ts';
import { recipientsFor } from '../seal/recipients.ts';
import { readSubjectMarker } from './comment.ts';
import { submissionBranch } from './issue-decision.ts';

export interface KeptScans {
  /** The record the intake registered from the issue, when it did. */
  subject?: string;
  /** The files committed (paths in the repository). */
  kept: string[];
  /** Attachments not kept, by their place in the issue (1-based), and why (a rule, not a value). */
  skipped: Array<{ index: number; reason: string }>;
  commit?: string;
}

type EntryKind = 'demand' | 'enterprise' | 'application';

const kindOf = (id: string): EntryKind | undefined =>
  APPLICATION_ID.test(id)
    ? 'application'
    : DEMAND_ID.test(id)
      ? 'demand'
      : USCC_SHAPE.test(id)
        ? 'enterprise'
        : undefined;

const parse = (bytes: Uint8Array | undefined, path: string): Record<string, unknown> | undefined => {
  if (!bytes) return undefined;
  const parsed = parseContent(bytes, path);
  return parsed.ok && parsed.data && typeof parsed.data === 'object'
    ? (parsed.data as Record<string, unknown>)
    : undefined;
};

/** Keep the issue's stamped scans with the record it registered; `identities` open the record's sealed list. */
export async function keepIssueScans(
  forge: Forge,
  o: { issue: number; body: string; identities: readonly string[]; now?: Date },
): Promise<KeptScans> {
  const links = attachmentLinks(o.body).slice(0, MAX_LINKS);
  if (!links.length || !forge.fetchAttachment) return { kept: [], skipped: [] };
  const subject = (await forge.listComments(o.issue))
    .filter((c) => c.isBot)
    .map((c) => readSubjectMarker(c.body))
    .find((s): s is string => !!s);
  const kind = subject ? kindOf(subject) : undefined;
  if (!subject || !kind) return { kept: [], skipped: links.map((_, i) => ({ index: i + 1, reason: 'no-record' })) };

  // Fetched and processed once; written below, again if the branch moves meanwhile.
  const scans = [];
  const skipped: KeptScans['skipped'] = [];
  for (const [i, link] of links.entries()) {
    const fetched = await forge.fetchAttachment(link, SCAN_LIMITS.bytes);
    const result = fetched.ok ? await checkScan(fetched.bytes) : undefined;
    if (!fetched.ok) skipped.push({ index: i + 1, reason: `fetch:${fetched.reason}` });
    else if (!result!.ok) skipped.push({ index: i + 1, reason: `scan:${result!.rule}` });
    else scans.push(result!);
  }

  const branch = submissionBranch(o.issue);
  const path = entryPath(kind, subject);
  for (let attempt = 0; attempt < 5; attempt++) {
    const head = await forge.head(branch);
    if (!head)
      return { subject, kept: [], skipped: [...skipped, ...scans.map(() => ({ index: 0, reason: 'no-branch' }))] };
    const bytes = await forge.readFile(path, head);
    let record = parse(bytes, path);
    if (!bytes || !record) return { subject, kept: [], skipped: [...skipped, { index: 0, reason: 'no-record' }] };
    const revision = revisionOf(bytes);
    // The settings and the registry as the branch holds them (the pipeline writes this branch, nobody else).
    const site = parse(await forge.readFile('content/site.yml', head), 'site.yml') as Site | undefined;
    const registry = parse(await forge.readFile('content/officers.yml', head), 'officers.yml') as Officers | undefined;
    const now = o.now ?? new Date();
    const files: Array<{ path: string; content: Uint8Array | string }> = [];
    let text: string | undefined;
    for (const scan of scans) {
      const kept = await attachToRecord({
        kind,
        id: subject,
        record,
        scan,
        revision,
        sealAtRest: sealAtRest(site),
        identities: o.identities,
        recipients: async (r) => recipientsFor(registry, kind, r, now),
      });
      if (kept.already) continue;
      files.push({ path: `${scanFolder('content', kind, subject)}/${kept.file.name}`, content: kept.file.bytes });
      text = kept.text;
      record = parse(new TextEncoder().encode(text), path)!;
    }
    if (!text) return { subject, kept: [], skipped };
    files.push({ path, content: text });
    const done = await forge.commit({
      branch,
      expectedHead: head,
      message: `附上盖章扫描件：${subject}（议题 #${o.issue}）`,
      files,
    });
    if (done.ok) return { subject, kept: files.slice(0, -1).map((f) => f.path), skipped, commit: done.sha };
  }
  throw new Error(`the submission branch ${branch} kept moving; run again`);
}
