/**
 * A pull request into the catalogue's branch, checked: who may touch which paths
 * (path-rules.ts), then every changed file under content/ against its schema, the
 * programme's rules and the cross-record rules among the records around it, each problem
 * placed on its file and line. `checkPullRequest` only reads (the untrusted job runs it
 * with a read-only token and turns the result into annotations); `handlePullRequest` also
 * answers with one summary comment, edited in place, and the 待修改 label (trusted job, CLI).
 */
import { buildCatalog } from '../content/catalog.ts';
import { crossRecordIssues, crossRecordWarnings, indexCatalog, publicAnswerIssues } from '../content/cross-record.ts';
import { kindForPath } from '../domain/kinds.ts';
import type { LoadedRecord } from '../content/load.ts';
import type { EventContext, Outcome } from '../events/types.ts';
import type { Forge } from '../forge/types.ts';
import type { Application, Decision, Officers } from '../generated/types.ts';
import { isScanPath, scanFileProblem } from '../paper/scan/pr-scan.ts';
import { cleartextIssues, redactIssues } from '../seal/cleartext.ts';
import { sealAtRest } from '../privacy/visibility.ts';
import { issuerSizeWarning, type IssuerFigures } from '../rules/issuer-size.ts';
import { sizeDeferredNote } from './check.ts';
import { decisionFiles, forgeReader, loadRecords, loadSite, recordAt, type ContentReader } from './content.ts';
import { NEEDS_CHANGES } from './labels.ts';
import { readPullRequestEvent, type PullRequestEvent } from '../events/payload.ts';
import { pathProblems, subjectOfPath, type Change, type PathProblem } from './path-rules.ts';
import { PR_MARKER, renderPullRequestComment, type FileProblem } from './pr-comment.ts';

export type { FileProblem };
import { lineOfPointer } from './yaml-lines.ts';
import { demandOfId, isDemandId } from '../domain/ids.ts';
import { byCodeUnits } from '../domain/order.ts';

const HANDLED = new Set(['opened', 'synchronize', 'reopened', 'ready_for_review', 'edited']);
export const PR_MANAGED_LABELS = [NEEDS_CHANGES];
/** The commit status branch protection can require: set by the trusted report, and by the intake on its own branches. */
export const CHECK_STATUS_CONTEXT = 'jiebang / 内容检查';

export interface PullRequestOutcome extends Outcome {
  /** Problems on files and lines (annotations). */
  problems: FileProblem[];
  /** Files checked (changed records under content/). */
  checked: string[];
  notes: string[];
}

const IGNORED: PullRequestOutcome = {
  verdict: 'ignored',
  labels: [],
  written: [],
  errors: [],
  problems: [],
  checked: [],
  notes: [],
};

/**
 * What the pull request changes. The forge says when it can (GitHub: the compare API,
 * against the merge base); otherwise the two trees are compared file by file.
 */
export async function changedFiles(forge: Forge, base: string, head: string): Promise<Change[]> {
  if (forge.changedFiles) return forge.changedFiles(base, head);
  const [before, after] = await Promise.all([forge.listFiles('', base), forge.listFiles('', head)]);
  const had = new Set(before);
  const has = new Set(after);
  const common = after.filter((p) => had.has(p));
  const [a, b] = await Promise.all([forgeReader(forge, base).read(common), forgeReader(forge, head).read(common)]);
  const same = (x?: Uint8Array, y?: Uint8Array) =>
    !!x && !!y && x.byteLength === y.byteLength && Buffer.from(x).equals(Buffer.from(y));
  return [
    ...after.filter((p) => !had.has(p)).map((path) => ({ path, status: 'added' as const })),
    ...common.filter((p) => !same(a.get(p), b.get(p))).map((path) => ({ path, status: 'modified' as const })),
    ...before.filter((p) => !has.has(p)).map((path) => ({ path, status: 'deleted' as const })),
  ].sort((x, y) => byCodeUnits(x.path, y.path));
}

const ROUNDS = /^content\/rounds\/[^/]+\.yml$/;

/** The records the cross-record rules look at for these changed records. */
function neighbourPaths(paths: readonly string[], changed: readonly LoadedRecord[]): string[] {
  const want = new Set<string>();
  const add = (p: string) => {
    if (paths.includes(p)) want.add(p);
  };
  const addPrefix = (prefix: string) => {
    for (const p of paths) if (p.startsWith(prefix)) want.add(p);
  };
  for (const r of changed) {
    const d = r.data ?? {};
    if (r.kind === 'demand' || r.kind === 'application' || r.kind === 'decision')
      paths.filter((p) => ROUNDS.test(p)).forEach(add);
    if (r.kind === 'demand') addPrefix(`content/decisions/${r.locationId}/`);
    if (r.kind === 'application' || r.kind === 'decision') {
      const demandId = demandOfId(String(r.kind === 'application' ? d.demandId : d.subject));
      if (!isDemandId(demandId)) continue;
      add(`content/demands/${demandId}/index.yml`);
      add(`content/catalogue/${demandId}.yml`);
      addPrefix(`content/applications/${demandId}-A`);
      addPrefix(`content/decisions/${demandId}/`);
      addPrefix(`content/decisions/${demandId}-A`);
    }
    if (r.kind === 'application') {
      const uscc = (d.applicant as Record<string, unknown> | undefined)?.uscc;
      if (typeof uscc === 'string' && /^[0-9A-Z]{18}$/.test(uscc)) add(`content/enterprises/${uscc}/index.yml`);
      add('content/site.yml'); // the bureau's area
    }
    if (r.kind === 'external') paths.filter((p) => ROUNDS.test(p)).forEach(add);
    if (r.kind === 'officers') {
      for (const o of (d as unknown as Officers).officers ?? [])
        for (const id of o.demands ?? []) if (isDemandId(id)) add(`content/demands/${id}/index.yml`);
    }
  }
  for (const r of changed) want.delete(r.file);
  return [...want];
}

