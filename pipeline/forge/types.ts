/**
 * What the pipeline needs from a forge, and nothing more. Two adapters implement it: the
 * local git adapter (the embedded default: a work tree on disk, issue/PR output recorded
 * instead of posted) and the GitHub REST adapter (tested against a local HTTP server).
 * Decision logic talks to this interface only and never imports @actions/*.
 */

export interface FileChange {
  /** Repository-relative path with forward slashes; must stay inside content/ unless the caller is trusted code. */
  path: string;
  /** New content; `null` deletes the file. */
  content: Uint8Array | string | null;
}

export type CommitResult =
  | { ok: true; sha: string }
  /** The branch head is no longer `expectedHead` (someone else wrote first): re-read and retry or give up. */
  | { ok: false; reason: 'moved'; head: string };

export interface CommitRequest {
  branch: string;
  /** Compare-and-swap: the commit lands only if the branch head is still this sha. */
  expectedHead: string;
  message: string;
  files: FileChange[];
  /** Author of the change (the submitter or officer); the committer is the pipeline. */
  author?: { name: string; email: string };
}

/** A file a change adds, modifies or deletes. */
export interface FileStatus {
  path: string;
  status: 'added' | 'modified' | 'deleted';
}

export type AttachmentFetch =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; reason: 'not-allowed' | 'too-large' | 'missing' | 'failed'; status?: number };

export interface ForgeComment {
  id: number;
  author: string;
  body: string;
  isBot: boolean;
  /** When the forge says it was written and last edited (ISO), and its address: what a catch-up needs to replay it. */
  createdAt?: string;
  updatedAt?: string;
  url?: string;
}

export interface Forge {
  /**
   * Each call is a round trip over the network (GitHub): the intake then answers as soon as
   * its checks and its claim are done, and edits the answer once the slower writes land.
   * A local repository answers once, at the end.
   */
  readonly remote?: boolean;
  /** The login the pipeline acts as on this forge (the actor of its own decisions, the author of its comments). */
  readonly botLogin: string;
  /** Head sha of a branch, or undefined when it does not exist. */
  head(branch: string): Promise<string | undefined>;
  readFile(path: string, ref: string): Promise<Uint8Array | undefined>;
  /** Optional batch form of readFile (one round trip); callers fall back to readFile. */
  readFiles?(paths: readonly string[], ref: string): Promise<Map<string, Uint8Array | undefined>>;
  /** Repository-relative paths of all files under `dir` at `ref`. */
  listFiles(dir: string, ref: string): Promise<string[]>;
  /**
   * Optional: run a read-decide-commit step while no other writer through this forge runs
   * one (a local repository can; a remote forge cannot and relies on compare-and-swap).
   */
  exclusive?<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * Optional: the forge login (or git author name) of the commit that added `path` at `ref`
   * — who filed an entry the intake wrote (its commits carry the submitter as author).
   */
  fileAuthor?(path: string, ref: string): Promise<string | undefined>;
  /**
   * Optional: what `head` changes against `base` from their merge base, as a pull request
   * shows it (GitHub's compare API: one call); callers otherwise compare the two trees.
   */
  changedFiles?(base: string, head: string): Promise<FileStatus[]>;
  /** Atomic multi-file commit with compare-and-swap on the branch head. */
  commit(request: CommitRequest): Promise<CommitResult>;
  /** Create `branch` at `sha` (no-op when it already points there). */
  createBranch(branch: string, sha: string): Promise<void>;

  /** The one bot comment carrying `marker` on an issue or PR: created once, then edited in place. */
  upsertComment(number: number, marker: string, body: string): Promise<{ id: number; created: boolean }>;
  /** A new comment (short replies to commands). */
  reply(number: number, body: string): Promise<void>;
  listComments(number: number): Promise<ForgeComment[]>;
  /** Make the issue's labels among `managed` exactly `labels`; other labels are left alone. */
  setLabels(number: number, labels: string[], managed: string[]): Promise<void>;
  /**
   * Optional: the bytes of a file attached to an issue (a stamped scan), from the forge's own
   * attachment links only, and never more than `maxBytes` (the transfer stops there).
   */
  fetchAttachment?(link: string, maxBytes: number): Promise<AttachmentFetch>;
  /**
   * Optional: a commit status on `sha` (GitHub; branch protection can require its context).
   * A local repository has nowhere to show one.
   */
  setStatus?(
    sha: string,
    state: 'success' | 'failure' | 'pending' | 'error',
    description: string,
    context: string,
  ): Promise<void>;
  /** Open (or find the open) pull request from `head` into `base`. */
  openPullRequest(request: {
    head: string;
    base: string;
    title: string;
    body: string;
  }): Promise<{ number: number; url: string }>;
}
