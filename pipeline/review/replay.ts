/**
 * Replaying a list of acts through the real ledger: the same judging (registry, roles,
 * dates, invariants, re-validation), the same canonical YAML and the same hashing as a
 * live command, so a generated ledger is one the audit accepts. The sample content's
 * ledger (test/fixtures/sample-acts.yml → content/decisions/) and the benchmark's are made so.
 *
 *   node pipeline/review/replay.ts <acts.yml> [--content <dir>] [--fresh] [--check]
 *
 * Acts are `{subject, action, at, actor, reason?, scores?}` in chronological order; the
 * actor of a `submit` is the intake (`system`). Each act's source is `cli:replay-<n>`
 * (its position), so replaying the same list again over its own output changes nothing.
 * Exit 1 listing every refused act (nothing is written then), 2 on a usage error.
 */
import { readdir, readFile, rm, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseContent } from '../content/parse.ts';
import type { Decision } from '../generated/types.ts';
import { parseInstant } from '../rules/shanghai.ts';
import { judge, type ActRequest } from './decide.ts';
import { DECISIONS_DIR } from './ledger.ts';
import { actionLabel, type Action } from '../domain/machines.ts';
import { MemoryContent, snapshotFrom } from './snapshot.ts';
import { PIPELINE_LOGIN } from '../domain/identity.ts';
import type { Scores } from './grammar.ts';

export interface SampleAct {
  subject: string;
  action: Action;
  /** ISO time with offset. */
  at: string;
  /** Forge login; `system` (or any login) for a `submit`, which the intake records. */
  actor: string;
  reason?: string;
  /** `{team, rd, plan, match}` or the four numbers in that order. */
  scores?: Scores | number[];
  /** With `contract`: `{amount, signedOn}`. */
  contract?: Decision['contract'];
  /** With `catalogue`: MIIT's number. */
  catalogueNo?: string;
  /** With `engage`: `{date, form, outcome}`. */
  engagement?: Decision['engagement'];
  /** Where the act came from; `cli:replay-<n>` when absent. */
  source?: Decision['source'];
  /** The act of another party recorded from a document (evidence.ts), and that document. */
  onBehalfOf?: Decision['onBehalfOf'];
  evidence?: Partial<NonNullable<Decision['evidence']>>;
  /** The submitter itself acting (to withdraw), through its own issue. */
  submitter?: boolean;
}

/** A ledger record (not an evidence scan beside it). */
const LEDGER_FILE = /^content\/decisions\/[^/]+\/\d{4}\.yml$/;

export interface Refused {
  index: number;
  act: SampleAct;
  code: string;
  zh: string;
  en: string;
}

export interface ReplayResult {
  /** New decision files by repository path, in the order they were made. */
  written: Map<string, string>;
  /** Acts already in the ledger (the same source), left as they were. */
  replayed: number;
  refused: Refused[];
}

function scoresOf(s: SampleAct['scores']): Scores | undefined {
  if (!s) return undefined;
  if (Array.isArray(s)) return s.length === 4 ? { team: s[0]!, rd: s[1]!, plan: s[2]!, match: s[3]! } : undefined;
  return s;
}

/**
 * Replay `acts` over `files` (repository path → bytes; updated in place with each new
 * decision, so later acts see earlier ones). Refused acts are reported and skipped.
 */
export async function replayActs(files: Map<string, Uint8Array>, acts: readonly SampleAct[]): Promise<ReplayResult> {
  const result: ReplayResult = { written: new Map(), replayed: 0, refused: [] };
  const source = new MemoryContent(files);
  for (const [index, act] of acts.entries()) {
    const refuse = (code: string, zh: string, en: string) => result.refused.push({ index, act, code, zh, en });
    const parsed = parseInstant(String(act.at));
    if (!parsed.ok) {
      refuse('at', parsed.issues[0]!.message, parsed.issues[0]!.messageEn);
      continue;
    }
    const scores = scoresOf(act.scores);
    if (act.scores && !scores) {
      refuse('scores', '评分须为四项。', 'Scores must be four numbers.');
      continue;
    }
    const req: ActRequest = {
      subject: act.subject,
      action: act.action,
      login: act.action === 'submit' ? PIPELINE_LOGIN : act.actor,
      at: parsed.instant,
      ...(act.reason ? { reason: act.reason } : {}),
      ...(scores ? { scores } : {}),
      ...(act.contract ? { contract: act.contract } : {}),
      ...(act.catalogueNo ? { catalogueNo: act.catalogueNo } : {}),
      ...(act.engagement ? { engagement: act.engagement } : {}),
      source: act.source ?? { kind: 'cli', id: `replay-${index + 1}` },
      ...(act.action === 'submit' ? { system: true } : {}),
      ...(act.submitter ? { submitter: true } : {}),
      ...(act.onBehalfOf ? { onBehalfOf: act.onBehalfOf } : {}),
      ...(act.evidence ? { evidence: act.evidence } : {}),
    };
    const scan = act.evidence?.file ? files.get(act.evidence.file) : undefined;
    if (scan) req.evidenceFile = scan;
    const snap = await snapshotFrom(source, 'replay', act.subject);
    const j = judge(req, snap);
    if (j.ok === false) {
      refuse(j.code, j.zh, j.en);
      continue;
    }
    if (j.ok === 'replay') {
      result.replayed++;
      continue;
    }
    const bytes = new TextEncoder().encode(j.text);
    files.set(j.path, bytes);
    source.set(j.path, bytes);
    result.written.set(j.path, j.text);
  }
  return result;
}

