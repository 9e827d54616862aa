/**
 * `jiebang print <id> [--format docx|pdf] [--out <dir>] [--identity <key>] [--content <dir>]`
 * — write a demand (附件1), an enterprise profile (附件2) or an application (附件3) as the
 * official form to stamp. Without --identity the public version is printed (restricted
 * fields as "（不公开）"); with the officer's or submitter's key, the full one (refused in CI).
 * Exit 0 written, 1 the record could not be printed, 2 usage error.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PaperError } from '../../paper/record.ts';
import { printRecord, type PrintFormat } from '../../paper/print.ts';
import { nowFrom, parse, UsageError } from '../args.ts';
import { readIdentities } from './validate.ts';

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    format: { type: 'string', default: 'docx' },
    out: { type: 'string', default: '.' },
    identity: { type: 'string' },
    content: { type: 'string', default: 'content' },
    now: { type: 'string' },
  });
  if (positionals.length !== 1)
    throw new UsageError('用法 / usage: jiebang print <id> [--format docx|pdf] [--out <dir>] [--identity <key file>]');
  if (values.format !== 'docx' && values.format !== 'pdf')
    throw new UsageError(`--format 只能是 docx 或 pdf（收到 “${values.format}”）/ --format is docx or pdf`);
  const identities = values.identity === undefined ? undefined : await readIdentities(values.identity);
  try {
    const printed = await printRecord({
      contentDir: values.content,
      id: positionals[0]!,
      format: values.format as PrintFormat,
      identities,
      now: nowFrom(values.now),
    });
    await mkdir(values.out, { recursive: true });
    const file = join(values.out, printed.fileName);
    await writeFile(file, printed.bytes);
    process.stdout.write(`${file}\n`);
    return 0;
  } catch (e) {
    if (e instanceof PaperError) {
      process.stderr.write(`jiebang print: ${e.message} / ${e.messageEn}\n`);
      return 1;
    }
    throw e;
  }
}
