/**
 * The Forge over a local git repository: the embedded default, with no network.
 *
 * Commits are built beside the work tree, never through it: file contents become blobs
 * (`hash-object -w`), the parent's tree is read into a throw-away index (GIT_INDEX_FILE),
 * the changes are applied there, `write-tree` + `commit-tree` make the commit, and
 * `update-ref <branch> <new> <expected>` moves the branch only if it still points at the
 * expected head — git's compare-and-swap. Concurrent writers therefore never overwrite
 * each other (the loser is told the branch moved and retries on the new head), and a crash
 * at any point leaves the branch at the old commit or the new one: objects written before
 * the ref moved are unreferenced and collected by `git gc`.
 *
 * When the branch is the one checked out in a non-bare repository, the work tree and the
 * index are brought up to the branch head for the paths a commit touched, under a lock,
 * skipping (and reporting in `skippedSync`) any path someone has changed by hand. A bare
 * repository, or a branch that is not checked out, is only a ref: nothing else is touched.
 *
 * Issue and pull-request operations have nowhere to go, so they are recorded in an outbox
 * (`<git dir>/jiebang/outbox.json`, see outbox.ts): the CLI prints it, tests read it, and
 * upserts by marker make repeated runs idempotent.
 */
import { mkdtemp, mkdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { withFileLock } from './file-lock.ts';
import { git, gitText, GitError } from './git.ts';
import { PIPELINE_LOGIN } from '../domain/identity.ts';
import { issueOf, logEntry, Outbox, type OutboxData } from './outbox.ts';
import type { CommitRequest, CommitResult, FileChange, Forge, ForgeComment } from './types.ts';
import { byCodeUnits } from '../domain/order.ts';

export interface LocalGitOptions {
  /** Login recorded as the author of the pipeline's comments. */
  botLogin?: string;
  /** Committer of every commit (the author is the request's author, or this). */
  committer?: { name: string; email: string };
  /** Base of the URLs given to pull requests; `file://<repository>` by default. */
  baseUrl?: string;
  /** Keep a checked-out work tree in step with the branch (default true). */
  syncWorkTree?: boolean;
}

interface RepoInfo {
  gitDir: string;
  /** Top of the work tree; undefined for a bare repository. */
  workTree: string | undefined;
}

const DEFAULT_COMMITTER = { name: 'jiebang', email: 'jiebang@pipeline.invalid' };
const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A repository-relative path that cannot escape the tree or reach into .git. */
export function assertSafePath(path: string): void {
  const bad = (why: string) => {
    throw new Error(`unsafe repository path ${JSON.stringify(path)}: ${why}`);
  };
  if (!path || path.length > 4096) bad('empty or too long');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(path)) bad('control character or backslash');
  if (path.startsWith('/')) bad('absolute');
  for (const part of path.split('/')) {
    if (part === '' || part === '.' || part === '..') bad('empty, . or .. segment');
    if (part.toLowerCase() === '.git') bad('.git segment');
  }
}

export function assertBranchName(branch: string): void {
  const ok =
    /^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(branch) &&
    !branch.includes('..') &&
    !branch.includes('//') &&
    !branch.endsWith('/') &&
    !branch.endsWith('.') &&
    !branch.endsWith('.lock') &&
    !branch.includes('/.') &&
    branch.length <= 200;
  if (!ok) throw new Error(`invalid branch name ${JSON.stringify(branch)}`);
}

export class LocalGitForge implements Forge {
  readonly dir: string;
  readonly botLogin: string;
  /** Paths a commit could not bring into the work tree because they were changed by hand. */
  readonly skippedSync: string[] = [];
  private readonly options: LocalGitOptions;
  private info?: Promise<RepoInfo>;

  constructor(dir: string, options: LocalGitOptions = {}) {
    this.dir = dir;
    this.options = options;
    this.botLogin = options.botLogin ?? PIPELINE_LOGIN;
  }

  private repo(): Promise<RepoInfo> {
    this.info ??= (async () => {
      // One git start for a work tree (each costs tens of ms on a slow machine); in a bare
      // repository --show-toplevel fails, and the first two questions are asked alone.
      const questions = ['rev-parse', '--absolute-git-dir', '--is-bare-repository'];
      const all = await git([...questions, '--show-toplevel'], { cwd: this.dir, allowFail: true });
      const answer = all.code === 0 ? all : await git(questions, { cwd: this.dir });
      const [gitDir, bare, workTree] = answer.stdout.toString('utf8').trim().split('\n');
      return { gitDir: gitDir!, workTree: bare === 'true' ? undefined : workTree };
    })();
    return this.info;
  }

