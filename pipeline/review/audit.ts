/**
 * The audit: proof that every status is justified by the ledger. It re-walks every chain
 * and re-judges every act as the pipeline judged it, so one set of rules serves both:
 *
 * 1. each chain is intact (chain.ts: files 0001… without gaps, records valid, `prev` hashes
 *    link, transitions legal, time never runs backwards);
 * 2. walking all acts in time order over the content, each act is re-judged (decide.ts)
 *    against the ledger as it stood just before it — the derived statuses at that moment,
 *    the invariants (at most three selections, none once selection is over, no acceptance
 *    before contract), and the officers registry as it was at the commit that added the
 *    decision (the current file outside git) — and must give the same record;
 * 3. in a git repository, the history shows every decision file added once and never
 *    modified or deleted (nor changed in the work tree), and each decision's `revision`
 *    is the sha256 of the submission file in the commit that added it;
 * 4. at the end, the derived statuses keep the invariants.
 *
 * Problems name the first broken link of each chain; later acts of a broken chain are
 * not judged (they stand on a link that does not hold).
 */
import { dirname, relative, resolve, sep } from 'node:path';
import { buildCatalog } from '../content/catalog.ts';
import { crossRecordIssues } from '../content/cross-record.ts';
import { loadPaths, type LoadedRecord } from '../content/load.ts';
import { git } from '../forge/git.ts';
import type { Decision } from '../generated/types.ts';
import { checkChain } from './chain.ts';
import { judge } from './decide.ts';
import { DECISIONS_DIR, sha256 } from './ledger.ts';
import { MemoryContent, OFFICERS_PATH, rememberParsed, snapshotFrom, subjectPath } from './snapshot.ts';

export interface AuditProblem {
  /** Repository path of the file at fault (e.g. content/decisions/XM-2023-001/0003.yml). */
  file: string;
  code: string;
  message: string;
  messageEn: string;
}

export interface AuditResult {
  subjects: number;
  decisions: number;
  /** Whether git history was checked too. */
  git: boolean;
  problems: AuditProblem[];
}

interface History {
  /** Decision file → the commit that added it. */
  addedIn: Map<string, string>;
  problems: AuditProblem[];
  /** `<commit>:<path>` → bytes, for registries and submissions at those commits. */
  read(specs: string[]): Promise<Map<string, Uint8Array | undefined>>;
}

