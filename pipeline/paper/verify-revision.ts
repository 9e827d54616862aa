/**
 * Which revision of a record a stamped scan was printed from: the id and short revision
 * on its verification line, looked up in the record file now, in its git history and in
 * the decision ledger (the revisions officers judged). The answer says whether the paper
 * matches the record as it is, an older revision (and whether that one was judged), or
 * nothing known — the last is what a forged or mistyped line gives.
 */
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { parseContent } from '../content/parse.ts';
import { git, gitText } from '../forge/git.ts';
import { locate, PaperError } from './record.ts';
import { revisionOf } from './revision.ts';

export interface RevisionMatch {
  id: string;
  /** The full sha256 the short revision stands for, when found. */
  revision?: string;
  /** current: the record file has these bytes now; older: it had them once; unknown: never. */
  state: 'current' | 'older' | 'unknown';
  /** The printed revision differs from the current one only by the attachments added since (the scan itself). */
  attachmentsOnly?: boolean;
  currentRevision: string;
  /** The commit that wrote the printed revision (older or current, when in git). */
  commit?: { sha: string; date: string };
  /** Decisions of the ledger that judged the printed revision. */
  judgedBy: Array<{ seq: number; action: string; at: string }>;
  message: string;
  messageEn: string;
}

const short = (r: string) => r.slice(0, 12);

async function ledgerFor(
  contentDir: string,
  id: string,
): Promise<Array<{ seq: number; action: string; at: string; revision: string }>> {
  const dir = join(contentDir, 'decisions', id);
  const names = await readdir(dir).catch(() => [] as string[]);
  const out = [];
  for (const name of names.filter((n) => n.endsWith('.yml')).sort()) {
    const parsed = parseContent(await readFile(join(dir, name)), name);
    if (!parsed.ok) continue;
    const d = parsed.data as { seq?: number; action?: string; at?: string; revision?: string };
    if (typeof d.revision === 'string')
      out.push({ seq: Number(d.seq), action: String(d.action), at: String(d.at), revision: d.revision });
  }
  return out;
}

/** The revisions a file had in git history (newest first), each with its commit and bytes. */
async function history(
  contentDir: string,
  path: string,
): Promise<Array<{ sha: string; date: string; revision: string; bytes: Buffer }>> {
  const top = await gitText(['rev-parse', '--show-toplevel'], { cwd: dirname(path) }).catch(() => '');
  if (!top) return [];
  const rel = relative(top, path);
  const log = await gitText(['log', '--format=%H %cI', '--', rel], { cwd: top }).catch(() => '');
  const out = [];
  for (const line of log.split('\n').filter(Boolean)) {
    const [sha, date] = line.split(' ') as [string, string];
    const shown = await git(['show', `${sha}:${rel}`], { cwd: top, allowFail: true });
    if (shown.code === 0) out.push({ sha, date, revision: revisionOf(shown.stdout), bytes: shown.stdout });
  }
  return out;
}

/** The record without its attachments list, canonically: attaching the stamped scan changes nothing printed. */
function printedContent(bytes: Uint8Array): string | undefined {
  const parsed = parseContent(bytes, 'record.yml');
  if (!parsed.ok || !parsed.data || typeof parsed.data !== 'object') return undefined;
  const { attachments: _a, ...rest } = parsed.data as Record<string, unknown>;
  return JSON.stringify(rest);
}

export async function matchRevision(contentDir: string, id: string, stated: string): Promise<RevisionMatch> {
  const prefix = stated.trim().toLowerCase();
  if (!/^[0-9a-f]{8,64}$/.test(prefix))
    throw new PaperError(
      `版本号应是表格核验信息中的 8–64 位十六进制数（收到 “${stated}”）`,
      `the revision is the 8–64 hex digits on the form's verification line (got "${stated}")`,
    );
  const loc = locate(contentDir, id);
  const bytes = await readFile(loc.path).catch(() => {
    throw new PaperError(`找不到 ${id}`, `no record ${id}`);
  });
  const currentRevision = revisionOf(bytes);
  const ledger = await ledgerFor(contentDir, id);
  const past = await history(contentDir, loc.path);
  const revision = [currentRevision, ...past.map((p) => p.revision), ...ledger.map((d) => d.revision)].find((r) =>
    r.startsWith(prefix),
  );
  const judgedBy = revision
    ? ledger.filter((d) => d.revision === revision).map(({ seq, action, at }) => ({ seq, action, at }))
    : [];
  const commit = revision ? past.find((p) => p.revision === revision) : undefined;
  const judged = judgedBy.length ? `；审核台账第 ${judgedBy.map((d) => d.seq).join('、')} 条决定针对的正是此版本` : '';
  const judgedEn = judgedBy.length
    ? `; decision(s) ${judgedBy.map((d) => d.seq).join(', ')} of the ledger judged this revision`
    : '';
  const base = {
    id,
    currentRevision,
    judgedBy,
    ...(revision ? { revision } : {}),
    ...(commit ? { commit: { sha: commit.sha, date: commit.date } } : {}),
  };
  const printedBytes =
    revision && revision !== currentRevision ? past.find((p) => p.revision === revision)?.bytes : undefined;
  const attachmentsOnly =
    !!printedBytes &&
    printedContent(printedBytes) !== undefined &&
    printedContent(printedBytes) === printedContent(bytes);
  if (attachmentsOnly) {
    return {
      ...base,
      state: 'current',
      attachmentsOnly,
      message: `扫描件打印自 ${id} 的版本 ${short(revision!)}，此后记录只增加了附件（如本扫描件），填报内容与当前版本 ${short(currentRevision)} 一致${judged}。`,
      messageEn: `The scan was printed from revision ${short(revision!)} of ${id}; only attachments were added since, so what was printed matches the current revision ${short(currentRevision)}${judgedEn}.`,
    };
  }
  if (revision === currentRevision) {
    return {
      ...base,
      state: 'current',
      message: `扫描件与 ${id} 的当前版本 ${short(revision)} 一致${judged}。`,
      messageEn: `The scan matches the current revision ${short(revision)} of ${id}${judgedEn}.`,
    };
  }
  if (revision) {
    return {
      ...base,
      state: 'older',
      message: `扫描件打印自 ${id} 的旧版本 ${short(revision)}${commit ? `（${commit.date.slice(0, 10)} 提交）` : ''}，记录此后已修改，当前版本为 ${short(currentRevision)}${judged}；请按当前版本重新打印盖章，或核对差异。`,
      messageEn: `The scan was printed from an older revision ${short(revision)} of ${id}; the record has changed since (now ${short(currentRevision)})${judgedEn}. Print and stamp the current revision, or compare the two.`,
    };
  }
  return {
    ...base,
    state: 'unknown',
    message: `${id} 从未有过版本 ${prefix}：扫描件上的核验信息与记录不符，请核对编号和版本号。`,
    messageEn: `${id} never had a revision ${prefix}: the scan's verification line does not match the record; check the id and the revision.`,
  };
}
