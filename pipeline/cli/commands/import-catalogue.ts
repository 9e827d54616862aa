/**
 * `jiebang import-catalogue <file> [--notice 文号] [--round id] [--content dir] [--now ISO] [--dry-run] [--json]`
 * — import MIIT's published national catalogue (XLSX or CSV) as catalogued external demands
 * (catalogue/import.ts). Prints what changed and why; a re-import of the same list writes
 * nothing. Exit 0 when imported (or nothing to do), 1 when the file is refused (nothing is
 * written), 2 on a usage error.
 */
import { access, readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { External } from '../../generated/types.ts';
import { FIELD_LABELS, planImport, writePlan, type ImportPlan } from '../../catalogue/import.ts';
import { CatalogueError, MAX_FILE_BYTES, tooLarge } from '../../catalogue/read-table.ts';
import { nowFrom, parse, UsageError } from '../args.ts';

const show = (v: unknown): string => {
  if (v === undefined || v === null) return '（空）';
  if (typeof v === 'object') return Object.values(v as object).join('');
  if (v === true) return '是';
  if (v === false) return '否';
  return String(v);
};
const placeOf = (e: External) =>
  `${e.region.province}${e.region.city && e.region.city !== e.region.province ? e.region.city : ''}`;
const label = (e: External) => `${e.id}〔${e.catalogueNo}〕${e.title}`;

export function describePlan(plan: ImportPlan, dryRun: boolean): string {
  const lines = [
    `全国需求目录 ${plan.file}（${plan.format.toUpperCase()}，表头在第 ${plan.headerRow} 行，SHA-256 ${plan.sha256.slice(0, 12)}…）→ 批次 ${plan.round}`,
  ];
  if (!plan.writes.length) {
    lines.push(
      `目录没有变化：${plan.unchanged} 条与已导入的相同${plan.local.length ? `，${plan.local.length} 条是本地需求` : ''}，未写入任何文件。`,
    );
  } else {
    if (plan.added.length)
      lines.push(
        `新增 ${plan.added.length} 条（目录中新出现）：`,
        ...plan.added.map((e) => `  + ${label(e)}（${placeOf(e)}）`),
      );
    if (plan.changed.length) {
      lines.push(`变更 ${plan.changed.length} 条（目录中内容有改动）：`);
      for (const c of plan.changed)
        lines.push(
          `  ~ ${label(c.entry)}`,
          ...c.changes.map((ch) => `      ${FIELD_LABELS[ch.field]}：${show(ch.from)} → ${show(ch.to)}`),
        );
    }
    if (plan.restored.length)
      lines.push(`重新列入 ${plan.restored.length} 条（曾撤出目录）：`, ...plan.restored.map((e) => `  ↺ ${label(e)}`));
    if (plan.withdrawn.length)
      lines.push(
        `撤出目录 ${plan.withdrawn.length} 条（新目录文件中没有，标记为已撤出，条目保留）：`,
        ...plan.withdrawn.map((e) => `  − ${label(e)}`),
      );
    if (plan.unchanged) lines.push(`未变 ${plan.unchanged} 条。`);
  }
  if (plan.local.length)
    lines.push(
      `本地需求 ${plan.local.length} 条（目录编号与本地需求相同，保留为本地记录）：`,
      ...plan.local.map((l) => `  = ${l.catalogueNo} → ${l.demandId}`),
    );
  if (plan.warnings.length) lines.push('提示（请经办人员核实）：', ...plan.warnings.map((w) => `  ! ${w}`));
  if (plan.writes.length)
    lines.push(
      dryRun
        ? `试运行（--dry-run）：将写入 ${plan.writes.length} 个文件，实际未写入。`
        : `已写入 ${plan.writes.length} 个文件。`,
    );
  return `${lines.join('\n')}\n`;
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    notice: { type: 'string' },
    round: { type: 'string' },
    content: { type: 'string' },
    now: { type: 'string' },
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1)
    throw new UsageError(
      '用法：jiebang import-catalogue <目录文件.xlsx|.csv> [--notice 文号] [--round 批次] / usage: jiebang import-catalogue <file> [--notice no.] [--round id]',
    );
  const now = nowFrom(values.now);
  const contentDir = values.content ?? 'content';
  await access(contentDir).catch(() => {
    throw new UsageError(`找不到内容目录 ${contentDir} / no such folder: ${contentDir}`);
  });
  const info = await stat(file).catch(() => {
    throw new UsageError(`读不到文件 ${file} / cannot read ${file}`);
  });
  if (!info.isFile()) throw new UsageError(`${file} 不是文件 / not a file`);
  const name = basename(file);
  try {
    // Refused by its size before it is read into memory.
    if (info.size > MAX_FILE_BYTES) throw tooLarge(name, info.size);
    const bytes = await readFile(file);
    const plan = await planImport({
      contentDir,
      name,
      bytes,
      ...(values.round ? { round: values.round } : {}),
      ...(values.notice ? { notice: values.notice } : {}),
      now,
    });
    if (!values['dry-run']) await writePlan(plan);
    if (values.json) {
      const { writes, ...rest } = plan;
      process.stdout.write(
        `${JSON.stringify({ ...rest, written: values['dry-run'] ? [] : writes.map((w) => w.path) }, null, 2)}\n`,
      );
    } else process.stdout.write(describePlan(plan, !!values['dry-run']));
    return 0;
  } catch (e) {
    if (!(e instanceof CatalogueError)) throw e;
    if (values.json)
      process.stdout.write(`${JSON.stringify({ error: { message: e.zh, messageEn: e.en } }, null, 2)}\n`);
    process.stderr.write(`jiebang import-catalogue: ${e.zh}\n（未写入任何文件 / nothing was written: ${e.en}）\n`);
    return 1;
  }
}
