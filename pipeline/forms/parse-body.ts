/**
 * Splitting an issue body into the form's fields. GitHub writes a form submission as
 * `### <label>` headings, each followed by the answer (`_No response_` when empty). The
 * answers are the submitters' own Markdown, so a heading only starts a field when it is
 * outside fenced code and names a field of the form that has not been seen yet; any other
 * heading (`### 里程碑` in a plan, a label quoted a second time) stays part of the answer.
 *
 * What real bodies do and this survives: CRLF or CR line ends, a BOM, headings of any level
 * written by hand, full-width spaces and punctuation in headings (NFKC), zero-width
 * characters pasted from Word, trailing colons, unclosed code fences (treated as text, as
 * if the fence had closed at the next field), bodies made without the form (no headings).
 */
import type { Form, FormField } from './form.ts';

/** GitHub caps issue bodies at 65,536 characters; anything much longer did not come from it. */
/** GitHub's limit on an issue body, in characters: what a submission must fit. */
export const FORGE_BODY_LIMIT = 65_536;
export const MAX_BODY_CHARS = 65536 * 2;

export interface BodySplit {
  /** The raw answer under each field's heading, by field id (absent: no heading). */
  sections: Map<string, string>;
  /** Headings recognised as fields, in body order. */
  found: FormField[];
  /** Text before the first recognised heading (a hand-written body is all preamble). */
  preamble: string;
}

const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
const HEADING = /^ {0,3}#{1,6}[ \t\u3000]+(.*?)[ \t\u3000]*#*[ \t\u3000]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** How a label is compared: NFKC (full-width → ASCII), no invisible characters, spaces folded. */
export function normalizeLabel(text: string): string {
  return text
    .normalize('NFKC')
    .replace(ZERO_WIDTH, '')
    .replace(/\*+$/, '')
    .replace(/[:：]\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Line ends to LF, BOM dropped. */
export function normalizeNewlines(text: string): string {
  return text.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
}

/** Indexes of lines inside closed code fences (an unclosed fence is plain text). */
function fencedLines(lines: string[]): Set<number> {
  const inside = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!);
    if (!open) continue;
    const marker = open[1]!;
    const close = new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \\t]*$`);
    let j = i + 1;
    while (j < lines.length && !close.test(lines[j]!)) j++;
    if (j >= lines.length) continue; // never closed: not a fence
    for (let k = i; k <= j; k++) inside.add(k);
    i = j;
  }
  return inside;
}

export function splitBody(body: string, form: Form): BodySplit {
  const lines = normalizeNewlines(body).split('\n');
  const fenced = fencedLines(lines);
  const byLabel = new Map(form.fields.map((f) => [normalizeLabel(f.label), f]));
  const sections = new Map<string, string>();
  const found: FormField[] = [];
  let current: FormField | undefined;
  let buffer: string[] = [];
  const preamble: string[] = [];
  const flush = () => {
    if (current) sections.set(current.id, trimBlankLines(buffer.join('\n')));
    buffer = [];
  };
  lines.forEach((line, i) => {
    const m = fenced.has(i) ? null : HEADING.exec(line);
    const field = m ? byLabel.get(normalizeLabel(m[1]!)) : undefined;
    if (field && !sections.has(field.id) && field !== current) {
      flush();
      current = field;
      found.push(field);
      return;
    }
    (current ? buffer : preamble).push(line);
  });
  flush();
  return { sections, found, preamble: trimBlankLines(preamble.join('\n')) };
}

/** Drop blank lines at both ends and trailing spaces of the last line; inner text untouched. */
export function trimBlankLines(text: string): string {
  return text
    .replace(/^(?:[ \t]*\n)+/, '')
    .replace(/(?:\n[ \t]*)+$/, '')
    .replace(/[ \t]+$/, '');
}
