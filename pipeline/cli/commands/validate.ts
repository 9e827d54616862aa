/**
 * `jiebang validate [paths…] [--json] [--lang zh|en]` — check content files against their
 * schemas and the programme's rules; cross-record rules too across everything given.
 * Exit 0 all valid, 1 any invalid, 2 usage error.
 */
import { access } from 'node:fs/promises';
import { crossRecordIssues } from '../../content/cross-record.ts';
import { loadPaths } from '../../content/load.ts';
import type { Kind } from '../../schema/registry.ts';
import type { Issue } from '../../validate/issue.ts';
import { parse, UsageError } from '../args.ts';

const KIND_NAMES: Record<Kind, string> = { demand: '需求', enterprise: '对接表', application: '揭榜申请', decision: '审核决定', round: '年度批次', officers: '经办人员名册', page: '页面', site: '网站设置' };

export interface FileResult { file: string; kind: Kind | 'unknown'; valid: boolean; errors: Issue[] }

export async function validatePaths(paths: string[]): Promise<FileResult[]> {
  for (const p of paths) {
    await access(p).catch(() => { throw new UsageError(`找不到 ${p} / no such file or folder: ${p}`); });
  }
  const { records, unknown } = await loadPaths(paths);
  const cross = crossRecordIssues(records);
  const results: FileResult[] = records.map((r) => {
    const errors = [...r.issues, ...cross.filter((c) => c.file === r.file).map(({ file: _f, ...i }) => i)];
    return { file: r.file, kind: r.kind, valid: errors.length === 0, errors };
  });
  for (const file of unknown) {
    results.push({ file, kind: 'unknown', valid: false, errors: [{ path: '', keyword: 'kind', params: {}, message: '无法从位置判断记录类型：请放在 content/ 的 demands、enterprises、applications、decisions、rounds 或 pages 目录下。', messageEn: 'Cannot tell the record kind from the location: put it under content/demands, enterprises, applications, decisions, rounds or pages.' }] });
  }
  return results;
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' }, lang: { type: 'string' } });
  const lang = values.lang ?? 'zh';
  if (lang !== 'zh' && lang !== 'en') throw new UsageError('--lang 只能是 zh 或 en / --lang must be zh or en');
  const results = await validatePaths(positionals.length ? positionals : ['content']);
  const invalid = results.filter((r) => !r.valid);
  if (values.json) {
    const shape = results.map((r) => ({ file: r.file, kind: r.kind, valid: r.valid, errors: r.errors.map((e) => ({ path: e.path, keyword: e.keyword, message: e.message, messageEn: e.messageEn })) }));
    process.stdout.write(`${JSON.stringify({ results: shape }, null, 2)}\n`);
  } else {
    for (const r of invalid) {
      const kind = r.kind === 'unknown' ? (lang === 'zh' ? '未知' : 'unknown') : lang === 'zh' ? KIND_NAMES[r.kind] : r.kind;
      process.stdout.write(`✗ ${r.file}（${kind}）\n`);
      for (const e of r.errors) process.stdout.write(`  - ${lang === 'zh' ? e.message : e.messageEn}  [${e.path || '/'} ${e.keyword}]\n`);
    }
    const summary = lang === 'zh'
      ? `${results.length} 个文件，${results.length - invalid.length} 个通过，${invalid.length} 个有问题。`
      : `${results.length} files, ${results.length - invalid.length} valid, ${invalid.length} invalid.`;
    process.stdout.write(`${invalid.length ? '' : '✓ '}${summary}\n`);
  }
  return invalid.length ? 1 : 0;
}
