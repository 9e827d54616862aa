/**
 * The catalogue as rows: one definition of the columns shared by the CSV and XLSX downloads
 * (headers are the schema's field titles; values are what the demand page shows).
 */
import { stateLabel, zhDate } from '../../pipeline/face/core.ts';
import type { DemandView } from '../data/model.ts';
import { fieldTitle } from '../i18n/labels.ts';
import { t } from '../i18n/ui.ts';
import { factText, regionText } from '../render/demand.ts';
import { enumLabel } from '../i18n/labels.ts';

export type Cell = string | number | null;
/** `kind` tells the spreadsheet a column's values are dates (YYYY-MM-DD) or amounts. */
interface Column {
  header: string;
  value: (d: DemandView, url: string) => Cell;
  kind?: 'date' | 'number';
}

const zh = 'zh' as const;
const fact = (p: Parameters<typeof factText>[1]) => (d: DemandView) => factText(d.data, p, zh) || null;

export const COLUMNS: Column[] = [
  { header: fieldTitle('demand', '/id', zh), value: (d) => d.id },
  { header: fieldTitle('demand', '/catalogueNo', zh), value: (d) => d.data.catalogueNo ?? null },
  { header: fieldTitle('demand', '/title', zh), value: (d) => d.data.title },
  {
    header: fieldTitle('demand', '/issuer', zh),
    value: (d) => (d.data.anonymousIssuer || !d.data.issuer?.name ? t(zh, 'anonymousIssuer') : d.data.issuer.name),
  },
  { header: fieldTitle('demand', '/issuer/region', zh), value: (d) => regionText(d.data.issuer?.region) },
  { header: '来源', value: (d) => (d.external ? t(zh, 'nationalCatalogue') : '本地') },
  {
    header: fieldTitle('demand', '/issuer/ownership', zh),
    value: (d) =>
      d.data.issuer?.ownership ? enumLabel('demand', '/issuer/ownership', d.data.issuer.ownership, zh) : null,
  },
  { header: fieldTitle('demand', '/demandType', zh), value: fact('/demandType') },
  { header: fieldTitle('demand', '/field', zh), value: fact('/field') },
  { header: fieldTitle('demand', '/industrialBase', zh), value: fact('/industrialBase') },
  { header: fieldTitle('demand', '/cooperationModes', zh), value: fact('/cooperationModes') },
  { header: fieldTitle('demand', '/deliverables', zh), value: fact('/deliverables') },
  // Numbers only in the amount column (a spreadsheet sums it); 面议 in the note beside it.
  {
    header: fieldTitle('demand', '/plannedInvestment', zh),
    value: (d) => (typeof d.data.plannedInvestment === 'number' ? d.data.plannedInvestment : null),
    kind: 'number',
  },
  // An entry of the national catalogue: MIIT's list gives no amount.
  {
    header: '资金说明',
    value: (d) =>
      typeof d.data.plannedInvestment === 'number'
        ? null
        : d.external
          ? '全国目录未列明'
          : factText(d.data, '/plannedInvestment', zh) || null,
  },
  { header: fieldTitle('demand', '/completionMonths', zh), value: (d) => d.data.completionMonths ?? null },
  { header: fieldTitle('demand', '/ipArrangement', zh), value: fact('/ipArrangement') },
  {
    header: fieldTitle('demand', '/technicalIndicators', zh),
    value: (d) => (d.data.technicalIndicators ?? []).map((i) => `${i.name}：${i.target}${i.unit ?? ''}`).join('；'),
  },
  { header: t(zh, 'status'), value: (d) => stateLabel(d.status.state, zh) },
  // A date cell in the workbook (shown 年月日, workbook.ts); 年月日 text in the CSV (toCsv).
  { header: t(zh, 'deadline'), value: (d) => d.deadline ?? null, kind: 'date' },
  { header: '网址', value: (_d, url) => url },
];

export function rows(demands: readonly DemandView[], urlOf: (d: DemandView) => string): Cell[][] {
  return [COLUMNS.map((c) => c.header), ...demands.map((d) => COLUMNS.map((c) => c.value(d, urlOf(d))))];
}

/** A CSV cell; text a spreadsheet would run as a formula (=, +, -, @) is prefixed with '. */
function csvCell(v: Cell): string {
  if (v === null) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** UTF-8 with a BOM, CRLF line ends: Excel and WPS open it as Chinese text without asking. */
export function toCsv(table: Cell[][]): string {
  return `\uFEFF${table.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** The catalogue's CSV: dates in 年月日, as the Chinese pages write them (the workbook keeps date cells). */
export function catalogueCsv(table: Cell[][]): string {
  const dates = new Set(COLUMNS.flatMap((c, i) => (c.kind === 'date' ? [i] : [])));
  return toCsv(
    table.map((row, r) => (r === 0 ? row : row.map((v, i) => (dates.has(i) && typeof v === 'string' ? zhDate(v) : v)))),
  );
}
