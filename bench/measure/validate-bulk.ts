#!/usr/bin/env node
/**
 * `node bench/measure/validate-bulk.ts <content-dir>` — bulk validation of every record of a
 * content folder in this one process, printed as JSON: files read first (not timed), then in
 * batches each record parsed (parseContent: the safe YAML reader) and validated
 * (validateRecord: schema, rules, record rules), the two timed apart, on this one thread; of
 * each record only its facts are kept, in the cross-record index `jiebang validate` builds
 * (pipeline/content/cross-record.ts), and the cross-record rules run on it at the end.
 * Batches and the index keep memory flat at any archive size.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CrossIndex, crossFacts, indexIssues, locationIssues } from '../../pipeline/content/cross-record.ts';
import { kindForPath, idFromPath } from '../../pipeline/domain/kinds.ts';
import { parseContent } from '../../pipeline/content/parse.ts';
import { validateRecord } from '../../pipeline/validate/index.ts';
import { byCodeUnits } from '../../pipeline/domain/order.ts';

export interface BulkValidation {
  records: number;
  bytes: number;
  invalid: number;
  /** ms spent in parseContent, in validateRecord, and in the cross-record rules over the index (which needs every record). */
  parseMs: number;
  validateMs: number;
  crossMs: number;
  crossIssues: number;
}

const BATCH = 2000;

export function validateBulk(dir: string): BulkValidation {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .flatMap((f) => {
      const kind = kindForPath(f);
      return kind ? [{ file: f, kind }] : [];
    })
    .sort((a, b) => byCodeUnits(a.file, b.file));
  const result: BulkValidation = {
    records: 0,
    bytes: 0,
    invalid: 0,
    parseMs: 0,
    validateMs: 0,
    crossMs: 0,
    crossIssues: 0,
  };
  const index = new CrossIndex();
  for (let i = 0; i < files.length; i += BATCH) {
    const batch = files.slice(i, i + BATCH).map((f) => ({ ...f, bytes: readFileSync(f.file) }));
    const t0 = performance.now();
    const parsed = batch.map((f) => parseContent(f.bytes, f.file));
    const t1 = performance.now();
    const issues = parsed.map((p, j) => (p.ok ? validateRecord(batch[j]!.kind, p.data) : [p.issue]));
    const t2 = performance.now();
    result.parseMs += t1 - t0;
    result.validateMs += t2 - t1;
    batch.forEach((f, j) => {
      result.records++;
      result.bytes += f.bytes.byteLength;
      const p = parsed[j]!;
      const data = p.ok && p.data && typeof p.data === 'object' ? (p.data as Record<string, unknown>) : undefined;
      if (issues[j]!.length || !data) {
        result.invalid++;
        return;
      }
      result.crossIssues += locationIssues(f.kind, f.file, idFromPath(f.file), data).length;
      const facts = crossFacts(f.kind, data);
      if (facts) index.add(f.file, facts);
    });
  }
  const t3 = performance.now();
  result.crossIssues += indexIssues(index).length;
  result.crossMs = performance.now() - t3;
  return result;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write('usage: node bench/measure/validate-bulk.ts <content-dir>\n');
    process.exitCode = 2;
  } else {
    process.stdout.write(`${JSON.stringify(validateBulk(dir))}\n`);
  }
}
