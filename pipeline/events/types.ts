/**
 * One event from the forge (a recorded GitHub webhook payload), the context it is handled
 * in, and the outcome every handler returns — the same shape `jiebang intake --json`
 * prints. Intake (issues, pull requests) and review (commands in comments) share it.
 */
import type { Forge } from '../forge/types.ts';

export type EventName = 'issues' | 'issue_comment' | 'pull_request';

export interface EventContext {
  name: EventName;
  /** The webhook payload as GitHub sends it (untrusted: every field is checked before use). */
  payload: Record<string, unknown>;
  forge: Forge;
  /** The branch the catalogue lives on (content is read from it, decisions committed to it). */
  branch: string;
  now: Date;
}

export type Verdict = 'valid' | 'invalid' | 'ignored' | 'refused';

export interface Outcome {
  verdict: Verdict;
  /** The bot comment (upserted) or reply posted, in Chinese; undefined when nothing was said. */
  comment?: string;
  labels: string[];
  /** Repository paths written (committed) by this event. */
  written: string[];
  errors: Array<{ path: string; keyword: string; message: string }>;
}
