/**
 * After the intake, the job that holds an officer's key keeps the issue's stamped scans with
 * the record the intake registered (intake/keep-scans.ts). Not a bundled action: processing
 * an image needs sharp's native library, so the job installs the project's dependencies and
 * runs this file. The key arrives in JIEBANG_OFFICER_KEY and never touches the disk; the log
 * says what was kept by path and what was left out by rule, never a value.
 */
import * as core from '../runner.ts';
import { contextFromEnv } from '../../events/context.ts';
import { keepIssueScans } from '../../intake/keep-scans.ts';
import { parseIdentities } from '../../seal/seal.ts';

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const ctx = await contextFromEnv(env);
    const issue = (ctx.payload as { issue?: { number?: number; body?: string | null; pull_request?: unknown } }).issue;
    if (ctx.name !== 'issues' || !issue?.number || issue.pull_request) {
      core.info('jiebang keep scans: not an issue event, nothing to keep');
      return;
    }
    const identities = parseIdentities(env.JIEBANG_OFFICER_KEY ?? '');
    if (identities.length === 0) throw new Error('JIEBANG_OFFICER_KEY holds no age identity');
    const kept = await keepIssueScans(ctx.forge, { issue: issue.number, body: issue.body ?? '', identities });
    core.info(
      `jiebang keep scans: ${kept.kept.length} kept${kept.kept.map((p) => `\n  ${p}`).join('')}${kept.skipped
        .map((s) => `\n  attachment ${s.index || '-'} not kept: ${s.reason}`)
        .join('')}`,
    );
  } catch (e) {
    core.setFailed(`jiebang keep scans failed: ${(e as Error).message}`);
  }
}
