/**
 * `jiebang audit [content-dir] [--json] [--lang zh|en] [--no-git] [--committer <email>]…` — re-walk the decision
 * ledger (pipeline/review/audit.ts): every chain intact, every act legal and entitled at
 * its time, every derived status justified. Exit 0 when all holds, 1 naming the first
 * broken link (and listing every chain's), 2 on a usage error. Each `--committer` names an
 * email the pipeline commits as: every decision must have been added by a commit of one.
 */
import { access } from 'node:fs/promises';
import { auditDirectory } from '../../review/audit.ts';
import { parse, UsageError } from '../args.ts';

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    json: { type: 'boolean' },
    lang: { type: 'string' },
    'no-git': { type: 'boolean' },
    committer: { type: 'string', multiple: true },
  });
  const lang = values.lang ?? 'zh';
  if (lang !== 'zh' && lang !== 'en') throw new UsageError('--lang 只能是 zh 或 en / --lang must be zh or en');
  if (positionals.length > 1) throw new UsageError('只能审计一个内容目录 / one content folder at a time');
  const dir = positionals[0] ?? 'content';
  await access(dir).catch(() => {
    throw new UsageError(`找不到 ${dir} / no such folder: ${dir}`);
  });
  const committers = values.committer as string[] | undefined;
  if (committers?.length && values['no-git'])
    throw new UsageError(
      '--committer 需要核对 git 历史，不能与 --no-git 同用 / --committer needs the git history, not --no-git',
    );
  const result = await auditDirectory(dir, { git: !values['no-git'], ...(committers?.length ? { committers } : {}) });
  const ok = result.problems.length === 0;
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify({ ok, subjects: result.subjects, decisions: result.decisions, git: result.git, ...(result.gitSince ? { gitSince: result.gitSince } : {}), ...(ok ? {} : { first: result.problems[0] }), problems: result.problems }, null, 2)}\n`,
    );
    return ok ? 0 : 1;
  }
  const msg = (p: (typeof result.problems)[number]) => (lang === 'zh' ? p.message : p.messageEn);
  if (ok) {
    process.stdout.write(
      lang === 'zh'
        ? `✓ 台账完好：${result.subjects} 个审核对象，${result.decisions} 条决定${result.git ? `，已核对 git 历史${result.gitSince ? `（自提交 ${result.gitSince.slice(0, 12)} 起）` : ''}` : '（未核对 git 历史）'}。\n`
        : `✓ The ledger holds: ${result.subjects} subjects, ${result.decisions} decisions${result.git ? `, git history checked${result.gitSince ? ` (from commit ${result.gitSince.slice(0, 12)})` : ''}` : ' (git history not checked)'}.\n`,
    );
    return 0;
  }
  const [first, ...rest] = result.problems;
  process.stdout.write(
    lang === 'zh'
      ? `✗ 第一处断裂：${first!.file}\n  ${msg(first!)}  [${first!.code}]\n`
      : `✗ First broken link: ${first!.file}\n  ${msg(first!)}  [${first!.code}]\n`,
  );
  for (const p of rest) process.stdout.write(`✗ ${p.file}\n  ${msg(p)}  [${p.code}]\n`);
  process.stdout.write(
    lang === 'zh'
      ? `${result.problems.length} 处问题（${result.subjects} 个审核对象，${result.decisions} 条决定）。\n`
      : `${result.problems.length} problems (${result.subjects} subjects, ${result.decisions} decisions).\n`,
  );
  return 1;
}
