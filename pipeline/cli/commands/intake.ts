/**
 * `jiebang intake --event <event.json> [--repo <dir>] [--branch <name>] [--now <ISO>] [--json]
 *  [--event-name issues|issue_comment|pull_request]` — handle one recorded GitHub event
 * against a local git repository, with no forge and no network: what would be committed is
 * committed (compare-and-swap on the branch, like on GitHub), what would be posted is
 * printed (and kept in the repository's outbox). `--json` prints
 * `{ verdict, comment, labels, written, errors }`.
 * Exit 0 valid or ignored, 1 invalid or refused, 2 usage error.
 */
import { resolve } from 'node:path';
import {
  EVENT_NAMES,
  EventFileError,
  defaultBranchOf,
  eventNameOf,
  eventTime,
  readEventFile,
} from '../../events/context.ts';
import { route } from '../../handlers/route.ts';
import type { EventName, Outcome } from '../../events/types.ts';
import { gitText } from '../../forge/git.ts';
import { LocalGitForge } from '../../forge/local-git.ts';
import { nowFrom, parse, UsageError } from '../args.ts';

const VERDICT_ZH = { valid: '通过', invalid: '需要修改', ignored: '无需处理', refused: '拒绝' } as const;

async function currentBranch(dir: string): Promise<string | undefined> {
  return gitText(['symbolic-ref', '--short', '-q', 'HEAD'], { cwd: dir, allowFail: true }).then((b) => b || undefined);
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parse(
    argv,
    {
      event: { type: 'string' },
      repo: { type: 'string' },
      branch: { type: 'string' },
      now: { type: 'string' },
      json: { type: 'boolean' },
      'event-name': { type: 'string' },
      help: { type: 'boolean' },
    },
    false,
  );
  if (values.help) {
    process.stdout.write(
      '用法 / usage: jiebang intake --event <event.json> [--repo <dir>] [--branch <name>] [--now <ISO time>] [--json] [--event-name issues|issue_comment|pull_request]\n',
    );
    return 0;
  }
  if (!values.event)
    throw new UsageError('缺少 --event（记录的 GitHub 事件 JSON 文件）/ --event <event.json> is required');
  const payload = await readEventFile(values.event).catch((e) => {
    throw e instanceof EventFileError ? new UsageError(e.message) : e;
  });
  const given = values['event-name'];
  if (given !== undefined && !EVENT_NAMES.includes(given as EventName))
    throw new UsageError(
      `--event-name 只能是 ${EVENT_NAMES.join('、')} / --event-name must be one of ${EVENT_NAMES.join(', ')}`,
    );
  const name = (given as EventName | undefined) ?? eventNameOf(payload);
  if (!name)
    throw new UsageError(
      '无法从事件内容判断事件类型，请用 --event-name 指明 / cannot tell the event type; give --event-name',
    );

  const dir = resolve(values.repo ?? '.');
  const isRepo = await gitText(['rev-parse', '--git-dir'], { cwd: dir, allowFail: true }).catch(() => '');
  if (!isRepo) throw new UsageError(`${dir} 不是 git 仓库 / not a git repository`);
  const forge = new LocalGitForge(dir);
  const branch = values.branch ?? (await currentBranch(dir)) ?? defaultBranchOf(payload) ?? 'main';
  if (!(await forge.head(branch))) throw new UsageError(`分支 ${branch} 不存在 / branch ${branch} does not exist`);
  const now = values.now !== undefined ? nowFrom(values.now) : eventTime(name, payload);

  const outcome: Outcome = await route({ name, payload, forge, branch, now });
  if (values.json) {
    const { verdict, comment, labels, written, errors } = outcome;
    process.stdout.write(
      `${JSON.stringify({ verdict, comment: comment ?? null, labels, written, errors }, null, 2)}\n`,
    );
  } else {
    const lines = [
      `结果 / verdict: ${outcome.verdict}（${VERDICT_ZH[outcome.verdict]}）`,
      `标签 / labels: ${outcome.labels.join('、') || '（无）'}`,
      `写入 / written:${outcome.written.length ? '' : ' （无）'}`,
      ...outcome.written.map((p) => `  ${p}`),
    ];
    if (outcome.comment) lines.push('', '评论 / comment:', '', outcome.comment);
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  return outcome.verdict === 'valid' || outcome.verdict === 'ignored' ? 0 : 1;
}
