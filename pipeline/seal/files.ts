/**
 * Files the sealing commands read and write: a record file (kind from its place, or given),
 * the officers registry the recipients come from, and atomic replacement (a crash leaves
 * the old file or the new one, never half of either).
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { kindForPath } from '../domain/kinds.ts';
import { parseContent } from '../content/parse.ts';
import type { Officers } from '../generated/types.ts';
import { KINDS, type Kind } from '../schema/registry.ts';
import { validateRecord } from '../validate/index.ts';
import { APPEND_ONLY, SEALABLE_KINDS } from './cleartext.ts';
import { officerRecipients, recipientsFor } from './recipients.ts';

/** A problem with the command's input, for the command to print (Chinese / English). */
export class InputError extends Error {}

export interface RecordFile {
  path: string;
  kind: Kind;
  data: Record<string, unknown>;
}

/**
 * A record file to seal or open. `open`: to read it (unseal), which decisions sealed by the
 * ledger may be too; to seal, only the kinds people seal.
 */
export async function readRecordFile(path: string, kindOption?: string, open = false): Promise<RecordFile> {
  const bytes = await readFile(path).catch(() => {
    throw new InputError(`读不到文件 ${path} / cannot read ${path}`);
  });
  const kind = kindOption ?? kindForPath(path);
  if (!kind || !KINDS.includes(kind as Kind)) {
    throw new InputError(
      `无法从位置判断 ${path} 的记录类型，请用 --kind 指定（${SEALABLE_KINDS.join('、')}）/ cannot tell the record kind from the location; give --kind`,
    );
  }
  if (!SEALABLE_KINDS.includes(kind as Kind) && !(open && APPEND_ONLY.includes(kind as Kind))) {
    throw new InputError(
      `${kind} 记录没有密封信息字段，只有 ${SEALABLE_KINDS.join('、')} 可以密封 / only ${SEALABLE_KINDS.join(', ')} records can be sealed`,
    );
  }
  const parsed = parseContent(bytes, path);
  if (!parsed.ok) throw new InputError(`${path}：${parsed.issue.message} / ${parsed.issue.messageEn}`);
  if (!parsed.data || typeof parsed.data !== 'object' || Array.isArray(parsed.data))
    throw new InputError(`${path}：不是一条记录 / not a record`);
  return { path, kind: kind as Kind, data: parsed.data as Record<string, unknown> };
}

/** The officers registry at `path`; it must be valid and list a recipient of an officer in office at `now`. */
export async function registryFrom(path: string, now: Date): Promise<Officers> {
  const bytes = await readFile(path).catch(() => {
    throw new InputError(
      `读不到经办人员名册 ${path}（用 --recipients-from 指定）/ cannot read the officers registry ${path} (give --recipients-from)`,
    );
  });
  const parsed = parseContent(bytes, path);
  if (!parsed.ok) throw new InputError(`${path}：${parsed.issue.message} / ${parsed.issue.messageEn}`);
  const issues = validateRecord('officers', parsed.data);
  if (issues.length) throw new InputError(`${path}：${issues[0]!.message} / ${issues[0]!.messageEn}`);
  const registry = parsed.data as Officers;
  if (officerRecipients(registry, now).length === 0)
    throw new InputError(
      `${path} 中没有在任经办人员的加密公钥（recipient）/ the registry lists no recipient of an officer in office`,
    );
  return registry;
}

/** Everyone a record is sealed to, from the registry at `path` (recipients.ts decides who). */
export async function recipientsFrom(
  path: string,
  now: Date,
  kind: Kind,
  record: Record<string, unknown>,
): Promise<string[]> {
  return recipientsFor(await registryFrom(path, now), kind, record, now);
}

/** Replace a file's content atomically (same folder, then rename). */
export async function writeAtomic(path: string, content: string): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, content, { flag: 'wx' });
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
