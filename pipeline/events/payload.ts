/**
 * The event boundary's payload readers: the few fields the handlers read from a webhook payload, each checked before use: payloads
 * are recorded JSON in tests and the CLI, and anything in them may be missing or hostile.
 */

import type { EventName } from './types.ts';

type Obj = Record<string, unknown>;

/** The field readers every handler uses on a payload: a value of the wrong type reads as absent. */
export const obj = (v: unknown): Obj | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const safeInteger = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isSafeInteger(v) ? v : undefined;
const int = (v: unknown): number | undefined => {
  const n = safeInteger(v);
  return n !== undefined && n > 0 ? n : undefined;
};

export interface IssueEvent {
  action: string;
  number: number;
  /** The issue body as GitHub sends it ('' when empty or not a string). */
  body: string;
  title: string;
  labels: string[];
  state: 'open' | 'closed';
  author: { login: string; id?: number; isBot: boolean };
  url?: string;
  /** When the submission was made or last edited (ISO), if the payload says. */
  at?: string;
  /** https://github.com/owner/repo, when the payload says. */
  repoUrl?: string;
  isPullRequest: boolean;
}

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/;

export function readIssueEvent(payload: Obj): IssueEvent | undefined {
  const issue = obj(payload.issue);
  const number = int(issue?.number);
  if (!issue || number === undefined) return undefined;
  const user = obj(issue.user);
  const login = str(user?.login) ?? '';
  const action = str(payload.action) ?? '';
  const labels = Array.isArray(issue.labels)
    ? issue.labels.map((l) => str(obj(l)?.name) ?? str(l)).filter((l): l is string => !!l)
    : [];
  const at = action === 'opened' ? str(issue.created_at) : (str(issue.updated_at) ?? str(issue.created_at));
  const repository = obj(payload.repository);
  const url = str(issue.html_url);
  const repoUrl = str(repository?.html_url);
  return {
    action,
    number,
    body: str(issue.body) ?? '',
    title: str(issue.title) ?? '',
    labels,
    state: issue.state === 'closed' ? 'closed' : 'open',
    author: {
      login: LOGIN.test(login) ? login : 'unknown',
      ...(int(user?.id) ? { id: int(user?.id)! } : {}),
      isBot: user?.type === 'Bot' || login.endsWith('[bot]'),
    },
    ...(url && /^https?:\/\/[^\s]+$/.test(url) ? { url } : {}),
    ...(at && !Number.isNaN(Date.parse(at)) ? { at } : {}),
    ...(repoUrl && /^https?:\/\/[^\s/]+\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repoUrl) ? { repoUrl } : {}),
    isPullRequest: obj(issue.pull_request) !== undefined,
  };
}

export interface PullRequestEvent {
  action: string;
  number: number;
  author: { login: string; isBot: boolean };
  baseRef: string;
  baseSha: string;
  headRef: string;
  headSha: string;
  /** The head is in another repository (a fork). */
  fromFork: boolean;
  title: string;
  url?: string;
  at?: string;
  draft: boolean;
}

const SHA = /^[0-9a-f]{40}$/;

export function readPullRequestEvent(payload: Obj): PullRequestEvent | undefined {
  const pr = obj(payload.pull_request);
  const number = int(pr?.number) ?? int(payload.number);
  const base = obj(pr?.base);
  const head = obj(pr?.head);
  const baseSha = str(base?.sha);
  const headSha = str(head?.sha);
  if (!pr || number === undefined || !baseSha || !headSha || !SHA.test(baseSha) || !SHA.test(headSha)) return undefined;
  const user = obj(pr.user);
  const login = str(user?.login) ?? '';
  const baseRepo = str(obj(base?.repo)?.full_name);
  const headRepo = str(obj(head?.repo)?.full_name);
  const url = str(pr.html_url);
  const at = str(pr.updated_at) ?? str(pr.created_at);
  return {
    action: str(payload.action) ?? '',
    number,
    author: { login: LOGIN.test(login) ? login : 'unknown', isBot: user?.type === 'Bot' || login.endsWith('[bot]') },
    baseRef: str(base?.ref) ?? '',
    baseSha,
    headRef: str(head?.ref) ?? '',
    headSha,
    fromFork: !!baseRepo && !!headRepo && baseRepo !== headRepo,
    title: str(pr.title) ?? '',
    ...(url && /^https?:\/\/[^\s]+$/.test(url) ? { url } : {}),
    ...(at && !Number.isNaN(Date.parse(at)) ? { at } : {}),
    draft: pr.draft === true,
  };
}

/** An `issue_comment` event: who said what on which issue. The raw objects stay for the few fields only the command handler reads. */
export interface CommentEvent {
  action: string | undefined;
  commentId: number | string;
  number: number;
  body: string;
  login: string;
  comment: Obj;
  user: Obj;
  issue: Obj;
}

export function readCommentEvent(payload: Obj): CommentEvent | undefined {
  const comment = obj(payload.comment);
  const issue = obj(payload.issue);
  const commentId = safeInteger(comment?.id) ?? str(comment?.id);
  const number = safeInteger(issue?.number);
  const body = str(comment?.body);
  const user = obj(comment?.user);
  const login = str(user?.login);
  if (!comment || !issue || !user || commentId === undefined || number === undefined || body === undefined || !login)
    return undefined;
  return { action: str(payload.action), commentId, number, body, login, comment, user, issue };
}

/** A `pull_request` event that merged a pull request: its number and the raw pull request. */
export interface MergedPullRequestEvent {
  number: number;
  baseRef: string | undefined;
  pr: Obj;
}

export function readMergedPullRequestEvent(payload: Obj): MergedPullRequestEvent | undefined {
  const pr = obj(payload.pull_request);
  const number = safeInteger(pr?.number) ?? safeInteger(payload.number);
  if (!pr || number === undefined || pr.merged !== true || str(payload.action) !== 'closed') return undefined;
  return { number, baseRef: str(obj(pr.base)?.ref), pr };
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
