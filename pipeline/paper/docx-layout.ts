/**
 * The form as a DOCX that opens in WPS and Word: A4 portrait, the notice's layout (附件N,
 * the title, 填报单位（盖章）and 日期, bordered rows of label and value, long texts in full,
 * the indicator table, the 承诺 with the 法定代表人签字 and 盖章 boxes) and the verification
 * line with the QR code. Written with the `docx` package (plain OOXML, no template file).
 *
 * Fonts are named as Chinese offices have them: 宋体 for the text, 黑体 for the title and
 * headings, 仿宋 for the 承诺; Latin text in Times New Roman. A machine without one of them
 * substitutes its own CJK font (WPS and Word both do), so nothing is embedded.
 *
 * Nothing here needs Node: docx.ts writes it in Node, the submission helper in the browser.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeightRule,
  ImageRun,
  PageNumber,
  Paragraph,
  ShadingType,
  Tab,
  TabStopType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IRunOptions,
} from 'docx';
import type { Block } from './markdown-blocks.ts';
import type { FormModel, Group, Row } from './form-model.ts';
import { shortRevision, verificationLine, type Verification } from './verification.ts';

const FONT = { body: '宋体', heading: '黑体', pledge: '仿宋', latin: 'Times New Roman' } as const;
/** Sizes in half-points: 小二 18 pt title, 小四 12 pt fields, 五号 10.5 pt tables. */
const SIZE = { title: 36, annex: 32, text: 24, table: 21, small: 18 } as const;
/** A4 with the margins of a 公文 (37 mm top, 35 mm bottom, 28 mm left, 26 mm right), in twips. */
const PAGE = { width: 11906, height: 16838, margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 } } as const;
const CONTENT_WIDTH = PAGE.width - PAGE.margin.left - PAGE.margin.right;
const LABEL_WIDTH = Math.round(CONTENT_WIDTH * 0.26);

const line = { style: BorderStyle.SINGLE, size: 6, color: '000000' } as const;
const BORDERS = { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line };

const run = (text: string, o: IRunOptions & { face?: string } = {}) => {
  const { face = FONT.body, ...rest } = o;
  return new TextRun({
    text,
    font: { ascii: FONT.latin, hAnsi: FONT.latin, eastAsia: face },
    size: SIZE.text,
    ...rest,
  });
};
const para = (
  children: TextRun[],
  o: {
    align?: (typeof AlignmentType)[keyof typeof AlignmentType];
    after?: number;
    before?: number;
    indent?: number;
  } = {},
) =>
  new Paragraph({
    children,
    alignment: o.align,
    spacing: { after: o.after ?? 0, before: o.before ?? 0, line: 360 },
    indent: o.indent ? { firstLine: o.indent } : undefined,
  });

/** A Markdown table inside a value cell, as a nested bordered table. */
function nestedTable(rows: string[][], width: number): Table {
  const n = Math.max(...rows.map((r) => r.length));
  const w = Math.floor(width / n);
  return new Table({
    width: { size: w * n, type: WidthType.DXA },
    columnWidths: Array(n).fill(w),
    borders: BORDERS,
    rows: rows.map(
      (r, i) =>
        new TableRow({
          cantSplit: true,
          tableHeader: i === 0,
          children: Array.from({ length: n }, (_, c) =>
            cell([para([run(r[c] ?? '', { size: SIZE.small, bold: i === 0 })])], { width: w }),
          ),
        }),
    ),
  });
}

function blockParagraphs(blocks: Block[], width = CONTENT_WIDTH - LABEL_WIDTH - 200): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = [];
  for (const b of blocks) {
    if (b.type === 'table') {
      out.push(nestedTable(b.rows, width), para([run('')]));
      continue;
    }
    const runs = b.runs.map((r) =>
      run(r.text, { bold: r.bold || b.type === 'heading', face: b.type === 'heading' ? FONT.heading : FONT.body }),
    );
    if (b.type === 'item')
      out.push(
        new Paragraph({
          children: [run(`${b.marker} `), ...runs],
          spacing: { line: 360 },
          indent: { left: 240, hanging: 240 },
        }),
      );
    else out.push(para(runs, { indent: b.type === 'paragraph' ? 480 : undefined }));
  }
  return out.length ? out : [para([run('')])];
}

