/**
 * After the intake has answered an issue, the job that holds an officer's key (environment
 * `officers-key`, default-branch code only) opens the issue's sealed part in memory, checks
 * it as the intake would, and adds the result to the intake comment (intake/sealed-answer.ts).
 * The key arrives in JIEBANG_OFFICER_KEY and never touches the disk; the log says only the
 * state and a count (logs may be public), never a field's value.
 */
import * as core from '../runner.ts';
import { contextFromEnv } from '../../events/context.ts';
import { answerSealedPart } from '../../intake/sealed-answer.ts';
import { parseIdentities } from '../../seal/seal.ts';

export async function run(): Promise<void> {
  try {
    const ctx = await contextFromEnv({
      ...process.env,
      GITHUB_TOKEN: core.getInput('token') || process.env.GITHUB_TOKEN,
    });
    const issue = (
      ctx.payload as {
        issue?: {
          number?: number;
          body?: string | null;
          pull_request?: unknown;
          labels?: Array<{ name?: string } | string>;
        };
      }
    ).issue;
    if (ctx.name !== 'issues' || !issue?.number || issue.pull_request) {
      core.info('jiebang sealed check: not an issue event, nothing to check');
      return;
    }
    const identities = parseIdentities(process.env.JIEBANG_OFFICER_KEY ?? '');
    if (identities.length === 0) throw new Error('JIEBANG_OFFICER_KEY holds no age identity');
    const labels = (issue.labels ?? []).map((l) => (typeof l === 'string' ? l : (l.name ?? '')));
    const check = await answerSealedPart(ctx.forge, issue.number, issue.body ?? '', labels, identities);
    core.info(
      `jiebang sealed check: ${check.state}${check.state === 'checked' ? `, ${check.issues.length} problem(s)` : ''}`,
    );
    core.setOutput('state', check.state);
  } catch (e) {
    core.setFailed(`jiebang sealed check failed: ${(e as Error).message}`);
  }
}
