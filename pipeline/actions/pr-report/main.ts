/**
 * The trusted half of pull-request checking, on `workflow_run` after the read-only check:
 * the check's artifact names a pull request and a head, and that is all it is trusted for.
 * The pull request is fetched from the API, must still be at that head (the head the run
 * was for, as GitHub says in the event), and is checked again here with the default
 * branch's code, reading its files through the API as data. Then the answer: one comment,
 * the label, a commit status branch protection can require; or, once merged, the review's
 * handling of the merge.
 */
import * as core from '../runner.ts';
import { readFile } from 'node:fs/promises';
import { defaultBranchOf, githubForgeOf, readEventFile, runnerEnv } from '../../events/context.ts';
import { route } from '../../handlers/route.ts';
import { CHECK_STATUS_CONTEXT, checkStatus } from '../../intake/pull-request.ts';

const SHA = /^[0-9a-f]{40}$/;

async function readResults(path: string): Promise<{ number: number; headSha: string }> {
  const text = await readFile(path, 'utf8');
  if (text.length > 4096) throw new Error('the results file is too large to be ours');
  const data = JSON.parse(text) as { number?: unknown; headSha?: unknown };
  if (
    !Number.isSafeInteger(data.number) ||
    (data.number as number) <= 0 ||
    typeof data.headSha !== 'string' ||
    !SHA.test(data.headSha)
  ) {
    throw new Error('the results file does not name a pull request and a head');
  }
  return { number: data.number as number, headSha: data.headSha };
}

export async function run(): Promise<void> {
  try {
    const runner = runnerEnv({ ...process.env, GITHUB_TOKEN: core.getInput('token') || process.env.GITHUB_TOKEN }, [
      'workflow_run',
    ]);
    const event = await readEventFile(runner.eventPath);
    const runInfo = event.workflow_run as Record<string, unknown> | undefined;
    const runHead = typeof runInfo?.head_sha === 'string' ? runInfo.head_sha : undefined;
    const { number, headSha } = await readResults(core.getInput('results') || 'jiebang-results/pull-request.json');
    if (runHead !== headSha) throw new Error(`the artifact names head ${headSha}, the run was for ${String(runHead)}`);
    const forge = await githubForgeOf(runner);
    const pr = await forge.getPullRequest(number);
    const head = (pr?.head as { sha?: unknown } | undefined)?.sha;
    if (!pr || head !== headSha) {
      core.info(`pull request #${number} is no longer at ${headSha}; a newer check will report`);
      return;
    }
    const merged = pr.merged === true;
    if (pr.state === 'closed' && !merged) {
      core.info(`pull request #${number} was closed without merging; nothing to answer`);
      return;
    }
    const payload = {
      action: merged ? 'closed' : 'synchronize',
      number,
      pull_request: pr,
      repository: event.repository,
    };
    const outcome = await route({
      name: 'pull_request',
      payload,
      forge,
      branch: defaultBranchOf(event) ?? 'main',
      now: new Date(),
    });
    core.info(`jiebang pull request #${number}: ${outcome.verdict}`);
    core.setOutput('verdict', outcome.verdict);
    if (!merged && outcome.verdict !== 'ignored') {
      const { state, description } = checkStatus(outcome);
      await forge.setStatus(headSha, state, description, CHECK_STATUS_CONTEXT);
    }
  } catch (e) {
    core.setFailed(`jiebang pr-report failed: ${(e as Error).stack ?? String(e)}`);
  }
}
