/**
 * One EventContext from what the runner gives, like actions/toolkit: the event file named
 * by GITHUB_EVENT_PATH, the event name, the repository and the token from the environment.
 * Tests set the environment (and point GITHUB_API_URL at a local server) instead of mocking
 * anything. The CLI builds the same context around a local git repository.
 */
import { readFile } from 'node:fs/promises';
import type { Forge } from '../forge/types.ts';
import type { EventContext, EventName } from './types.ts';
import { obj } from './payload.ts';

export const EVENT_NAMES: readonly EventName[] = ['issues', 'issue_comment', 'pull_request'];
/** Recorded events are small; anything far larger is not a webhook payload. */
export const MAX_EVENT_BYTES = 8 * 1024 * 1024;

export class EventFileError extends Error {}

type Obj = Record<string, unknown>;

/** The payload in an event file: strict UTF-8, JSON, an object, of a sane size. */
export async function readEventFile(path: string): Promise<Obj> {
  const bytes = await readFile(path).catch((e: NodeJS.ErrnoException) => {
    throw new EventFileError(`读不到事件文件 ${path}（${e.code ?? e.message}）/ cannot read the event file`);
  });
  if (bytes.byteLength > MAX_EVENT_BYTES)
    throw new EventFileError(`事件文件过大（${bytes.byteLength} 字节）/ the event file is too large`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new EventFileError('事件文件不是有效的 UTF-8 编码 / the event file is not valid UTF-8');
  }
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (e) {
    throw new EventFileError(`事件文件不是有效的 JSON：${(e as Error).message} / the event file is not valid JSON`);
  }
  const o = obj(payload);
  if (!o) throw new EventFileError('事件文件应是一个 JSON 对象 / the event file must hold a JSON object');
  return o;
}

/** The event a payload is, when its name was not given: a comment, a pull request or an issue. */
export function eventNameOf(payload: Obj): EventName | undefined {
  if (obj(payload.comment) && obj(payload.issue)) return 'issue_comment';
  if (obj(payload.pull_request)) return 'pull_request';
  if (obj(payload.issue)) return 'issues';
  return undefined;
}

/**
 * When the event happened, by the payload: a submission counts at the moment it was made
 * or edited, not when a queued runner got to it. Clamped to `clock` (a payload from the
 * future is not believed).
 */
export function eventTime(name: EventName, payload: Obj, clock: Date = new Date()): Date {
  const issue = obj(payload.issue);
  const candidates: unknown[] =
    name === 'issue_comment'
      ? [obj(payload.comment)?.updated_at, obj(payload.comment)?.created_at]
      : name === 'pull_request'
        ? [obj(payload.pull_request)?.updated_at, obj(payload.pull_request)?.created_at]
        : payload.action === 'opened'
          ? [issue?.created_at]
          : [issue?.updated_at, issue?.created_at];
  for (const c of candidates) {
    if (typeof c !== 'string') continue;
    const t = Date.parse(c);
    if (!Number.isNaN(t)) return new Date(Math.min(t, clock.getTime()));
  }
  return clock;
}

/** The branch the catalogue lives on, as the payload says (the repository's default branch). */
export function defaultBranchOf(payload: Obj): string | undefined {
  const branch = obj(payload.repository)?.default_branch;
  return typeof branch === 'string' && /^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$/.test(branch) ? branch : undefined;
}

export interface ActionsEnv {
  GITHUB_EVENT_NAME?: string;
  GITHUB_EVENT_PATH?: string;
  GITHUB_REPOSITORY?: string;
  GITHUB_TOKEN?: string;
  GITHUB_API_URL?: string;
  [key: string]: string | undefined;
}

/** The context of an Actions run: event, payload, a GitHub forge for the repository. */
export async function contextFromEnv(env: ActionsEnv = process.env, clock: Date = new Date()): Promise<EventContext> {
  const name = env.GITHUB_EVENT_NAME as EventName | undefined;
  if (!name || !EVENT_NAMES.includes(name))
    throw new EventFileError(`unsupported event ${JSON.stringify(env.GITHUB_EVENT_NAME)}`);
  if (!env.GITHUB_EVENT_PATH) throw new EventFileError('GITHUB_EVENT_PATH is not set');
  const repository = env.GITHUB_REPOSITORY ?? '';
  const [owner, repo, ...rest] = repository.split('/');
  if (!owner || !repo || rest.length)
    throw new EventFileError(`GITHUB_REPOSITORY must be owner/name, got ${JSON.stringify(repository)}`);
  const token = env.GITHUB_TOKEN ?? env.INPUT_TOKEN;
  if (!token) throw new EventFileError('no token: set GITHUB_TOKEN or the action input `token`');
  const payload = await readEventFile(env.GITHUB_EVENT_PATH);
  const { GitHubForge } = await import('../forge/github.ts');
  const forge: Forge = new GitHubForge({
    apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
    token,
    owner,
    repo,
    ...(env.GITHUB_SERVER_URL ? { webUrl: env.GITHUB_SERVER_URL } : {}),
  });
  return { name, payload, forge, branch: defaultBranchOf(payload) ?? 'main', now: eventTime(name, payload, clock) };
}
