/**
 * Parsed records kept between builds, keyed by each file's git blob: a redeploy after one
 * officer's act parses the files that changed, not the hundred thousand that did not
 * (docs/performance.md, "A national redeploy").
 *
 * Used where the content is loaded in a process of its own (more than a city's) and its
 * folder is in a git work tree. Git's index names the blob of every tracked file, and
 * `git ls-files -m` names the files that may no longer hold it (their stat changed, or it
 * cannot tell): those, untracked files and links are read as before. A cache is used only by
 * the same code (the parser, validators and schemas, whose sources are digested), from the
 * same working directory (records carry displayed paths), else ignored.
 * It holds what the loader read, as the repository does; it lives in the build's cache folder
 * (JIEBANG_CACHE_DIR, as CI restores it; default node_modules/.astro, Astro's own).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writevSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import type { LoadedRecord } from '../../pipeline/face/node.ts';
import type { ParsedBatch } from './parse-pool.ts';
import type { ReadMode } from './read.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FORMAT = 1;

/** The cache's file: beside the build's other caches. */
export function recordCacheFile(): string {
  const dir = process.env.JIEBANG_CACHE_DIR || join(ROOT, 'node_modules/.astro');
  return join(dir, 'jiebang-records.bin');
}

/** What a cached record depends on besides its bytes: the sources that parse and validate it, and Node. */
function codeDigest(): string {
  const hash = createHash('sha256').update(`${FORMAT}\0${process.version}\0`);
  const add = (file: string) => hash.update(file).update('\0').update(readFileSync(file)).update('\0');
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (/\.(ts|js|json)$/.test(e.name) && !e.name.endsWith('.test.ts')) add(path);
    }
  };
  walk(join(ROOT, 'pipeline'));
  walk(join(ROOT, 'schemas'));
  add(join(ROOT, 'site/data/read.ts'));
  add(join(ROOT, 'package-lock.json'));
  return hash.digest('hex');
}

const git = (dir: string, args: string[]) =>
  new Promise<string>((resolve, reject) =>
    execFile('git', args, { cwd: dir, maxBuffer: 1 << 30, encoding: 'utf8' }, (e, out) =>
      e ? reject(e) : resolve(out),
    ),
  );

/** Each tracked regular file under `dir` that still holds the blob the index names: path (as the listing spells it) → blob. */
async function unchangedBlobs(dir: string): Promise<Map<string, string> | undefined> {
  try {
    const [staged, modified] = await Promise.all([
      git(dir, ['ls-files', '-s', '-z']),
      git(dir, ['ls-files', '-m', '-z']),
    ]);
    const prefix = dir.endsWith(sep) ? dir : dir + sep;
    const spell = sep === '/' ? (rel: string) => prefix + rel : (rel: string) => prefix + rel.replaceAll('/', sep);
    const changed = new Set(modified.split('\0'));
    const blobs = new Map<string, string>();
    for (const line of staged.split('\0')) {
      // "<mode> <blob> <stage>\t<path>": regular files at stage 0 (not links, submodules or conflicts).
      const tab = line.indexOf('\t');
      if (tab < 0 || !line.startsWith('100') || line[tab - 1] !== '0') continue;
      const rel = line.slice(tab + 1);
      if (!changed.has(rel)) blobs.set(spell(rel), line.slice(7, line.indexOf(' ', 7)));
    }
    return blobs;
  } catch {
    return undefined; // not a git work tree, or no git: every file is read
  }
}

/**
 * Records serialized together (a parse thread's batch, of one mode), with each one's file as
 * the listing spells it and the blob it was parsed from ('' for one not kept).
 */
interface Segment {
  mode: ReadMode;
  paths: string[];
  blobs: string[];
  bytes: Uint8Array;
}

/**
 * The cache's file: a 4-byte length, a JSON header (what it was made by and for, and each
 * segment but its bytes), then the segments' bytes as the threads serialized them: written
 * without copying them, read as views of the file's bytes.
 */
interface Header {
  digest: string;
  cwd: string;
  segments: Array<Omit<Segment, 'bytes'> & { length: number }>;
}

function writeStore(path: string, digest: string, segments: Segment[]): void {
  const header: Header = {
    digest,
    cwd: process.cwd(),
    segments: segments.map(({ bytes, ...s }) => ({ ...s, length: bytes.byteLength })),
  };
  const json = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.byteLength);
  const fd = openSync(path, 'w');
  try {
    const parts = [length, json, ...segments.map((s) => s.bytes)];
    // writev takes at most IOV_MAX (1,024) buffers at a time.
    for (let i = 0; i < parts.length; i += 1000) writevSync(fd, parts.slice(i, i + 1000));
  } finally {
    closeSync(fd);
  }
}

/** The segments of a cache file, if it was written by the same code and working directory (else none). */
function readStore(bytes: Buffer, digest: string): Segment[] {
  const length = bytes.readUInt32LE(0);
  const header = JSON.parse(bytes.toString('utf8', 4, 4 + length)) as Header;
  if (header.digest !== digest || header.cwd !== process.cwd()) return [];
  let at = 4 + length;
  const segments = header.segments.map(({ length, ...s }) => {
    const segment = { ...s, bytes: bytes.subarray(at, at + length) };
    at += length;
    return segment;
  });
  if (at !== bytes.byteLength) throw new Error('a cut-short record cache');
  return segments;
}

/**
 * A record's place, one number: its segment and its position there. A segment holds at most
 * the records of one load (about 105,000 at 10,000 demands, when kept ones are written afresh),
 * far fewer than PER_SEGMENT.
 */
