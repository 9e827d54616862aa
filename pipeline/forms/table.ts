/**
 * Lists of small objects (技术指标, 技术指标响应) travel in an issue as a Markdown table: the
 * form pre-fills the header, the submitter adds one row per item. Reading it back is
 * forgiving about what people do to tables (outer pipes dropped, full-width ｜, columns
 * reordered, blank rows, a lost header) and strict about what cannot be guessed.
 */
import type { TableColumn } from './form.ts';

export interface TableProblem {
  /** 1-based row among the data rows, when the problem is in one. */
  row?: number;
  message: string;
  messageEn: string;
}

export interface ParsedTable {
  rows: Array<Record<string, string>>;
  problems: TableProblem[];
  /** False when the text holds no table at all. */
  found: boolean;
}

/** The text the form pre-fills: header, delimiter and one empty row. */
export function tableTemplate(columns: readonly TableColumn[]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return (
    [line(columns.map((c) => c.title)), line(columns.map(() => '---')), line(columns.map(() => ' '))].join('\n') + '\n'
  );
}

const DELIMITER = /^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?$/;

/** Split one table line into cells; `\|` is a literal pipe inside a cell. */
export function splitRow(line: string): string[] {
  let s = line.trim();
  if (s.startsWith('|')) s = s.slice(1);
  if (s.endsWith('|') && !s.endsWith('\\|')) s = s.slice(0, -1);
  const cells: string[] = [];
  let cell = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '\\' && s[i + 1] === '|') {
      cell += '|';
      i++;
      continue;
    }
    if (ch === '|') {
      cells.push(cell.trim());
      cell = '';
      continue;
    }
    cell += ch;
  }
  cells.push(cell.trim());
  return cells;
}

const norm = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/[\s*：:]/g, '')
    .toLowerCase();

export function parseTable(text: string, columns: readonly TableColumn[]): ParsedTable {
  const lines = text
    .replace(/｜/g, '|')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.includes('|') && !/^(```|~~~)/.test(l));
  if (lines.length === 0) return { rows: [], problems: [], found: false };

  const problems: TableProblem[] = [];
  const byTitle = new Map<string, string>();
  for (const c of columns) {
    byTitle.set(norm(c.title), c.key);
    byTitle.set(norm(c.key), c.key);
  }

  // The header is the first line when its cells name columns; otherwise columns are in form order.
  const first = splitRow(lines[0]!);
  const headerKeys = first.map((cell) => byTitle.get(norm(cell)));
  const hasHeader = headerKeys.some((k) => k !== undefined);
  let order: Array<string | undefined> = columns.map((c) => c.key);
  let body = lines;
  if (hasHeader) {
    order = headerKeys;
    body = lines.slice(1);
    const unknown = first.filter((_, i) => headerKeys[i] === undefined && first[i] !== '');
    if (unknown.length) {
      problems.push({
        message: `表头中的“${unknown.join('”“')}”不是本表的列，请使用表头：${columns.map((c) => c.title).join(' | ')}。`,
        messageEn: `The header has columns this table does not know (${unknown.join(', ')}); use: ${columns.map((c) => c.title).join(' | ')}.`,
      });
    }
  }
  body = body.filter((l) => !DELIMITER.test(l.replace(/\s+/g, ' ')));

  const rows: Array<Record<string, string>> = [];
  for (const line of body) {
    const cells = splitRow(line);
    if (cells.every((c) => c === '')) continue;
    const n = rows.length + 1;
    if (cells.length > order.length && cells.slice(order.length).some((c) => c !== '')) {
      problems.push({
        row: n,
        message: `第 ${n} 行的格子比表头多：格子里的竖线“|”要写成“\\|”。`,
        messageEn: `Row ${n} has more cells than the header; write a pipe inside a cell as “\\|”.`,
      });
    }
    const row: Record<string, string> = {};
    order.forEach((key, i) => {
      const value = cells[i];
      if (key && value) row[key] = value;
    });
    rows.push(row);
  }
  return { rows, problems, found: true };
}