  /** The directory the adapter keeps its own files in (outbox, locks). */
  async stateDir(): Promise<string> {
    return join((await this.repo()).gitDir, 'jiebang');
  }

  async outbox(): Promise<Outbox> {
    return new Outbox(await this.stateDir());
  }

  // ── Git ──────────────────────────────────────────────────────────────────

  async head(branch: string): Promise<string | undefined> {
    assertBranchName(branch);
    const r = await git(['rev-parse', '-q', '--verify', `refs/heads/${branch}^{commit}`], {
      cwd: this.dir,
      allowFail: true,
    });
    return r.code === 0 ? r.stdout.toString('utf8').trim() : undefined;
  }

  async readFile(path: string, ref: string): Promise<Uint8Array | undefined> {
    return (await this.readFiles([path], ref)).get(path);
  }

  /** Many files at one ref in a single `git cat-file --batch` (missing ones map to undefined). */
  async readFiles(paths: readonly string[], ref: string): Promise<Map<string, Uint8Array | undefined>> {
    paths.forEach(assertSafePath);
    const commit = await this.resolveCommit(ref);
    const objects = await this.batch(paths.map((p) => `${commit}:${p}`));
    return new Map(
      paths.map((p) => {
        const o = objects.get(`${commit}:${p}`);
        return [p, o ? new Uint8Array(o.bytes) : undefined];
      }),
    );
  }

