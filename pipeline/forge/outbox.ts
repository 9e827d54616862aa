/**
 * What the pipeline would post on a forge, when there is none: comments, labels and pull
 * requests recorded in one JSON file (`.git/jiebang/outbox.json` beside the repository it
 * concerns). The CLI prints it; tests read it. Every change is a read-modify-write under a
 * lock, written to a temporary file and renamed, so concurrent processes never lose one
 * and a crash leaves the previous file.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { withFileLock } from './file-lock.ts';

export interface OutboxComment {
  id: number;
  author: string;
  body: string;
  isBot: boolean;
  /** The upsert marker, for comments that are edited in place. */
  marker?: string;
  createdAt: string;
  updatedAt: string;
}

export interface OutboxPullRequest {
  number: number;
  head: string;
  base: string;
  title: string;
  body: string;
  url: string;
  state: 'open' | 'closed' | 'merged';
}

export interface OutboxEntry {
  /** Monotonic position in the log. */
  n: number;
  at: string;
  op: 'comment' | 'edit-comment' | 'labels' | 'pull-request';
  number: number;
  body?: string;
  labels?: string[];
  url?: string;
}

export interface OutboxData {
  version: 1;
  nextCommentId: number;
  issues: Record<string, { comments: OutboxComment[]; labels: string[] }>;
  pullRequests: OutboxPullRequest[];
  /** Every change in order, so a caller can print what a run would have posted. */
  log: OutboxEntry[];
}

const empty = (): OutboxData => ({ version: 1, nextCommentId: 1, issues: {}, pullRequests: [], log: [] });

export class Outbox {
  readonly file: string;
  constructor(dir: string) {
    this.file = join(dir, 'outbox.json');
  }

  async read(): Promise<OutboxData> {
    const text = await readFile(this.file, 'utf8').catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return undefined;
      throw e;
    });
    return text === undefined ? empty() : (JSON.parse(text) as OutboxData);
  }

  /** Apply `change` to the current data and save it, holding the lock throughout. */
  async update<T>(change: (data: OutboxData) => T): Promise<T> {
    return withFileLock(`${this.file}.lock`, async () => {
      const data = await this.read();
      const result = change(data);
      const tmp = `${this.file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      await writeFile(tmp, `${JSON.stringify(data, null, 2)}\n`);
      await rename(tmp, this.file);
      return result;
    });
  }
}

export function issueOf(data: OutboxData, number: number) {
  return (data.issues[String(number)] ??= { comments: [], labels: [] });
}

export function logEntry(data: OutboxData, entry: Omit<OutboxEntry, 'n' | 'at'>): void {
  data.log.push({ n: data.log.length + 1, at: new Date().toISOString(), ...entry });
}
