/**
 * What deciding an issue's submission shares across the forms: the result shapes (valid, or
 * a final answer), the event's environment, the subject an issue was accepted as before
 * (from its comment or the ledger), the `submit` decision, the gate an existing subject's
 * state sets, and acceptance. Each form decides in its own module (decide-demand.ts,
 * decide-application.ts, decide-enterprise.ts); handle-issue.ts runs them and writes.
 */
import type { LoadedRecord } from '../content/load.ts';
import type { Issue } from '../domain/issue.ts';
import type { State } from '../domain/machines.ts';
import type { EventContext } from '../events/types.ts';
import type { IssueEvent } from '../events/payload.ts';
import type { FileChange } from '../forge/types.ts';
import type { FormKind } from '../forms/form.ts';
import type { Decision, Round, Site } from '../generated/types.ts';
import { nextDecision } from '../review/ledger.ts';
import { recordedStatus } from '../review/status.ts';
import { renderProblems, renderRefused, type Links } from './comment.ts';
import { decisionFiles, ledgerSubjects, loadRecords, type ContentReader } from './content.ts';
import { formLabel, intakeLabel, NEEDS_CHANGES } from './labels.ts';

export const ROUNDS = /^content\/rounds\/[^/]+\.yml$/;
/** States in which the submitter may still change a submission by editing the issue. */
const EDITABLE = new Set<State>(['submitted', 'returned']);

export function submissionBranch(issue: number): string {
  return `submission/issue-${issue}`;
}

