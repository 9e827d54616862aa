/**
 * The round report for the bureau: how many demands and applications of a round are in
 * each state at a given moment (statuses derived from the ledger, as the site shows them),
 * and each demand's line. Counts and ids only — no names or contacts — so the report can
 * be circulated; it covers non-public demands too, as the bureau sees them.
 */
import writeXlsxFile from 'write-excel-file/node';
import type { Catalog } from '../content/catalog.ts';
import { shanghaiDate, zhDate, zhDateTime } from '../rules/shanghai.ts';
import { toShanghaiIso } from './decide.ts';
import { APPLICATION_STATES, DEMAND_STATES, stateLabel, type State } from '../domain/machines.ts';
import { SELECTED_OR_LATER, computeStatuses } from './status.ts';
import { openItems, type OpenItem } from './open-items.ts';
import { PHASE_ORDER, phaseTitle } from '../rules/phases.ts';
import { ROLE_EN, ROLE_ZH } from './authorize.ts';
import { byCodeUnits } from '../domain/order.ts';

export interface StateCount {
  state: State;
  count: number;
}

export interface RoundReport {
  round: string;
  title?: string;
  /** The moment the statuses are computed for. */
  at: string;
  demands: StateCount[];
  applications: StateCount[];
  rows: Array<{ id: string; isPublic: boolean; state: State; applications: number; selected: number }>;
  /** Items waiting for someone's act, by phase; `overdue` once their due time has passed. */
  open: OpenItem[];
}

export function roundReport(catalog: Catalog, round: string, now: Date): RoundReport {
  const statuses = computeStatuses(catalog, now);
  const demands = [...catalog.demands.values()]
    .filter((d) => d.round === round)
    .sort((a, b) => byCodeUnits(a.id, b.id));
  const count = <S extends State>(states: readonly S[], of: State[]) =>
    states.map((state) => ({ state, count: of.filter((s) => s === state).length }));
  const appStates: State[] = [];
  const rows = demands.map((d) => {
    const apps = (catalog.applicationsByDemand.get(d.id) ?? []).map(
      (a) => statuses.applications.get(a.id)?.state ?? 'draft',
    );
    appStates.push(...apps);
    return {
      id: d.id,
      isPublic: d.isPublic,
      state: statuses.demands.get(d.id)?.state ?? 'draft',
      applications: apps.length,
      selected: apps.filter((s) => SELECTED_OR_LATER.has(s)).length,
    };
  });
  const title = catalog.rounds.get(round)?.title;
  return {
    round,
    ...(title ? { title } : {}),
    at: toShanghaiIso(now),
    demands: count(
      DEMAND_STATES,
      rows.map((r) => r.state),
    ),
    applications: count(APPLICATION_STATES, appStates),
    rows,
    open: openItems(catalog, round, now),
  };
}

const L = {
  zh: {
    heading: '审核进度',
    asOf: '截至',
    demands: '需求',
    applications: '揭榜申请',
    state: '状态',
    count: '数量',
    total: '合计',
    id: '需求编号',
    pub: '公开',
    apps: '申请数',
    selected: '已入选',
    yes: '是',
    no: '否',
    items: '项',
    copies: '份',
    perDemand: '各需求',
    open: '未结事项',
    phase: '阶段',
    openCount: '未结',
    overdue: '逾期',
    overdueList: '逾期事项',
    item: '编号',
    waitingFor: '待办方',
    due: '应办结',
    none: '无',
  },
  en: {
    heading: 'Review progress',
    asOf: 'as of',
    demands: 'Demands',
    applications: 'Applications',
    state: 'State',
    count: 'Count',
    total: 'Total',
    id: 'Demand',
    pub: 'Public',
    apps: 'Applications',
    selected: 'Selected',
    yes: 'yes',
    no: 'no',
    items: '',
    copies: '',
    perDemand: 'By demand',
    open: 'Still open',
    phase: 'Phase',
    openCount: 'Open',
    overdue: 'Overdue',
    overdueList: 'Overdue items',
    item: 'Item',
    waitingFor: 'Waiting for',
    due: 'Due',
    none: 'none',
  },
} as const;

