/**
 * Webhook payloads shaped as GitHub sends them (only the fields the handlers read, plus a
 * few around them), and a context that runs handlers against a real git repository.
 */
import type { EventContext } from '../../pipeline/events/types.ts';
import { LocalGitForge } from '../../pipeline/forge/local-git.ts';
import type { Forge } from '../../pipeline/forge/types.ts';
import { issueUrl, REPO_URL } from './fixture.ts';

export interface CommentSpec {
  issue: number;
  author: string;
  body: string;
  at: string;
  id: number;
  action?: 'created' | 'edited' | 'deleted';
  bot?: boolean;
  pullRequest?: boolean;
  title?: string;
}

export function commentPayload(c: CommentSpec): Record<string, unknown> {
  const user = { login: c.author, id: 1000 + c.id, type: c.bot ? 'Bot' : 'User' };
  return {
    action: c.action ?? 'created',
    issue: {
      number: c.issue,
      id: 500000 + c.issue,
      node_id: `I_${c.issue}`,
      title: c.title ?? `Issue ${c.issue}`,
      html_url: issueUrl(c.issue),
      state: 'open',
      user: { login: 'submitter', type: 'User' },
      labels: [],
      ...(c.pullRequest
        ? { pull_request: { url: `${REPO_URL}/pulls/${c.issue}`, html_url: `${REPO_URL}/pull/${c.issue}` } }
        : {}),
    },
    comment: {
      id: c.id,
      node_id: `IC_${c.id}`,
      body: c.body,
      user,
      created_at: new Date(c.at).toISOString(),
      updated_at: new Date(c.at).toISOString(),
      html_url: `${issueUrl(c.issue)}#issuecomment-${c.id}`,
      author_association: 'MEMBER',
    },
    repository: { full_name: 'xm-gxj/jiebang', html_url: REPO_URL },
    sender: user,
  };
}

export interface MergeSpec {
  number: number;
  head: string;
  mergedBy: string;
  at: string;
  title?: string;
  body?: string;
  bot?: boolean;
  merged?: boolean;
  base?: string;
  /** The pull request's commits (default: none known, all zeros) and author. */
  baseSha?: string;
  headSha?: string;
  author?: string;
}

export function mergePayload(m: MergeSpec): Record<string, unknown> {
  const merger = { login: m.mergedBy, type: m.bot ? 'Bot' : 'User' };
  return {
    action: 'closed',
    number: m.number,
    pull_request: {
      number: m.number,
      id: 700000 + m.number,
      html_url: `${REPO_URL}/pull/${m.number}`,
      title: m.title ?? `提交 ${m.head}`,
      body: m.body ?? '',
      state: 'closed',
      merged: m.merged ?? true,
      merged_at: new Date(m.at).toISOString(),
      merged_by: merger,
      user: { login: m.author ?? 'submitter', type: 'User' },
      head: { ref: m.head, sha: m.headSha ?? '0'.repeat(40) },
      base: { ref: m.base ?? 'main', sha: m.baseSha ?? '0'.repeat(40) },
    },
    repository: { full_name: 'xm-gxj/jiebang', html_url: REPO_URL },
    sender: merger,
  };
}

export function context(
  dir: string,
  name: EventContext['name'],
  payload: Record<string, unknown>,
  forge: Forge = new LocalGitForge(dir),
  now = new Date('2030-01-01T00:00:00+08:00'),
): EventContext {
  return { name, payload, forge, branch: 'main', now };
}
