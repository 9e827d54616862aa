/**
 * HTML escaping for the string renderers. `html` is a tagged template that escapes every
 * interpolated value except trusted HTML (the result of another `html`, or `raw(...)`),
 * so nesting templates cannot double-escape and forgetting to escape is impossible.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

const SPECIAL = /[&<>"']/;

export function esc(value: unknown): string {
  const s = String(value ?? '');
  return SPECIAL.test(s) ? s.replace(/[&<>"']/g, (c) => ENTITIES[c]!) : s;
}

/** HTML that is already safe to emit as is. */
export class SafeHtml {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

export const raw = (htmlText: string): SafeHtml => new SafeHtml(htmlText);

export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += toHtml(v) + strings[i + 1]!;
  });
  return new SafeHtml(out);
}

function toHtml(v: unknown): string {
  if (v === undefined || v === null || v === false) return '';
  if (v instanceof SafeHtml) return v.value;
  if (Array.isArray(v)) return v.map(toHtml).join('');
  return esc(v);
}
