/**
 * Sealing a record's restricted fields to the officers' age keys, and opening them again.
 *
 * Which fields are restricted is asked of privacy/visibility.ts only (restrictedFields for
 * what a record holds, isRestricted for what a blob brings back). `seal` removes the
 * top-most restricted values from the record and carries them in its `sealed` property as
 * one armored age file holding `{format, kind, fields: {<JSON Pointer>: value}}`; keyed by
 * pointer so values inside arrays and the issuer-choice fields of a demand come back to
 * exactly where they were. `unseal` merges them back, refusing a blob that would set a
 * public field (the officers would then judge something other than what the public sees)
 * or overwrite a value in the clear, and validates the result.
 *
 * The same code runs in Node (CLI, trusted CI job) and in the browser (submission helper).
 */
import { Decrypter, Encrypter, armor } from 'age-encryption';
import { isRestricted, restrictedFields } from '../privacy/visibility.ts';
import type { Kind } from '../schema/registry.ts';
import type { Issue } from '../domain/issue.ts';
import { validateRecord } from '../validate/index.ts';

export const SEALED_FORMAT = 'jiebang-sealed/1';

type Obj = Record<string, unknown>;

export interface SealedPayload {
  format: typeof SEALED_FORMAT;
  kind: Kind;
  /** Restricted values by the JSON Pointer they sit at in the record. */
  fields: Record<string, unknown>;
}

export type SealErrorCode =
  | 'no-recipients'
  | 'bad-recipient'
  | 'already-sealed'
  | 'no-identity'
  | 'bad-identity'
  | 'wrong-key'
  | 'corrupt'
  | 'format'
  | 'wrong-kind'
  | 'not-restricted'
  | 'conflict';

/** A mistake a person can fix (wrong key, stale blob): a Chinese and an English message, never a value. */
export class SealError extends Error {
  readonly code: SealErrorCode;
  readonly messageEn: string;
  constructor(code: SealErrorCode, message: string, messageEn: string) {
    super(message);
    this.name = 'SealError';
    this.code = code;
    this.messageEn = messageEn;
  }
}

const DANGEROUS_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 32;
const RECIPIENT = /^age1[02-9ac-hj-np-z]{58}$/;
const IDENTITY = /^AGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]{58}$/;

const unescape = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');
const keysOf = (pointer: string) => pointer.split('/').slice(1).map(unescape);

function getAt(record: Obj, keys: string[]): unknown {
  let v: unknown = record;
  for (const k of keys) v = v !== null && typeof v === 'object' && Object.hasOwn(v, k) ? (v as Obj)[k] : undefined;
  return v;
}

function deleteAt(record: Obj, keys: string[]): void {
  const parent = getAt(record, keys.slice(0, -1));
  if (parent !== null && typeof parent === 'object') delete (parent as Obj)[keys.at(-1)!];
}

/** Put a value at a pointer, creating plain objects on the way (arrays must exist). */
function setAt(record: Obj, keys: string[], value: unknown): boolean {
  let target: unknown = record;
  for (const k of keys.slice(0, -1)) {
    if (target === null || typeof target !== 'object') return false;
    const t = target as Obj;
    if (!Object.hasOwn(t, k) || t[k] === undefined) {
      if (Array.isArray(t)) return false;
      t[k] = {};
    }
    target = t[k];
  }
  if (target === null || typeof target !== 'object') return false;
  (target as Obj)[keys.at(-1)!] = value;
  return true;
}

/** Is there a key that could reach an object's prototype, or nesting deeper than any record has? */
function unsafeShape(value: unknown, depth = 0): boolean {
  if (depth > MAX_DEPTH) return true;
  if (Array.isArray(value)) return value.some((v) => unsafeShape(v, depth + 1));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).some(([k, v]) => DANGEROUS_KEYS.has(k) || unsafeShape(v, depth + 1));
  }
  return false;
}

/** The most a sealed payload may inflate to: far above any record (an application is at most ~0.3 MB of JSON). */
export const MAX_PAYLOAD_BYTES = 2 * 1024 * 1024;

const GZIP_MAGIC = [0x1f, 0x8b] as const;

