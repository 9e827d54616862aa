/**
 * `jiebang seal <file> [--recipients-from content/officers.yml] [--kind k] [--in-place | --armor] [--now t]`
 * — seal a record's restricted fields to the officers in office (an application also to its
 * demand's issuer representatives): for pull-request and CLI
 * submitters, and for officers storing records in a public repository. The record is
 * checked first (sealed, its mistakes could no longer be seen by the submitter's tools).
 * Prints the sealed record (canonical YAML), or with `--armor` only the blob to paste into
 * an issue form's 密封信息 field; `--in-place` replaces the file atomically.
 * Exit 0 sealed (or nothing to seal), 1 the record has problems, 2 usage error.
 */
import { formatYaml } from '../../content/format.ts';
import { InputError, readRecordFile, recipientsFrom, writeAtomic } from '../../seal/files.ts';
import { seal, SealError } from '../../seal/seal.ts';
import { fieldAt } from '../../schema/fields.ts';
import { validateRecord } from '../../validate/index.ts';
import { nowFrom, parse, UsageError } from '../args.ts';

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    'recipients-from': { type: 'string' },
    kind: { type: 'string' },
    'in-place': { type: 'boolean' },
    armor: { type: 'boolean' },
    now: { type: 'string' },
  });
  if (positionals.length !== 1)
    throw new UsageError(
      '用法 / usage: jiebang seal <file> [--recipients-from content/officers.yml] [--kind demand|enterprise|application] [--in-place | --armor]',
    );
  if (values['in-place'] && values.armor)
    throw new UsageError('--in-place 与 --armor 只能选一个 / choose --in-place or --armor');
  const now = nowFrom(values.now);
  try {
    const file = await readRecordFile(positionals[0]!, values.kind);
    const recipients = await recipientsFrom(
      values['recipients-from'] ?? 'content/officers.yml',
      now,
      file.kind,
      file.data,
    );
    // Fields the pipeline sets on intake (id…) may still be missing.
    const issues = validateRecord(file.kind, file.data).filter(
      (i) => !(i.keyword === 'required' && fieldAt(file.kind, i.path)?.node['x-source'] === 'pipeline'),
    );
    if (issues.length) {
      process.stderr.write(
        `✗ ${file.path}：请先改正以下问题再密封 / fix these before sealing:\n${issues.map((i) => `  - ${i.message}  [${i.path || '/'} ${i.keyword}]`).join('\n')}\n`,
      );
      return 1;
    }
    const sealed = await seal(file.kind, file.data, recipients);
    if (sealed === file.data) {
      process.stderr.write(`${file.path}：没有需要密封的明文受限字段 / no restricted field in the clear to seal\n`);
      if (values.armor) return 1;
    }
    if (values.armor) process.stdout.write(String(sealed.sealed));
    else if (values['in-place']) {
      if (sealed !== file.data) await writeAtomic(file.path, formatYaml(file.kind, sealed));
      process.stderr.write(
        `✓ ${file.path}：受限字段已密封给 ${recipients.length} 个公钥 / restricted fields sealed to ${recipients.length} recipient(s)\n`,
      );
    } else process.stdout.write(formatYaml(file.kind, sealed));
    return 0;
  } catch (e) {
    if (e instanceof InputError) throw new UsageError(e.message);
    if (e instanceof SealError) {
      process.stderr.write(`jiebang seal: ${e.message} / ${e.messageEn}\n`);
      return 1;
    }
    throw e;
  }
}
