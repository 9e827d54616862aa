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
 *    modified or deleted (nor changed in the work tree), each decision's `revision` is the
 *    sha256 of the submission file in the commit that added it, and — given the pipeline's
 *    committer identities (`--committer`) — that commit was committed by the pipeline;
 * 4. at the end, the derived statuses keep the invariants.
 *
 * An act recorded on someone's behalf must carry its evidence, and a scan it names must be
 * in the content folder with the digest recorded (checked as part of re-judging it).
 *
 * Problems name the first broken link of each chain; later acts of a broken chain are
 * not judged (they stand on a link that does not hold).
 *
 * At the scale of a national archive (hundreds of thousands of files) the audit never holds
 * the whole content: an act is judged on its demand's neighbourhood only (snapshot.ts reads
 * the demand, its applications, their chains, the applicants' profiles, the round and the
 * registry), so the audit goes demand by demand — the demand's files read and parsed, its
 * chains checked and its acts re-judged in time order, then let go — in batches on worker
 * threads. Of each batch only its problems and the facts the invariants need (the compact
 * cross-record index) come back.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { CrossIndex, crossFacts, maxThreeIssues, orphanChainIssues, type Facts } from '../content/cross-record.ts';
import { idFromPath } from '../domain/kinds.ts';
import { listContent, recordFromBytes, type LoadedRecord } from '../content/load.ts';
import { readSettings } from '../content/settings.ts';
import { mapOrdered, threadsFor } from '../content/workers.ts';
import { git } from '../forge/git.ts';
import type { Decision } from '../generated/types.ts';
import type { Kind } from '../schema/registry.ts';
import { demandOf } from './authorize.ts';
import { checkChain } from './chain.ts';
import { judge } from './decide.ts';
import { subjectWithheld } from './seal-act.ts';
import { DECISIONS_DIR, sha256 } from './ledger.ts';
import { MemoryContent, OFFICERS_PATH, rememberParsed, snapshotFrom, subjectPath } from './snapshot.ts';
import { ROUND_ID } from '../domain/ids.ts';
import { demandOfApplicationFile } from '../domain/layout.ts';
import { byCodeUnits } from '../domain/order.ts';

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
  /** The commit the ledger's append-only history is checked from (site.yml's ledgerSince), when one is set. */
  gitSince?: string;
  problems: AuditProblem[];
}

/** Where a repository's history is read: the work tree's top and the content folder's path in it. */
interface GitPlace {
  root: string;
  prefix: string;
}

interface History extends GitPlace {
  /** Decision file → the commit that added it (the starting commit, for those the ledger started with). */
  addedIn: Map<string, string>;
  since?: string;
  problems: AuditProblem[];
}

/**
 * Where the ledger's append-only history starts: site.yml's `ledgerSince`, a commit of this
 * history. Before it, the ledger may have been rewritten (a template's sample ledger
 * regenerated, a deployment clearing the sample); from it on, every decision file is added
 * once and never changed. One that is not an ancestor of HEAD (the content copied into
 * another repository, a typo) is ignored: the whole history is checked, which is stricter.
 */
async function ledgerSince(contentDir: string, root: string): Promise<string | undefined> {
  const since: unknown = (await readSettings(contentDir))?.ledgerSince;
  if (typeof since !== 'string') return undefined;
  const known = (await git(['merge-base', '--is-ancestor', since, 'HEAD'], { cwd: root, allowFail: true })).code === 0;
  return known ? since : undefined;
}

/**
 * A demand's files by repository path: the demand, its applications, and the chains of both;
 * `context`: its round's chain (read, not audited here: a closed round bounds its acts).
 */
interface Group {
  files: Array<[string, Kind]>;
  context?: Array<[string, Kind]>;
}

/** What the audit of a batch of demands needs besides their files. */
export interface AuditContext {
  /** The folder holding the content folder: repository paths are relative to it. */
  base: string;
  /** The repository, when its history is checked. */
  git?: GitPlace;
}

export interface BatchTask {
  groups: Group[];
  addedIn: Array<[string, string]>;
}

