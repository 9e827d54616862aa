/**
 * What the privacy scan looks for, taken from the records the build read while they are at
 * hand (the model keeps only this list, not the records): every restricted value of each
 * record (restrictedValues), all of a demand that is not in the public catalogue, the
 * names and credit codes of issuers that hid them, and the restricted images' digests.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadedRecord } from '../../pipeline/face/node.ts';
import { isRestricted, restrictedValues, fieldAt, nonNullBranch, type Kind } from '../../pipeline/face/core.ts';

export interface Secret {
  /** The content file the value comes from. */
  file: string;
  kind: Kind;
  pointer: string;
  value: string;
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const IMAGE = /\.(png|jpe?g|webp|avif|gif)$/i;

/**
 * Short, enumerated or calendar-date values identify nothing and would match everywhere (a
 * contract's signing day is some public timeline's day too); every pattern is at least 6 bytes.
 */
function identifying(kind: Kind, pointer: string, value: string | number): string | undefined {
  if (typeof value === 'number') {
    const s = String(value);
    return s.replace(/\D/g, '').length >= 7 ? s : undefined;
  }
  const s = value.trim();
  const info = fieldAt(kind, pointer);
  const node = info ? nonNullBranch(info.node).node : undefined;
  if (node?.enum || node?.format === 'date') return undefined;
  return s.length >= (CJK.test(s) ? 2 : 6) && Buffer.byteLength(s) >= 6 ? s : undefined;
}

/** A long text (over 64 characters) is looked for by pieces: its first, middle and last sentences, cut to 24 characters. */
const LONG = 64;
const PIECE = 24;
function pieces(text: string): string[] {
  const sentences = text
    .replace(/[*_`#>|~[\]()]/g, ' ')
    .split(/[\n\r。；！？!?;，,、：:]+|\s{2,}/)
    .map((s) => s.replace(/^\s*(?:[-+]|\d+\.)\s+/, '').trim())
    .filter((s) => s.length >= (CJK.test(s) ? 8 : 16));
  const picked = new Set(
    [sentences[0], sentences[Math.floor(sentences.length / 2)], sentences.at(-1)].filter((s): s is string => !!s),
  );
  if (!picked.size) picked.add(text.trim());
  return [...picked].map((s) => [...s].slice(0, PIECE).join(''));
}

/** Every restricted value of the records (each value once), with where it comes from. */
export function collectSecrets(records: readonly LoadedRecord[], listed: (demandId: string) => boolean): Secret[] {
  const out = new Map<string, Secret>();
  for (const r of records) {
    if (!r.data) continue;
    let record = r.data;
    // A demand not in the public catalogue (non-public, or not catalogued yet) is withheld whole.
    if (r.kind === 'demand' && !listed(String(record.id))) record = { ...record, isPublic: false };
    for (const { pointer, value } of restrictedValues(r.kind, record)) {
      const s = identifying(r.kind, pointer, value);
      if (!s) continue;
      for (const v of s.length > LONG ? pieces(s) : [s])
        if (!out.has(v)) out.set(v, { file: r.file, kind: r.kind, pointer, value: v });
    }
  }
  return [...out.values()];
}

/** Restricted image files and attachments (stamped scans) by the sha256 of their bytes (the bytes must not be copied to the output). */
export function secretImages(
  records: readonly LoadedRecord[],
  listed: (demandId: string) => boolean,
): Map<string, Secret> {
  const out = new Map<string, Secret>();
  const add = (r: LoadedRecord, path: string, pointer: string) => {
    if (!existsSync(path)) return;
    out.set(createHash('sha256').update(readFileSync(path)).digest('hex'), {
      file: r.file,
      kind: r.kind,
      pointer,
      value: path,
    });
  };
  for (const r of records) {
    // Stamped scans and other restricted attachments, by the digest their record lists (docs/paper.md).
    const attachments = r.data?.attachments;
    if (Array.isArray(attachments) && isRestricted(r.kind, r.data!, '/attachments')) {
      attachments.forEach((a: { sha256?: unknown } | null, i) => {
        if (typeof a?.sha256 === 'string')
          out.set(a.sha256, { file: r.file, kind: r.kind, pointer: `/attachments/${i}`, value: a.sha256 });
      });
    }
    if (r.kind !== 'demand' || !r.data) continue;
    const dir = join(r.file, '..');
    if (!listed(String(r.data.id))) {
      for (const f of readdirSync(dir)) if (IMAGE.test(f)) add(r, join(dir, f), '');
    } else if (r.data.anonymousIssuer === true) {
      const logo = (r.data.issuer as { logo?: { src?: string } } | undefined)?.logo?.src;
      if (logo) add(r, join(dir, logo), '/issuer/logo');
    }
  }
  return out;
}
