/**
 * A text as a reader would take it in, for the privacy scan to find transformed copies of a
 * restricted value: entities decoded (numeric and the common named ones), tags and soft
 * hyphens / zero-width characters dropped, NFKC (full-width digits and letters), lower
 * case, whitespace runs as one space and none between digits (“139 1234 0001”). Values are
 * put in the same form as the outputs they are looked for in.
 */

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', shy: '' };
const TAG = /<[A-Za-z/!?][^<>]*>/g;
const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,6}));?/g;
const INVISIBLE = /[\u00ad\u200b-\u200f\u2060\ufeff]/g;

/** The steps before the spaces: each a pass of the engine's own, over the whole text. */
function decodedLower(text: string): string {
  return text
    .replace(TAG, '')
    .replace(ENTITY, (m, dec?: string, hex?: string, name?: string) => {
      const code = dec ? Number(dec) : hex ? parseInt(hex, 16) : undefined;
      if (code !== undefined) return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
      return NAMED[name!.toLowerCase()] ?? m;
    })
    .replace(TAG, '')
    .replace(INVISIBLE, '')
    .normalize('NFKC')
    .toLowerCase();
}

/** What JavaScript's `\s` matches. */
const isSpace = (c: number) =>
  c === 32 ||
  (c >= 9 && c <= 13) ||
  c === 0xa0 ||
  c === 0x1680 ||
  (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 ||
  c === 0x2029 ||
  c === 0x202f ||
  c === 0x205f ||
  c === 0x3000 ||
  c === 0xfeff;
const isDigit = (c: number) => c >= 48 && c <= 57;

/** The buffer `normalisedBytes` writes into, grown as needed and reused: fresh memory costs a page fault per 4 KB here. */
let scratch = new Uint8Array(1 << 16);

/**
 * The reader's form of `text` as UTF-8 (lone surrogates as U+FFFD, as TextEncoder writes
 * them). The spaces and the encoding are one pass of ours: as two more regular expressions
 * and an encode, they were two thirds of the time over a build's pages. The bytes are a view
 * of a buffer the next call writes over: use them before calling again.
 */
export function normalisedBytes(text: string): Uint8Array {
  const s = decodedLower(text);
  const len = s.length;
  if (scratch.length < len * 3) scratch = new Uint8Array(Math.max(len * 3, scratch.length * 2));
  const out = scratch;
  let n = 0;
  for (let i = 0; i < len; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80 && !isSpace(c)) {
      out[n++] = c;
    } else if (isSpace(c)) {
      // A run of whitespace is one space, and none between two digits.
      let j = i + 1;
      while (j < len && isSpace(s.charCodeAt(j))) j++;
      if (!(n > 0 && isDigit(out[n - 1]!) && j < len && isDigit(s.charCodeAt(j)))) out[n++] = 32;
      i = j - 1;
    } else if (c < 0x800) {
      out[n++] = 0xc0 | (c >> 6);
      out[n++] = 0x80 | (c & 0x3f);
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < len && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      const cp = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(++i) - 0xdc00);
      out[n++] = 0xf0 | (cp >> 18);
      out[n++] = 0x80 | ((cp >> 12) & 0x3f);
      out[n++] = 0x80 | ((cp >> 6) & 0x3f);
      out[n++] = 0x80 | (cp & 0x3f);
    } else {
      const u = c >= 0xd800 && c <= 0xdfff ? 0xfffd : c;
      out[n++] = 0xe0 | (u >> 12);
      out[n++] = 0x80 | ((u >> 6) & 0x3f);
      out[n++] = 0x80 | (u & 0x3f);
    }
  }
  return out.subarray(0, n);
}

const DECODER = new TextDecoder();

/** The reader's form of `text` as a string (of a value, to look for in outputs' reader's forms). */
export function normaliseForScan(text: string): string {
  return DECODER.decode(normalisedBytes(text));
}