export interface BatchResult {
  subjects: number;
  decisions: number;
  problems: AuditProblem[];
  /** Facts of the batch's demands, applications and decisions, for the invariants across the ledger. */
  facts: Array<[string, Facts]>;
}

/** Demands per batch, and how many demands are worth starting threads for. */
const BATCH = 48;
const THREADS_FROM = 400;

/** Audit the content folder `contentDir` (its parent is taken as the repository root for paths). */
export interface AuditOptions {
  /** Check git history too (default: when the folder is in a git work tree). */
  git?: boolean;
  /** Worker threads (0: all on this thread); by default both cores for hundreds of demands. */
  threads?: number;
  /** Demands per batch (a worker's task). */
  batch?: number;
  /**
   * The pipeline's committer identities (emails): when given, every commit that added a
   * decision must have been committed by one of them (a decision that arrived any other way
   * — a merged pull request, a hand-made push — is reported).
   */
  committers?: readonly string[];
}

export async function auditDirectory(contentDir: string, options: AuditOptions = {}): Promise<AuditResult> {
  const abs = resolve(contentDir);
  const base = dirname(abs);
  const history = options.git === false ? undefined : await gitHistory(abs, options.committers);
  const problems: AuditProblem[] = history ? [...history.problems] : [];

  // Files are named by their repository path (content/…), wherever the folder is.
  const groups = new Map<string, Group>();
  const rounds: string[] = [];
  for (const [f, kind] of (await listContent([abs])).known) {
    const path = relative(base, f).split(sep).join('/');
    if (kind === 'round') rounds.push(idFromPath(path));
    const key = groupOf(path, kind);
    if (key !== undefined) (groups.get(key) ?? groups.set(key, { files: [] }).get(key)!).files.push([path, kind]);
  }
  // A round's chain (closing it) is audited on its own and read by each of its demands.
  for (const [key, g] of groups) {
    if (!ROUND_ID.test(key)) continue;
    const chain = g.files.filter(([p]) => p.startsWith(`${DECISIONS_DIR}/`));
    for (const [other, h] of groups) if (other.startsWith(`${key}-`)) h.context = chain;
  }
  const batches: BatchTask[] = [];
  const keys = [...groups.keys()].sort();
  const size = options.batch ?? BATCH;
  for (let i = 0; i < keys.length; i += size) {
    const batch = keys.slice(i, i + size).map((k) => groups.get(k)!);
    const addedIn: Array<[string, string]> = [];
    if (history)
      for (const g of batch)
        for (const [p] of g.files) {
          const c = history.addedIn.get(p);
          if (c) addedIn.push([p, c]);
        }
    batches.push({ groups: batch, addedIn });
  }
  const ctx: AuditContext = { base, ...(history ? { git: { root: history.root, prefix: history.prefix } } : {}) };

  let subjects = 0;
  let decisions = 0;
  const index = new CrossIndex();
  for (const id of rounds) index.rounds.add(id); // a round's own chain (closing it) is no orphan
  const take = (r: BatchResult) => {
    subjects += r.subjects;
    decisions += r.decisions;
    problems.push(...r.problems);
    for (const [file, facts] of r.facts) index.add(file, facts);
  };
  const threads = options.threads ?? threadsFor(groups.size, THREADS_FROM);
  if (threads > 0) {
    await mapOrdered<BatchTask, BatchResult>(new URL('./audit-worker.ts', import.meta.url), batches, take, {
      threads,
      workerData: ctx,
    });
  } else {
    for (const b of batches) take(await auditBatch(b, ctx));
  }

  // 4. The invariants over the whole ledger as it lies (what the site derives its statuses from).
  for (const i of [...maxThreeIssues(index), ...orphanChainIssues(index)]) {
    problems.push({
      file: i.file,
      code: `invariant-${String(i.params.rule)}`,
      message: i.message,
      messageEn: i.messageEn,
    });
  }

  problems.sort((a, b) => byCodeUnits(a.file, b.file));
  return { subjects, decisions, git: !!history, ...(history?.since ? { gitSince: history.since } : {}), problems };
}

