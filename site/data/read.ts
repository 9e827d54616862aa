/**
 * Reading one content file for the site: all of it, parsed and validated by the pipeline's
 * recordFromBytes, or (for an application) only its head — the number and applicant the
 * site publishes, never the 5–30 thousand characters of the application itself.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { recordFromBytes, revisionOf, type LoadedRecord } from '../../pipeline/face/node.ts';
import type { Kind } from '../../pipeline/face/core.ts';

/** How much of a file to read: all of it (validated), or an application's head. */
export type ReadMode = 'whole' | 'head';

/**
 * The part of an application the site publishes: the lines before its first top-level key
 * after `applicant` (formatYaml writes keys in schema order), parsed by the pipeline's parser.
 */
const AFTER_APPLICANT = /^(?:directed|chapters|indicatorResponses|attachments|sealed):/m;
export function readHead(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(8192);
    const n = readSync(fd, buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, n).toString('utf8');
    const cut = AFTER_APPLICANT.exec(text);
    return cut ? Buffer.from(text.slice(0, cut.index)) : readFileSync(path);
  } finally {
    closeSync(fd);
  }
}

const NO_BYTES = new Uint8Array(0);

export function readRecord(path: string, kind: Kind, mode: ReadMode): LoadedRecord {
  const record =
    mode === 'head'
      ? recordFromBytes(path, kind, readHead(path), { validate: false })
      : recordFromBytes(path, kind, readFileSync(path));
  // A demand's JSON API document names the revision it was built from: the bytes read here,
  // not a second read of a file that may have changed since.
  if (kind === 'demand' && mode === 'whole') record.revision = revisionOf(record.bytes);
  record.bytes = NO_BYTES;
  return record;
}
