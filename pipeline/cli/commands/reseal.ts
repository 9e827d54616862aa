/**
 * `jiebang reseal [paths…] --identity <key file> [--recipients-from <officers.yml>] [--now t]`
 * `jiebang reseal [paths…] --check [--recipients-from <officers.yml>]`
 * — after officers' keys change (an officer joins or leaves, a key is lost), seal every
 * sealed record again to the officers in office now; where site.yml says
 * `privacy.sealAtRest`, records still holding restricted values in the clear are sealed too.
 * Every blob is opened before any file is written, so a key that cannot open one of them
 * changes nothing; each file is then replaced atomically. `--check` needs no key: it lists
 * records sealed to a different number of keys than the registry now lists, and cleartext
 * at rest where it is not allowed (exit 1 if any).
 * Exit 0 done (or nothing to do), 1 something could not be opened or needs resealing, 2 usage error.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { formatYaml } from '../../content/format.ts';
import { loadPaths } from '../../content/load.ts';
import type { Site } from '../../generated/types.ts';
import { inspectSealed } from '../../rules/sealed-blob.ts';
import { SEALABLE_KINDS } from '../../seal/cleartext.ts';
import { restrictedFields, sealAtRest } from '../../privacy/visibility.ts';
import { InputError, registryFrom, writeAtomic } from '../../seal/files.ts';
import { officerRecipients, recipientsFor } from '../../seal/recipients.ts';
import type { Officers } from '../../generated/types.ts';
import { nowFrom, parse, UsageError } from '../args.ts';
import { readIdentities } from './validate.ts';

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    identity: { type: 'string' },
    'recipients-from': { type: 'string' },
    check: { type: 'boolean' },
    now: { type: 'string' },
  });
  if (!values.check && !values.identity)
    throw new UsageError('用法 / usage: jiebang reseal [paths…] --identity <key file> | --check');
  const paths = positionals.length ? positionals : ['content'];
  const registry =
    values['recipients-from'] ??
    (existsSync(join(paths[0]!, 'officers.yml')) ? join(paths[0]!, 'officers.yml') : 'content/officers.yml');
  const now = nowFrom(values.now);
  let officers: Officers;
  try {
    officers = await registryFrom(registry, now);
  } catch (e) {
    if (e instanceof InputError) throw new UsageError(e.message);
    throw e;
  }
  const { records } = await loadPaths(paths, { validate: false });
  const atRest = sealAtRest(records.find((r) => r.kind === 'site')?.data as Site | undefined);
  const sealable = records.filter((r) => r.data && SEALABLE_KINDS.includes(r.kind));
  const sealedOnes = sealable.filter((r) => typeof r.data!.sealed === 'string');
  // An application goes to its demand's issuer representatives too: each record has its own count.
  const recipientsOf = (r: (typeof sealable)[number]) => recipientsFor(officers, r.kind, r.data!, now);
  const clearOnes = atRest
    ? sealable.filter(
        (r) => typeof r.data!.sealed !== 'string' && Object.keys(restrictedFields(r.kind, r.data!)).length > 0,
      )
    : [];

  if (values.check) {
    const stale = sealedOnes.filter((r) => !inspectSealed(String(r.data!.sealed), recipientsOf(r).length).ok);
    for (const r of stale)
      process.stdout.write(
        `✗ ${r.file}：密封信息不是加密给现有 ${recipientsOf(r).length} 个公钥的，需要重新密封 / sealed to other keys than the ${recipientsOf(r).length} now listed\n`,
      );
    for (const r of clearOnes)
      process.stdout.write(
        `✗ ${r.file}：受限字段以明文存放，本仓库要求密封 / restricted fields in the clear where sealAtRest is set\n`,
      );
    process.stdout.write(
      `${sealedOnes.length} 条密封记录，${stale.length} 条需要重新密封；${clearOnes.length} 条明文需要密封 / ${sealedOnes.length} sealed, ${stale.length} to reseal, ${clearOnes.length} to seal\n`,
    );
    return stale.length || clearOnes.length ? 1 : 0;
  }

  const identities = await readIdentities(values.identity!);
  const { seal, unseal, SealError } = await import('../../seal/seal.ts');
  // Open everything first: one blob this key cannot open stops the run before any write.
  const planned: Array<{ file: string; text: string }> = [];
  const failures: string[] = [];
  for (const r of [...sealedOnes, ...clearOnes]) {
    try {
      const open = typeof r.data!.sealed === 'string' ? (await unseal(r.kind, r.data!, identities)).record : r.data!;
      planned.push({ file: r.file, text: formatYaml(r.kind, await seal(r.kind, open, recipientsOf(r))) });
    } catch (e) {
      if (!(e instanceof SealError)) throw e;
      failures.push(`✗ ${r.file}：${e.message} / ${e.messageEn}`);
    }
  }
  if (failures.length) {
    process.stderr.write(`${failures.join('\n')}\n没有改动任何文件 / no file was changed\n`);
    return 1;
  }
  for (const p of planned) await writeAtomic(p.file, p.text);
  process.stdout.write(
    `✓ 已重新密封 ${sealedOnes.length} 条、新密封 ${clearOnes.length} 条记录，加密给 ${officerRecipients(officers, now).length} 个经办人员公钥（申请书另加该需求的发榜企业代表）/ resealed ${sealedOnes.length}, sealed ${clearOnes.length}, to ${officerRecipients(officers, now).length} officer recipient(s) (applications also to their demand's issuer representatives)\n`,
  );
  return 0;
}
