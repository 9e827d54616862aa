/**
 * The build's proof that nothing restricted was published: every restricted value of the
 * records the build read (restrictedValues per record; all of a demand that is not in the
 * public catalogue; the names and codes of issuers that hid them; restricted images) is
 * searched for in every output file — HTML, JSON, feeds, sitemap, CSV, inside the XLSX and the
 * compressed Pagefind index — in one pass per file (Aho–Corasick). A hit fails the build,
 * naming the output file, the content file and the field, never printing the value.
 *
 * Values that also appear in public content (a region, a phrase an issuer repeats in a
 * public demand) are not evidence of a leak and are set aside, counted in the report.
 */
import { createHash } from 'node:crypto';
import {
  closeSync,
  fstatSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  statSync,
  type BigIntStats,
} from 'node:fs';
import { extname, join, sep } from 'node:path';
import { gunzipSync, inflateRawSync } from 'node:zlib';
import { fieldLabel, ALL_SCHEMAS } from '../../pipeline/face/core.ts';
import type { SiteData } from '../data/model.ts';
import type { Secret } from '../data/secrets.ts';
import { esc } from '../render/escape.ts';
import { AhoCorasick, type AhoCorasickTables } from './aho-corasick.ts';
import { normalisedBytes, normaliseForScan } from './reader-form.ts';

export interface Leak {
  output: string;
  file: string;
  field: string;
  hint: string;
}

export interface ScanReport {
  files: number;
  bytes: number;
  values: number;
  patterns: number;
  /** Restricted values that also occur in public content (not counted as leaks). */
  alsoPublic: number;
  leaks: Leak[];
}

/** Files compared by digest with the restricted images and attachments (a stamped scan is a PDF or an image). */
const IMAGE = /\.(png|jpe?g|webp|avif|gif|pdf)$/i;
const TEXT_OUTPUT = /\.(?:html?|xml|json|txt|csv|js|mjs|css|svg|webmanifest)$/i;
const MAX_LEAKS = 50;
const ENCODER = new TextEncoder();
const DECODER = new TextDecoder();

/**
 * A number is only found standing alone: 2024116 inside XM2024116, 12345678 or the hash
 * en_2024116 (Pagefind names its files by 7 hex digits after the language) is not that number.
 */