/** ISO time with the Beijing offset, as the ledger writes times. */
export function shanghaiIso(at: Date): string {
  return `${new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}

export interface Valid {
  verdict: 'valid';
  kind: FormKind;
  id: string;
  record: Record<string, unknown>;
  entry: FileChange & { content: string };
  decision?: FileChange & { content: string };
  update?: 'updated' | 'resubmitted';
  notes: string[];
  round?: Round;
  labels: string[];
}

export interface Final {
  verdict: 'invalid' | 'refused';
  comment: string;
  labels: string[];
  issues: Issue[];
}

export type Decided = Valid | Final;

export interface Env {
  ctx: EventContext;
  ev: IssueEvent;
  site?: Site;
  links: Links;
  /** The subject an earlier run recorded in this issue's comment. */
  claimed?: string;
}

/**
 * Does a decision come from this issue? The first `submit` names the issue number as its
 * source (the review links issues to subjects by it); a resubmission after a return adds
 * its sequence (`12.3`), so each event stays distinct.
 */
function fromIssue(decision: Decision | undefined, issue: number): boolean {
  return decision?.source.kind === 'issues' && decision.source.id.split('.')[0] === String(issue);
}

export interface Existing {
  id: string;
  chain: Decision[];
  files: LoadedRecord[];
}

async function chainOf(reader: ContentReader, paths: readonly string[], subject: string): Promise<Existing> {
  const files = await loadRecords(reader, decisionFiles(paths, subject));
  const chain = files
    .filter((f) => f.data && f.issues.length === 0)
    .map((f) => f.data as unknown as Decision)
    .sort((a, b) => a.seq - b.seq);
  return { id: subject, chain, files };
}

/** The files existingSubject reads, so callers can fetch them in the same batch as the rest. */
export function probePaths(
  env: Env,
  paths: readonly string[],
  pattern: RegExp,
  candidates: (subjects: string[]) => string[],
): string[] {
  const claimed = env.claimed && pattern.test(env.claimed) ? decisionFiles(paths, env.claimed) : [];
  const firsts = candidates([...ledgerSubjects(paths)].filter((s) => pattern.test(s)))
    .map((s) => decisionFiles(paths, s)[0])
    .filter((p): p is string => !!p);
  return [...claimed, ...firsts];
}

/**
 * The subject this issue was accepted as before: the one its comment names (when the ledger
 * agrees), else a chain among `candidates` whose first decision came from this issue (a run
 * that wrote but could not answer).
 */
export async function existingSubject(
  env: Env,
  reader: ContentReader,
  paths: readonly string[],
  pattern: RegExp,
  candidates: (subjects: string[]) => string[],
): Promise<Existing | undefined> {
  const n = env.ev.number;
  if (env.claimed && pattern.test(env.claimed)) {
    const e = await chainOf(reader, paths, env.claimed);
    if (e.chain.some((d) => fromIssue(d, n))) return e;
  }
  const subjects = candidates([...ledgerSubjects(paths)].filter((s) => pattern.test(s)));
  const firsts = subjects.map((s) => decisionFiles(paths, s)[0]).filter((p): p is string => !!p);
  const loaded = await loadRecords(reader, firsts);
  const hit = loaded.find((r) => fromIssue(r.data as Decision | undefined, n));
  return hit ? chainOf(reader, paths, idOfDecisionFile(hit.file)) : undefined;
}

const idOfDecisionFile = (path: string) => path.split('/').at(-2)!;

export function labelsFor(kind: 'demand' | 'application', state: State): string[] {
  const label = intakeLabel(kind, state);
  return [formLabel(kind), ...(label ? [label] : [])];
}

export function final(verdict: Final['verdict'], comment: string, labels: string[], issues: Issue[] = []): Final {
  return { verdict, comment, labels, issues };
}

export function invalid(env: Env, kind: FormKind, issues: Issue[], keptId?: string, notes: string[] = []): Final {
  return final(
    'invalid',
    renderProblems({ kind, issues, ...(keptId ? { keptId } : {}), notes, links: env.links }),
    [formLabel(kind), NEEDS_CHANGES],
    issues,
  );
}

/** The `submit` decision of a new submission or a resubmission after a return. */
function submitDecision(
  env: Env,
  id: string,
  entry: string,
  existing: Existing | undefined,
): { ok: true; decision: FileChange & { content: string } } | { ok: false; issues: Issue[] } {
  const last = existing?.files.at(-1);
  const next = nextDecision(
    {
      subject: id,
      action: 'submit',
      actor: { login: env.ctx.forge.botLogin, role: 'system' },
      at: shanghaiIso(env.ctx.now),
      source: {
        kind: 'issues',
        id: existing?.chain.length ? `${env.ev.number}.${existing.chain.length + 1}` : String(env.ev.number),
        ...(env.ev.url ? { url: env.ev.url } : {}),
      },
    },
    {
      chain: existing?.chain ?? [],
      ...(last ? { lastFileBytes: last.bytes } : {}),
      subjectBytes: new TextEncoder().encode(entry),
    },
  );
  return next.ok ? { ok: true, decision: { path: next.path, content: next.text } } : { ok: false, issues: next.issues };
}

/** What an existing subject's state allows: go on (new or editable), or refuse with the current state. */
export function gate(
  env: Env,
  kind: 'demand' | 'application',
  existing: Existing | undefined,
  round: Round | undefined,
): Final | undefined {
  if (!existing) return undefined;
  const state = recordedStatus(existing.chain).state;
  if (EDITABLE.has(state)) return undefined;
  return final('refused', renderRefused(kind, existing.id, state, round), labelsFor(kind, state));
}

export function accept(
  env: Env,
  kind: 'demand' | 'application',
  id: string,
  record: Record<string, unknown>,
  path: string,
  text: string,
  existing: Existing | undefined,
  round: Round | undefined,
  notes: string[],
): Decided {
  const state = existing ? recordedStatus(existing.chain).state : 'draft';
  const valid: Valid = {
    verdict: 'valid',
    kind,
    id,
    record,
    entry: { path, content: text },
    notes,
    ...(round ? { round } : {}),
    labels: labelsFor(kind, 'submitted'),
  };
  if (state === 'submitted') return { ...valid, update: 'updated' };
  const decision = submitDecision(env, id, text, existing);
  if (!decision.ok) return invalid(env, kind, decision.issues, existing?.id);
  return { ...valid, decision: decision.decision, ...(state === 'returned' ? { update: 'resubmitted' as const } : {}) };
}
