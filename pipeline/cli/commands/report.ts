/**
 * `jiebang report <round> [--content dir] [--xlsx out.xlsx] [--now ISO | --as-of YYYY-MM-DD] [--lang zh|en] [--json]`
 * — counts per state of a round's demands and applications, what is still open per phase
 * and what is overdue (statuses derived from the acts made up to --now, or to the end of
 * the --as-of day in Beijing; the real clock by default): Markdown on stdout, and an XLSX
 * workbook when asked.
 *
 * `jiebang report <round> --export 推荐汇总表|揭榜推荐汇总表|入选揭榜企业名单 --as-of <date> [--out file.xlsx|file.csv]`
 * — the form sent upward, as of that day (exports.ts); without --out both
 * `<round>-<kind>-<date>.xlsx` and `.csv` are written in the current folder.
 * Exit 0, or 2 on a usage error (unknown round or kind, bad --now or --as-of).
 */
import { writeFile, access } from 'node:fs/promises';
import { buildCatalog } from '../../content/catalog.ts';
import { loadPaths } from '../../content/load.ts';
import {
  EXPORT_ALIASES,
  EXPORT_KINDS,
  exportCsv,
  exportTable,
  exportXlsx,
  type ExportKind,
} from '../../review/exports.ts';
import { reportMarkdown, reportXlsx, roundReport } from '../../review/report.ts';
import { endOfShanghaiDay, isCalendarDate } from '../../rules/shanghai.ts';
import { nowFrom, parse, UsageError } from '../args.ts';

/** `--as-of 2026-11-26`: every act made up to the end of that day, Beijing time. */
function asOfFrom(value: string): Date {
  if (!isCalendarDate(value))
    throw new UsageError(`--as-of 需要日期，如 2026-11-26（收到 “${value}”）/ --as-of needs a date such as 2026-11-26`);
  return endOfShanghaiDay(value);
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    content: { type: 'string' },
    xlsx: { type: 'string' },
    now: { type: 'string' },
    'as-of': { type: 'string' },
    lang: { type: 'string' },
    json: { type: 'boolean' },
    export: { type: 'string' },
    out: { type: 'string' },
  });
  const round = positionals[0];
  if (!round || positionals.length > 1)
    throw new UsageError(
      '用法：jiebang report <批次编号> [--xlsx 文件] [--now 时间 | --as-of 日期] [--export 表名 --as-of 日期] / usage: jiebang report <round> [--xlsx file] [--now time | --as-of date] [--export kind --as-of date]',
    );
  const lang = values.lang ?? 'zh';
  if (lang !== 'zh' && lang !== 'en') throw new UsageError('--lang 只能是 zh 或 en / --lang must be zh or en');
  if (values.now !== undefined && values['as-of'] !== undefined)
    throw new UsageError('--now 和 --as-of 只能给一个 / give --now or --as-of, not both');
  let kind: ExportKind | undefined;
  if (values.export !== undefined) {
    kind = (EXPORT_KINDS as readonly string[]).includes(values.export)
      ? (values.export as ExportKind)
      : EXPORT_ALIASES[values.export];
    if (!kind)
      throw new UsageError(
        `没有报表“${values.export}”，可用：${EXPORT_KINDS.join('、')} / unknown export; use ${Object.keys(EXPORT_ALIASES).join(', ')}`,
      );
    if (values['as-of'] === undefined && values.now === undefined)
      throw new UsageError('上报表须注明截至日期：--as-of 2026-11-26 / an export needs --as-of <date>');
  }
  if (values.out !== undefined && !kind) throw new UsageError('--out 只用于 --export / --out is for --export');
  if (values.out !== undefined && !/\.(xlsx|csv)$/i.test(values.out))
    throw new UsageError('--out 的文件名须以 .xlsx 或 .csv 结尾 / --out must end in .xlsx or .csv');
  const now = values['as-of'] !== undefined ? asOfFrom(values['as-of']) : nowFrom(values.now);
  const dir = values.content ?? 'content';
  await access(dir).catch(() => {
    throw new UsageError(`找不到 ${dir} / no such folder: ${dir}`);
  });
  const catalog = buildCatalog((await loadPaths([dir])).records.filter((r) => r.issues.length === 0));
  if (!catalog.rounds.has(round)) {
    throw new UsageError(
      `没有批次“${round}”，现有：${[...catalog.rounds.keys()].sort().join('、') || '无'} / no round “${round}”`,
    );
  }
  if (kind) {
    const table = exportTable(catalog, round, kind, now);
    const outs = values.out
      ? [values.out]
      : [`${round}-${kind}-${table.asOf}.xlsx`, `${round}-${kind}-${table.asOf}.csv`];
    for (const out of outs) await writeFile(out, /\.csv$/i.test(out) ? exportCsv(table) : await exportXlsx(table));
    process.stdout.write(`${kind}（截至 ${table.asOf}，${table.rows.length} 行）：${outs.join('、')}\n`);
    return 0;
  }
  const report = roundReport(catalog, round, now);
  if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(reportMarkdown(report, lang));
  if (values.xlsx) await writeFile(values.xlsx, await reportXlsx(report, lang));
  return 0;
}