/** Audit the content folder `contentDir` (its parent is taken as the repository root for paths). */
export async function auditDirectory(contentDir: string, options: { git?: boolean } = {}): Promise<AuditResult> {
  const abs = resolve(contentDir);
  const base = dirname(abs);
  const loaded = await loadPaths([abs], { validate: true });
  // Files are named by their repository path (content/…), wherever the folder is.
  const records = loaded.records.map((r) => ({ ...r, file: relative(base, resolve(r.file)).split(sep).join('/') }));
  const files = new Map<string, Uint8Array>();
  const byPath = new Map<string, LoadedRecord>();
  for (const r of records) { files.set(r.file, r.bytes); byPath.set(r.file, r); }
  rememberParsed(records);

  const problems: AuditProblem[] = [];
  const history = options.git === false ? undefined : await gitHistory(abs);
  if (history) problems.push(...history.problems);

  // 1. Chains, by the folder they lie in.
  const chains = new Map<string, LoadedRecord[]>();
  for (const [path, r] of byPath) {
    if (!path.startsWith(`${DECISIONS_DIR}/`)) continue;
    const subject = path.split('/')[2]!;
    chains.set(subject, [...(chains.get(subject) ?? []), r]);
  }
  const intact: Array<{ subject: string; files: LoadedRecord[] }> = [];
  let decisions = 0;
  for (const [subject, list] of [...chains].sort(([a], [b]) => a.localeCompare(b))) {
    list.sort((a, b) => a.file.localeCompare(b.file));
    decisions += list.length;
    const broken = checkChain(subject, list);
    const upTo = broken ? list.findIndex((f) => f.file === broken.file) : list.length;
    if (broken) problems.push({ file: broken.file, code: `chain-${broken.code}`, message: broken.zh, messageEn: broken.en });
    if (!byPath.has(subjectPath(subject))) {
      problems.push({ file: list[0]!.file, code: 'subject-missing', message: `审核对象 ${subject} 不存在（${subjectPath(subject)}）。`, messageEn: `The subject ${subject} does not exist (${subjectPath(subject)}).` });
      continue;
    }
    intact.push({ subject, files: list.slice(0, upTo < 0 ? list.length : upTo) });
  }

  // 2. Re-judge every act in time order over the ledger as it stood before it.
  const walk = intact.flatMap(({ subject, files: fs }) => fs.map((f) => ({ subject, file: f, d: f.data as unknown as Decision })))
    .sort((a, b) => Date.parse(a.d.at) - Date.parse(b.d.at) || a.subject.localeCompare(b.subject) || a.d.seq - b.d.seq);
  const state = new MemoryContent([...files].filter(([p]) => !p.startsWith(`${DECISIONS_DIR}/`)));
  const currentRegistry = files.get(OFFICERS_PATH);
  const atCommit = history ? await history.read([...new Set(walk.flatMap(({ subject, file }) => {
    const c = history.addedIn.get(file.file);
    return c ? [`${c}:${OFFICERS_PATH}`, `${c}:${subjectPath(subject)}`] : [];
  }))]) : new Map<string, Uint8Array | undefined>();
  const stopped = new Set<string>();
  for (const { subject, file, d } of walk) {
    if (stopped.has(subject)) continue;
    const fail = (code: string, message: string, messageEn: string) => {
      problems.push({ file: file.file, code, message, messageEn });
      stopped.add(subject);
    };
    const commit = history?.addedIn.get(file.file);
    const registry = commit ? atCommit.get(`${commit}:${OFFICERS_PATH}`) : currentRegistry;
    if (registry) state.set(OFFICERS_PATH, registry); else state.delete(OFFICERS_PATH);
    if (commit) {
      const judged = atCommit.get(`${commit}:${subjectPath(subject)}`);
      if (!judged || sha256(judged) !== d.revision) {
        fail('revision', `所审版本 ${d.revision.slice(0, 12)}… 与提交 ${commit.slice(0, 12)} 中的 ${subjectPath(subject)} 不符。`, `The revision ${d.revision.slice(0, 12)}… is not ${subjectPath(subject)} as of commit ${commit.slice(0, 12)}.`);
        continue;
      }
    }
    const snap = await snapshotFrom(state, 'audit', subject);
    const j = judge({
      subject, action: d.action, login: d.actor.login, at: new Date(d.at), source: d.source,
      ...(d.reason ? { reason: d.reason } : {}), ...(d.scores ? { scores: d.scores } : {}), ...(d.actor.role === 'system' ? { system: true } : {}),
    }, snap, { revalidate: false });
    if (j.ok === false) { fail(`act-${j.code}`, `该决定当时不应成立：${j.zh}`, `This act should not have been possible: ${j.en}`); continue; }
    if (j.ok === 'replay') { fail('duplicate-source', `同一事件（${d.source.kind}:${d.source.id}）被记录了两次。`, `The same event (${d.source.kind}:${d.source.id}) is recorded twice.`); continue; }
    const mismatch = (['subject', 'seq', 'action', 'from', 'to', 'at', 'prev'] as const).find((k) => j.decision[k] !== d[k])
      ?? (j.decision.actor.role !== d.actor.role ? 'actor.role' : undefined)
      ?? (d.actor.role === 'system' && d.action !== 'submit' ? 'actor.role' : undefined);
    if (mismatch) {
      fail('mismatch', `记录的 ${mismatch} 与按规则重新得出的不一致（记录为 ${JSON.stringify(pick(d, mismatch))}，应为 ${JSON.stringify(pick(j.decision, mismatch))}）。`,
        `The recorded ${mismatch} differs from what the rules give (recorded ${JSON.stringify(pick(d, mismatch))}, expected ${JSON.stringify(pick(j.decision, mismatch))}).`);
      continue;
    }
    state.set(file.file, file.bytes);
  }

  // 4. The invariants over the whole ledger as it lies (what the site derives its statuses from).
  for (const i of crossRecordIssues(records, buildCatalog(records))) {
    if (i.params.rule === 'max-three' || i.params.rule === 'subject-exists') problems.push({ file: i.file, code: `invariant-${String(i.params.rule)}`, message: i.message, messageEn: i.messageEn });
  }

  problems.sort((a, b) => a.file.localeCompare(b.file));
  return { subjects: chains.size, decisions, git: !!history, problems };
}

