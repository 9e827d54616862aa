/**
 * One event to the handler that owns it: issues to intake, pull requests to the check (or,
 * once merged, to the review, for which a merge is an officer's act), comments to the
 * review's command handler. Handlers are loaded on demand so a run pays only for its own.
 */
import type { EventContext, Outcome } from '../events/types.ts';

const obj = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

export async function route(ctx: EventContext): Promise<Outcome> {
  switch (ctx.name) {
    case 'issues':
      return (await import('../intake/handle-issue.ts')).handleIssue(ctx);
    case 'pull_request': {
      if (ctx.payload.action === 'closed' && obj(ctx.payload.pull_request)?.merged === true) {
        return (await import('./commands.ts')).handlePullRequestMerged(ctx);
      }
      return (await import('../intake/pull-request.ts')).handlePullRequest(ctx);
    }
    case 'issue_comment':
      return (await import('./commands.ts')).handleComment(ctx);
    default:
      return { verdict: 'ignored', labels: [], written: [], errors: [] };
  }
}