/** For the intake's own branch `submission/issue-<n>`: the subject issue n was accepted as, per the ledger. */
async function ownSubject(
  pr: PullRequestEvent,
  reader: ContentReader,
  changes: readonly Change[],
): Promise<string | undefined> {
  const m = /^submission\/issue-(\d+)$/.exec(pr.headRef);
  if (!m || !pr.author.isBot || pr.fromFork) return undefined;
  const ids = [...new Set(changes.map((c) => subjectOfPath(c.path)?.id).filter((id): id is string => !!id))];
  const paths = await reader.paths();
  for (const id of ids) {
    const chain = await loadRecords(reader, decisionFiles(paths, id));
    if (
      chain.some((r) => {
        const s = (r.data as Decision | undefined)?.source;
        return s?.kind === 'issues' && s.id.split('.')[0] === m[1];
      })
    )
      return id;
  }
  return undefined;
}

const textOf = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

const IMAGE_FILE = /\.(?:png|jpe?g|webp)$/i;

/** The image format the bytes are, when it is the one the file name says (magic numbers). */
export function imageKind(b: Uint8Array, name: string): 'png' | 'jpeg' | 'webp' | undefined {
  const ext = name.toLowerCase().split('.').pop();
  const at = (i: number, ...xs: number[]) => xs.every((x, j) => b[i + j] === x);
  if (
    ext === 'png' &&
    b.length > 33 &&
    at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a) &&
    at(12, 0x49, 0x48, 0x44, 0x52)
  )
    return 'png';
  if ((ext === 'jpg' || ext === 'jpeg') && b.length > 4 && at(0, 0xff, 0xd8, 0xff)) return 'jpeg';
  if (ext === 'webp' && b.length > 16 && at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return 'webp';
  return undefined;
}