const cell = (
  children: Array<Paragraph | Table>,
  o: { width: number; span?: number; shade?: boolean; center?: boolean },
) =>
  new TableCell({
    children,
    width: { size: o.width, type: WidthType.DXA },
    columnSpan: o.span,
    verticalAlign: o.center ? VerticalAlign.CENTER : VerticalAlign.TOP,
    shading: o.shade ? { type: ShadingType.CLEAR, color: 'auto', fill: 'E7E6E6' } : undefined,
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
  });

function fieldRow(r: Row): TableRow {
  const value = r.blocks
    ? blockParagraphs(r.blocks)
    : [para([run(r.value, { color: r.withheld ? '666666' : undefined })])];
  return new TableRow({
    children: [
      cell([para([run(r.label, { bold: true })], { align: AlignmentType.CENTER })], {
        width: LABEL_WIDTH,
        center: true,
      }),
      cell(value, { width: CONTENT_WIDTH - LABEL_WIDTH, center: !r.blocks }),
    ],
    cantSplit: !r.blocks,
  });
}

const headingRow = (text: string, span: number) =>
  new TableRow({
    children: [
      cell([para([run(text, { bold: true, face: FONT.heading })], { align: AlignmentType.CENTER })], {
        width: CONTENT_WIDTH,
        span,
        shade: true,
      }),
    ],
    cantSplit: true,
    tableHeader: false,
  });

function groupTable(g: Group): Table {
  if (g.table) {
    const n = g.table.columns.length;
    const first = Math.round(CONTENT_WIDTH * 0.08);
    const rest = Math.floor((CONTENT_WIDTH - first) / (n - 1));
    const widths = [first, ...Array(n - 1).fill(rest)];
    const small = (t: string, bold = false) => [
      para([run(t, { size: SIZE.table, bold })], { align: AlignmentType.CENTER }),
    ];
    return new Table({
      width: { size: CONTENT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      borders: BORDERS,
      rows: [
        new TableRow({
          children: [
            cell([para([run(g.heading ?? '', { bold: true, face: FONT.heading })], { align: AlignmentType.CENTER })], {
              width: CONTENT_WIDTH,
              span: n,
              shade: true,
            }),
          ],
          cantSplit: true,
        }),
        new TableRow({
          children: g.table.columns.map((c, i) => cell(small(c, true), { width: widths[i]!, center: true })),
          tableHeader: true,
          cantSplit: true,
        }),
        ...(g.table.rows.length ? g.table.rows : [Array(n).fill('')]).map(
          (r) =>
            new TableRow({
              children: r.map((v, i) => cell(small(v), { width: widths[i]!, center: true })),
              cantSplit: true,
            }),
        ),
      ],
    });
  }
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: [LABEL_WIDTH, CONTENT_WIDTH - LABEL_WIDTH],
    borders: BORDERS,
    rows: [...(g.heading ? [headingRow(g.heading, 2)] : []), ...g.rows.map(fieldRow)],
  });
}

function pledgeTable(model: FormModel): Table {
  const half = Math.floor(CONTENT_WIDTH / 2);
  const sign = (label: string) =>
    cell(
      [
        para([run(label, { face: FONT.pledge, bold: true })], { before: 120 }),
        para([run('')]),
        para([run('')]),
        para([run('')]),
        para([run('年　　月　　日', { face: FONT.pledge })], { align: AlignmentType.RIGHT, after: 120 }),
      ],
      { width: half },
    );
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: [half, CONTENT_WIDTH - half],
    borders: BORDERS,
    rows: [
      headingRow('承　诺', 2),
      new TableRow({
        children: [
          cell([para([run(model.pledge, { face: FONT.pledge })], { indent: 480, before: 120, after: 120 })], {
            width: CONTENT_WIDTH,
            span: 2,
          }),
        ],
        cantSplit: true,
      }),
      new TableRow({
        children: [sign('法定代表人（签字）：'), sign('单位（盖章）：')],
        cantSplit: true,
        height: { value: 2400, rule: HeightRule.ATLEAST },
      }),
    ],
  });
}

