/**
 * The 遴选 comparison: a demand's applications side by side for the issuer's
 * representatives and the officers — each applicant against each technical indicator, the
 * four criteria the notice names (研发团队, 研发能力, 技术方案, 匹配程度) with the chapters
 * they are judged from and an empty column to score, size class and figures. Built from
 * records already opened with the reader's key (seal/content.ts); it is private by nature,
 * so the command that writes it refuses any place inside the repository or the site.
 */
import writeXlsxFile, { type SheetData } from 'write-excel-file/node';
import type { Application, Demand, Enterprise } from '../generated/types.ts';
import { classify, STANDARD } from '../rules/sme-size.ts';

const SIZE_ZH = { large: '大型', medium: '中型', small: '小型', micro: '微型' } as const;

/** The criteria of the notice, each with the chapters it is judged from. */
export const CRITERIA = [
  { name: '研发团队', chapters: ['capability'] },
  { name: '研发能力', chapters: ['capability', 'basics'] },
  { name: '技术方案', chapters: ['plan', 'outcomes'] },
  { name: '匹配程度', chapters: ['understanding', 'cooperation'] },
] as const;

const CHAPTER_TITLES: Record<string, string> = {
  basics: '一、企业基本情况',
  capability: '二、技术创新能力',
  understanding: '三、需求理解与匹配度',
  plan: '四、技术攻关方案',
  cooperation: '五、合作方式与投入',
  outcomes: '六、预期成果与验收指标',
  safeguards: '七、保障措施与风险',
};

export interface Applicant {
  application: Application;
  /** The applicant's profile, when on file. */
  profile?: Enterprise;
  /** Could the reader open the profile's figures? (Profiles are sealed to the officers only.) */
  figuresOpen: boolean;
}

export interface Comparison {
  demand: Pick<Demand, 'id' | 'title' | 'technicalIndicators'>;
  applicants: Applicant[];
  /** Applications to the demand the reader's key could not open. */
  unopened: string[];
}

function sizeText(a: Applicant): string {
  if (!a.profile) return '无对接表';
  if (!a.figuresOpen) return '经营数据已密封（仅主管部门可见）';
  const c = classify({
    row: a.profile.industry?.sizeRow ?? '',
    employees: a.profile.employees,
    revenue: a.profile.revenueLastYear,
    assets: a.profile.totalAssets,
  });
  return c.ok ? `${SIZE_ZH[c.size]}企业（${STANDARD}，${c.industry}）` : '无法计算';
}

const figure = (a: Applicant, v: number | null | undefined) =>
  !a.profile || !a.figuresOpen ? '—' : v === undefined || v === null ? '' : String(v);

/** Rows × applicants: what both outputs lay out. */
export function comparisonRows(c: Comparison): Array<{ label: string; group: string; values: string[] }> {
  const apps = c.applicants;
  const chapter = (a: Applicant, k: string) => String((a.application.chapters as Record<string, unknown>)[k] ?? '');
  const rows: Array<{ label: string; group: string; values: string[] }> = [
    { group: '申请', label: '申请编号', values: apps.map((a) => a.application.id) },
    { group: '申请', label: '统一社会信用代码', values: apps.map((a) => a.application.applicant.uscc) },
    { group: '规模', label: '企业规模', values: apps.map(sizeText) },
    { group: '规模', label: '从业人员（人）', values: apps.map((a) => figure(a, a.profile?.employees)) },
    { group: '规模', label: '上年营业收入（万元）', values: apps.map((a) => figure(a, a.profile?.revenueLastYear)) },
    { group: '规模', label: '资产总额（万元）', values: apps.map((a) => figure(a, a.profile?.totalAssets)) },
  ];
  for (const ind of c.demand.technicalIndicators ?? []) {
    rows.push({
      group: '技术指标',
      label: `${ind.name}（要求 ${ind.target}${ind.unit ?? ''}）`,
      values: apps.map((a) => {
        const r = a.application.indicatorResponses.find((x) => x.indicator === ind.name);
        return r ? `${r.committedValue}${r.note ? `\n${r.note}` : ''}` : '未响应';
      }),
    });
  }
  for (const cr of CRITERIA) {
    rows.push({
      group: '遴选要素',
      label: `${cr.name}：依据`,
      values: apps.map((a) => cr.chapters.map((k) => `【${CHAPTER_TITLES[k]}】${chapter(a, k).length} 字`).join('；')),
    });
    rows.push({ group: '遴选要素', label: `${cr.name}：评分`, values: apps.map(() => '') });
  }
  for (const [k, title] of Object.entries(CHAPTER_TITLES))
    rows.push({ group: '申请书正文', label: title, values: apps.map((a) => chapter(a, k)) });
  return rows;
}

export async function comparisonXlsx(c: Comparison): Promise<Buffer> {
  const bold = (value: string) => ({ value, fontWeight: 'bold' as const, wrap: true });
  const cell = (value: string) => ({ value, wrap: true });
  const data: SheetData = [
    [bold(`${c.demand.id} ${c.demand.title}`), ...c.applicants.map((a) => bold(a.application.applicant.name))],
    ...comparisonRows(c).map((r) => [
      bold(r.label),
      ...r.values.map((v) => cell(v.length > 32_000 ? `${v.slice(0, 32_000)}…` : v)),
    ]),
  ];
  return writeXlsxFile([
    {
      data,
      sheet: '遴选对比',
      stickyRowsCount: 1,
      stickyColumnsCount: 1,
      columns: [{ width: 28 }, ...c.applicants.map(() => ({ width: 48 }))],
    },
  ]).toBuffer() as Promise<Buffer>;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** A self-contained page to print (no script, nothing loaded from anywhere). */
export function comparisonHtml(c: Comparison, generatedAt: string): string {
  const rows = comparisonRows(c);
  const head = `<tr><th scope="col">项目</th>${c.applicants.map((a) => `<th scope="col">${esc(a.application.applicant.name)}</th>`).join('')}</tr>`;
  let group = '';
  const body = rows
    .map((r) => {
      const g =
        r.group !== group
          ? `<tr class="group"><th colspan="${c.applicants.length + 1}" scope="colgroup">${esc((group = r.group))}</th></tr>`
          : '';
      const long = r.group === '申请书正文';
      return `${g}<tr${long ? ' class="text"' : ''}><th scope="row">${esc(r.label)}</th>${r.values.map((v) => `<td>${esc(v).replace(/\n/g, '<br>')}</td>`).join('')}</tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="robots" content="noindex">
<title>遴选对比 ${esc(c.demand.id)}</title>
<style>
body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:1.5rem;font-size:11pt}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:.3rem .45rem;vertical-align:top;text-align:left}
thead th{background:#eef}tr.group th{background:#f4f4f4}tr.text td{font-size:9.5pt;white-space:pre-wrap}
.note{color:#a4262c}@media print{@page{size:A4 landscape;margin:12mm}thead{display:table-header-group}tr{break-inside:avoid}tr.text{break-inside:auto}}
</style></head><body>
<h1>遴选对比：${esc(c.demand.id)} ${esc(c.demand.title)}</h1>
<p class="note">内部资料，仅限发榜企业代表和主管部门用于遴选，不得公开或转发。生成于 ${esc(generatedAt)}。</p>
${c.unopened.length ? `<p class="note">另有 ${c.unopened.length} 份申请不是加密给本密钥的，未列入：${esc(c.unopened.join('、'))}。</p>` : ''}
<table><thead>${head}</thead><tbody>
${body}
</tbody></table></body></html>
`;
}