async function drain(stream: ReadableStream<Uint8Array>, cap: number): Promise<Uint8Array | undefined> {
  const parts: Uint8Array[] = [];
  let size = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > cap) {
      await reader.cancel();
      return undefined;
    }
    parts.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * The payload's JSON, gzip-compressed before it is encrypted: Chinese prose shrinks to about
 * a third, so an application fits the forge's issue body (docs/intake.md, “Size”).
 * CompressionStream runs in Node and every current browser alike.
 */
export async function compressPayload(json: string): Promise<Uint8Array> {
  return (await drain(new Blob([json]).stream().pipeThrough(new CompressionStream('gzip')), Infinity))!;
}

/** The JSON text of decrypted bytes: gunzipped (within MAX_PAYLOAD_BYTES) or, from older blobs, as they are. */
async function payloadText(bytes: Uint8Array): Promise<string | undefined> {
  if (bytes[0] !== GZIP_MAGIC[0] || bytes[1] !== GZIP_MAGIC[1])
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  try {
    const plain = await drain(
      new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip')),
      MAX_PAYLOAD_BYTES,
    );
    return plain && new TextDecoder('utf-8', { fatal: true }).decode(plain);
  } catch {
    return undefined;
  }
}

/** Encrypt a payload to every recipient (compressed first), as ASCII armor. */
export async function sealPayload(payload: SealedPayload, recipients: readonly string[]): Promise<string> {
  if (recipients.length === 0) {
    throw new SealError(
      'no-recipients',
      '经办人员名册（content/officers.yml）中没有任何加密公钥（recipient），无法密封。',
      'The officers registry lists no recipient keys; nothing can be sealed.',
    );
  }
  const bad = recipients.find((r) => !RECIPIENT.test(r));
  if (bad !== undefined) {
    throw new SealError(
      'bad-recipient',
      `“${bad.slice(0, 12)}…”不是 age X25519 公钥（应以 age1 开头，共 62 个字符）。`,
      `“${bad.slice(0, 12)}…” is not an age X25519 recipient (age1…, 62 characters).`,
    );
  }
  const e = new Encrypter();
  for (const r of recipients) e.addRecipient(r);
  return armor.encode(await e.encrypt(await compressPayload(JSON.stringify(payload))));
}

/**
 * The record with its restricted fields sealed. A record with nothing restricted in the
 * clear comes back unchanged; one that is already sealed and still holds restricted values
 * in the clear cannot be sealed without the key (unseal it first).
 */
export async function seal<T extends Obj>(
  kind: Kind,
  record: T,
  recipients: readonly string[],
  about = false,
): Promise<T> {
  const fields = restrictedFields(kind, record, about);
  if (Object.keys(fields).length === 0) return record;
  if (typeof record.sealed === 'string') {
    throw new SealError(
      'already-sealed',
      '该记录已有密封信息，同时又有明文的受限字段：请先用 jiebang unseal 解密合并，再重新密封。',
      'The record is already sealed and also holds restricted fields in the clear: unseal it first, then seal again.',
    );
  }
  const sealed = await sealPayload({ format: SEALED_FORMAT, kind, fields }, recipients);
  const clear = structuredClone(record) as Obj;
  // Deepest first, so removing an array item never shifts a pointer still to come.
  for (const pointer of Object.keys(fields).sort().reverse()) deleteAt(clear, keysOf(pointer));
  clear.sealed = sealed;
  return clear as T;
}

/** The secret keys in an age identity file (comments and blank lines allowed). */
export function parseIdentities(text: string): string[] {
  const keys = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  if (keys.length === 0)
    throw new SealError(
      'no-identity',
      '密钥文件中没有 AGE-SECRET-KEY-1 开头的私钥。',
      'The key file holds no AGE-SECRET-KEY-1 identity.',
    );
  if (keys.some((k) => !IDENTITY.test(k))) {
    throw new SealError(
      'bad-identity',
      '密钥文件格式不对：每行应为一个 AGE-SECRET-KEY-1 开头的私钥（# 开头的行为注释）。',
      'The key file is malformed: one AGE-SECRET-KEY-1 identity per line (# starts a comment).',
    );
  }
  return keys;
}