  /**
   * Run `fn` while no other writer through this adapter (in any process) runs its own:
   * commitWithRetry reads, decides and commits inside it, so writers on one machine take
   * turns instead of all deciding on the same head and all but one starting over.
   */
  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return withFileLock(join((await this.repo()).gitDir, 'jiebang', 'write.lock'), fn);
  }

  /** The forge account that added `path` (from its noreply author address), if an account did. */
  async fileAuthor(path: string, ref: string): Promise<string | undefined> {
    assertSafePath(path);
    const commit = await this.resolveCommit(ref);
    const { stdout } = await git(['log', '--diff-filter=A', '--format=%ae', commit, '--', path], { cwd: this.dir });
    const email = stdout.toString('utf8').trim().split('\n').filter(Boolean).at(-1);
    // Only an author the forge knows as an account (the intake writes <id>+<login>@users.noreply.github.com) names one.
    return email ? /^(?:\d+\+)?([^@]+)@users\.noreply\.github\.com$/i.exec(email)?.[1] : undefined;
  }

  async listFiles(dir: string, ref: string): Promise<string[]> {
    const clean = dir.replace(/\/+$/, '');
    if (clean) assertSafePath(clean);
    const commit = await this.resolveCommit(ref);
    const { stdout } = await git(
      ['ls-tree', '-r', '-z', '--name-only', '--full-tree', commit, '--', ...(clean ? [clean] : [])],
      { cwd: this.dir },
    );
    return stdout.toString('utf8').split('\0').filter(Boolean).sort();
  }

  /**
   * What `head` changes against `base`, from their merge base — what a pull request shows
   * (`git diff base...head`): files the base branch gained since are not the head's changes.
   * Renames are a deletion and an addition.
   */
  async changedFiles(
    base: string,
    head: string,
  ): Promise<Array<{ path: string; status: 'added' | 'modified' | 'deleted' }>> {
    const [from, to] = await Promise.all([this.resolveCommit(base), this.resolveCommit(head)]);
    const { stdout } = await git(['diff', '--name-status', '-z', '--no-renames', `${from}...${to}`], { cwd: this.dir });
    const parts = stdout.toString('utf8').split('\0').filter(Boolean);
    const out: Array<{ path: string; status: 'added' | 'modified' | 'deleted' }> = [];
    for (let i = 0; i + 1 < parts.length; i += 2) {
      const code = parts[i]!;
      out.push({ path: parts[i + 1]!, status: code === 'A' ? 'added' : code === 'D' ? 'deleted' : 'modified' });
    }
    return out.sort((a, b) => byCodeUnits(a.path, b.path));
  }

  private async resolveCommit(ref: string): Promise<string> {
    if (ref.startsWith('-')) throw new Error(`invalid ref ${JSON.stringify(ref)}`);
    if (SHA.test(ref)) return ref; // a full sha needs no lookup; reading a missing one fails anyway
    const r = await git(['rev-parse', '-q', '--verify', `${ref}^{commit}`], { cwd: this.dir, allowFail: true });
    if (r.code !== 0) throw new Error(`no such commit or branch: ${ref}`);
    return r.stdout.toString('utf8').trim();
  }

  async createBranch(branch: string, sha: string): Promise<void> {
    assertBranchName(branch);
    const commit = await this.resolveCommit(sha);
    const current = await this.head(branch);
    if (current === commit) return;
    if (current) throw new Error(`branch ${branch} exists at ${current}, not ${commit}`);
    const zero = '0'.repeat(commit.length);
    const r = await git(['update-ref', '-m', 'jiebang: create branch', `refs/heads/${branch}`, commit, zero], {
      cwd: this.dir,
      allowFail: true,
    });
    if (r.code !== 0 && (await this.head(branch)) !== commit)
      throw new GitError(['update-ref', branch], r.code, r.stderr);
  }

  async commit(request: CommitRequest): Promise<CommitResult> {
    const { branch, expectedHead, files } = request;
    assertBranchName(branch);
    if (!SHA.test(expectedHead))
      throw new Error(`expectedHead must be a full commit sha, got ${JSON.stringify(expectedHead)}`);
    const seen = new Set<string>();
    for (const f of files) {
      assertSafePath(f.path);
      if (seen.has(f.path)) throw new Error(`path ${f.path} appears twice in one commit`);
      seen.add(f.path);
    }
    const { gitDir } = await this.repo();
    // Writers through this adapter take turns (a lock per repository), so while one builds
    // its commit the others learn cheaply that the head moved instead of all building
    // commits only one can land. update-ref stays the real compare-and-swap, which also
    // holds against writers that do not use the lock (git itself, a push).
    const result = await withFileLock(join(gitDir, 'jiebang', 'commit.lock'), async (): Promise<CommitResult> => {
      const current = await this.head(branch);
      if (current === undefined) throw new Error(`branch ${branch} does not exist`);
      if (current !== expectedHead) return { ok: false, reason: 'moved', head: current };

      const [tree, parentTree] = await Promise.all([
        this.buildTree(expectedHead, files),
        gitText(['rev-parse', `${expectedHead}^{tree}`], { cwd: this.dir }),
      ]);
      if (tree === parentTree) return { ok: true, sha: expectedHead }; // nothing changes: no empty commit

      const committer = this.options.committer ?? DEFAULT_COMMITTER;
      const author = request.author ?? committer;
      const env = {
        GIT_AUTHOR_NAME: author.name,
        GIT_AUTHOR_EMAIL: author.email,
        GIT_COMMITTER_NAME: committer.name,
        GIT_COMMITTER_EMAIL: committer.email,
      };
      const sha = await gitText(['commit-tree', tree, '-p', expectedHead, '-F', '-'], {
        cwd: this.dir,
        input: request.message,
        env,
      });
      const moved = await this.compareAndSwap(branch, sha, expectedHead, request.message);
      return moved === undefined ? { ok: true, sha } : { ok: false, reason: 'moved', head: moved };
    });
    if (result.ok && result.sha !== expectedHead && this.options.syncWorkTree !== false) {
      await this.syncWorkTree(
        branch,
        expectedHead,
        files.map((f) => f.path),
      );
    }
    return result;
  }

  /** The tree of `parent` with `files` applied, built in a temporary index. */
  private async buildTree(parent: string, files: FileChange[]): Promise<string> {
    const blobs = await Promise.all(
      files.map(async (f) =>
        f.content === null ? undefined : gitText(['hash-object', '-w', '--stdin'], { cwd: this.dir, input: f.content }),
      ),
    );
    const tmp = await mkdtemp(join(tmpdir(), 'jiebang-index-'));
    try {
      const env = { GIT_INDEX_FILE: join(tmp, 'index') };
      await git(['read-tree', parent], { cwd: this.dir, env });
      const adds = files.flatMap((f, i) => (blobs[i] ? [`100644 ${blobs[i]}\t${f.path}\0`] : []));
      const removes = files.filter((f) => f.content === null).map((f) => `${f.path}\0`);
      if (adds.length) await git(['update-index', '-z', '--index-info'], { cwd: this.dir, env, input: adds.join('') });
      if (removes.length)
        await git(['update-index', '-z', '--force-remove', '--stdin'], { cwd: this.dir, env, input: removes.join('') });
      return await gitText(['write-tree'], { cwd: this.dir, env });
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  }

  /** Move the branch to `sha` if it is still at `expected`; the head it moved to otherwise. */
  private async compareAndSwap(
    branch: string,
    sha: string,
    expected: string,
    message: string,
  ): Promise<string | undefined> {
    for (let attempt = 0; ; attempt++) {
      const r = await git(
        ['update-ref', '-m', `jiebang: ${message.split('\n')[0]}`, `refs/heads/${branch}`, sha, expected],
        { cwd: this.dir, allowFail: true },
      );
      if (r.code === 0) return undefined;
      const head = await this.head(branch);
      if (head !== expected) return head ?? '';
      // Still at `expected`: another writer holds the ref's lock and may yet fail; wait for it.
      if (!/lock/i.test(r.stderr) || attempt >= 100) throw new GitError(['update-ref', branch], r.code, r.stderr);
      await sleep(5 + Math.random() * 20);
    }
  }

  /**
   * Bring the checked-out work tree and index up to the branch head for `paths`. Every
   * sync writes what the head holds when it runs, under one lock, so concurrent commits
   * leave the work tree at the final head whatever order their syncs run in. A path is
   * left alone when its file differs from the index, or its index entry is neither the
   * parent's nor the head's version (someone changed it by hand).
   */
  private async syncWorkTree(branch: string, parent: string, paths: string[]): Promise<void> {
    const { workTree, gitDir } = await this.repo();
    if (!workTree) return;
    await withFileLock(join(gitDir, 'jiebang', 'worktree.lock'), async () => {
      const checkedOut = await git(['symbolic-ref', '-q', 'HEAD'], { cwd: workTree, allowFail: true });
      if (checkedOut.stdout.toString('utf8').trim() !== `refs/heads/${branch}`) return;
      const head = (await this.head(branch))!;
      const indexed = await this.indexBlobIds(workTree, paths);
      // One batch: each path at the head and at the parent, and each index entry's content.
      const specs = [
        ...paths.map((p) => `${head}:${p}`),
        ...paths.map((p) => `${parent}:${p}`),
        ...[...indexed.values()],
      ];
      const objects = await this.batch(specs);
      const update: string[] = [];
      for (const p of paths) {
        const target = objects.get(`${head}:${p}`);
        const inParent = objects.get(`${parent}:${p}`);
        const inIndex = indexed.get(p);
        const full = join(workTree, p);
        const onDisk = await readFile(full).catch(() => undefined);
        const same = (a: { bytes: Buffer } | undefined, b: Buffer | undefined) =>
          a === undefined ? b === undefined : b !== undefined && a.bytes.equals(b);
        const clean =
          inIndex === undefined
            ? onDisk === undefined || same(target, onDisk)
            : same(objects.get(inIndex), onDisk) && (inIndex === inParent?.id || inIndex === target?.id);
        if (!clean) {
          this.skippedSync.push(p);
          continue;
        }
        if (target === undefined) await unlink(full).catch(() => {});
        else {
          await mkdir(dirname(full), { recursive: true });
          await writeFile(full, target.bytes);
        }
        update.push(p);
      }
      if (update.length)
        await this.retryOnIndexLock(() =>
          git(['update-index', '--add', '--remove', '-z', '--stdin'], {
            cwd: workTree,
            input: update.map((p) => `${p}\0`).join(''),
          }),
        );
    });
  }

  /** Objects by `<rev>:<path>` or by id, read in one `git cat-file --batch`; missing ones are left out. */
  private async batch(specs: string[]): Promise<Map<string, { id: string; bytes: Buffer }>> {
    const out = new Map<string, { id: string; bytes: Buffer }>();
    if (!specs.length) return out;
    const { stdout } = await git(['cat-file', '--batch'], {
      cwd: this.dir,
      input: specs.map((s) => `${s}\n`).join(''),
    });
    let at = 0;
    for (const spec of specs) {
      const nl = stdout.indexOf(0x0a, at);
      const m = /^([0-9a-f]+) (\w+) (\d+)$/.exec(stdout.subarray(at, nl).toString('utf8'));
      at = nl + 1;
      if (!m) continue;
      const size = Number(m[3]);
      if (m[2] === 'blob') out.set(spec, { id: m[1]!, bytes: stdout.subarray(at, at + size) });
      at += size + 1;
    }
    return out;
  }

  private async indexBlobIds(workTree: string, paths: string[]): Promise<Map<string, string>> {
    const { stdout } = await git(['ls-files', '-s', '-z', '--', ...paths.map((p) => `:(literal)${p}`)], {
      cwd: workTree,
    });
    const out = new Map<string, string>();
    for (const line of stdout.toString('utf8').split('\0').filter(Boolean)) {
      const m = /^\d+ ([0-9a-f]+) \d\t(.*)$/s.exec(line);
      if (m) out.set(m[2]!, m[1]!);
    }
    return out;
  }

  private async retryOnIndexLock<T>(fn: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn();
      } catch (e) {
        if (!(e instanceof GitError) || !/index\.lock/.test(e.stderr) || attempt >= 50) throw e;
        await sleep(20 + Math.random() * 30);
      }
    }
  }

  // ── Issues and pull requests: recorded in the outbox ────────────────────

  async upsertComment(number: number, marker: string, body: string): Promise<{ id: number; created: boolean }> {
    const outbox = await this.outbox();
    return outbox.update((data) => {
      const issue = issueOf(data, number);
      const now = new Date().toISOString();
      const existing = issue.comments.find((c) => c.marker === marker);
      if (existing) {
        if (existing.body !== body) {
          existing.body = body;
          existing.updatedAt = now;
          logEntry(data, { op: 'edit-comment', number, body });
        }
        return { id: existing.id, created: false };
      }
      const id = data.nextCommentId++;
      issue.comments.push({ id, author: this.botLogin, body, isBot: true, marker, createdAt: now, updatedAt: now });
      logEntry(data, { op: 'comment', number, body });
      return { id, created: true };
    });
  }

  async reply(number: number, body: string): Promise<void> {
    const outbox = await this.outbox();
    await outbox.update((data) => {
      const now = new Date().toISOString();
      issueOf(data, number).comments.push({
        id: data.nextCommentId++,
        author: this.botLogin,
        body,
        isBot: true,
        createdAt: now,
        updatedAt: now,
      });
      logEntry(data, { op: 'comment', number, body });
    });
  }

  async listComments(number: number): Promise<ForgeComment[]> {
    const data = await (await this.outbox()).read();
    return (data.issues[String(number)]?.comments ?? []).map(({ id, author, body, isBot }) => ({
      id,
      author,
      body,
      isBot,
    }));
  }

  async setLabels(number: number, labels: string[], managed: string[]): Promise<void> {
    const outbox = await this.outbox();
    await outbox.update((data) => {
      const issue = issueOf(data, number);
      const kept = issue.labels.filter((l) => !managed.includes(l));
      const next = [...new Set([...kept, ...labels])];
      if (next.length === issue.labels.length && next.every((l, i) => l === issue.labels[i])) return;
      issue.labels = next;
      logEntry(data, { op: 'labels', number, labels: next });
    });
  }

  async openPullRequest(request: {
    head: string;
    base: string;
    title: string;
    body: string;
  }): Promise<{ number: number; url: string }> {
    assertBranchName(request.head);
    assertBranchName(request.base);
    const base = this.options.baseUrl ?? `file://${(await this.repo()).workTree ?? (await this.repo()).gitDir}`;
    const outbox = await this.outbox();
    return outbox.update((data) => {
      const open = data.pullRequests.find(
        (p) => p.state === 'open' && p.head === request.head && p.base === request.base,
      );
      if (open) return { number: open.number, url: open.url };
      const number = nextNumber(data);
      const url = `${base}/pull/${number}`;
      data.pullRequests.push({ number, ...request, url, state: 'open' });
      logEntry(data, { op: 'pull-request', number, body: request.title, url });
      return { number, url };
    });
  }
}

/** Issues and pull requests share one numbering, as on GitHub. */
function nextNumber(data: OutboxData): number {
  const used = [...Object.keys(data.issues).map(Number), ...data.pullRequests.map((p) => p.number)];
  return Math.max(0, ...used) + 1;
}
