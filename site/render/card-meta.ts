/**
 * A demand card as search-result metadata, packed so that Pagefind does not index it.
 *
 * Pagefind (1.6) indexes every metadata value as searchable words, so a card's title,
 * issuer, labels and dates would each become words of the index — at 10,000 demands they
 * made up 45% of it, and every query downloads the index chunks its words fall in. Words
 * are what is left of a value after its non-word characters are removed, so the card is
 * written as one Braille pattern per byte of its JSON (U+2800 + byte: none of them is a
 * word character): nothing to index, nothing lost, and the script unpacks it exactly.
 */

/**
 * What the catalogue's script needs to draw a demand card (render/card-html.ts) in either
 * language: values and codes; the labels are on the page (components/Finder.astro).
 */
export interface CardMeta {
  id: string;
  title: string;
  state: string;
  /** '' when the issuer hid its name. */
  issuer: string;
  region: string;
  deadline: string;
  field: string;
  type: string;
  invest: number | null;
}

type Packed = [string, string, string, string, string, string, string, string, number | null];

export function packCard(c: CardMeta): string {
  const row: Packed = [c.id, c.title, c.state, c.issuer, c.region, c.deadline, c.field, c.type, c.invest];
  let out = '';
  for (const byte of new TextEncoder().encode(JSON.stringify(row))) out += String.fromCharCode(0x2800 + byte);
  return out;
}

export function unpackCard(packed: string): CardMeta {
  const bytes = Uint8Array.from(packed, (ch) => ch.charCodeAt(0) - 0x2800);
  const [id, title, state, issuer, region, deadline, field, type, invest] = JSON.parse(
    new TextDecoder().decode(bytes),
  ) as Packed;
  return { id, title, state, issuer, region, deadline, field, type, invest };
}
