/**
 * A checked scan kept with its record: the processed file (never the upload) under the
 * record's folder, named for the record and the revision it was printed from, and listed in
 * the record's attachments with its sha256, type and size.
 *
 * Where the repository is public (site.yml `privacy.sealAtRest`) and the attachments are
 * restricted (they are, for every record kind), the file is stored age-encrypted to the
 * officers' keys (`<name>.age`) and the record's list goes into its sealed blob: opening
 * it needs the officer's or the submitter's key (`--identity`), and sealing again the
 * registry's recipients.
 */
import { Encrypter, armor } from 'age-encryption';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { formatYaml } from '../../content/format.ts';
import type { Site } from '../../generated/types.ts';
import { isRestricted } from '../../privacy/visibility.ts';
import { sealAtRest } from '../../privacy/visibility.ts';
import { recipientsFrom } from '../../seal/files.ts';
import { seal, unseal } from '../../seal/seal.ts';
import { locate, PaperError, readSite } from '../record.ts';
import { shortRevision } from '../verification.ts';
import { checkScan, type ScanOk } from './check-scan.ts';

export interface Attached {
  /** The stored file, relative to the content folder. */
  stored: string;
  sealed: boolean;
  scan: ScanOk;
  entry: { name: string; sha256: string; mime: string; size: number };
}

/** Where a record's files live: its own folder (an application's: applications/<id>/). */
export function scanFolder(contentDir: string, kind: string, id: string): string {
  return kind === 'application'
    ? join(contentDir, 'applications', id)
    : join(contentDir, kind === 'demand' ? 'demands' : 'enterprises', id);
}

async function writeNew(path: string, bytes: Uint8Array | string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, bytes, { flag: 'wx' });
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

export interface AttachOptions {
  contentDir: string;
  id: string;
  upload: Uint8Array;
  /** The revision printed on the form that was stamped (its verification line). */
  revision: string;
  identities?: readonly string[];
  /** The officers registry (default: <content>/officers.yml), for sealing at rest. */
  recipientsFrom?: string;
  now?: Date;
}

export async function attachScan(o: AttachOptions): Promise<Attached> {
  const result = await checkScan(o.upload);
  if (!result.ok) throw new PaperError(result.message, result.messageEn);
  const loc = locate(o.contentDir, o.id);
  const text = await readFile(loc.path).catch(() => {
    throw new PaperError(`找不到 ${o.id}`, `no record ${o.id}`);
  });
  const { parseContent } = await import('../../content/parse.ts');
  const parsed = parseContent(text, loc.path);
  if (!parsed.ok)
    throw new PaperError(`${loc.path}：${parsed.issue.message}`, `${loc.path}: ${parsed.issue.messageEn}`);
  const site: Site | undefined = await readSite(o.contentDir);
  const kept = await attachToRecord({
    kind: loc.kind,
    id: o.id,
    record: parsed.data as Record<string, unknown>,
    scan: result,
    revision: o.revision,
    sealAtRest: sealAtRest(site),
    ...(o.identities ? { identities: o.identities } : {}),
    recipients: (record) =>
      recipientsFrom(o.recipientsFrom ?? join(o.contentDir, 'officers.yml'), o.now ?? new Date(), loc.kind, record),
  });
  const stored = join(scanFolder(o.contentDir, loc.kind, o.id), kept.file.name);
  // The file first, then the record naming it: a crash leaves an unlisted file, never a listed one missing.
  await writeNew(stored, kept.file.bytes);
  await writeNew(loc.path, kept.text);
  return { stored: stored.slice(o.contentDir.length + 1), sealed: kept.sealed, scan: result, entry: kept.entry };
}

export interface KeptScan {
  /** The file to store in the record's folder: the processed scan, age-encrypted when sealed at rest. */
  file: { name: string; bytes: Uint8Array | string };
  /** The record's new text, listing the file (its list sealed again when the record is sealed). */
  text: string;
  entry: { name: string; sha256: string; mime: string; size: number };
  sealed: boolean;
  /** The record already lists a file with these very bytes (by hash): nothing new to keep. */
  already: boolean;
}

/**
 * A processed scan added to a record's attachments, wherever the record is read from (a
 * folder on disk, a branch on the forge): the file named for the record and the revision the
 * form was printed from, the record's list updated (opened and sealed again when the record
 * is sealed: that needs a key), the file encrypted to the recipients when restricted
 * attachments are sealed at rest.
 */
export async function attachToRecord(o: {
  kind: 'demand' | 'enterprise' | 'application';
  id: string;
  record: Record<string, unknown>;
  scan: ScanOk;
  revision: string;
  sealAtRest: boolean;
  identities?: readonly string[];
  recipients: (record: Record<string, unknown>) => Promise<string[]>;
}): Promise<KeptScan> {
  let record = o.record;
  const sealed = o.sealAtRest && isRestricted(o.kind, record, '/attachments');
  const name = `${o.id}-盖章扫描件-${shortRevision(o.revision)}.${o.scan.ext}`;
  const entry = { name, sha256: o.scan.sha256, mime: o.scan.mime, size: o.scan.size };
  const wasSealed = typeof record.sealed === 'string';
  if (wasSealed || sealed) {
    if (!o.identities)
      throw new PaperError(
        '该记录的附件清单是密封的：请用 --identity 提供经办人员或申报单位的私钥',
        "the record's attachments are sealed: give your key with --identity",
      );
    if (wasSealed) record = (await unseal(o.kind, record, o.identities)).record;
  }
  const listed = Array.isArray(record.attachments) ? (record.attachments as Array<Record<string, unknown>>) : [];
  const already = listed.some((a) => a.sha256 === entry.sha256);
  record = { ...record, attachments: [...listed.filter((a) => a.name !== name), entry] };
  let recipients: string[] = [];
  if (wasSealed || sealed) {
    recipients = await o.recipients(record);
    record = await seal(o.kind, record, recipients);
  }
  let bytes: Uint8Array | string = o.scan.bytes;
  if (sealed) {
    const e = new Encrypter();
    for (const r of recipients) e.addRecipient(r);
    bytes = armor.encode(await e.encrypt(o.scan.bytes));
  }
  return {
    file: { name: sealed ? `${name}.age` : name, bytes },
    text: formatYaml(o.kind, record),
    entry,
    sealed,
    already,
  };
}
