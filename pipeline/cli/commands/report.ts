/**
 * `jiebang report <round> [--content dir] [--xlsx out.xlsx] [--now ISO] [--lang zh|en] [--json]`
 * — counts per state of a round's demands and applications (statuses derived from the
 * ledger at --now, the real clock by default): Markdown on stdout, and an XLSX workbook
 * when asked. Exit 0, or 2 on a usage error (unknown round, bad --now).
 */
import { writeFile, access } from 'node:fs/promises';
import { buildCatalog } from '../../content/catalog.ts';
import { loadPaths } from '../../content/load.ts';
import { reportMarkdown, reportXlsx, roundReport } from '../../review/report.ts';
import { nowFrom, parse, UsageError } from '../args.ts';

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { content: { type: 'string' }, xlsx: { type: 'string' }, now: { type: 'string' }, lang: { type: 'string' }, json: { type: 'boolean' } });
  const round = positionals[0];
  if (!round || positionals.length > 1) throw new UsageError('用法：jiebang report <批次编号> [--xlsx 文件] [--now 时间] / usage: jiebang report <round> [--xlsx file] [--now time]');
  const lang = values.lang ?? 'zh';
  if (lang !== 'zh' && lang !== 'en') throw new UsageError('--lang 只能是 zh 或 en / --lang must be zh or en');
  const now = nowFrom(values.now);
  const dir = values.content ?? 'content';
  await access(dir).catch(() => { throw new UsageError(`找不到 ${dir} / no such folder: ${dir}`); });
  const catalog = buildCatalog((await loadPaths([dir])).records.filter((r) => r.issues.length === 0));
  if (!catalog.rounds.has(round)) {
    throw new UsageError(`没有批次“${round}”，现有：${[...catalog.rounds.keys()].sort().join('、') || '无'} / no round “${round}”`);
  }
  const report = roundReport(catalog, round, now);
  if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(reportMarkdown(report, lang));
  if (values.xlsx) await writeFile(values.xlsx, await reportXlsx(report, lang));
  return 0;
}
