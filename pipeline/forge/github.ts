/**
 * The Forge over GitHub's REST API, with node:http(s) (no client library to load in a
 * short-lived action). Commits are compare-and-swap through the git data API: blobs, a
 * tree on the parent's tree, a commit whose only parent is the expected head, then the
 * branch ref moved with `force: false` — GitHub refuses that update unless it is a
 * fast-forward, so a writer that lost the race is told the branch moved. Tested against
 * test/fixtures/fake-github, which speaks the same endpoints and records every call.
 */
import type { AttachmentFetch, CommitRequest, CommitResult, FileStatus, Forge, ForgeComment } from './types.ts';
import { byCodeUnits } from '../domain/order.ts';

export interface GitHubOptions {
  /** https://api.github.com, or GITHUB_API_URL (GitHub Enterprise, the fake server). */
  apiUrl: string;
  token: string;
  owner: string;
  repo: string;
  /** The login the token acts as (the decisions' actor for the pipeline's own acts). */
  botLogin?: string;
  /** The web origin whose attachment links (`/user-attachments/…`) may be fetched (GITHUB_SERVER_URL; default https://github.com). */
  webUrl?: string;
}

/** An issue comment as the REST API returns it (the fields the intake reads). */
interface RestComment {
  id: number;
  body?: string;
  user?: { login?: string; type?: string };
  created_at?: string;
  updated_at?: string;
  html_url?: string;
}

export class GitHubError extends Error {
  readonly status: number;
  constructor(method: string, path: string, status: number, detail: string) {
    super(`GitHub ${method} ${path} → ${status}${detail ? `: ${detail}` : ''}`);
    this.status = status;
  }
}

interface TreeEntry {
  path: string;
  type: 'blob' | 'tree' | 'commit';
  sha: string;
  mode: string;
}

const SHA = /^[0-9a-f]{40}$/;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// getBuiltinModule, not `import`: an ES import of node:http evaluates every export, and one
// of them (WebSocket) loads undici — tens of milliseconds for nothing in a one-event process.
const http = process.getBuiltinModule('node:http');
const https = process.getBuiltinModule('node:https');
const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };

/** One HTTP exchange: status and the whole body. Idle keep-alive sockets do not hold the process open. */
function send(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body?: Buffer,
): Promise<{ status: number; body: Buffer }> {
  const client = url.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const req = client(
      url,
      { method, headers, agent: agents[url.protocol as 'http:' | 'https:'], timeout: 60_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`GitHub ${method} ${url.pathname}: no answer within 60 s`)));
    req.on('error', reject);
    req.end(body);
  });
}

type Capped =
  { kind: 'redirect'; location: string } | { kind: 'too-large' } | { kind: 'done'; status: number; bytes: Uint8Array };