export async function checkPullRequest(ctx: EventContext): Promise<PullRequestOutcome> {
  const pr = readPullRequestEvent(ctx.payload);
  if (!pr || !HANDLED.has(pr.action) || pr.baseRef !== ctx.branch) return IGNORED;
  const changes = await changedFiles(ctx.forge, pr.baseSha, pr.headSha);
  const base = forgeReader(ctx.forge, pr.baseSha);
  const head = forgeReader(ctx.forge, pr.headSha);
  const [officersFile] = await loadRecords(base, ['content/officers.yml']);
  const officers = officersFile?.issues.length === 0 ? (officersFile.data as unknown as Officers) : undefined;
  // From the base branch: a pull request cannot switch sealing off for itself.
  const atRest = sealAtRest(await loadSite(base));
  const own = await ownSubject(pr, base, changes);
  const pathIssues: PathProblem[] = pathProblems(changes, {
    author: pr.author,
    officers,
    now: ctx.now,
    ...(own ? { ownSubject: own } : {}),
  });

  // Every added or modified file under content/ that is a record (images and the like are
  // not), except those refused by the path rules: they must leave the pull request anyway.
  const refusedFiles = new Set(pathIssues.map((p) => p.file));
  const touched = changes.filter(
    (c) => c.status !== 'deleted' && c.path.startsWith('content/') && !refusedFiles.has(c.path),
  );
  const problems: FileProblem[] = [];
  const recordFiles = touched.filter((c) => kindForPath(c.path)).map((c) => c.path);
  for (const c of touched) {
    if (!kindForPath(c.path) && /\.(ya?ml|json|mdx?)$/i.test(c.path)) {
      problems.push({
        file: c.path,
        line: 1,
        path: '',
        keyword: 'kind',
        message:
          '无法从位置判断记录类型：请放在 content/ 的 demands、enterprises、applications、decisions、rounds 或 pages 目录下。',
      });
    }
  }
  // A stamped scan in the pull request is judged by its bytes, as every other channel does.
  const scanFiles = touched.filter((c) => isScanPath(c.path)).map((c) => c.path);
  const scanBytes = await head.read(scanFiles);
  for (const file of scanFiles) {
    const problem = scanFileProblem(file, scanBytes.get(file), atRest);
    if (problem) problems.push({ file, line: 1, path: '', keyword: `scan:${problem.rule}`, message: problem.message });
  }
  // Images by their bytes, not their names: a symlink arrives as its target's path, a renamed
  // file as whatever it is; either is refused here (the build would skip it, or crash on it).
  const images = touched.filter((c) => IMAGE_FILE.test(c.path)).map((c) => c.path);
  if (images.length) {
    const got = await head.read(images);
    for (const file of images) {
      const b = got.get(file);
      if (!b || !imageKind(b, file))
        problems.push({
          file,
          line: 1,
          path: '',
          keyword: 'image',
          message: `${file}：文件内容不是与扩展名相符的 PNG、JPEG 或 WebP 图片（也不能是符号链接），请换成真实的图片文件。`,
        });
    }
  }
  const bytes = await head.read(recordFiles);
  const changed: LoadedRecord[] = [];
  for (const file of recordFiles) {
    const b = bytes.get(file);
    const record = b ? recordAt(file, b) : undefined;
    if (record) changed.push(record);
  }
  const paths = await head.paths();
  const neighbours = await loadRecords(head, neighbourPaths(paths, changed));
  const all = [...neighbours, ...changed];
  const catalog = buildCatalog(all.filter((r) => r.issues.length === 0));
  const cross = crossRecordIssues(all, catalog);
  const notes = new Set<string>();
  // What an officer should check (an applicant whose credit code was issued outside the area).
  const changedRecords = new Set(changed.map((r) => r.file));
  for (const w of crossRecordWarnings(indexCatalog(catalog)))
    if (changedRecords.has(w.file)) notes.add(`${w.file}：${w.message}`);
  for (const r of changed) {
    const isPage = r.kind === 'page';
    const text = textOf(r.bytes);
    // The comment is public: rules resting on another record's restricted fields wait for the officer.
    let issues = [...r.issues, ...publicAnswerIssues(cross.filter((i) => i.file === r.file))];
    // A public repository: restricted values may arrive only sealed, and no answer repeats one.
    if (atRest && r.data) issues = redactIssues(r.kind, r.data, [...issues, ...cleartextIssues(r.kind, r.data)]);
    for (const i of issues) {
      problems.push({
        file: r.file,
        line: lineOfPointer(text, i.path, isPage),
        path: i.path,
        keyword: i.keyword,
        message: i.message,
      });
    }
    if (r.kind === 'application' && r.data) {
      const note = sizeDeferredNote((r.data as unknown as Application).applicant?.uscc, catalog);
      if (note) notes.add(`${r.file}：${note}`);
    }
    if (r.kind === 'demand' && r.data) {
      const warning = issuerSizeWarning(r.data.issuer as IssuerFigures | undefined);
      if (warning) notes.add(`${r.file}：${warning.zh}`);
    }
  }
  const verdict = pathIssues.length ? 'refused' : problems.length ? 'invalid' : 'valid';
  const errors = [
    ...pathIssues.map((p) => ({ path: p.file, keyword: `path:${p.rule}`, message: p.message })),
    ...problems.map((p) => ({ path: `${p.file}#${p.path}`, keyword: p.keyword, message: p.message })),
  ];
  const comment = renderPullRequestComment({
    verdict,
    pathIssues,
    problems,
    checked: [...changed.map((r) => r.file), ...images],
    notes: [...notes],
  });
  return {
    verdict,
    comment,
    labels: verdict === 'valid' ? [] : [NEEDS_CHANGES],
    written: [],
    errors,
    problems: [
      ...pathIssues.map((p) => ({ file: p.file, line: 1, path: '', keyword: `path:${p.rule}`, message: p.message })),
      ...problems,
    ],
    checked: [...changed.map((r) => r.file), ...images],
    notes: [...notes],
  };
}

/**
 * The commit status for a checked pull request. A pull request that changes no content
 * record was checked for nothing: its status says so (commit statuses have no neutral
 * state; `success` keeps a required check from blocking a maintainers' code change, the
 * description keeps it from reading as an approval of content).
 */
export function checkStatus(outcome: Pick<PullRequestOutcome, 'verdict' | 'errors'> & { checked?: string[] }): {
  state: 'success' | 'failure';
  description: string;
} {
  if (outcome.verdict !== 'valid') return { state: 'failure', description: `${outcome.errors.length} 处问题，见评论` };
  if (!outcome.checked?.length)
    return { state: 'success', description: '未改动内容记录，未做内容检查（代码改动由维护者审核）' };
  return { state: 'success', description: '内容检查通过' };
}

/** Check, then answer on the pull request (one comment, edited in place) and set its label. */
export async function handlePullRequest(ctx: EventContext): Promise<PullRequestOutcome> {
  const outcome = await checkPullRequest(ctx);
  if (outcome.verdict === 'ignored') return outcome;
  const pr = readPullRequestEvent(ctx.payload)!;
  await ctx.forge.upsertComment(pr.number, PR_MARKER, outcome.comment!);
  await ctx.forge.setLabels(pr.number, outcome.labels, PR_MANAGED_LABELS);
  return outcome;
}
