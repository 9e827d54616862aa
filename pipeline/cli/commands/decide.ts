/**
 * `jiebang decide <subject> <command…> --as <login> [--branch b] [--now ISO] [--json]` — an
 * officer acts from the command line, in the repository the current folder is in:
 *
 *   jiebang decide XM-2026-003 /初核通过 --as xm-gxj-chenyh
 *   jiebang decide XM-2026-003-A02 /select 90 85 88 92 --as yuguang-wangqian
 *   jiebang decide XM-2023-001 /入选目录 代=工信部 文号=工信厅企业函〔2023〕120号 日期=2023-06-20 文件=content/decisions/XM-2023-001/evidence/mulu.pdf --as xm-gxj-chenyh
 *   jiebang decide XM-2023 /批次办结 --as xm-gxj-chenyh
 *
 * An act recorded on someone's behalf names the document (evidence.ts); a scan named by
 * 文件= is read from the branch (commit it first) and its sha256 computed when not given.
 * The command is read with the same grammar as a comment and judged by the same rules
 * (registry, role, dates, state, invariants, re-validation); the decision is committed to
 * the branch (the checked-out one by default) with source `cli` and a random id. Push the
 * branch afterwards as usual. Exit 0 recorded, 1 refused, 2 usage error.
 */
import { randomUUID } from 'node:crypto';
import { LocalGitForge } from '../../forge/local-git.ts';
import { git } from '../../forge/git.ts';
import { applyActs } from '../../review/apply.ts';
import { ownKeys, parseActArgs } from '../../review/act-args.ts';
import { APPLICATION_ID, parseComment, parseSelectArgs } from '../../review/grammar.ts';
import { parseActExtras } from '../../review/evidence.ts';
import { recordedReply, refusalReply } from '../../review/replies.ts';
import { nowFrom, parse, UsageError } from '../args.ts';
import { SUBJECT_ID } from '../../domain/ids.ts';

const SUBJECT = SUBJECT_ID;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    as: { type: 'string' },
    branch: { type: 'string' },
    now: { type: 'string' },
    json: { type: 'boolean' },
  });
  const [subject, ...words] = positionals;
  if (!subject || !words.length)
    throw new UsageError(
      '用法：jiebang decide <编号> <命令…> --as <账号> / usage: jiebang decide <subject> <command…> --as <login>',
    );
  if (!SUBJECT.test(subject))
    throw new UsageError(
      `“${subject}”不是需求或申请编号（如 XM-2026-003、XM-2026-003-A02）/ not a demand or application id`,
    );
  const login = values.as ?? process.env.JIEBANG_LOGIN;
  if (!login)
    throw new UsageError(
      '请用 --as 或环境变量 JIEBANG_LOGIN 给出你的代码平台账号 / give your forge login with --as or JIEBANG_LOGIN',
    );
  const text = words.join(' ');
  const parsed = parseComment(text.startsWith('/') || text.startsWith('／') ? text : `/${text}`);
  if (parsed.kind !== 'command') throw new UsageError(`看不懂命令“${text}”/ unknown command “${text}”`);
  const lang = parsed.lang;

  const cwd = process.cwd();
  const top = await git(['rev-parse', '--show-toplevel'], { cwd, allowFail: true });
  if (top.code !== 0) throw new UsageError('当前目录不在 git 仓库中 / not inside a git repository');
  const branch =
    values.branch ??
    (await git(['symbolic-ref', '-q', '--short', 'HEAD'], { cwd, allowFail: true })).stdout.toString('utf8').trim();
  if (!branch) throw new UsageError('未检出任何分支，请用 --branch 指定 / no branch checked out; use --branch');
  const forge = new LocalGitForge(top.stdout.toString('utf8').trim());
  if (!(await forge.head(branch))) throw new UsageError(`没有分支 ${branch} / no branch ${branch}`);

  const act = {
    subject,
    action: parsed.spec.action,
    login,
    at: nowFrom(values.now),
    source: { kind: 'cli' as const, id: randomUUID() },
  } as Parameters<typeof applyActs>[3][number];
  const extras = parseActExtras(parsed.args, ownKeys(parsed.spec.action, parsed.args));
  if (!extras.ok) throw new UsageError(lang === 'zh' ? extras.zh : extras.en);
  Object.assign(act, extras.extras);
  if (parsed.spec.action === 'select' || parsed.spec.action === 'replace') {
    const args = parseSelectArgs(extras.rest);
    if (!args.ok) throw new UsageError(lang === 'zh' ? args.zh : args.en);
    if (args.application && args.application !== subject)
      throw new UsageError(
        `命令中的申请编号 ${args.application} 与 ${subject} 不同 / the command names another application`,
      );
    if (!APPLICATION_ID.test(subject)) throw new UsageError('遴选的对象是申请编号 / selection takes an application id');
    act.scores = args.scores;
  } else if (
    parsed.spec.action === 'contract' ||
    parsed.spec.action === 'catalogue' ||
    parsed.spec.action === 'engage'
  ) {
    const extra = parseActArgs(parsed.spec.action, extras.rest);
    if (!extra.ok) throw new UsageError(lang === 'zh' ? extra.zh : extra.en);
    if (extra.contract) act.contract = extra.contract;
    if (extra.catalogueNo) act.catalogueNo = extra.catalogueNo;
    if (extra.engagement) act.engagement = extra.engagement;
  } else if (parsed.spec.reason !== 'none' && extras.rest) act.reason = extras.rest;

  const applied = await applyActs(forge, branch, subject, [act]);
  const j = applied.judgements.at(-1)!;
  const message =
    j.ok === false
      ? refusalReply(j.zh, j.en, lang)
      : recordedReply(j.decision, j.path, lang, j.ok === true ? j.notes : []);
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify({ verdict: j.ok === false ? 'refused' : 'valid', message, written: applied.written, ...(applied.sha ? { commit: applied.sha } : {}), ...(j.ok === false ? { code: j.code } : {}) }, null, 2)}\n`,
    );
  } else {
    process.stdout.write(`${message}\n`);
    for (const p of forge.skippedSync)
      process.stderr.write(
        `注意：${p} 在工作区有未提交的修改，未同步 / note: ${p} has local changes and was not updated\n`,
      );
  }
  return j.ok === false ? 1 : 0;
}
