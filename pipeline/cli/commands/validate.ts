/**
 * `jiebang validate [paths…] [--json] [--lang zh|en] [--identity <key file>] [--public-log]` — check content
 * files against their schemas and the programme's rules; cross-record rules too across
 * everything given. With `--identity`, sealed fields are opened in memory first so the
 * rules that need restricted values run too (messages redacted). When site.yml sets
 * `privacy.sealAtRest`, a restricted value in the clear is an error. `--public-log` is for a
 * log anyone may read (the trusted CI job of a public repository): problems resting on
 * another record's restricted fields (an applicant's size, a non-public demand's
 * indicators) are counted, not listed — neither the message nor the file they are on.
 * Exit 0 all valid, 1 any invalid, 2 usage error.
 */
import { access, readFile } from 'node:fs/promises';
import { validateFiles, type FileResult } from '../../content-check/validate-files.ts';
import type { Kind } from '../../schema/registry.ts';
import { parse, UsageError } from '../args.ts';

const KIND_NAMES: Record<Kind, string> = {
  demand: '需求',
  enterprise: '对接表',
  application: '揭榜申请',
  decision: '审核决定',
  round: '年度批次',
  officers: '经办人员名册',
  page: '页面',
  site: '网站设置',
  external: '全国目录条目',
};

export type { FileResult };

export interface ValidateOptions {
  /** age identities: open sealed fields in memory before the rules run. */
  identities?: string[];
  /** Worker threads (0: none); by default both cores for thousands of files. */
  threads?: number;
}

async function validation(paths: string[], options: ValidateOptions) {
  for (const p of paths) {
    await access(p).catch(() => {
      throw new UsageError(`找不到 ${p} / no such file or folder: ${p}`);
    });
  }
  return validateFiles(paths, options);
}

/** Every file's result (content-check/validate-files.ts streams them; this collects them, for callers that want a list). */
export async function validatePaths(paths: string[], options: ValidateOptions = {}): Promise<FileResult[]> {
  return [...(await validation(paths, options)).results()];
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    json: { type: 'boolean' },
    lang: { type: 'string' },
    identity: { type: 'string' },
    'public-log': { type: 'boolean' },
  });
  const lang = values.lang ?? 'zh';
  if (lang !== 'zh' && lang !== 'en') throw new UsageError('--lang 只能是 zh 或 en / --lang must be zh or en');
  const identities = values.identity === undefined ? undefined : await readIdentities(values.identity);
  const checked = await validation(positionals.length ? positionals : ['content'], identities ? { identities } : {});
  const out = new Output();
  let withheld = 0;
  // In a public log, what rests on restricted fields is counted only (and a file with nothing else is not named).
  const results = function* (): Generator<FileResult> {
    for (const r of checked.results()) {
      if (!values['public-log']) {
        yield r;
        continue;
      }
      const errors = r.errors.filter((e) => !(e as { restrictedBasis?: true }).restrictedBasis);
      withheld += r.errors.length - errors.length;
      yield { ...r, errors, valid: errors.length === 0 };
    }
  };
  if (values.json) {
    // The one JSON object, written result by result: the same bytes as JSON.stringify(…, null, 2) of the whole.
    out.write('{\n  "results": [');
    let first = true;
    for (const r of results()) {
      const shape = {
        file: r.file,
        kind: r.kind,
        valid: r.valid,
        errors: r.errors.map((e) => ({ path: e.path, keyword: e.keyword, message: e.message, messageEn: e.messageEn })),
      };
      out.write(`${first ? '' : ','}\n    ${JSON.stringify(shape, null, 2).replaceAll('\n', '\n    ')}`);
      first = false;
    }
    out.write(first ? ']' : '\n  ]');
    out.write(values['public-log'] ? `,\n  "restrictedProblems": ${withheld}\n}\n` : '\n}\n');
  } else {
    let shown = 0;
    for (const r of results()) {
      for (const w of r.warnings ?? [])
        out.write(
          `! ${r.file}（${lang === 'zh' ? '提示' : 'warning'}）\n  - ${lang === 'zh' ? w.message : w.messageEn}  [${w.path || '/'} ${w.keyword}]\n`,
        );
      if (r.valid) continue;
      shown++;
      const kind =
        r.kind === 'unknown' ? (lang === 'zh' ? '未知' : 'unknown') : lang === 'zh' ? KIND_NAMES[r.kind] : r.kind;
      out.write(`✗ ${r.file}（${kind}）\n`);
      for (const e of r.errors)
        out.write(`  - ${lang === 'zh' ? e.message : e.messageEn}  [${e.path || '/'} ${e.keyword}]\n`);
    }
    const { files } = checked;
    const invalid = values['public-log'] ? shown : checked.invalid;
    const summary =
      lang === 'zh'
        ? `${files} 个文件，${files - invalid} 个通过，${invalid} 个有问题。`
        : `${files} files, ${files - invalid} valid, ${invalid} invalid.`;
    out.write(`${invalid ? '' : '✓ '}${summary}\n`);
    if (withheld) {
      out.write(
        lang === 'zh'
          ? `另有 ${withheld} 处涉及不公开信息的问题，未在公开日志中列出：请主管部门在本地运行 jiebang validate --identity 查看。\n`
          : `${withheld} more problems involve restricted data and are not listed in a public log: run jiebang validate --identity locally.\n`,
      );
    }
  }
  out.flush();
  return checked.invalid ? 1 : 0;
}

/** stdout in blocks: a result per write would be hundreds of thousands of writes. */
class Output {
  private parts: string[] = [];
  private size = 0;
  write(s: string): void {
    this.parts.push(s);
    this.size += s.length;
    if (this.size > 1 << 16) this.flush();
  }
  flush(): void {
    if (this.parts.length) process.stdout.write(this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
}

/** The secret keys of an age identity file, or a usage error that says what is wrong with it. */
export async function readIdentities(path: string): Promise<string[]> {
  const text = await readFile(path, 'utf8').catch(() => {
    throw new UsageError(`读不到密钥文件 ${path} / cannot read the key file ${path}`);
  });
  const { parseIdentities, SealError } = await import('../../seal/seal.ts');
  try {
    return parseIdentities(text);
  } catch (e) {
    if (e instanceof SealError) throw new UsageError(`${path}：${e.message} / ${e.messageEn}`);
    throw e;
  }
}