/**
 * The demand a file belongs to, for what an act is judged on: a chain by its subject's
 * demand, an application as snapshots find it (by file name), a demand by its folder.
 * Other records (profiles, rounds, the registry) are read where they lie when asked for.
 */
function groupOf(path: string, kind: Kind): string | undefined {
  if (path.startsWith(`${DECISIONS_DIR}/`)) return demandOf(path.split('/')[2]!);
  if (kind === 'demand') return path.split('/')[2];
  if (kind === 'application') return demandOfApplicationFile(path) ?? demandOf(idFromPath(path));
  return undefined;
}

/**
 * A batch of demands audited: 1. their chains, 2. their acts re-judged in time order, and
 * the facts of their records for 4. The same for every batch, on whatever thread.
 */
export async function auditBatch(task: BatchTask, ctx: AuditContext): Promise<BatchResult> {
  const out: BatchResult = { subjects: 0, decisions: 0, problems: [], facts: [] };
  const addedIn = new Map(task.addedIn);
  const currentRegistry = readBytes(ctx.base, OFFICERS_PATH);
  const audits: Array<{ content: ArchiveContent; walk: Act[] }> = [];

  for (const group of task.groups) {
    const records: LoadedRecord[] = group.files.map(([path, kind]) => ({
      ...recordFromBytes(path, kind, readBytes(ctx.base, path)!),
      file: path,
    }));
    const context: LoadedRecord[] = (group.context ?? []).map(([path, kind]) => ({
      ...recordFromBytes(path, kind, readBytes(ctx.base, path)!),
      file: path,
    }));
    rememberParsed(records);
    for (const r of records) {
      const facts =
        r.data && (r.kind === 'demand' || r.kind === 'application' || r.kind === 'decision')
          ? crossFacts(r.kind, r.data)
          : undefined;
      if (facts) out.facts.push([r.file, facts]);
    }

    // 1. Chains, by the folder they lie in.
    const chains = new Map<string, LoadedRecord[]>();
    for (const r of records) {
      if (!r.file.startsWith(`${DECISIONS_DIR}/`)) continue;
      const subject = r.file.split('/')[2]!;
      (chains.get(subject) ?? chains.set(subject, []).get(subject)!).push(r);
    }
    const intact: Array<{ subject: string; files: LoadedRecord[] }> = [];
    for (const [subject, list] of [...chains].sort(([a], [b]) => byCodeUnits(a, b))) {
      list.sort((a, b) => byCodeUnits(a.file, b.file));
      out.subjects++;
      out.decisions += list.length;
      const broken = checkChain(subject, list);
      const upTo = broken ? list.findIndex((f) => f.file === broken.file) : list.length;
      if (broken)
        out.problems.push({
          file: broken.file,
          code: `chain-${broken.code}`,
          message: broken.zh,
          messageEn: broken.en,
        });
      if (!existsSync(join(ctx.base, subjectPath(subject)))) {
        out.problems.push({
          file: list[0]!.file,
          code: 'subject-missing',
          message: `审核对象 ${subject} 不存在（${subjectPath(subject)}）。`,
          messageEn: `The subject ${subject} does not exist (${subjectPath(subject)}).`,
        });
        continue;
      }
      intact.push({ subject, files: list.slice(0, upTo < 0 ? list.length : upTo) });
    }
    const walk = intact
      .flatMap(({ subject, files: fs }) => fs.map((f) => ({ subject, file: f, d: f.data as unknown as Decision })))
      .sort(
        (a, b) => Date.parse(a.d.at) - Date.parse(b.d.at) || byCodeUnits(a.subject, b.subject) || a.d.seq - b.d.seq,
      );
    audits.push({
      content: new ArchiveContent(
        ctx.base,
        [...records.filter((r) => !r.file.startsWith(`${DECISIONS_DIR}/`)), ...context].map((r) => [r.file, r.bytes]),
      ),
      walk,
    });
  }

  // The registries and submissions as of each act's commit, for the whole batch in one read.
  const atCommit = ctx.git
    ? await readAtCommits(ctx.git, [
        ...new Set(
          audits.flatMap(({ walk }) =>
            walk.flatMap(({ subject, file }) => {
              const c = addedIn.get(file.file);
              return c ? [`${c}:${OFFICERS_PATH}`, `${c}:${subjectPath(subject)}`] : [];
            }),
          ),
        ),
      ])
    : new Map<string, Uint8Array | undefined>();

  // 2. Re-judge every act in time order over the ledger as it stood before it.
  for (const { content: state, walk } of audits) {
    const stopped = new Set<string>();
    for (const { subject, file, d } of walk) {
      if (stopped.has(subject)) continue;
      const fail = (code: string, message: string, messageEn: string) => {
        out.problems.push({ file: file.file, code, message, messageEn });
        stopped.add(subject);
      };
      const commit = ctx.git ? addedIn.get(file.file) : undefined;
      const registry = commit ? atCommit.get(`${commit}:${OFFICERS_PATH}`) : currentRegistry;
      if (registry) state.set(OFFICERS_PATH, registry);
      else state.delete(OFFICERS_PATH);
      if (commit) {
        const judged = atCommit.get(`${commit}:${subjectPath(subject)}`);
        if (!judged || sha256(judged) !== d.revision) {
          fail(
            'revision',
            `所审版本 ${d.revision.slice(0, 12)}… 与提交 ${commit.slice(0, 12)} 中的 ${subjectPath(subject)} 不符。`,
            `The revision ${d.revision.slice(0, 12)}… is not ${subjectPath(subject)} as of commit ${commit.slice(0, 12)}.`,
          );
          continue;
        }
      }
      const snap = await snapshotFrom(state, 'audit', subject);
      const j = judge(
        {
          subject,
          action: d.action,
          login: d.actor.login,
          at: new Date(d.at),
          source: d.source,
          // A sealed act (seal-act.ts) holds its reason in the blob: without a key the audit
          // takes the reason as given and checks the rest.
          ...(d.reason ? { reason: d.reason } : typeof d.sealed === 'string' ? { reason: SEALED_REASON } : {}),
          ...(d.scores ? { scores: d.scores } : {}),
          ...(d.actor.role === 'system' ? { system: true } : {}),
          ...(d.contract ? { contract: d.contract } : {}),
          ...(d.catalogueNo ? { catalogueNo: d.catalogueNo } : {}),
          ...(d.engagement ? { engagement: d.engagement } : {}),
          ...(d.actor.role === 'submitter' ? { submitter: true } : {}),
          // Evidence: required for an act on someone's behalf, and a named scan present with its digest.
          ...(d.onBehalfOf ? { onBehalfOf: d.onBehalfOf } : {}),
          ...(d.evidence ? { evidence: d.evidence } : {}),
          ...(d.evidence?.file && EVIDENCE_FILE.test(d.evidence.file) ? evidenceBytes(ctx.base, d.evidence.file) : {}),
        },
        snap,
        { revalidate: false },
      );
      if (j.ok === false) {
        fail(`act-${j.code}`, `该决定当时不应成立：${j.zh}`, `This act should not have been possible: ${j.en}`);
        continue;
      }
      if (typeof d.sealed === 'string' && !subjectWithheld(snap)) {
        fail(
          'sealed-public',
          `该决定的理由被加密，但 ${subject} 是公开的：只有关于不公开记录的决定才加密存放。`,
          `This act's reason is sealed, but ${subject} is public: only acts on withheld records are sealed.`,
        );
        continue;
      }
      if (j.ok === 'replay') {
        fail(
          'duplicate-source',
          `同一事件（${d.source.kind}:${d.source.id}）被记录了两次。`,
          `The same event (${d.source.kind}:${d.source.id}) is recorded twice.`,
        );
        continue;
      }
      const mismatch =
        (['subject', 'seq', 'action', 'from', 'to', 'at', 'prev'] as const).find((k) => j.decision[k] !== d[k]) ??
        (j.decision.actor.role !== d.actor.role ? 'actor.role' : undefined) ??
        (d.actor.role === 'system' && d.action !== 'submit' ? 'actor.role' : undefined);
      if (mismatch) {
        fail(
          'mismatch',
          `记录的 ${mismatch} 与按规则重新得出的不一致（记录为 ${JSON.stringify(pick(d, mismatch))}，应为 ${JSON.stringify(pick(j.decision, mismatch))}）。`,
          `The recorded ${mismatch} differs from what the rules give (recorded ${JSON.stringify(pick(d, mismatch))}, expected ${JSON.stringify(pick(j.decision, mismatch))}).`,
        );
        continue;
      }
      state.set(file.file, file.bytes);
    }
  }
  return out;
}