export function reportMarkdown(r: RoundReport, lang: 'zh' | 'en' = 'zh'): string {
  const t = L[lang];
  const total = (c: StateCount[]) => c.reduce((s, x) => s + x.count, 0);
  const table = (counts: StateCount[]) =>
    [
      `| ${t.state} | ${t.count} |`,
      '|---|---:|',
      ...counts.map((c) => `| ${stateLabel(c.state, lang)} | ${c.count} |`),
      `| **${t.total}** | **${total(counts)}** |`,
    ].join('\n');
  return [
    `# ${r.round}${r.title ? ` ${r.title}` : ''} — ${t.heading}`,
    '',
    lang === 'zh'
      ? `${t.asOf} ${zhDateTime(new Date(r.at))}（北京时间）`
      : `${t.asOf} ${shanghaiDate(new Date(r.at))} (${r.at})`,
    '',
    `## ${t.demands}（${total(r.demands)}${t.items}）`,
    '',
    table(r.demands),
    '',
    `## ${t.applications}（${total(r.applications)}${t.copies}）`,
    '',
    table(r.applications),
    '',
    `## ${t.perDemand}`,
    '',
    `| ${t.id} | ${t.pub} | ${t.state} | ${t.apps} | ${t.selected} |`,
    '|---|---|---|---:|---:|',
    ...r.rows.map(
      (row) =>
        `| ${row.id} | ${row.isPublic ? t.yes : t.no} | ${stateLabel(row.state, lang)} | ${row.applications} | ${row.selected} |`,
    ),
    '',
    ...openSection(r, lang),
  ].join('\n');
}

/** Still open per phase (in the programme's order), then every overdue item. */
function openSection(r: RoundReport, lang: 'zh' | 'en'): string[] {
  const t = L[lang];
  const phases = PHASE_ORDER.filter((p) => r.open.some((o) => o.phase === p));
  const overdue = r.open.filter((o) => o.overdue);
  const title = (p: (typeof PHASE_ORDER)[number]) => phaseTitle(p)[lang];
  return [
    `## ${t.open}`,
    '',
    ...(phases.length
      ? [
          `| ${t.phase} | ${t.openCount} | ${t.overdue} |`,
          '|---|---:|---:|',
          ...phases.map(
            (p) =>
              `| ${title(p)} | ${r.open.filter((o) => o.phase === p).length} | ${r.open.filter((o) => o.phase === p && o.overdue).length} |`,
          ),
        ]
      : [t.none]),
    '',
    `## ${t.overdueList}（${overdue.length}）`,
    '',
    ...(overdue.length
      ? [
          `| ${t.item} | ${t.state} | ${t.phase} | ${t.waitingFor} | ${t.due} |`,
          '|---|---|---|---|---|',
          ...overdue.map(
            (o) =>
              `| ${o.id} | ${stateLabel(o.state, lang)} | ${title(o.phase)} | ${(lang === 'zh' ? ROLE_ZH : ROLE_EN)[o.by]} | ${o.due ? (lang === 'zh' ? zhDate(shanghaiDate(new Date(o.due))) : shanghaiDate(new Date(o.due))) : ''} |`,
          ),
        ]
      : [t.none]),
    '',
  ];
}

export async function reportXlsx(r: RoundReport, lang: 'zh' | 'en' = 'zh'): Promise<Buffer> {
  const t = L[lang];
  const bold = (value: string) => ({ value, fontWeight: 'bold' as const });
  const counts = (c: StateCount[]) => [
    [bold(t.state), bold(t.count)],
    ...c.map((x) => [stateLabel(x.state, lang), x.count]),
    [bold(t.total), c.reduce((s, x) => s + x.count, 0)],
  ];
  return writeXlsxFile([
    { data: counts(r.demands), sheet: t.demands, stickyRowsCount: 1, columns: [{ width: 20 }, { width: 10 }] },
    {
      data: counts(r.applications),
      sheet: t.applications,
      stickyRowsCount: 1,
      columns: [{ width: 20 }, { width: 10 }],
    },
    {
      data: [
        [bold(t.id), bold(t.pub), bold(t.state), bold(t.apps), bold(t.selected)],
        ...r.rows.map((row) => [
          row.id,
          row.isPublic ? t.yes : t.no,
          stateLabel(row.state, lang),
          row.applications,
          row.selected,
        ]),
      ],
      sheet: t.perDemand,
      stickyRowsCount: 1,
      columns: [{ width: 16 }, { width: 8 }, { width: 16 }, { width: 10 }, { width: 10 }],
    },
  ]).toBuffer();
}
