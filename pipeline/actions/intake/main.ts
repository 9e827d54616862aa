/**
 * Issues (opened, edited, reopened) and comments (officers' commands), in the trusted job:
 * the context from the runner's environment, the one route every channel shares, the
 * outcome logged and given as outputs. A submission with problems is answered on the issue,
 * not a failure of the job; only the pipeline's own errors fail it.
 */
import * as core from '../runner.ts';
import { contextFromEnv } from '../../events/context.ts';
import { route } from '../../handlers/route.ts';

export async function run(): Promise<void> {
  try {
    const ctx = await contextFromEnv({
      ...process.env,
      GITHUB_TOKEN: core.getInput('token') || process.env.GITHUB_TOKEN,
    });
    const outcome = await route(ctx);
    core.info(
      `jiebang ${ctx.name}: ${outcome.verdict}${outcome.written.length ? `; wrote ${outcome.written.join(', ')}` : ''}`,
    );
    core.setOutput('verdict', outcome.verdict);
    core.setOutput('written', JSON.stringify(outcome.written));
    core.setOutput('labels', JSON.stringify(outcome.labels));
  } catch (e) {
    core.setFailed(`jiebang intake failed: ${(e as Error).stack ?? String(e)}`);
  }
}