/** Decrypt a blob with any of the identities and check it is one of ours. */
export async function openSealed(blob: string, identities: readonly string[]): Promise<SealedPayload> {
  let bytes: Uint8Array;
  try {
    bytes = armor.decode(blob);
  } catch {
    throw new SealError(
      'corrupt',
      '密封信息不是完整的 age 加密格式，可能被截断或改动。',
      'The sealed data is not complete age armor; it may be truncated or altered.',
    );
  }
  const d = new Decrypter();
  for (const id of identities) d.addIdentity(id);
  let text: string | undefined;
  try {
    text = await payloadText(await d.decrypt(bytes));
  } catch (e) {
    const noMatch = /no identity matched/i.test((e as Error).message);
    throw noMatch
      ? new SealError(
          'wrong-key',
          '这段密封信息不是加密给您的密钥的：请确认使用的是名册中登记的那把私钥，或请提交者用最新的提交助手重新生成。',
          'The sealed data was not encrypted to your key: check you use the key listed in the registry, or ask for it to be sealed again with the current helper.',
        )
      : new SealError(
          'corrupt',
          '密封信息无法解密，可能被截断或改动。',
          'The sealed data cannot be decrypted; it may be truncated or altered.',
        );
  }
  let payload: unknown;
  try {
    payload = text === undefined ? undefined : JSON.parse(text);
  } catch {
    payload = undefined;
  }
  const p = payload as Partial<SealedPayload> | undefined;
  if (
    !p ||
    p.format !== SEALED_FORMAT ||
    typeof p.kind !== 'string' ||
    !p.fields ||
    typeof p.fields !== 'object' ||
    Array.isArray(p.fields) ||
    unsafeShape(p.fields)
  ) {
    throw new SealError(
      'format',
      '密封信息解密后不是本系统生成的格式，请让提交者用提交助手或 jiebang seal 重新生成。',
      'The sealed data does not hold what jiebang seals; ask for it to be sealed again with the helper or jiebang seal.',
    );
  }
  return p as SealedPayload;
}

export interface Unsealed<T> {
  record: T;
  /** The record's problems once its restricted fields are back (schema, rules). */
  issues: Issue[];
  /** The pointers that came out of the blob. */
  restored: string[];
}

/** The record with its sealed fields merged back in, validated. A record without a blob is validated as it is. */
export async function unseal<T extends Obj>(
  kind: Kind,
  record: T,
  identities: readonly string[],
): Promise<Unsealed<T>> {
  if (typeof record.sealed !== 'string') return { record, issues: validateRecord(kind, record), restored: [] };
  const payload = await openSealed(record.sealed, identities);
  if (payload.kind !== kind) {
    throw new SealError(
      'wrong-kind',
      `这段密封信息属于另一类记录（${payload.kind}），不能合并到${kind}记录中。`,
      `The sealed data belongs to a ${payload.kind} record, not a ${kind}.`,
    );
  }
  const merged = structuredClone(record) as Obj;
  delete merged.sealed;
  const restored: string[] = [];
  for (const [pointer, value] of Object.entries(payload.fields)) {
    const keys = keysOf(pointer);
    if (
      !pointer.startsWith('/') ||
      keys.length === 0 ||
      keys.some((k) => DANGEROUS_KEYS.has(k) || k === 'sealed') ||
      // Asked of the record as stored: a sealed decision is withheld because it is sealed.
      !isRestricted(kind, record, pointer)
    ) {
      throw new SealError(
        'not-restricted',
        `密封信息中含有公开字段“${pointer}”：公开字段只能以明文填写，否则经办人员看到的内容会与公众看到的不同。请重新生成密封信息。`,
        `The sealed data carries the public field “${pointer}”: public fields must be in the clear, or officers would judge something other than what the public sees. Seal it again.`,
      );
    }
    if (getAt(merged, keys) !== undefined) {
      throw new SealError(
        'conflict',
        `字段“${pointer}”既有明文又在密封信息中，无法判断以哪个为准；请删除明文后重新提交。`,
        `The field “${pointer}” is both in the clear and in the sealed data; remove the clear value and submit again.`,
      );
    }
    if (!setAt(merged, keys, value)) {
      throw new SealError(
        'format',
        `密封信息中的字段“${pointer}”在记录中没有对应的位置。`,
        `The sealed field “${pointer}” has no place in the record.`,
      );
    }
    restored.push(pointer);
  }
  return { record: merged as T, issues: validateRecord(kind, merged), restored };
}