function pick(d: Decision, key: string): unknown {
  return key === 'actor.role' ? d.actor.role : d[key as keyof Decision];
}

/** The git history of the content folder, or undefined outside a git work tree. */
async function gitHistory(contentDir: string): Promise<History | undefined> {
  const top = await git(['rev-parse', '--show-toplevel'], { cwd: contentDir, allowFail: true });
  if (top.code !== 0) return undefined;
  const root = top.stdout.toString('utf8').trim();
  const hasHead = (await git(['rev-parse', '-q', '--verify', 'HEAD'], { cwd: root, allowFail: true })).code === 0;
  if (!hasHead) return undefined;
  const prefix = relative(root, contentDir).split(sep).join('/'); // usually "content"
  const toRepo = (gitPath: string) => `content${gitPath.slice(prefix.length)}`; // as the audit names files
  const toGit = (path: string) => `${prefix}${path.slice('content'.length)}`;
  const dir = `${prefix}/decisions`;
  const problems: AuditProblem[] = [];

  const added = new Map<string, string>();
  const log = (await git(['log', '--format=%x00%H', '--name-only', '--diff-filter=A', '--no-renames', '--', dir], { cwd: root })).stdout.toString('utf8');
  for (const block of log.split('\0').filter(Boolean)) {
    const [commit, ...paths] = block.trim().split('\n');
    for (const p of paths.filter(Boolean)) if (!added.has(toRepo(p))) added.set(toRepo(p), commit!); // newest first: keep the latest addition
  }
  // The ledger is append-only: a decision file changed, deleted or renamed in history was tampered with.
  const changed = (await git(['log', '--format=%x00%H', '--name-status', '--diff-filter=MDRT', '--no-renames', '--', dir], { cwd: root })).stdout.toString('utf8');
  for (const block of changed.split('\0').filter(Boolean)) {
    const [commit, ...lines] = block.trim().split('\n');
    for (const line of lines.filter(Boolean)) {
      const [status, path] = line.split('\t') as [string, string];
      const what = status.startsWith('D') ? { zh: '删除', en: 'deleted' } : { zh: '修改', en: 'modified' };
      problems.push({ file: toRepo(path), code: `history-${what.en}`, message: `台账记录在提交 ${commit!.slice(0, 12)} 中被${what.zh}：记录只能追加，不能修改或删除。`, messageEn: `The ledger record was ${what.en} in commit ${commit!.slice(0, 12)}: records are appended, never changed or deleted.` });
    }
  }
  const status = (await git(['status', '--porcelain=v1', '-z', '--untracked-files=no', '--', dir], { cwd: root })).stdout.toString('utf8');
  for (const entry of status.split('\0').filter(Boolean)) {
    const path = toRepo(entry.slice(3));
    const what = entry.slice(0, 2).includes('D') ? { zh: '删除', en: 'deleted' } : { zh: '修改', en: 'modified' };
    problems.push({ file: path, code: `worktree-${what.en}`, message: `台账记录在工作区中被${what.zh}（与已提交的版本不同）。`, messageEn: `The ledger record is ${what.en} in the work tree (it differs from the committed one).` });
  }
  return {
    addedIn: added,
    problems,
    async read(specs) {
      const out = new Map<string, Uint8Array | undefined>();
      if (!specs.length) return out;
      const { stdout } = await git(['cat-file', '--batch'], { cwd: root, input: specs.map((s) => { const [c, p] = s.split(':') as [string, string]; return `${c}:${toGit(p)}\n`; }).join('') });
      let at = 0;
      for (const spec of specs) {
        const nl = stdout.indexOf(0x0a, at);
        const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(stdout.subarray(at, nl).toString('utf8'));
        at = nl + 1;
        if (!m) { out.set(spec, undefined); continue; }
        out.set(spec, m[1] === 'blob' ? new Uint8Array(stdout.subarray(at, at + Number(m[2]))) : undefined);
        at += Number(m[2]) + 1;
      }
      return out;
    },
  };
}