/** One GET that stops reading past `maxBytes` (a declared length over it is refused before the body). */
function fetchCapped(url: URL, headers: Record<string, string>, maxBytes: number): Promise<Capped> {
  const client = url.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const req = client(
      url,
      { method: 'GET', headers: { 'user-agent': 'jiebang-intake', ...headers }, timeout: 60_000 },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400 && res.headers.location) {
          res.resume();
          resolve({ kind: 'redirect', location: res.headers.location });
          return;
        }
        if (Number(res.headers['content-length'] ?? 0) > maxBytes) {
          res.destroy();
          resolve({ kind: 'too-large' });
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > maxBytes) {
            res.destroy();
            resolve({ kind: 'too-large' });
            return;
          }
          chunks.push(c);
        });
        res.on('end', () => resolve({ kind: 'done', status, bytes: new Uint8Array(Buffer.concat(chunks)) }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`attachment ${url.pathname}: no answer within 60 s`)));
    req.on('error', reject);
    req.end();
  });
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
/** The bytes as text when they are UTF-8 (what a tree entry's `content` can carry), else undefined. */
function utf8(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Each path segment encoded on its own (slashes stay separators). */
const encodePath = (path: string) => path.split('/').map(encodeURIComponent).join('/');

export class GitHubForge implements Forge {
  readonly remote = true;
  readonly botLogin: string;
  private readonly options: GitHubOptions;
  private readonly trees = new Map<string, Promise<TreeEntry[]>>();
  /** What never changes, kept for the life of the process: files at a commit, a commit's tree. */
  private readonly files = new Map<string, Promise<Uint8Array | undefined>>();
  private readonly treeOfCommit = new Map<string, string>();
  /** Branches this process created: no pull request can be open from them yet. */
  private readonly createdBranches = new Set<string>();
  /** An issue's comments as last read or written by this process (one event per issue at a time). */
  private readonly comments = new Map<number, RestComment[]>();

  constructor(options: GitHubOptions) {
    this.options = { ...options, apiUrl: options.apiUrl.replace(/\/+$/, '') };
    this.botLogin = options.botLogin ?? 'github-actions[bot]';
  }

  private get repoPath(): string {
    return `/repos/${encodeURIComponent(this.options.owner)}/${encodeURIComponent(this.options.repo)}`;
  }

  /**
   * One request; JSON in and out unless `raw`. Retries the few answers that mean "try
   * again". node:http(s) with a keep-alive agent rather than fetch: no undici and WebAssembly
   * parser to load in a process that lives for one event, and one connection reused.
   */
  private async request<T>(
    method: string,
    path: string,
    body?: unknown,
    accept = 'application/vnd.github+json',
  ): Promise<{ status: number; data: T; bytes?: Uint8Array }> {
    const url = new URL(`${this.options.apiUrl}${path}`);
    const payload = body !== undefined ? Buffer.from(JSON.stringify(body)) : undefined;
    for (let attempt = 1; ; attempt++) {
      const res = await send(
        url,
        method,
        {
          authorization: `Bearer ${this.options.token}`,
          accept,
          'x-github-api-version': '2022-11-28',
          'user-agent': 'jiebang-intake',
          ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.byteLength) } : {}),
        },
        payload,
      );
      if ([502, 503, 504].includes(res.status) && attempt < 3) {
        await sleep(200 * attempt);
        continue;
      }
      const ok = res.status >= 200 && res.status < 300;
      if (accept.includes('raw') && ok)
        return { status: res.status, data: undefined as T, bytes: new Uint8Array(res.body) };
      const text = res.body.toString('utf8');
      let data: T;
      try {
        data = text ? (JSON.parse(text) as T) : (undefined as T);
      } catch {
        data = { message: text.slice(0, 200) } as T; // an HTML error page from a proxy
      }
      return { status: res.status, data };
    }
  }

  private async ok<T>(method: string, path: string, body?: unknown, expect: number[] = [200, 201]): Promise<T> {
    const r = await this.request<T & { message?: string }>(method, path, body);
    if (!expect.includes(r.status)) throw new GitHubError(method, path, r.status, r.data?.message ?? '');
    return r.data;
  }

  // ── Issue attachments ────────────────────────────────────────────────────

  /**
   * A file attached to an issue. Only links on the forge's own web origin under
   * /user-attachments/ are fetched (no other host: the body is the submitter's text); the
   * token goes only to that origin; up to 3 redirects to https hosts of the same site or
   * githubusercontent.com (where GitHub keeps the files); the transfer stops past `maxBytes`.
   */
  async fetchAttachment(link: string, maxBytes: number): Promise<AttachmentFetch> {
    const origin = new URL(this.options.webUrl ?? 'https://github.com').origin;
    let url: URL;
    try {
      url = new URL(link);
    } catch {
      return { ok: false, reason: 'not-allowed' };
    }
    if (
      url.origin !== origin ||
      !/^\/user-attachments\/(?:files|assets)\/[^/]+\/[^/]+$/.test(url.pathname) ||
      url.username ||
      url.password
    )
      return { ok: false, reason: 'not-allowed' };
    for (let hop = 0; hop <= 3; hop++) {
      const own = url.origin === origin;
      const r = await fetchCapped(url, own ? { authorization: `Bearer ${this.options.token}` } : {}, maxBytes);
      if (r.kind === 'redirect') {
        const next = new URL(r.location, url);
        if (
          next.origin !== origin &&
          !(next.protocol === 'https:' && /(^|\.)githubusercontent\.com$/.test(next.hostname))
        )
          return { ok: false, reason: 'not-allowed' };
        url = next;
        continue;
      }
      if (r.kind === 'too-large') return { ok: false, reason: 'too-large' };
      if (r.status === 404 || r.status === 410) return { ok: false, reason: 'missing', status: r.status };
      if (r.status !== 200) return { ok: false, reason: 'failed', status: r.status };
      return { ok: true, bytes: r.bytes };
    }
    return { ok: false, reason: 'failed' };
  }

  // ── Git ──────────────────────────────────────────────────────────────────

  async head(branch: string): Promise<string | undefined> {
    const r = await this.request<{ object?: { sha?: string } }>(
      'GET',
      `${this.repoPath}/git/ref/heads/${encodePath(branch)}`,
    );
    if (r.status === 404) return undefined;
    if (r.status !== 200 || !r.data.object?.sha) throw new GitHubError('GET', `git/ref/heads/${branch}`, r.status, '');
    return r.data.object.sha;
  }

  async readFile(path: string, ref: string): Promise<Uint8Array | undefined> {
    const key = `${ref}:${path}`;
    const hit = this.files.get(key);
    if (hit) return hit;
    const read = (async () => {
      const r = await this.request<{ message?: string }>(
        'GET',
        `${this.repoPath}/contents/${encodePath(path)}?ref=${encodeURIComponent(ref)}`,
        undefined,
        'application/vnd.github.raw+json',
      );
      if (r.status === 404) return undefined;
      if (!r.bytes) throw new GitHubError('GET', `contents/${path}`, r.status, r.data?.message ?? '');
      return r.bytes;
    })();
    if (SHA.test(ref)) this.files.set(key, read);
    return read;
  }

  /** Many files at one ref, sixteen requests at a time (what one decision reads fits in one round trip). */
  async readFiles(paths: readonly string[], ref: string): Promise<Map<string, Uint8Array | undefined>> {
    const out = new Map<string, Uint8Array | undefined>();
    const queue = [...paths];
    const worker = async () => {
      for (let p = queue.shift(); p !== undefined; p = queue.shift()) out.set(p, await this.readFile(p, ref));
    };
    await Promise.all(Array.from({ length: Math.min(16, queue.length) }, worker));
    return new Map(paths.map((p) => [p, out.get(p)]));
  }

  /** Every entry of the tree at `ref`, recursively (walking level by level if GitHub truncates). */
  private tree(ref: string): Promise<TreeEntry[]> {
    let hit = this.trees.get(ref);
    if (!hit) {
      hit = (async () => {
        const t = await this.ok<{ sha: string; tree: TreeEntry[]; truncated?: boolean }>(
          'GET',
          `${this.repoPath}/git/trees/${encodeURIComponent(ref)}?recursive=1`,
        );
        if (SHA.test(ref)) this.treeOfCommit.set(ref, t.sha);
        if (!t.truncated) return t.tree;
        const walk = async (sha: string, prefix: string): Promise<TreeEntry[]> => {
          const level = await this.ok<{ tree: TreeEntry[] }>('GET', `${this.repoPath}/git/trees/${sha}`);
          const out: TreeEntry[] = [];
          for (const e of level.tree) {
            const full = { ...e, path: `${prefix}${e.path}` };
            out.push(full);
            if (e.type === 'tree') out.push(...(await walk(e.sha, `${full.path}/`)));
          }
          return out;
        };
        const commit = await this.ok<{ tree: { sha: string } }>(
          'GET',
          `${this.repoPath}/git/commits/${await this.commitSha(ref)}`,
        );
        return walk(commit.tree.sha, '');
      })();
      // Only immutable refs (commit shas) are worth keeping.
      if (SHA.test(ref)) this.trees.set(ref, hit);
    }
    return hit;
  }

  private async commitSha(ref: string): Promise<string> {
    if (SHA.test(ref)) return ref;
    const sha = await this.head(ref);
    if (!sha) throw new GitHubError('GET', `git/ref/heads/${ref}`, 404, 'no such branch');
    return sha;
  }

  async listFiles(dir: string, ref: string): Promise<string[]> {
    const prefix = dir.replace(/\/+$/, '');
    const entries = await this.tree(ref);
    return entries
      .filter((e) => e.type === 'blob' && (!prefix || e.path.startsWith(`${prefix}/`)))
      .map((e) => e.path)
      .sort();
  }

  /**
   * One commit of many files in four round trips whatever their number: text goes inline in
   * the tree request (GitHub writes those blobs itself), only binary files become blobs
   * first, all at once; then one tree on the parent's tree, one commit whose only parent is
   * the expected head, and the ref moved with `force: false`. No look at the ref first: the
   * update is refused unless it is a fast-forward from what the branch holds (GitHub: 422
   * "Update is not a fast forward"), which is the compare-and-swap; only then is the head
   * read, to say where it moved.
   */
  async commit(request: CommitRequest): Promise<CommitResult> {
    const { branch, expectedHead } = request;
    const parentTree =
      this.treeOfCommit.get(expectedHead) ??
      (await this.ok<{ tree: { sha: string } }>('GET', `${this.repoPath}/git/commits/${expectedHead}`)).tree.sha;
    const entries = await Promise.all(
      request.files.map(async (f) => {
        if (f.content === null) return { path: f.path, mode: '100644', type: 'blob', sha: null };
        const text = typeof f.content === 'string' ? f.content : utf8(f.content);
        if (text !== undefined) return { path: f.path, mode: '100644', type: 'blob', content: text };
        const blob = await this.ok<{ sha: string }>('POST', `${this.repoPath}/git/blobs`, {
          content: Buffer.from(f.content as Uint8Array).toString('base64'),
          encoding: 'base64',
        });
        return { path: f.path, mode: '100644', type: 'blob', sha: blob.sha };
      }),
    );
    const tree = await this.ok<{ sha: string }>('POST', `${this.repoPath}/git/trees`, {
      base_tree: parentTree,
      tree: entries,
    });
    if (tree.sha === parentTree) {
      const current = await this.head(branch);
      if (current === undefined) throw new Error(`branch ${branch} does not exist`);
      return current === expectedHead ? { ok: true, sha: expectedHead } : { ok: false, reason: 'moved', head: current };
    }
    const commit = await this.ok<{ sha: string }>('POST', `${this.repoPath}/git/commits`, {
      message: request.message,
      tree: tree.sha,
      parents: [expectedHead],
      ...(request.author ? { author: { ...request.author, date: new Date().toISOString() } } : {}),
    });
    this.treeOfCommit.set(commit.sha, tree.sha);
    const moved = await this.request<{ message?: string }>(
      'PATCH',
      `${this.repoPath}/git/refs/heads/${encodePath(branch)}`,
      { sha: commit.sha, force: false },
    );
    if (moved.status === 200) return { ok: true, sha: commit.sha };
    if (moved.status === 422 || moved.status === 409) {
      const now = await this.head(branch);
      if (now === undefined) throw new Error(`branch ${branch} does not exist`);
      // Refused as not a fast-forward: someone else wrote first.
      if (now !== expectedHead) return { ok: false, reason: 'moved', head: now };
    }
    throw new GitHubError('PATCH', `git/refs/heads/${branch}`, moved.status, moved.data?.message ?? '');
  }

  async createBranch(branch: string, sha: string): Promise<void> {
    const r = await this.request<{ message?: string }>('POST', `${this.repoPath}/git/refs`, {
      ref: `refs/heads/${branch}`,
      sha,
    });
    if (r.status === 201) {
      this.createdBranches.add(branch);
      return;
    }
    if (r.status === 422 && (await this.head(branch)) === sha) return;
    throw new GitHubError('POST', 'git/refs', r.status, r.data?.message ?? '');
  }

  /** What `head` changes against `base`, from their merge base (what a pull request shows). */
  async changedFiles(base: string, head: string): Promise<FileStatus[]> {
    const out: FileStatus[] = [];
    for (let page = 1; page <= 10; page++) {
      const r = await this.ok<{ files?: Array<{ filename: string; status: string; previous_filename?: string }> }>(
        'GET',
        `${this.repoPath}/compare/${encodeURIComponent(base)}...${encodeURIComponent(head)}?per_page=300&page=${page}`,
      );
      const files = r.files ?? [];
      for (const f of files) {
        if (f.status === 'renamed' && f.previous_filename)
          out.push({ path: f.previous_filename, status: 'deleted' }, { path: f.filename, status: 'added' });
        else
          out.push({
            path: f.filename,
            status:
              f.status === 'added' || f.status === 'copied' ? 'added' : f.status === 'removed' ? 'deleted' : 'modified',
          });
      }
      if (files.length < 300) break;
    }
    return out.sort((a, b) => byCodeUnits(a.path, b.path));
  }

  // ── Issues and pull requests ─────────────────────────────────────────────

  private async allComments(number: number): Promise<RestComment[]> {
    const known = this.comments.get(number);
    if (known) return known;
    const out: RestComment[] = [];
    for (let page = 1; page <= 30; page++) {
      const batch = await this.ok<typeof out>(
        'GET',
        `${this.repoPath}/issues/${number}/comments?per_page=100&page=${page}`,
      );
      out.push(...batch);
      if (batch.length < 100) break;
    }
    this.comments.set(number, out);
    return out;
  }

  async listComments(number: number): Promise<ForgeComment[]> {
    return (await this.allComments(number)).map((c) => ({
      id: c.id,
      author: c.user?.login ?? '',
      body: c.body ?? '',
      isBot: c.user?.type === 'Bot',
      ...(c.created_at ? { createdAt: c.created_at } : {}),
      ...(c.updated_at ? { updatedAt: c.updated_at } : {}),
      ...(c.html_url ? { url: c.html_url } : {}),
    }));
  }

  async upsertComment(number: number, marker: string, body: string): Promise<{ id: number; created: boolean }> {
    const all = await this.allComments(number);
    const mine = all.find((c) => c.user?.type === 'Bot' && (c.body ?? '').includes(marker));
    if (mine) {
      if (mine.body !== body) {
        await this.ok('PATCH', `${this.repoPath}/issues/comments/${mine.id}`, { body });
        mine.body = body;
      }
      return { id: mine.id, created: false };
    }
    const created = await this.ok<{ id: number; body?: string; user?: { login?: string; type?: string } }>(
      'POST',
      `${this.repoPath}/issues/${number}/comments`,
      { body },
    );
    all.push(created);
    return { id: created.id, created: true };
  }

  async reply(number: number, body: string): Promise<void> {
    await this.ok('POST', `${this.repoPath}/issues/${number}/comments`, { body });
  }

  /** Add what is missing, remove managed labels that should go; labels outside `managed` stay untouched. */
  async setLabels(number: number, labels: string[], managed: string[]): Promise<void> {
    const issue = await this.ok<{ labels?: Array<{ name?: string } | string> }>(
      'GET',
      `${this.repoPath}/issues/${number}`,
    );
    const current = new Set((issue.labels ?? []).map((l) => (typeof l === 'string' ? l : (l.name ?? ''))));
    const add = labels.filter((l) => !current.has(l));
    const remove = managed.filter((l) => current.has(l) && !labels.includes(l));
    if (add.length) await this.ok('POST', `${this.repoPath}/issues/${number}/labels`, { labels: add });
    for (const l of remove)
      await this.ok(
        'DELETE',
        `${this.repoPath}/issues/${number}/labels/${encodeURIComponent(l)}`,
        undefined,
        [200, 204, 404],
      );
  }

  async openPullRequest(request: {
    head: string;
    base: string;
    title: string;
    body: string;
  }): Promise<{ number: number; url: string }> {
    if (!this.createdBranches.has(request.head)) {
      const open = await this.ok<Array<{ number: number; html_url: string }>>(
        'GET',
        `${this.repoPath}/pulls?state=open&head=${encodeURIComponent(`${this.options.owner}:${request.head}`)}&base=${encodeURIComponent(request.base)}`,
      );
      if (open[0]) return { number: open[0].number, url: open[0].html_url };
    }
    const created = await this.ok<{ number: number; html_url: string }>('POST', `${this.repoPath}/pulls`, {
      ...request,
      maintainer_can_modify: false,
    });
    this.createdBranches.delete(request.head); // it has one now: look for it next time
    return { number: created.number, url: created.html_url };
  }

  /** A commit status on `sha` (branch protection can require its context). */
  async setStatus(
    sha: string,
    state: 'success' | 'failure' | 'pending' | 'error',
    description: string,
    context: string,
  ): Promise<void> {
    await this.ok('POST', `${this.repoPath}/statuses/${sha}`, {
      state,
      description: description.slice(0, 140),
      context,
    });
  }

  /** A pull request as the REST API describes it (the trusted job reads it instead of an artifact's word). */
  async fileAuthor(path: string, ref: string): Promise<string | undefined> {
    // Newest first; the file's first commit is the last one listed (a profile has few).
    const r = await this.request<Array<{ author?: { login?: string } | null }>>(
      'GET',
      `${this.repoPath}/commits?path=${encodeURIComponent(path)}&sha=${encodeURIComponent(ref)}&per_page=100`,
    );
    if (r.status !== 200 || !Array.isArray(r.data) || !r.data.length) return undefined;
    // Only an author GitHub knows as an account names one (not a free-form git name).
    return r.data.at(-1)!.author?.login ?? undefined;
  }

  async getPullRequest(number: number): Promise<Record<string, unknown> | undefined> {
    const r = await this.request<Record<string, unknown>>('GET', `${this.repoPath}/pulls/${number}`);
    return r.status === 200 ? r.data : undefined;
  }
}
