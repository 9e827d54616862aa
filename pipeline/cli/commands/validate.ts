/**
 * `jiebang validate [paths…] [--json] [--lang zh|en] [--identity <key file>]` — check content
 * files against their schemas and the programme's rules; cross-record rules too across
 * everything given. With `--identity`, sealed fields are opened in memory first so the
 * rules that need restricted values run too (messages redacted). When site.yml sets
 * `privacy.sealAtRest`, a restricted value in the clear is an error.
 * Exit 0 all valid, 1 any invalid, 2 usage error.
 */
import { access, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { buildCatalog } from '../../content/catalog.ts';
import { crossRecordIssues } from '../../content/cross-record.ts';
import { loadPaths, type LoadedRecord } from '../../content/load.ts';
import { parseContent } from '../../content/parse.ts';
import type { Site } from '../../generated/types.ts';
import { cleartextIssues, redactIssues, sealAtRest } from '../../seal/cleartext.ts';
import type { Kind } from '../../schema/registry.ts';
import type { Issue } from '../../validate/issue.ts';
import { parse, UsageError } from '../args.ts';

const KIND_NAMES: Record<Kind, string> = { demand: '需求', enterprise: '对接表', application: '揭榜申请', decision: '审核决定', round: '年度批次', officers: '经办人员名册', page: '页面', site: '网站设置' };

export interface FileResult { file: string; kind: Kind | 'unknown'; valid: boolean; errors: Issue[] }

/** The deployment's settings: site.yml among the records, or the nearest one above the first path. */
async function siteSettings(records: LoadedRecord[], paths: string[]): Promise<Site | undefined> {
  const loaded = records.find((r) => r.kind === 'site');
  if (loaded) return loaded.data as Site | undefined;
  for (let dir = resolve(paths[0] ?? '.'); ; dir = dirname(dir)) {
    const bytes = await readFile(join(dir, 'site.yml')).catch(() => undefined)
      ?? await readFile(join(dir, 'content', 'site.yml')).catch(() => undefined);
    if (bytes) {
      const parsed = parseContent(bytes, 'site.yml');
      return parsed.ok ? (parsed.data as Site) : undefined;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

export interface ValidateOptions {
  /** age identities: open sealed fields in memory before the rules run. */
  identities?: string[];
}

export async function validatePaths(paths: string[], options: ValidateOptions = {}): Promise<FileResult[]> {
  for (const p of paths) {
    await access(p).catch(() => { throw new UsageError(`找不到 ${p} / no such file or folder: ${p}`); });
  }
  const loaded = await loadPaths(paths);
  const unknown = loaded.unknown;
  let records = loaded.records;
  // At rest in a public repository, restricted values may only be there sealed.
  if (sealAtRest(await siteSettings(records, paths))) {
    records = records.map((r) => (r.data ? { ...r, issues: [...r.issues, ...cleartextIssues(r.kind, r.data)] } : r));
  }
  if (options.identities) {
    const { unsealRecords } = await import('../../seal/content.ts'); // loads age only when a key is given
    records = (await unsealRecords(records, options.identities)).records;
  }
  // Cross-record rules look at the records that are valid on their own (an invalid one may lack its id).
  const cross = crossRecordIssues(records, buildCatalog(records.filter((r) => r.issues.length === 0)));
  const results: FileResult[] = records.map((r) => {
    const own = cross.filter((c) => c.file === r.file).map(({ file: _f, ...i }) => i);
    const errors = [...r.issues, ...(options.identities && r.data ? redactIssues(r.kind, r.data, own) : own)];
    return { file: r.file, kind: r.kind, valid: errors.length === 0, errors };
  });
  for (const file of unknown) {
    results.push({ file, kind: 'unknown', valid: false, errors: [{ path: '', keyword: 'kind', params: {}, message: '无法从位置判断记录类型：请放在 content/ 的 demands、enterprises、applications、decisions、rounds 或 pages 目录下。', messageEn: 'Cannot tell the record kind from the location: put it under content/demands, enterprises, applications, decisions, rounds or pages.' }] });
  }
  return results;
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' }, lang: { type: 'string' }, identity: { type: 'string' } });
  const lang = values.lang ?? 'zh';
  if (lang !== 'zh' && lang !== 'en') throw new UsageError('--lang 只能是 zh 或 en / --lang must be zh or en');
  const identities = values.identity === undefined ? undefined : await readIdentities(values.identity);
  const results = await validatePaths(positionals.length ? positionals : ['content'], identities ? { identities } : {});
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

/** The secret keys of an age identity file, or a usage error that says what is wrong with it. */
export async function readIdentities(path: string): Promise<string[]> {
  const text = await readFile(path, 'utf8').catch(() => { throw new UsageError(`读不到密钥文件 ${path} / cannot read the key file ${path}`); });
  const { parseIdentities, SealError } = await import('../../seal/seal.ts');
  try {
    return parseIdentities(text);
  } catch (e) {
    if (e instanceof SealError) throw new UsageError(`${path}：${e.message} / ${e.messageEn}`);
    throw e;
  }
}