const NUMERIC = /^\d+(\.\d+)?$/;
const isWordByte = (b: number | undefined) =>
  b !== undefined && ((b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b === 46 || b === 95);
/** Does pattern `p`, found ending at `end` of `text`, count: a number only where it stands alone. */
const standsAlone = (numeric: Uint8Array, lengths: Int32Array, text: Uint8Array, p: number, end: number) =>
  !numeric[p] || (!isWordByte(text[end + 1]) && !isWordByte(text[end - lengths[p]!]));

/** The forms a value takes in the output: as is, HTML-escaped, JSON-escaped, and (short ones, as in a link) URL-encoded. */
function variants(s: string): string[] {
  const out = new Set([s, esc(s), JSON.stringify(s).slice(1, -1)]);
  const normal = normaliseForScan(s).trim();
  if (normal.length >= 2) out.add(normal);
  if (s.length <= 64 && (/[^\x20-\x7e]/.test(s) || /[ &?#/=+%]/.test(s))) out.add(encodeURIComponent(s));
  return [...out];
}

/** How long a piece of the public corpus grows before it is read (publicCorpus). */
const CORPUS_PIECE = 1 << 15;
const SEPARATOR = '\0';

/**
 * Everything the site publishes on purpose, to tell a leak from a value that is public
 * anyway: the values in pieces of about `pieceLength` characters (a longer value is a piece
 * of its own). Each piece is read on its own, as written and as a reader takes it in, so no
 * copy of the whole corpus is made: at 10,000 demands that was some 20 copies of 10 million
 * characters, a page fault for every 4 KB of each. Values are joined by NUL, which the
 * reader's form keeps as it is and does not count as a space, so two separate values never
 * read as one: “1391234” and “5678” are not the public number 13912345678.
 */
export function publicCorpus(data: SiteData, pieceLength = CORPUS_PIECE): string[] {
  const pieces: string[] = [];
  let piece: string[] = [];
  let length = 0;
  const add = (value: string) => {
    if (length + value.length > pieceLength && piece.length) {
      pieces.push(piece.join(SEPARATOR));
      piece = [];
      length = 0;
    }
    piece.push(value);
    length += value.length + 1;
  };
  const leaves = (v: unknown) => {
    if (typeof v === 'string' || typeof v === 'number') add(String(v));
    else if (v && typeof v === 'object') for (const x of Object.values(v)) leaves(x);
  };
  for (const d of data.demands) {
    leaves(d.data);
    d.selected.forEach(add);
  }
  for (const r of data.rounds) leaves(r.round);
  for (const p of data.pages) {
    leaves(p.data);
    add(p.body);
  }
  leaves(data.site);
  // The schemas' own words are published too (forms, the submission helper): a contact's
  // position “技术总监” is also the example in the field's description.
  leaves(ALL_SCHEMAS);
  if (piece.length) pieces.push(piece.join(SEPARATOR));
  return pieces;
}

/** The texts inside an output file: itself, or what a gzip (Pagefind) or zip (XLSX) holds, and any packed card in them. */
function textsOf(path: string, bytes: Buffer): Uint8Array[] {
  const texts =
    bytes[0] === 0x1f && bytes[1] === 0x8b
      ? [gunzipSync(bytes)]
      : extname(path) === '.xlsx' || (bytes[0] === 0x50 && bytes[1] === 0x4b)
        ? unzip(bytes)
        : [bytes];
  return [...texts, ...texts.flatMap(unpackedCards)];
}

/**
 * The bytes of the cards packed into search metadata (render/card-meta.ts: one Braille
 * pattern, U+2800 + byte, per byte), so the scan reads them as the browser will.
 */
export function unpackedCards(text: Uint8Array): Uint8Array[] {
  // Most files hold none: find the first pattern natively before walking any bytes.
  const buf = Buffer.from(text.buffer, text.byteOffset, text.byteLength);
  const first = Math.min(...BRAILLE_LEADS.map((lead) => buf.indexOf(lead)).filter((i) => i >= 0));
  if (!Number.isFinite(first)) return [];
  const out: Uint8Array[] = [];
  let run: number[] = [];
  for (let i = first; i < text.length; i++) {
    // U+2800–U+28FF in UTF-8: E2 A0–A3 80–BF
    if (text[i] === 0xe2 && (text[i + 1]! & 0xfc) === 0xa0 && (text[i + 2]! & 0xc0) === 0x80) {
      run.push(((text[i + 1]! & 0x03) << 6) | (text[i + 2]! & 0x3f));
      i += 2;
    } else if (run.length) {
      out.push(Uint8Array.from(run));
      run = [];
    }
  }
  if (run.length) out.push(Uint8Array.from(run));
  return out;
}
const BRAILLE_LEADS = [0xa0, 0xa1, 0xa2, 0xa3].map((b) => Buffer.from([0xe2, b]));

/** The entries of a zip archive (stored or deflated), read from its central directory. */
export function unzip(zip: Buffer): Uint8Array[] {
  const out: Uint8Array[] = [];
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) return [zip];
  let p = zip.readUInt32LE(end + 16);
  for (let n = zip.readUInt16LE(end + 10); n > 0; n--) {
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const local = zip.readUInt32LE(p + 42);
    const data = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(data, data + size);
    out.push(method === 8 ? inflateRawSync(raw) : raw);
    p += 46 + zip.readUInt16LE(p + 28) + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return out;
}

/**
 * Every file under `outDir`, as its path there (with /). A symbolic link is published as
 * what it points at (a deploy's archive follows links), so a linked file is listed under the
 * link's path and a linked folder outside the output is walked. Each folder is walked once:
 * one inside the output is listed under its own path, and folders reached through links are
 * told apart by their real paths (a link back up would loop).
 */
export function outputFiles(outDir: string): string[] {
  const out: string[] = [];
  const root = realpathSync.native(outDir);
  const walked = new Set<string>();
  const walk = (dir: string, prefix: string, linked: boolean) => {
    if (linked) {
      const real = realpathSync.native(dir);
      if (real === root || real.startsWith(root + sep) || walked.has(real)) return;
      walked.add(real);
    }
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isFile()) out.push(prefix + e.name);
      else if (e.isDirectory()) walk(path, `${prefix}${e.name}/`, linked);
      else if (e.isSymbolicLink()) {
        const target = statSync(path, { throwIfNoEntry: false });
        if (target?.isFile()) out.push(prefix + e.name);
        else if (target?.isDirectory()) walk(path, `${prefix}${e.name}/`, true);
      }
    }
  };
  walk(outDir, '', false);
  return out;
}

/**
 * A file's version on disk: its size, inode and change time. Any write, truncation,
 * rename over it or change of its times moves the change time, which no program can set,
 * so a file rewritten after its scan, even to the same size, is told from what was scanned.
 * (Before Linux 6.13's fine-grained timestamps, a rewrite in place within the same clock
 * tick as the write, a few milliseconds, kept the change time.)
 */
export type FileStamp = string;
export const stampOf = (s: BigIntStats): FileStamp => `${s.size}:${s.ino}:${s.ctimeNs}`;
/** Scanned from bytes whose file on disk has not been stamped: the final check reads it again. */
const UNSTAMPED: FileStamp = '';

/** The digest of a scan's patterns (and the restricted images' digests, and the scanner's code). */
function cleanKey(patterns: Uint8Array[], numeric: number[], images: string[]): string {
  const h = createHash('sha256').update(SCANNER_SOURCE);
  for (const [i, p] of patterns.entries()) h.update(String(p.length)).update(':').update(String(numeric[i])).update(p);
  for (const d of [...images].sort()) h.update(d).update('\0');
  return h.digest('hex');
}

const hint = (value: string) => `${[...value][0]}… (${[...value].length} 字符)`;

/** What a scan needs besides the model, built once and shared with other threads (the automaton in shared memory). */
export interface ScanSnapshot {
  tables: AhoCorasickTables;
  /** The secrets the automaton's pattern k stands for, those public anyway left out: `owners` from `ownerStart[k]` to before `ownerStart[k + 1]`. */
  ownerStart: Int32Array;
  owners: Int32Array;
  numeric: Uint8Array;
  lengths: Int32Array;
  alsoPublic: number;
  patterns: number;
  /** The digest of what the automaton looks for (cleanKey): a clean verdict holds only for the same patterns. */
  key: string;
}

/**
 * Files this large are remembered as clean between builds (the /admin bundle, Vite's chunks):
 * a redeploy does not read 6 MB of unchanged CMS again. Smaller files are cheaper to scan than to look up.
 */
const REMEMBER_MIN_BYTES = 64 * 1024;

/** The scanner's own code: a change to how it reads a file makes every remembered verdict stale. */
const SCANNER_SOURCE = (() => {
  const h = createHash('sha256');
  for (const f of ['privacy-scan.ts', 'aho-corasick.ts', 'reader-form.ts', '../render/escape.ts'])
    h.update(readFileSync(new URL(f, import.meta.url))).update('\0');
  return h.digest('hex');
})();

interface Pictures {
  kept: Array<{ hash: bigint; secret: Secret }>;
  publicHashes: bigint[];
}

/** What one thread scanned: the output files (path → the version scanned) and the leaks it found. */
export interface ScanPart {
  scanned: Array<[string, FileStamp]>;
  bytes: number;
  leaks: Leak[];
  clean?: string[];
}

/**
 * The scan of a build's output. Files the build writes itself are scanned from the bytes it
 * writes (`scanBytes`, the same buffer that goes to disk); everything else is read from
 * disk (`scanFile`, `scanRest`). `unscanned` lists what is in the output but was not scanned.
 */
export class PrivacyScan {
  private readonly ownerStart: Int32Array;
  private readonly owners: Int32Array;
  private readonly numeric: Uint8Array;
  private readonly lengths: Int32Array;
  private automaton: AhoCorasick;
  private readonly alsoPublic: number;
  private readonly patternCount: number;
  private readonly leaks: Leak[] = [];
  private readonly reported = new Set<string>();
  /** Output path (relative, with /) → the version of the file on disk that was scanned. */
  readonly scanned = new Map<string, FileStamp>();
  private bytes = 0;
  private readonly data: Pick<SiteData, 'secrets' | 'secretImages'>;
  private readonly key: string;
  /** Keys of large files found clean by an earlier build (rememberClean), and those found clean by this one. */
  private remembered = new Set<string>();
  private readonly clean = new Set<string>();
  /** The restricted and the public pictures' hashes, computed once (scanImages). */
  private pictures?: Promise<Pictures | undefined>;
  /** Output images already compared by their perceptual hash (a file scanned again is compared again). */
  private readonly imagesCompared = new Set<string>();

  constructor(data: Pick<SiteData, 'secrets' | 'secretImages'> & Partial<SiteData>, snapshot?: ScanSnapshot) {
    this.data = data;
    if (snapshot) {
      ({
        ownerStart: this.ownerStart,
        owners: this.owners,
        numeric: this.numeric,
        lengths: this.lengths,
        alsoPublic: this.alsoPublic,
        patterns: this.patternCount,
        key: this.key,
      } = snapshot);
      this.automaton = new AhoCorasick(snapshot.tables);
      return;
    }
    // One pattern per distinct form, with every secret it stands for: two records can hold the
    // same value (an issuer's name hidden on two of its demands), and where it is public anyway
    // it is so for both (an automaton reports only one of identical patterns).
    const patterns: Uint8Array[] = [];
    const ownersOf: number[][] = [];
    const byForm = new Map<string, number>();
    data.secrets.forEach((s, i) => {
      for (const v of variants(s.value)) {
        const form = v.toWellFormed();
        let p = byForm.get(form);
        if (p === undefined) {
          p = patterns.push(ENCODER.encode(form)) - 1;
          byForm.set(form, p);
          ownersOf.push([]);
        }
        if (ownersOf[p]!.at(-1) !== i) ownersOf[p]!.push(i);
      }
    });
    const lengths = Int32Array.from(patterns, (p) => p.length);
    const numeric = Uint8Array.from(patterns, (p) => (NUMERIC.test(Buffer.from(p).toString('latin1')) ? 1 : 0));
    this.patternCount = patterns.length;
    // Values that are public anyway (found in what the site publishes on purpose) are not
    // leaks; leaving them out of the automaton that reads the output keeps it fast.
    const alsoPublic = new Uint8Array(data.secrets.length);
    const all = new AhoCorasick(patterns);
    for (const piece of publicCorpus(data as SiteData))
      for (const form of [(t: string) => ENCODER.encode(t), normalisedBytes]) {
        const corpus = form(piece);
        all.scan(corpus, (p, end) => {
          if (standsAlone(numeric, lengths, corpus, p, end)) for (const o of ownersOf[p]!) alsoPublic[o] = 1;
        });
      }
    this.alsoPublic = alsoPublic.reduce((n, a) => n + a, 0);
    // The output's automaton: the forms some secret not public anyway stands for, numbered anew.
    const restricted = ownersOf.map((list) => list.filter((o) => !alsoPublic[o]));
    const kept = patterns.map((_, p) => p).filter((p) => restricted[p]!.length > 0);
    this.ownerStart = new Int32Array(kept.length + 1);
    kept.forEach((p, k) => (this.ownerStart[k + 1] = this.ownerStart[k]! + restricted[p]!.length));
    this.owners = Int32Array.from(kept.flatMap((p) => restricted[p]!));
    this.lengths = Int32Array.from(kept, (p) => lengths[p]!);
    this.numeric = Uint8Array.from(kept, (p) => numeric[p]!);
    this.automaton = new AhoCorasick(kept.map((p) => patterns[p]!));
    this.key = cleanKey(
      kept.map((p) => patterns[p]!),
      kept.map((p) => numeric[p]!),
      [...data.secretImages.keys()],
    );
  }

  /** Verdicts of an earlier build (keys from cleanKeys()): a large file with the same key is not read again. */
  rememberClean(keys: Iterable<string>): void {
    this.remembered = new Set(keys);
  }

  /** The keys of the large files found clean by this build (and, merged, its other thread), to remember for the next. */
  cleanKeys(): string[] {
    return [...this.clean];
  }

  /** Everything another thread needs to scan with this automaton (tables copied into shared memory once). */
  snapshot(): ScanSnapshot {
    // This scan goes on with the shared copy, so the automaton is held once.
    const tables = this.automaton.tables(true);
    this.automaton = new AhoCorasick(tables);
    return {
      tables,
      ownerStart: this.ownerStart,
      owners: this.owners,
      numeric: this.numeric,
      lengths: this.lengths,
      alsoPublic: this.alsoPublic,
      patterns: this.patternCount,
      key: this.key,
    };
  }

  /**
   * Scan an output file's bytes (`output`: its path in the output folder, with /). `decoded`:
   * the string those bytes encode, when the caller has it (the reader's pass starts from it
   * instead of decoding the bytes again).
   */
  scanBytes(output: string, content: Uint8Array, decoded?: string): void {
    this.scanned.set(output, UNSTAMPED);
    this.imagesCompared.delete(output);
    this.bytes += content.length;
    // A large file is keyed by the scanner, the patterns, its path and its bytes: any change is a new key, scanned afresh.
    const key =
      content.length >= REMEMBER_MIN_BYTES
        ? createHash('sha256').update(this.key).update('\0').update(output).update('\0').update(content).digest('hex')
        : undefined;
    if (key && this.remembered.has(key)) {
      this.clean.add(key);
      return;
    }
    const leaksBefore = this.leaks.length;
    this.scanContent(output, content, decoded);
    // Only a verdict of nothing found is remembered: a file with a hit is read again next time.
    if (key && this.leaks.length === leaksBefore && leaksBefore === 0) this.clean.add(key);
  }

  private scanContent(output: string, content: Uint8Array, decoded?: string): void {
    const images = this.data.secretImages;
    // An image is compared with the restricted images; its bytes are searched too (text in its metadata).
    if (images.size && IMAGE.test(output)) {
      const secret = images.get(createHash('sha256').update(content).digest('hex'));
      if (secret)
        this.leaks.push({
          output,
          file: secret.file,
          field: secret.pointer ? fieldLabel(secret.kind, secret.pointer) : '图片',
          hint: '(image)',
        });
    }
    if (output.endsWith('.wasm') || output.endsWith('.pagefind')) return;
    const bytes = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
    const texts = textsOf(output, bytes);
    for (const text of texts) this.scanText(output, text);
    // Text files are read a second time as a reader takes them in (reader-form.ts), for transformed copies.
    if (TEXT_OUTPUT.test(output)) {
      // The caller's string reads as the decoded bytes once its lone surrogates (written as U+FFFD)
      // are too; a leading byte order mark, which decoding drops, normalisation drops anyway.
      const decode = (t: Uint8Array) =>
        t === bytes && decoded !== undefined ? decoded.toWellFormed() : DECODER.decode(t);
      for (const t of texts) this.scanText(output, normalisedBytes(decode(t)));
    }
  }

  private scanText(output: string, text: Uint8Array): void {
    this.automaton.scan(text, (p, end) => {
      if (!standsAlone(this.numeric, this.lengths, text, p, end)) return;
      for (let k = this.ownerStart[p]!; k < this.ownerStart[p + 1]! && this.leaks.length < MAX_LEAKS; k++) {
        const s = this.data.secrets[this.owners[k]!]!;
        const key = `${output}|${s.file}|${s.pointer}`;
        if (this.reported.has(key)) continue;
        this.reported.add(key);
        this.leaks.push({ output, file: s.file, field: fieldLabel(s.kind, s.pointer), hint: hint(s.value) });
      }
    });
  }

  /**
   * The file on disk that holds the bytes `scanBytes` was given, as it is now (the caller has
   * just written them): the final check reads it again only if it changes after this.
   */
  stamp(output: string, stats: BigIntStats): void {
    this.scanned.set(output, stampOf(stats));
  }

  /** Read an output file from disk and scan it. */
  scanFile(outDir: string, output: string): void {
    const fd = openSync(join(outDir, output), 'r');
    try {
      // Stamped before it is read: a write during the read leaves a newer stamp on disk.
      const stats = fstatSync(fd, { bigint: true });
      this.scanBytes(output, readFileSync(fd));
      this.stamp(output, stats);
    } finally {
      closeSync(fd);
    }
  }

  /** Read and scan every file under `outDir` not scanned yet, or changed since (`unscanned`). */
  scanRest(outDir: string): void {
    for (const output of this.unscanned(outDir)) this.scanFile(outDir, output);
  }

  /** What this thread scanned, for the thread that reports. */
  part(): ScanPart {
    return { scanned: [...this.scanned], bytes: this.bytes, leaks: this.leaks, clean: [...this.clean] };
  }

  /** Take in what another thread scanned. */
  merge(part: ScanPart): void {
    for (const [output, n] of part.scanned) this.scanned.set(output, n);
    for (const k of part.clean ?? []) this.clean.add(k);
    this.bytes += part.bytes;
    for (const l of part.leaks) {
      const key = `${l.output}|${l.file}|${l.field}`;
      if (!this.reported.has(key) && this.leaks.length < MAX_LEAKS) {
        this.reported.add(key);
        this.leaks.push(l);
      }
    }
  }

  /**
   * The output files that were not scanned, or that changed on disk since (written again,
   * replaced or touched after the scan, whatever their size): the build scans them from
   * disk before it reports.
   */
  unscanned(outDir: string): string[] {
    return outputFiles(outDir).filter((output) => {
      const scanned = this.scanned.get(output);
      return !scanned || stampOf(statSync(join(outDir, output), { bigint: true })) !== scanned;
    });
  }

  /**
   * Compare the output's images with the restricted ones by a perceptual hash (dHash), not
   * their bytes: a restricted logo re-encoded, resized or converted (a symlink staged, say)
   * is still that picture. Compares the images scanned so far that it has not compared yet:
   * the build calls it once Astro's images are written, beside the demand pages, and again
   * at the end for any image scanned since.
   */
  async scanImages(outDir: string): Promise<void> {
    if (!this.data.secretImages.size) return;
    const outputs = [...this.scanned.keys()].filter((output) => IMAGE.test(output) && !this.imagesCompared.has(output));
    if (!outputs.length) return;
    for (const output of outputs) this.imagesCompared.add(output);
    const pictures = await (this.pictures ??= this.hashPictures());
    if (!pictures) return;
    const { kept, publicHashes } = pictures;
    const { dHashFiles, hamming, SAME_PICTURE } = await import('../images/dhash.ts');
    const outputHashes = await dHashFiles(outputs.map((output) => join(outDir, output)));
    for (const [i, output] of outputs.entries()) {
      if (this.leaks.length >= MAX_LEAKS) break;
      const hash = outputHashes[i];
      if (hash === undefined) continue;
      // An output image is the picture it is nearest to: a rendering of a public picture that a
      // restricted one merely resembles (generated covers of one style, say) is no leak.
      const nearestPublic = publicHashes.reduce((m, h) => Math.min(m, hamming(h, hash)), Infinity);
      const hit = kept.find((s) => {
        const d = hamming(s.hash, hash);
        return d <= SAME_PICTURE && d < nearestPublic;
      });
      if (!hit) continue;
      const key = `${output}|${hit.secret.file}|${hit.secret.pointer}`;
      if (this.reported.has(key)) continue;
      this.reported.add(key);
      this.leaks.push({
        output,
        file: hit.secret.file,
        field: hit.secret.pointer ? fieldLabel(hit.secret.kind, hit.secret.pointer) : '图片',
        hint: '(image, perceptual)',
      });
    }
  }

  /**
   * The restricted pictures worth comparing (informative, and not also a picture the site
   * publishes on purpose: the same logo on a demand whose issuer shows its name is no leak),
   * and the public pictures' hashes; undefined when no restricted picture is left.
   */
  private async hashPictures(): Promise<Pictures | undefined> {
    const { dHashFiles, hamming, informative, SAME_PICTURE } = await import('../images/dhash.ts');
    const { publicImageFiles } = await import('../images/public-images.ts');
    const secretList = [...this.data.secretImages.values()];
    const publicPaths = publicImageFiles((this.data as Partial<SiteData>).demands ?? []).flatMap(({ dir, names }) =>
      names.map((name) => join(dir, name)),
    );
    const hashes = await dHashFiles([...secretList.map((s) => s.value), ...publicPaths]);
    const secrets = secretList
      .map((secret, i) => ({ hash: hashes[i], secret }))
      .filter((s): s is Pictures['kept'][number] => s.hash !== undefined && informative(s.hash));
    const publicHashes = hashes.slice(secretList.length).filter((h): h is bigint => h !== undefined);
    const kept = secrets.filter((s) => !publicHashes.some((h) => hamming(h, s.hash) <= SAME_PICTURE));
    return kept.length ? { kept, publicHashes } : undefined;
  }

  report(): ScanReport {
    return {
      files: this.scanned.size,
      bytes: this.bytes,
      values: this.data.secrets.length,
      patterns: this.patternCount,
      alsoPublic: this.alsoPublic,
      leaks: this.leaks,
    };
  }
}

/** Scan every file of a built output folder from disk. */
export function scanOutput(outDir: string, data: SiteData): ScanReport {
  const scan = new PrivacyScan(data);
  scan.scanRest(outDir);
  return scan.report();
}

/** The same, with the output's images compared with the restricted ones perceptually too. */
export async function scanOutputWithImages(outDir: string, data: SiteData): Promise<ScanReport> {
  const scan = new PrivacyScan(data);
  scan.scanRest(outDir);
  await scan.scanImages(outDir);
  return scan.report();
}

export function formatLeaks(report: ScanReport): string {
  return (
    `输出中发现受限内容 ${report.leaks.length} 处，构建失败 (restricted values found in the output; the build fails):\n` +
    report.leaks.map((l) => `  ${l.output}: ${l.file} 的“${l.field}”（${l.hint}）`).join('\n')
  );
}
