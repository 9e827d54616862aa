/**
 * A pull request checked where it runs untrusted: a `pull_request` job with a read-only
 * token and no secrets, over the checked-out repository (local git, no API calls). Problems
 * become annotations on their files and lines and fail the check. Nothing is posted from
 * here: the job leaves only which pull request and head it checked (`results`) for the
 * trusted report job, which checks again with the default branch's code and answers.
 */
import * as core from '../runner.ts';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { defaultBranchOf, readEventFile } from '../../events/context.ts';
import { LocalGitForge } from '../../forge/local-git.ts';
import { readPullRequestEvent } from '../../events/payload.ts';
import { checkPullRequest } from '../../intake/pull-request.ts';

export async function run(): Promise<void> {
  try {
    if (process.env.GITHUB_EVENT_NAME !== 'pull_request')
      throw new Error(`pr-check runs on pull_request events, not ${process.env.GITHUB_EVENT_NAME}`);
    const payload = await readEventFile(process.env.GITHUB_EVENT_PATH ?? '');
    const pr = readPullRequestEvent(payload);
    if (!pr) throw new Error('the event has no pull request');
    const results = resolve(core.getInput('results') || 'jiebang-results/pull-request.json');
    await mkdir(dirname(results), { recursive: true });
    // Only identifiers: the report job looks everything else up itself.
    await writeFile(results, `${JSON.stringify({ number: pr.number, headSha: pr.headSha })}\n`);
    if (pr.action === 'closed') return;

    const forge = new LocalGitForge(process.env.GITHUB_WORKSPACE ?? process.cwd(), { syncWorkTree: false });
    const outcome = await checkPullRequest({
      name: 'pull_request',
      payload,
      forge,
      branch: defaultBranchOf(payload) ?? pr.baseRef,
      now: new Date(),
    });
    for (const p of outcome.problems) core.error(p.message, { file: p.file, line: p.line, title: 'jiebang' });
    if (outcome.comment) core.summary(outcome.comment);
    core.setOutput('verdict', outcome.verdict);
    if (outcome.verdict === 'invalid' || outcome.verdict === 'refused')
      core.setFailed(`${outcome.problems.length} 处问题 / problems found`);
  } catch (e) {
    core.setFailed(`jiebang pr-check failed: ${(e as Error).stack ?? String(e)}`);
  }
}
