/**
 * `jiebang unseal <file> --identity <key file> [--kind k] [--in-place]` — an officer opens a
 * record's sealed fields with their own key: prints the whole record (canonical YAML) with
 * the restricted fields merged back, then lists its problems on stderr. `--in-place`
 * replaces the file (refused where site.yml says `privacy.sealAtRest`: the repository is
 * public and the cleartext must not be written into it).
 * Exit 0 opened and valid, 1 opened with problems or not openable, 2 usage error.
 */
import { dirname, resolve } from 'node:path';
import { formatYaml } from '../../content/format.ts';
import { settingsAbove } from '../../content/settings.ts';
import { sealAtRest } from '../../privacy/visibility.ts';
import { InputError, readRecordFile, writeAtomic } from '../../seal/files.ts';
import { SealError, unseal } from '../../seal/seal.ts';
import { parse, UsageError } from '../args.ts';
import { readIdentities } from './validate.ts';

/** Is `file` inside a content folder whose site.yml seals at rest? */
async function inSealedRepository(file: string): Promise<boolean> {
  return sealAtRest(await settingsAbove(dirname(resolve(file))));
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    identity: { type: 'string' },
    kind: { type: 'string' },
    'in-place': { type: 'boolean' },
  });
  if (positionals.length !== 1 || !values.identity)
    throw new UsageError('用法 / usage: jiebang unseal <file> --identity <key file> [--in-place]');
  const identities = await readIdentities(values.identity);
  try {
    const file = await readRecordFile(positionals[0]!, values.kind, true);
    if (typeof file.data.sealed !== 'string') {
      process.stderr.write(`${file.path}：没有密封信息 / the record has no sealed data\n`);
      return 1;
    }
    if (values['in-place'] && file.kind === 'decision') {
      throw new UsageError(
        '台账中的决定写入后不能修改（下一条决定记有它的摘要）；去掉 --in-place，输出到仓库以外的位置 / a decision of the ledger is never changed once written (the next one holds its digest): drop --in-place',
      );
    }
    if (values['in-place'] && (await inSealedRepository(file.path))) {
      throw new UsageError(
        '本仓库按 site.yml 的 privacy.sealAtRest 设置公开存放，不能把解密后的明文写回仓库；去掉 --in-place，输出到仓库以外的位置 / this repository seals at rest: the cleartext must not be written into it; drop --in-place',
      );
    }
    const { record, issues } = await unseal(file.kind, file.data, identities);
    const text = formatYaml(file.kind, record);
    if (values['in-place']) await writeAtomic(file.path, text);
    else process.stdout.write(text);
    for (const i of issues) process.stderr.write(`  - ${i.message}  [${i.path || '/'} ${i.keyword}]\n`);
    return issues.length ? 1 : 0;
  } catch (e) {
    if (e instanceof InputError) throw new UsageError(e.message);
    if (e instanceof SealError) {
      process.stderr.write(`jiebang unseal: ${e.message} / ${e.messageEn}\n`);
      return 1;
    }
    throw e;
  }
}
