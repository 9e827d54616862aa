/**
 * One EventContext from what the runner gives, like actions/toolkit: the event file named
 * by GITHUB_EVENT_PATH, the event name, the repository and the token from the environment.
 * Tests set the environment (and point GITHUB_API_URL at a local server) instead of mocking
 * anything. The CLI builds the same context around a local git repository.
 */
import { readFile } from 'node:fs/promises';
import type { Forge } from '../forge/types.ts';
import type { EventContext, EventName } from './types.ts';
import { defaultBranchOf, eventTime, obj } from './payload.ts';

// What a payload says (its event, its time, its branch) is read in payload.ts, with the rest.
export { defaultBranchOf, eventNameOf, eventTime } from './payload.ts';

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

export interface ActionsEnv {
  GITHUB_EVENT_NAME?: string;
  GITHUB_EVENT_PATH?: string;
  GITHUB_REPOSITORY?: string;
  GITHUB_TOKEN?: string;
  GITHUB_API_URL?: string;
  [key: string]: string | undefined;
}

/** What the runner's environment says, read once and checked: the event, the repository, the token, the API. */
export interface RunnerEnv {
  /** One of the event names the caller accepted. */
  name: string;
  eventPath: string;
  owner: string;
  repo: string;
  token: string;
  apiUrl: string;
  webUrl?: string;
}

/**
 * The runner's environment, read once. `events` are the event names the caller handles
 * (the intake all three; a job that takes another event, such as `workflow_run`, says so).
 */
export function runnerEnv(env: ActionsEnv = process.env, events: readonly string[] = EVENT_NAMES): RunnerEnv {
  const name = env.GITHUB_EVENT_NAME;
  if (!name || !events.includes(name)) throw new EventFileError(`unsupported event ${JSON.stringify(name)}`);
  if (!env.GITHUB_EVENT_PATH) throw new EventFileError('GITHUB_EVENT_PATH is not set');
  const repository = env.GITHUB_REPOSITORY ?? '';
  const [owner, repo, ...rest] = repository.split('/');
  if (!owner || !repo || rest.length)
    throw new EventFileError(`GITHUB_REPOSITORY must be owner/name, got ${JSON.stringify(repository)}`);
  const token = env.GITHUB_TOKEN ?? env.INPUT_TOKEN;
  if (!token) throw new EventFileError('no token: set GITHUB_TOKEN or the action input `token`');
  return {
    name,
    eventPath: env.GITHUB_EVENT_PATH,
    owner,
    repo,
    token,
    apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
    ...(env.GITHUB_SERVER_URL ? { webUrl: env.GITHUB_SERVER_URL } : {}),
  };
}

/** The GitHub forge of the runner's repository (loaded only by the jobs that talk to GitHub). */
export async function githubForgeOf(runner: RunnerEnv): Promise<import('../forge/github.ts').GitHubForge> {
  const { GitHubForge } = await import('../forge/github.ts');
  return new GitHubForge({
    apiUrl: runner.apiUrl,
    token: runner.token,
    owner: runner.owner,
    repo: runner.repo,
    ...(runner.webUrl ? { webUrl: runner.webUrl } : {}),
  });
}

/** The context of an Actions run: event, payload, a GitHub forge for the repository. */
export async function contextFromEnv(env: ActionsEnv = process.env, clock: Date = new Date()): Promise<EventContext> {
  const runner = runnerEnv(env);
  const payload = await readEventFile(runner.eventPath);
  const forge: Forge = await githubForgeOf(runner);
  const name = runner.name as EventName; // one of EVENT_NAMES, as runnerEnv checked
  return { name, payload, forge, branch: defaultBranchOf(payload) ?? 'main', now: eventTime(name, payload, clock) };
}