interface Act {
  subject: string;
  file: LoadedRecord;
  d: Decision;
}

/** Stands in for a sealed act's reason when it is re-judged without a key. */
const SEALED_REASON = '（密封）';

const EVIDENCE_FILE = /^content\/decisions\/[A-Z0-9-]+\/evidence\/[A-Za-z0-9][A-Za-z0-9._-]{0,120}$/;

function evidenceBytes(base: string, path: string): { evidenceFile?: Uint8Array } {
  const bytes = readBytes(base, path);
  return bytes ? { evidenceFile: bytes } : {};
}

function readBytes(base: string, path: string): Uint8Array | undefined {
  try {
    return readFileSync(join(base, path));
  } catch {
    return undefined;
  }
}

/**
 * A demand's neighbourhood as the ledger stood at some act: its own files and the decisions
 * accepted so far in memory; any other record an act looks at (a profile, the round) read
 * from the content folder when first asked for — records other than decisions and the
 * registry are the same at every act. The registry is set for each act.
 */
class ArchiveContent extends MemoryContent {
  private readonly base: string;
  private readonly elsewhere = new Map<string, Uint8Array | undefined>();

  constructor(base: string, files: Array<[string, Uint8Array]>) {
    super(files);
    this.base = base;
  }

  override async read(paths: readonly string[]): Promise<Map<string, Uint8Array | undefined>> {
    const out = await super.read(paths);
    for (const p of paths) {
      if (out.get(p) !== undefined || p === OFFICERS_PATH || p.startsWith(`${DECISIONS_DIR}/`)) continue;
      if (!this.elsewhere.has(p)) this.elsewhere.set(p, readBytes(this.base, p));
      out.set(p, this.elsewhere.get(p));
    }
    return out;
  }
}

