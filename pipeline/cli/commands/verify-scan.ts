/**
 * `jiebang verify-scan <file> --id <id> --revision <hash> [--content <dir>] [--json]` — check
 * a stamped scan: its bytes (type, size, pages, active content) and the id and revision on
 * its verification line against the record, its git history and the decision ledger.
 * Exit 0 the scan is sound and matches the current revision, 1 it is refused, or was
 * printed from an older or unknown revision, 2 usage error.
 */
import { readFile } from 'node:fs/promises';
import { PaperError } from '../../paper/record.ts';
import { checkScan } from '../../paper/scan/check-scan.ts';
import { matchRevision } from '../../paper/verify-revision.ts';
import { parse, UsageError } from '../args.ts';

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    id: { type: 'string' },
    revision: { type: 'string' },
    content: { type: 'string', default: 'content' },
    json: { type: 'boolean' },
  });
  if (positionals.length !== 1 || !values.id || !values.revision)
    throw new UsageError('用法 / usage: jiebang verify-scan <file> --id <id> --revision <hash>');
  const bytes = await readFile(positionals[0]!).catch(() => {
    throw new UsageError(`读不到文件 ${positionals[0]} / cannot read ${positionals[0]}`);
  });
  try {
    const scan = await checkScan(bytes);
    const match = await matchRevision(values.content, values.id, values.revision);
    if (values.json) {
      const { bytes: _b, ...facts } = scan.ok ? scan : { ...scan, bytes: undefined };
      process.stdout.write(`${JSON.stringify({ scan: facts, match }, null, 2)}\n`);
    } else {
      process.stdout.write(
        scan.ok
          ? `文件 / file: ${scan.mime}${scan.pages ? ` · ${scan.pages} 页` : ''} · sha256 ${scan.sha256}\n`
          : `文件不予接受 / file refused: ${scan.message} / ${scan.messageEn}\n`,
      );
      process.stdout.write(`${match.message}\n${match.messageEn}\n`);
    }
    return scan.ok && match.state === 'current' ? 0 : 1;
  } catch (e) {
    if (e instanceof PaperError) {
      process.stderr.write(`jiebang verify-scan: ${e.message} / ${e.messageEn}\n`);
      return 1;
    }
    throw e;
  }
}
