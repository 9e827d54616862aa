/**
 * Reports upward, in the forms officers send: from the ledger as of a date, the bureau's
 * 推荐汇总表 (demands recommended to MIIT), 揭榜推荐汇总表 (its SMEs' applications
 * recommended) and 入选揭榜企业名单 (SMEs the issuers selected). Each is a table an official
 * files: a title row, 填报单位 and 填报日期 (年月日), 序号, two-level headers merged where a
 * group of columns shares a heading, column widths, the header frozen; and the same rows as
 * CSV (UTF-8 with a BOM, so Excel reads the Chinese).
 *
 * These forms go up to MIIT (or the province), not to the public: they carry issuers' and
 * applicants' names, credit codes and contacts, whatever the public site hides.
 */
import writeXlsxFile, { type Cell, type SheetData } from 'write-excel-file/node';
import type { Catalog } from '../content/catalog.ts';
import type { Decision } from '../generated/types.ts';
import { fieldAt } from '../schema/fields.ts';
import type { Kind } from '../schema/registry.ts';
import { shanghaiDate } from '../rules/shanghai.ts';
import { stateLabel } from '../domain/machines.ts';
import { chainAsOf, computeStatuses } from './status.ts';
import { byCodeUnits } from '../domain/order.ts';

export const EXPORT_KINDS = ['推荐汇总表', '揭榜推荐汇总表', '入选揭榜企业名单'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
/** English names the command line also takes. */
export const EXPORT_ALIASES: Record<string, ExportKind> = {
  'demands-recommended': '推荐汇总表',
  'applications-recommended': '揭榜推荐汇总表',
  selected: '入选揭榜企业名单',
};

/** A column: its heading, the group heading above it (merged over the group), its width in characters. */
interface Column {
  title: string;
  group?: string;
  width: number;
  date?: boolean;
}

export interface ExportTable {
  kind: ExportKind;
  title: string;
  /** 填报单位: the round's issuing authority. */
  unit: string;
  /** The as-of day (Beijing calendar), also the form's 填报日期. */
  asOf: string;
  columns: Column[];
  /** One row per item, without 序号 (added when written); dates as YYYY-MM-DD strings. */
  rows: Array<Array<string | number>>;
}

function enumLabel(kind: Kind, pointer: string, value: unknown): string {
  const labels = fieldAt(kind, pointer)?.node['x-enum-labels'] as Record<string, string> | undefined;
  return labels?.[String(value)] ?? String(value ?? '');
}

const region = (r: { province?: string; city?: string; district?: string } | undefined) =>
  r ? [r.province, r.city !== r.province ? r.city : undefined, r.district].filter(Boolean).join('') : '';
/** The first act of `action` in a chain made up to the as-of moment. */
const actOf = (chain: readonly Decision[], actions: readonly string[]) => chain.find((d) => actions.includes(d.action));
const day = (d: Decision) => d.at.slice(0, 10);

export function exportTable(catalog: Catalog, roundId: string, kind: ExportKind, asOf: Date): ExportTable {
  const round = catalog.rounds.get(roundId);
  if (!round) throw new Error(`no round ${roundId}`);
  const chain = (id: string) => chainAsOf(catalog.decisions.get(id) ?? [], asOf);
  const statuses = computeStatuses(catalog, asOf);
  const demands = [...catalog.demands.values()]
    .filter((d) => d.round === roundId)
    .sort((a, b) => byCodeUnits(a.id, b.id));
  const year = round.year;
  const base = { kind, unit: round.authority, asOf: shanghaiDate(asOf) };

  if (kind === '推荐汇总表') {
    const rows = demands.flatMap((d) => {
      const rec = actOf(chain(d.id), ['recommend']);
      if (!rec) return [];
      return [
        [
          d.id,
          d.title,
          d.issuer.name,
          d.issuer.uscc,
          region(d.issuer.region),
          enumLabel('demand', '/issuer/ownership', d.issuer.ownership),
          enumLabel('demand', '/demandType', d.demandType),
          enumLabel('demand', '/field', d.field),
          d.isPublic ? '是' : '否',
          d.plannedInvestment ?? '面议',
          d.completionMonths,
          d.contact?.name ?? '',
          d.contact?.mobile ?? '',
          day(rec),
          stateLabel(statuses.demands.get(d.id)?.state ?? 'draft'),
        ],
      ];
    });
    return {
      ...base,
      title: `${year}年度大企业“发榜”技术创新需求推荐汇总表`,
      rows,
      columns: [
        { title: '需求编号', width: 14 },
        { title: '需求名称', width: 30 },
        { title: '企业名称', group: '发榜企业', width: 26 },
        { title: '统一社会信用代码', group: '发榜企业', width: 21 },
        { title: '所在地区', group: '发榜企业', width: 16 },
        { title: '企业性质', group: '发榜企业', width: 12 },
        { title: '需求类型', width: 12 },
        { title: '所属领域', width: 14 },
        { title: '是否公开', width: 8 },
        { title: '拟投入资金（万元）', width: 10 },
        { title: '完成时限（月）', width: 8 },
        { title: '姓名', group: '联系人', width: 8 },
        { title: '手机', group: '联系人', width: 13 },
        { title: '推荐日期', width: 14, date: true },
        { title: '当前状态', width: 12 },
      ],
    };
  }

  const apps = demands
    .flatMap((d) => (catalog.applicationsByDemand.get(d.id) ?? []).map((a) => ({ d, a })))
    .sort((x, y) => byCodeUnits(x.a.id, y.a.id));
  const applicant = (uscc: string, name: string) => {
    const e = catalog.enterprises.get(uscc);
    return { name: e?.name ?? name, region: region(e?.region), contact: e?.contact };
  };
  if (kind === '揭榜推荐汇总表') {
    const rows = apps.flatMap(({ d, a }) => {
      const rec = actOf(chain(a.id), ['recommend']);
      if (!rec) return [];
      const e = applicant(a.applicant.uscc, a.applicant.name);
      return [
        [
          a.id,
          e.name,
          a.applicant.uscc,
          e.region,
          d.id,
          d.title,
          d.anonymousIssuer ? '（企业名称不公开）' : d.issuer.name,
          a.directed ? '是' : '否',
          e.contact?.name ?? '',
          e.contact?.mobile ?? '',
          day(rec),
          stateLabel(statuses.applications.get(a.id)?.state ?? 'draft'),
        ],
      ];
    });
    return {
      ...base,
      title: `${year}年度中小企业“揭榜”推荐汇总表`,
      rows,
      columns: [
        { title: '申请编号', width: 18 },
        { title: '企业名称', group: '揭榜企业', width: 26 },
        { title: '统一社会信用代码', group: '揭榜企业', width: 21 },
        { title: '所在地区', group: '揭榜企业', width: 16 },
        { title: '需求编号', group: '揭榜需求', width: 14 },
        { title: '需求名称', group: '揭榜需求', width: 30 },
        { title: '发榜企业', group: '揭榜需求', width: 24 },
        { title: '定向揭榜', width: 8 },
        { title: '姓名', group: '联系人', width: 8 },
        { title: '手机', group: '联系人', width: 13 },
        { title: '推荐日期', width: 14, date: true },
        { title: '当前状态', width: 12 },
      ],
    };
  }

  // 入选揭榜企业名单: every application selected (or selected as a replacement) by the as-of
  // day that has not dropped out since; a replacement says so in 备注.
  const rows = apps.flatMap(({ d, a }) => {
    const c = chain(a.id);
    const sel = actOf(c, ['select', 'replace']);
    const state = statuses.applications.get(a.id)?.state ?? 'draft';
    if (!sel || state === 'dropped_out') return [];
    const e = applicant(a.applicant.uscc, a.applicant.name);
    const notes = [
      sel.action === 'replace' ? '递补入选' : '',
      sel.onBehalfOf ? `据${sel.evidence?.documentNo ?? '文件'}登记` : '',
    ]
      .filter(Boolean)
      .join('；');
    return [[d.id, d.title, d.issuer.name, e.name, a.applicant.uscc, e.region, day(sel), stateLabel(state), notes]];
  });
  return {
    ...base,
    title: `${year}年度大中小企业融通创新“揭榜”入选企业名单`,
    rows,
    columns: [
      { title: '需求编号', group: '发榜需求', width: 14 },
      { title: '需求名称', group: '发榜需求', width: 30 },
      { title: '发榜企业', group: '发榜需求', width: 24 },
      { title: '企业名称', group: '入选揭榜企业', width: 26 },
      { title: '统一社会信用代码', group: '入选揭榜企业', width: 21 },
      { title: '所在地区', group: '入选揭榜企业', width: 16 },
      { title: '入选日期', width: 14, date: true },
      { title: '当前状态', width: 12 },
      { title: '备注', width: 24 },
    ],
  };
}

const zhDate = (iso: string) => `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
/** A calendar day as Excel holds it: midnight UTC of that day (no time zone shifts it). */
const excelDate = (iso: string) => new Date(`${iso}T00:00:00Z`);
const DATE_FORMAT = 'yyyy"年"m"月"d"日"';

/**
 * The workbook: row 1 the title (merged across), row 2 填报单位 and 填报日期, rows 3–4 the
 * headers (a grouped column's heading merged across its group, an ungrouped one merged
 * down both rows), then the items; rows 1–4 frozen.
 */
export async function exportXlsx(t: ExportTable): Promise<Buffer> {
  const cols: Column[] = [{ title: '序号', width: 6 }, ...t.columns];
  const n = cols.length;
  const border = { borderStyle: 'thin' as const, borderColor: '#000000' };
  const head = (value: string, extra: Partial<Cell & object> = {}) => ({
    value,
    fontWeight: 'bold' as const,
    align: 'center' as const,
    alignVertical: 'center' as const,
    wrap: true,
    ...border,
    ...extra,
  });
  const half = Math.floor(n / 2);
  const data: SheetData = [
    [
      { value: t.title, fontSize: 16, fontWeight: 'bold', align: 'center', columnSpan: n, height: 32 } as Cell,
      ...Array(n - 1).fill(null),
    ],
    [
      { value: `填报单位（盖章）：${t.unit}`, columnSpan: half } as Cell,
      ...Array(half - 1).fill(null),
      { value: `填报日期：${zhDate(t.asOf)}`, columnSpan: n - half, align: 'right' } as Cell,
      ...Array(n - half - 1).fill(null),
    ],
  ];
  const top: Cell[] = [];
  const second: Cell[] = [];
  for (let i = 0; i < n; i++) {
    const c = cols[i]!;
    if (!c.group) {
      top.push(head(c.title, { rowSpan: 2 }) as Cell);
      second.push(null);
      continue;
    }
    const start = i === 0 || cols[i - 1]!.group !== c.group;
    if (start) {
      let span = 1;
      while (cols[i + span]?.group === c.group) span++;
      top.push(head(c.group, { columnSpan: span }) as Cell);
    } else top.push(null);
    second.push(head(c.title) as Cell);
  }
  data.push(top, second);
  t.rows.forEach((row, r) => {
    data.push([
      { value: r + 1, align: 'center', ...border } as Cell,
      ...row.map(
        (v, i) =>
          (cols[i + 1]!.date && typeof v === 'string' && v
            ? { value: excelDate(v), type: Date, format: DATE_FORMAT, ...border }
            : { value: v, wrap: true, ...border }) as Cell,
      ),
    ]);
  });
  return writeXlsxFile([{ data, sheet: t.kind, stickyRowsCount: 4, columns: cols.map((c) => ({ width: c.width })) }], {
    fontFamily: '宋体',
    fontSize: 11,
  }).toBuffer();
}

/** The rows as CSV for Excel: UTF-8 with a BOM, one header row (group and column joined), dates YYYY-MM-DD. */
export function exportCsv(t: ExportTable): string {
  const cell = (v: string | number) => {
    const s = String(v);
    // A cell Excel would read as a formula is written as text (CSV injection).
    const safe = /^[=+\-@\t\r]/.test(s) && typeof v === 'string' ? `'${s}` : s;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const header = ['序号', ...t.columns.map((c) => (c.group ? `${c.group}${c.title}` : c.title))];
  const lines = [header, ...t.rows.map((r, i) => [i + 1, ...r])].map((r) => r.map(cell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
