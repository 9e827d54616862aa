/**
 * `jiebang attach-scan <id> <file> --revision <hash> [--identity <key>] [--content <dir>]`
 * — check a stamped scan by its bytes, keep the processed file under the record's folder
 * and list it in the record's attachments (sealed where the repository seals at rest).
 * The revision is the one on the stamped form's verification line: it must be one the
 * record had (`verify-scan` says which). Exit 0 kept, 1 refused, 2 usage error.
 */
import { readFile } from 'node:fs/promises';
import { PaperError } from '../../paper/record.ts';
import { attachScan } from '../../paper/scan/attach.ts';
import { matchRevision } from '../../paper/verify-revision.ts';
import { nowFrom, parse, UsageError } from '../args.ts';
import { readIdentities } from './validate.ts';

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    revision: { type: 'string' },
    identity: { type: 'string' },
    content: { type: 'string', default: 'content' },
    'recipients-from': { type: 'string' },
    now: { type: 'string' },
  });
  if (positionals.length !== 2 || !values.revision)
    throw new UsageError(
      '用法 / usage: jiebang attach-scan <id> <file> --revision <表格核验信息中的版本号 / the revision on the form>',
    );
  const [id, file] = positionals as [string, string];
  const upload = await readFile(file).catch(() => {
    throw new UsageError(`读不到文件 ${file} / cannot read ${file}`);
  });
  const identities = values.identity === undefined ? undefined : await readIdentities(values.identity);
  try {
    const match = await matchRevision(values.content, id, values.revision);
    if (match.state === 'unknown') {
      process.stderr.write(`jiebang attach-scan: ${match.message} / ${match.messageEn}\n`);
      return 1;
    }
    const attached = await attachScan({
      contentDir: values.content,
      id,
      upload,
      revision: match.revision!,
      identities,
      recipientsFrom: values['recipients-from'],
      now: nowFrom(values.now),
    });
    process.stdout.write(
      `${attached.stored}\nsha256 ${attached.entry.sha256} · ${attached.entry.mime} · ${attached.entry.size} B${attached.sealed ? ' · 已加密存放 / sealed at rest' : ''}\n`,
    );
    for (const c of attached.scan.changes) process.stdout.write(`  - ${c}\n`);
    if (match.state === 'older') process.stderr.write(`注意 / note: ${match.message} / ${match.messageEn}\n`);
    return 0;
  } catch (e) {
    if (e instanceof PaperError) {
      process.stderr.write(`jiebang attach-scan: ${e.message} / ${e.messageEn}\n`);
      return 1;
    }
    throw e;
  }
}
