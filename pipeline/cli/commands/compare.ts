/**
 * `jiebang compare <demand> --identity <key file> --out <folder> [--content content]`
 * — on the issuer representative's or officer's own machine: the demand's applications
 * side by side (review/compare.ts) as `<demand>-遴选对比.xlsx` and a printable
 * `<demand>-遴选对比.html`, from the applications the key opens (a representative's key
 * opens only those to their own demands). The output is private: a folder inside a git
 * work tree (the repository, the built site in it, any other clone) is refused, and the
 * files are written readable by their owner only.
 * Exit 0 written, 1 no application of the demand could be opened, 2 usage error.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { loadPaths } from '../../content/load.ts';
import type { Application, Demand, Enterprise } from '../../generated/types.ts';
import { comparisonHtml, comparisonXlsx, type Applicant } from '../../review/compare.ts';
import { unsealRecords } from '../../seal/content.ts';
import { parse, UsageError } from '../args.ts';
import { readIdentities } from './validate.ts';
import { byCodeUnits } from '../../domain/order.ts';

/** The git work tree (or content folder) a path lies in, if any. */
function enclosingRepository(path: string, content: string): string | undefined {
  const abs = resolve(path);
  const contentAbs = resolve(content);
  if (abs === contentAbs || abs.startsWith(`${contentAbs}/`)) return contentAbs;
  for (let dir = abs; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    identity: { type: 'string' },
    out: { type: 'string' },
    content: { type: 'string' },
  });
  const demandId = positionals[0];
  if (!demandId || positionals.length > 1 || !values.identity || !values.out) {
    throw new UsageError(
      '用法：jiebang compare <需求编号> --identity <私钥文件> --out <仓库以外的文件夹> / usage: jiebang compare <demand> --identity <key file> --out <folder outside the repository>',
    );
  }
  const content = values.content ?? 'content';
  if (!existsSync(content)) throw new UsageError(`找不到 ${content} / no such folder: ${content}`);
  const inside = enclosingRepository(values.out, content) ?? enclosingRepository(dirname(resolve(values.out)), content);
  if (inside) {
    throw new UsageError(
      `对比表含有申请书正文等受限信息，不能写入代码仓库或网站目录（${values.out} 位于 ${inside} 中）：请用 --out 指定仓库以外的本机文件夹。/ The comparison holds restricted data and is never written into a repository or the site; give --out a folder outside it.`,
    );
  }
  const identities = await readIdentities(values.identity);

  const { records } = await loadPaths([content], { validate: false });
  const demandRecord = records.find((r) => r.kind === 'demand' && r.data?.id === demandId);
  if (!demandRecord) throw new UsageError(`没有需求“${demandId}” / no demand “${demandId}”`);
  const mine = records.filter((r) => r.kind === 'application' && r.data?.demandId === demandId);
  const profiles = records.filter((r) => r.kind === 'enterprise');
  const { records: opened } = await unsealRecords([demandRecord, ...mine, ...profiles], identities);

  const applicants: Applicant[] = [];
  const unopened: string[] = [];
  for (const r of opened.filter((x) => x.kind === 'application')) {
    const a = r.data as unknown as Application;
    if (typeof r.data!.sealed === 'string' || !a.chapters || !a.indicatorResponses) {
      unopened.push(a.id ?? r.locationId);
      continue;
    }
    const profile = opened.find((p) => p.kind === 'enterprise' && p.data?.uscc === a.applicant.uscc)
      ?.data as unknown as Enterprise | undefined;
    applicants.push({
      application: a,
      ...(profile ? { profile } : {}),
      figuresOpen: !!profile && profile.employees !== undefined,
    });
  }
  if (applicants.length === 0) {
    process.stderr.write(
      `✗ ${demandId}：${mine.length ? `${mine.length} 份申请都不是加密给这把密钥的` : '还没有申请'}，没有生成对比表。/ ${mine.length ? 'no application of this demand opens with this key' : 'no applications yet'}; nothing written.\n`,
    );
    return 1;
  }
  applicants.sort((x, y) => byCodeUnits(x.application.id, y.application.id));
  const d = opened[0]!.data as unknown as Demand;
  const comparison = {
    demand: { id: demandId, title: d.title ?? demandId, technicalIndicators: d.technicalIndicators ?? [] },
    applicants,
    unopened,
  };
  await mkdir(values.out, { recursive: true, mode: 0o700 });
  const base = join(values.out, `${demandId}-遴选对比`);
  await writeFile(`${base}.xlsx`, await comparisonXlsx(comparison), { mode: 0o600 });
  await writeFile(`${base}.html`, comparisonHtml(comparison, new Date().toISOString()), { mode: 0o600 });
  process.stdout.write(
    `✓ ${applicants.length} 份申请的遴选对比已写入 ${base}.xlsx 和 ${base}.html（仅本人可读，请勿提交到仓库或转发）${unopened.length ? `；另有 ${unopened.length} 份不是加密给这把密钥的` : ''} / comparison of ${applicants.length} application(s) written\n`,
  );
  return 0;
}