function pick(d: Decision, key: string): unknown {
  return key === 'actor.role' ? d.actor.role : d[key as keyof Decision];
}

/** The git history of the content folder, or undefined outside a git work tree. */
async function gitHistory(contentDir: string, committers?: readonly string[]): Promise<History | undefined> {
  const top = await git(['rev-parse', '--show-toplevel'], { cwd: contentDir, allowFail: true });
  if (top.code !== 0) return undefined;
  const root = top.stdout.toString('utf8').trim();
  const hasHead = (await git(['rev-parse', '-q', '--verify', 'HEAD'], { cwd: root, allowFail: true })).code === 0;
  if (!hasHead) return undefined;
  const prefix = relative(root, contentDir).split(sep).join('/'); // usually "content"
  const toRepo = (gitPath: string) => `content${gitPath.slice(prefix.length)}`; // as the audit names files
  const dir = `${prefix}/decisions`;
  const problems: AuditProblem[] = [];

  const added = new Map<string, string>();
  const since = await ledgerSince(contentDir, root);
  const range = since ? [`${since}..HEAD`] : [];
  const pipeline = committers ? new Set(committers.map((c) => c.toLowerCase())) : undefined;
  // `%x01` separates the commit from its committer's email (no file name holds it).
  const log = (
    await git(
      ['log', ...range, '--format=%x00%H%x01%ce', '--name-only', '--diff-filter=A', '--no-renames', '--', dir],
      { cwd: root },
    )
  ).stdout.toString('utf8');
  for (const block of log.split('\0').filter(Boolean)) {
    const [head, ...paths] = block.trim().split('\n');
    const [commit, email] = head!.split('\x01') as [string, string];
    for (const p of paths.filter(Boolean)) {
      if (added.has(toRepo(p))) continue; // newest first: keep the latest addition
      added.set(toRepo(p), commit);
      if (pipeline && !pipeline.has(email.toLowerCase())) {
        problems.push({
          file: toRepo(p),
          code: 'history-committer',
          message: `台账记录由提交 ${commit.slice(0, 12)} 加入，其提交者（${email}）不是审核流水线：决定只能由流水线写入，不能经合并请求或手工推送加入。`,
          messageEn: `The ledger record was added by commit ${commit.slice(0, 12)}, committed by ${email}, not the review pipeline: decisions are written by the pipeline only, never through a pull request or a push by hand.`,
        });
      }
    }
  }
  // The ledger the history starts from: its files are judged against the tree of that commit.
  if (since) {
    const start = (await git(['ls-tree', '-r', '--name-only', since, '--', dir], { cwd: root })).stdout.toString(
      'utf8',
    );
    for (const p of start.split('\n').filter(Boolean)) if (!added.has(toRepo(p))) added.set(toRepo(p), since);
  }
  // The ledger is append-only: a decision file changed, deleted or renamed in history was tampered with.
  const changed = (
    await git(['log', ...range, '--format=%x00%H', '--name-status', '--diff-filter=MDRT', '--no-renames', '--', dir], {
      cwd: root,
    })
  ).stdout.toString('utf8');
  for (const block of changed.split('\0').filter(Boolean)) {
    const [commit, ...lines] = block.trim().split('\n');
    for (const line of lines.filter(Boolean)) {
      const [status, path] = line.split('\t') as [string, string];
      const what = status.startsWith('D') ? { zh: '删除', en: 'deleted' } : { zh: '修改', en: 'modified' };
      problems.push({
        file: toRepo(path),
        code: `history-${what.en}`,
        message: `台账记录在提交 ${commit!.slice(0, 12)} 中被${what.zh}：记录只能追加，不能修改或删除。`,
        messageEn: `The ledger record was ${what.en} in commit ${commit!.slice(0, 12)}: records are appended, never changed or deleted.`,
      });
    }
  }
  const status = (
    await git(['status', '--porcelain=v1', '-z', '--untracked-files=no', '--', dir], { cwd: root })
  ).stdout.toString('utf8');
  for (const entry of status.split('\0').filter(Boolean)) {
    const path = toRepo(entry.slice(3));
    const what = entry.slice(0, 2).includes('D') ? { zh: '删除', en: 'deleted' } : { zh: '修改', en: 'modified' };
    problems.push({
      file: path,
      code: `worktree-${what.en}`,
      message: `台账记录在工作区中被${what.zh}（与已提交的版本不同）。`,
      messageEn: `The ledger record is ${what.en} in the work tree (it differs from the committed one).`,
    });
  }
  return { root, prefix, addedIn: added, ...(since ? { since } : {}), problems };
}

/** `<commit>:<path>` → the bytes of that file at that commit (undefined where it was not), in one `git cat-file`. */
async function readAtCommits(
  { root, prefix }: GitPlace,
  specs: string[],
): Promise<Map<string, Uint8Array | undefined>> {
  const out = new Map<string, Uint8Array | undefined>();
  if (!specs.length) return out;
  const toGit = (path: string) => `${prefix}${path.slice('content'.length)}`;
  const { stdout } = await git(['cat-file', '--batch'], {
    cwd: root,
    input: specs
      .map((s) => {
        const [c, p] = s.split(':') as [string, string];
        return `${c}:${toGit(p)}\n`;
      })
      .join(''),
  });
  let at = 0;
  for (const spec of specs) {
    const nl = stdout.indexOf(0x0a, at);
    const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(stdout.subarray(at, nl).toString('utf8'));
    at = nl + 1;
    if (!m) {
      out.set(spec, undefined);
      continue;
    }
    out.set(spec, m[1] === 'blob' ? new Uint8Array(stdout.subarray(at, at + Number(m[2]))) : undefined);
    at += Number(m[2]) + 1;
  }
  return out;
}
