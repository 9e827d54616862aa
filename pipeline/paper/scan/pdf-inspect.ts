/**
 * What a PDF holds, read from its bytes without a PDF library: its pages (page objects, also
 * inside compressed object streams) and any active content — names that run code or carry
 * other files (/JavaScript, /JS, /Launch, /EmbeddedFile, /RichMedia, /XFA, …), also when
 * spelled with #xx escapes (/J#61vaScript) or hidden in an object stream. A stamped scan
 * needs none of them, so finding one is enough to refuse the file; nothing is executed.
 *
 * Object streams are inflated with a cap on their output (a deflate bomb stops there).
 */
// node:zlib is loaded when a PDF's object stream is first inflated, not when the intake starts:
// an ES import of it costs every issue event about 5 ms, and most carry no PDF.
const inflateSync: typeof import('node:zlib').inflateSync = (buffer, options) =>
  process.getBuiltinModule('node:zlib').inflateSync(buffer, options);

/** Names whose presence refuses the file (exact, after #xx decoding). */
export const ACTIVE_NAMES = new Set([
  'JavaScript',
  'JS',
  'Launch',
  'EmbeddedFile',
  'EmbeddedFiles',
  'RichMedia',
  'XFA',
  'SubmitForm',
  'ImportData',
  'GoToE',
  'Sound',
  'Movie',
]);

export interface PdfFacts {
  pages: number;
  /** Active-content names found (empty for a clean file). */
  active: string[];
  encrypted: boolean;
  /** Bytes after the last %%EOF that are not whitespace (where a polyglot hides its second file). */
  trailing: number;
}

const NAME = /\/((?:[^\s/[\]<>(){}%#]|#[0-9A-Fa-f]{2})+)/g;

function scanNames(
  text: string,
  facts: { active: Set<string>; pageObjects: number; counts: number[]; encrypted: boolean },
  objectStreams?: number[],
) {
  let prevWasType = false;
  for (const m of text.matchAll(NAME)) {
    const name = m[1]!.includes('#')
      ? m[1]!.replace(/#([0-9A-Fa-f]{2})/g, (_s, h: string) => String.fromCharCode(parseInt(h, 16)))
      : m[1]!;
    if (ACTIVE_NAMES.has(name)) facts.active.add(name);
    if (name === 'ObjStm') objectStreams?.push(m.index!);
    if (name === 'Encrypt') facts.encrypted = true;
    if (prevWasType && name === 'Page') facts.pageObjects++;
    prevWasType = name === 'Type';
  }
  // The page tree's root states the total: /Count near /Type /Pages (either order, one dictionary).
  for (const m of text.matchAll(
    /\/Type\s*\/Pages\b[^>]{0,400}?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]{0,400}?\/Type\s*\/Pages\b/g,
  ))
    facts.counts.push(Number(m[1] ?? m[2]));
}

/** Inflate budget for all object streams of one file. */
const INFLATE_BUDGET = 64 * 1024 * 1024;

export function inspectPdf(bytes: Uint8Array): PdfFacts {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const facts = { active: new Set<string>(), pageObjects: 0, counts: [] as number[], encrypted: false };
  // Where the name /ObjStm stands (however spelled): each marks an object stream's dictionary.
  const objectStreams: number[] = [];
  scanNames(text, facts, objectStreams);
  let budget = INFLATE_BUDGET;
  let after = 0;
  for (const at of objectStreams) {
    if (at < after) continue;
    // Its data follows the dictionary's `stream` keyword (looked for in the next 4 KiB only).
    const keyword = /stream\r?\n/.exec(text.slice(at, at + 4096));
    if (!keyword) continue;
    const start = at + keyword.index + keyword[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break; // none further on either: stop rather than search the rest again
    after = end;
    const dict = text.slice(Math.max(at - 2048, 0), at + keyword.index);
    const flate = /\/FlateDecode/.test(dict);
    if (!flate && /\/Filter/.test(dict)) {
      facts.active.add('ObjStm-Filter');
      continue;
    }
    const raw = Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start);
    let inflated: Buffer;
    try {
      inflated = flate ? inflateSync(raw, { maxOutputLength: Math.max(1, budget) }) : raw;
    } catch {
      // A stream that will not inflate within the budget cannot be checked: treat it as hiding something.
      facts.active.add('ObjStm');
      continue;
    }
    budget -= inflated.length;
    scanNames(inflated.toString('latin1'), facts);
  }
  const lastEof = text.lastIndexOf('%%EOF');
  const trailing = lastEof < 0 ? text.length : text.slice(lastEof + 5).replace(/\s+/g, '').length;
  return {
    pages: Math.max(facts.pageObjects, ...facts.counts, 0),
    active: [...facts.active],
    encrypted: facts.encrypted,
    trailing,
  };
}
