/**
 * A Markdown text (the long fields) as plain blocks a form can print: headings, paragraphs,
 * list items and tables, with the inline text flattened (bold kept as a flag of the run).
 * markdown-it does the parsing; HTML is off, as everywhere in jiebang.
 */
import MarkdownIt from 'markdown-it';

export interface Run {
  text: string;
  bold?: boolean;
}
export type Block =
  | { type: 'heading' | 'paragraph'; runs: Run[] }
  | { type: 'item'; runs: Run[]; marker: string }
  | { type: 'table'; rows: string[][] };

const md = new MarkdownIt({ html: false, linkify: false });

type Token = ReturnType<typeof md.parse>[number];

function runsOf(inline: Token): Run[] {
  const runs: Run[] = [];
  let bold = false;
  for (const t of inline.children ?? []) {
    if (t.type === 'strong_open') bold = true;
    else if (t.type === 'strong_close') bold = false;
    else if ((t.type === 'text' || t.type === 'code_inline') && t.content)
      runs.push(bold ? { text: t.content, bold } : { text: t.content });
    else if (t.type === 'softbreak' || t.type === 'hardbreak') runs.push({ text: '\n' });
  }
  return runs;
}

export function markdownBlocks(text: string): Block[] {
  const tokens = md.parse(text, {});
  const blocks: Block[] = [];
  const lists: Array<{ ordered: boolean; n: number }> = [];
  let table: string[][] | undefined;
  let row: string[] | undefined;
  let pending: 'heading' | 'paragraph' | 'item' = 'paragraph';
  for (const t of tokens) {
    switch (t.type) {
      case 'bullet_list_open':
        lists.push({ ordered: false, n: 0 });
        break;
      case 'ordered_list_open':
        lists.push({ ordered: true, n: Number(t.attrGet('start') ?? 1) - 1 });
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        break;
      case 'list_item_open':
        lists.at(-1)!.n++;
        pending = 'item';
        break;
      case 'heading_open':
        pending = 'heading';
        break;
      case 'table_open':
        table = [];
        break;
      case 'table_close':
        blocks.push({ type: 'table', rows: table! });
        table = undefined;
        break;
      case 'tr_open':
        row = [];
        break;
      case 'tr_close':
        table?.push(row!);
        row = undefined;
        break;
      case 'inline': {
        if (row) {
          row.push(
            runsOf(t)
              .map((r) => r.text)
              .join(''),
          );
          break;
        }
        const runs = runsOf(t);
        if (pending === 'item') {
          const list = lists.at(-1)!;
          blocks.push({ type: 'item', runs, marker: list.ordered ? `${list.n}.` : '•' });
        } else blocks.push({ type: pending, runs });
        pending = 'paragraph';
        break;
      }
      case 'code_block':
      case 'fence':
        blocks.push({ type: 'paragraph', runs: [{ text: t.content.replace(/\n$/, '') }] });
        break;
      default:
        break;
    }
  }
  return blocks;
}

/** A block's text, for tests and plain renderings. */
export const blockText = (b: Block): string =>
  b.type === 'table' ? b.rows.flat().join('\n') : b.runs.map((r) => r.text).join('');