/** The form as a docx Document; `qr` is the PNG of the record's address (Node draws it with sharp, a browser on a canvas). */
export function formDocument(model: FormModel, v: Verification, qr: Uint8Array): Document {
  const spacer = () => para([run('')]);
  const body: Array<Paragraph | Table> = [
    para([run(model.annex, { face: FONT.heading, size: SIZE.annex })], { after: 120 }),
    para([run(`《${model.title}》`, { face: FONT.heading, size: SIZE.title, bold: true })], {
      align: AlignmentType.CENTER,
      after: 240,
    }),
    // 日期 at the right margin (a right tab stop), however long the unit's name.
    new Paragraph({
      tabStops: [{ type: TabStopType.RIGHT, position: CONTENT_WIDTH }],
      spacing: { after: 120, line: 360 },
      children: [
        run('填报单位（盖章）：'),
        run(model.unit || '　'.repeat(14), { underline: {} }),
        new TextRun({ children: [new Tab()] }),
        run('日期：　　年　　月　　日'),
      ],
    }),
  ];
  for (const g of model.groups) body.push(groupTable(g));
  body.push(pledgeTable(model), spacer());
  body.push(
    new Table({
      width: { size: CONTENT_WIDTH, type: WidthType.DXA },
      columnWidths: [CONTENT_WIDTH - 1600, 1600],
      borders: { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line },
      rows: [
        new TableRow({
          cantSplit: true,
          children: [
            cell(
              [
                para([run(verificationLine(v), { size: SIZE.small })]),
                para([
                  run(
                    v.pending
                      ? '登记后的编号和版本见受理回复；主管部门可按登记内容打印正式版本。'
                      : `完整版本摘要（sha256）：${v.revision}`,
                    { size: SIZE.small },
                  ),
                ]),
                para([
                  run(
                    model.view === 'public'
                      ? '本表为公开版，受限信息未打印。'
                      : '本表含受限信息，仅供申报和审核使用，请勿公开。',
                    { size: SIZE.small, bold: true },
                  ),
                ]),
              ],
              { width: CONTENT_WIDTH - 1600, center: true },
            ),
            cell(
              [
                new Paragraph({
                  alignment: AlignmentType.CENTER,
                  children: [
                    new ImageRun({
                      type: 'png',
                      data: qr,
                      transformation: { width: 80, height: 80 },
                      altText: { name: 'QR', title: '记录地址', description: v.url },
                    }),
                  ],
                }),
              ],
              { width: 1600, center: true },
            ),
          ],
        }),
      ],
    }),
  );
  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          run(`${model.id} · 版本 ${shortRevision(v.revision)} · 第 `, { size: SIZE.small }),
          new TextRun({ children: [PageNumber.CURRENT], size: SIZE.small }),
          run(' 页 共 ', { size: SIZE.small }),
          new TextRun({ children: [PageNumber.TOTAL_PAGES], size: SIZE.small }),
          run(' 页', { size: SIZE.small }),
        ],
      }),
    ],
  });
  const doc = new Document({
    creator: 'jiebang',
    title: `${model.title} ${model.id}`,
    description: `revision ${v.revision}`,
    styles: {
      default: {
        document: { run: { font: { ascii: FONT.latin, hAnsi: FONT.latin, eastAsia: FONT.body }, size: SIZE.text } },
      },
    },
    sections: [
      {
        properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: PAGE.margin } },
        footers: { default: footer },
        children: body,
      },
    ],
  });
  return doc;
}