const PER_SEGMENT = 2 ** 24;
const place = (segment: number, position: number) => segment * PER_SEGMENT + position;
const segmentOf = (at: number) => Math.floor(at / PER_SEGMENT);
const positionOf = (at: number) => at % PER_SEGMENT;

export class RecordCache {
  private readonly blobs: Map<string, string>;
  private readonly file: string;
  private readonly digest: string;
  private readonly slack: number;
  private readonly segments: Segment[];
  /** Where each file's stored record is, by mode. */
  private readonly where: Record<ReadMode, Map<string, number>> = { whole: new Map(), head: new Map() };
  private readonly decoded = new Map<number, LoadedRecord[]>();
  /** The places of the records taken: their segments are kept at the next save. */
  private readonly taken = new Set<number>();
  private readonly fresh: Segment[] = [];
  private readonly loose: Array<{ mode: ReadMode; path: string; blob: string; record: LoadedRecord }> = [];
  private hits = 0;
  private added = 0;

  private constructor(blobs: Map<string, string>, stored: Segment[], file: string, digest: string, slack: number) {
    this.blobs = blobs;
    this.segments = stored;
    this.file = file;
    this.digest = digest;
    this.slack = slack;
    stored.forEach((s, i) => s.paths.forEach((path, p) => s.blobs[p] && this.where[s.mode].set(path, place(i, p))));
  }

  /**
   * The cache for `dir`, or undefined where there is none to be had (not in a git work tree).
   * `slack`: how many records of changed files the kept segments may carry beyond twice those used.
   */
  static async open(dir: string, { file = recordCacheFile(), slack = 1000 } = {}): Promise<RecordCache | undefined> {
    const blobs = await unchangedBlobs(dir);
    if (!blobs?.size) return undefined;
    const digest = codeDigest();
    let segments: Segment[] = [];
    try {
      segments = readStore(readFileSync(file), digest);
    } catch {
      /* none yet, or unreadable: start afresh */
    }
    return new RecordCache(blobs, segments, file, digest, slack);
  }

  /** The record parsed from this file's current bytes by an earlier build, if any. */
  take(path: string, mode: ReadMode): LoadedRecord | undefined {
    const at = this.where[mode].get(path);
    if (at === undefined) return undefined;
    const segment = segmentOf(at);
    if (this.segments[segment]!.blobs[positionOf(at)] !== this.blobs.get(path)) return undefined;
    let records = this.decoded.get(segment);
    if (!records) {
      records = deserialize(this.segments[segment]!.bytes) as LoadedRecord[];
      this.decoded.set(segment, records);
    }
    this.hits++;
    this.taken.add(at);
    return records[positionOf(at)];
  }

  /** Records just parsed from `paths` (a batch, in order), kept for files git names the blob of. */
  keep(paths: string[], mode: ReadMode, batch: ParsedBatch): void {
    const blobs = paths.map((path) => this.blobs.get(path) ?? '');
    this.added += blobs.filter(Boolean).length;
    if (batch.bytes) this.fresh.push({ mode, paths, blobs, bytes: batch.bytes });
    else
      blobs.forEach((blob, i) => blob && this.loose.push({ mode, path: paths[i]!, blob, record: batch.records[i]! }));
  }

  /**
   * Write what this build used, whole or not at all: the segments records were taken from,
   * the new ones as their threads serialized them, and the records parsed here. Skipped when
   * few were added: parsing a handful of new files again costs less than writing them all.
   */
  save(): void {
    if (this.added === 0 || (this.added < 200 && this.added * 50 < this.hits)) return;
    const fresh = [...this.fresh];
    for (const mode of ['whole', 'head'] as const) {
      const loose = this.loose.filter((l) => l.mode === mode);
      if (loose.length) fresh.push(segment(mode, loose));
    }
    const tmp = `${this.file}.${process.pid}.tmp`;
    try {
      mkdirSync(join(this.file, '..'), { recursive: true });
      writeStore(tmp, this.digest, this.kept(fresh));
      renameSync(tmp, this.file);
    } catch {
      rmSync(tmp, { force: true }); // a cache is never worth failing a build
    }
  }

  /**
   * The segments records were taken from, whole, and the new ones. Taken segments also hold
   * records of files that changed since: once the segments hold twice as many records as
   * this build used, the used ones are written afresh instead.
   */
  private kept(fresh: Segment[]): Segment[] {
    const taken = [...new Set([...this.taken].map(segmentOf))].map((i) => this.segments[i]!);
    const held = [...taken, ...fresh].reduce((n, s) => n + s.paths.length, 0);
    if (held <= 2 * (this.hits + this.added) + this.slack) return [...taken, ...fresh];
    const used = [...this.taken].map((at) => {
      const s = this.segments[segmentOf(at)]!;
      const p = positionOf(at);
      return { mode: s.mode, path: s.paths[p]!, blob: s.blobs[p]!, record: this.decoded.get(segmentOf(at))![p]! };
    });
    const rewritten = (['whole', 'head'] as const).flatMap((mode) => {
      const records = used.filter((r) => r.mode === mode);
      return records.length ? [segment(mode, records)] : [];
    });
    return [...rewritten, ...fresh];
  }
}

/** Records serialized here into a segment of their own. */
function segment(mode: ReadMode, records: Array<{ path: string; blob: string; record: LoadedRecord }>): Segment {
  return {
    mode,
    paths: records.map((r) => r.path),
    blobs: records.map((r) => r.blob),
    bytes: serialize(records.map((r) => r.record)),
  };
}

/** Whether the record cache is wanted (JIEBANG_RECORD_CACHE=0 turns it off). */
export const recordCacheWanted = () => process.env.JIEBANG_RECORD_CACHE !== '0';
