/**
 * Text from submissions shown inside the bot's comments, rendered inert: no HTML, no
 * mentions that would ping people, no links or images, no table breaks, no emphasis or
 * headings — what the submitter typed appears as the characters they typed, on one line.
 */
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '@': '&#64;',
  '|': '&#124;',
  '\\': '&#92;',
  '`': '&#96;',
  '*': '&#42;',
  _: '&#95;',
  '[': '&#91;',
  ']': '&#93;',
  '#': '&#35;',
  '~': '&#126;',
};

/** Characters that change how text reads (direction overrides) or hide (zero-width, controls): shown by code point. */
const INVISIBLE =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

export function inline(text: string, max = 200): string {
  const flat = text
    .replace(INVISIBLE, (c) => `〔U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}〕`)
    .replace(/\s+/g, ' ')
    .trim();
  const chars = [...flat];
  const cut = chars.length > max ? `${chars.slice(0, max).join('')}…` : flat;
  return (
    cut
      .replace(/[&<>@|\\`*_[\]#~]/g, (c) => ENTITIES[c]!)
      // Autolinks: https://… and www.… become links on GitHub even without brackets.
      .replace(/:\/\//g, '&#58;//')
      .replace(/\bwww\./gi, (w) => `${w.slice(0, 3)}&#46;`)
  );
}