/** The acts in a YAML file, read as untrusted content (no aliases, size cap). */
export function parseActs(bytes: Uint8Array, file: string): SampleAct[] {
  const parsed = parseContent(bytes, file);
  if (!parsed.ok) throw new Error(`${file}: ${parsed.issue.message}`);
  const list = parsed.data as unknown;
  if (!Array.isArray(list)) throw new Error(`${file}: expected a list of acts`);
  return list.map((a, i) => {
    if (
      !a ||
      typeof a !== 'object' ||
      typeof a.subject !== 'string' ||
      typeof a.action !== 'string' ||
      typeof a.actor !== 'string' ||
      (typeof a.at !== 'string' && !(a.at instanceof Date))
    ) {
      throw new Error(`${file}: act ${i + 1} needs subject, action, at and actor`);
    }
    return { ...a, at: a.at instanceof Date ? a.at.toISOString() : a.at } as SampleAct;
  });
}

async function readTree(dir: string, base: string): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    const full = join(e.parentPath, e.name);
    // Records, and the evidence scans acts recorded on paper name.
    if (!e.isFile() || !(/\.(ya?ml)$/.test(e.name) || full.split(sep).includes('evidence'))) continue;
    out.set(relative(base, full).split(sep).join('/'), await readFile(full));
  }
  return out;
}

export function describeRefusal(r: Refused): string {
  return `act ${r.index + 1} (${r.act.subject} ${r.act.action} by ${r.act.actor} at ${r.act.at}, ${actionLabel(r.act.action)}): ${r.zh} / ${r.en}`;
}

async function main(argv: string[]): Promise<number> {
  const actsFile = argv.find((a) => !a.startsWith('--'));
  const contentAt = argv.indexOf('--content');
  const content = contentAt >= 0 ? argv[contentAt + 1] : 'content';
  if (!actsFile || !content) {
    process.stderr.write('usage: node pipeline/review/replay.ts <acts.yml> [--content <dir>] [--fresh] [--check]\n');
    return 2;
  }
  const root = dirname(content.replace(/\/+$/, '')) || '.';
  const acts = parseActs(await readFile(actsFile), actsFile);
  const files = await readTree(content, root);
  // Fresh: the ledger records go (the evidence scans beside them stay: they are inputs).
  if (argv.includes('--fresh')) for (const p of [...files.keys()]) if (LEDGER_FILE.test(p)) files.delete(p);
  const result = await replayActs(files, acts);
  for (const r of result.refused) process.stderr.write(`✗ ${describeRefusal(r)}\n`);
  if (result.refused.length) return 1;
  if (!argv.includes('--check')) {
    if (argv.includes('--fresh')) {
      for (const e of await readdir(join(root, DECISIONS_DIR), { withFileTypes: true, recursive: true }).catch(
        () => [],
      )) {
        const p = relative(root, join(e.parentPath, e.name)).split(sep).join('/');
        if (e.isFile() && LEDGER_FILE.test(p)) await rm(join(root, p));
      }
    }
    for (const [path, text] of result.written) {
      await mkdir(dirname(join(root, path)), { recursive: true });
      await writeFile(join(root, path), text);
    }
  }
  process.stdout.write(
    `${acts.length} acts: ${result.written.size} decisions ${argv.includes('--check') ? 'would be ' : ''}written, ${result.replayed} already in the ledger.\n`,
  );
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = await main(process.argv.slice(2));
