/**
 * Cross-record rules on applications to entries of the national catalogue and on the
 * bureau's area, over an index built from facts (the same index `jiebang validate` builds).
 */
import { describe, expect, it } from 'vitest';
import { CrossIndex, crossFacts, crossRecordWarnings, indexIssues } from './cross-record.ts';

const XIAMEN_SITE = { bureau: { name: '厦门市工业和信息化局' }, area: { divisions: [{ code: '3502', province: '福建省', city: '厦门市' }] }, upstream: { name: '工业和信息化部' } };
const LOCAL = '91350206MA2Y4C7K4P';
const FUZHOU = '91350102782186734X';
const MOVED = '91350102MA31Y1Y6XX'; // a Fuzhou-issued code, declared in Xiamen (digits only matter here)

function index(o: { site?: object | false; external?: Record<string, unknown>; applicant?: string; region?: { province: string; city: string }; answered?: string[]; state?: string } = {}): CrossIndex {
  const ix = new CrossIndex();
  const add = (file: string, kind: Parameters<typeof crossFacts>[0], data: Record<string, unknown>) => ix.add(file, crossFacts(kind, data)!);
  if (o.site !== false) add('content/site.yml', 'site', (o.site ?? XIAMEN_SITE) as Record<string, unknown>);
  add('content/rounds/XM-2026.yml', 'round', { id: 'XM-2026' });
  add('content/catalogue/QG-2026-007.yml', 'external', { id: 'QG-2026-007', round: 'XM-2026', catalogueNo: 'MIIT-2026-0342', title: '锂电池极片缺陷在线视觉检测', region: { province: '福建省', city: '宁德市' }, source: {}, ...o.external });
  const uscc = o.applicant ?? LOCAL;
  add(`content/enterprises/${uscc}/index.yml`, 'enterprise', { uscc, name: '厦门微准视觉科技有限公司', region: o.region ?? { province: '福建省', city: '厦门市', district: '湖里区' }, industry: { sizeRow: 'industry' }, employees: 168, revenueLastYear: 9620 });
  add('content/applications/QG-2026-007-A01.yml', 'application', { id: 'QG-2026-007-A01', demandId: 'QG-2026-007', applicant: { uscc, name: '厦门微准视觉科技有限公司' }, indicatorResponses: (o.answered ?? ['总体指标']).map((indicator) => ({ indicator, committedValue: '1' })) });
  if (o.state) ix.add('content/decisions/QG-2026-007-A01/0001.yml', { kind: 'decision', subject: 'QG-2026-007-A01', seq: 1, to: o.state as never, submit: false });
  return ix;
}
const rules = (ix: CrossIndex) => indexIssues(ix).map((i) => `${i.params.rule} ${i.file}`);

describe('applications to an entry of the national catalogue', () => {
  it('are accepted: the demand exists, and an entry without indicators takes any responses', () => {
    expect(rules(index())).toEqual([]);
  });

  it('answer every indicator where the entry has them', () => {
    const external = { technicalIndicators: [{ name: '缺陷检出率', target: '≥99.5' }, { name: '检测线速度', target: '≥80' }] };
    expect(rules(index({ external, answered: ['缺陷检出率', '检测线速度'] }))).toEqual([]);
    const issues = indexIssues(index({ external, answered: ['缺陷检出率', '总体指标'] }));
    expect(issues.map((i) => i.message)).toEqual(['缺少对技术指标“检测线速度”的响应。', '需求中没有名为“总体指标”的技术指标，请使用需求中的指标名称。']);
  });

  it('are refused while under review once the entry is withdrawn from the catalogue, not after', () => {
    const external = { withdrawn: { at: '2026-08-01T00:00:00Z', sha256: 'a'.repeat(64) } };
    expect(indexIssues(index({ external }))).toEqual([expect.objectContaining({ path: '/demandId', message: '需求“QG-2026-007”已撤出全国需求目录，不能再揭榜。' })]);
    expect(rules(index({ external, state: 'bureau_passed' }))).toEqual([]);
  });

  it('keep an entry\'s own numbering: no id-round rule, but its round must exist', () => {
    expect(rules(index({ external: { round: 'XM-2031' } }))).toEqual(['round-exists content/catalogue/QG-2026-007.yml']);
  });
});

describe("the bureau's area", () => {
  it('refuses, kindly, an applicant registered elsewhere while its application is under review', () => {
    const issues = indexIssues(index({ applicant: FUZHOU, region: { province: '福建省', city: '福州市' } }));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: 'content/applications/QG-2026-007-A01.yml', path: '/applicant/uscc', params: { rule: 'area' } });
    expect(issues[0]!.message).toContain('不在厦门市工业和信息化局的受理范围（福建省厦门市）内');
    expect(issues[0]!.message).toContain('请通过福建省福州市的中小企业主管部门申请揭榜');
  });

  it('leaves an application past the bureau\'s review as it was judged', () => {
    expect(rules(index({ applicant: FUZHOU, region: { province: '福建省', city: '福州市' }, state: 'recommended' }))).toEqual([]);
  });

  it('lets everyone through where no area is set (a deployment that has not said)', () => {
    expect(rules(index({ site: { bureau: { name: '某局' } }, applicant: FUZHOU, region: { province: '福建省', city: '福州市' } }))).toEqual([]);
  });

  it('warns the officer, without refusing, when the declared region is local but the code was issued elsewhere', () => {
    const ix = index({ applicant: MOVED });
    expect(rules(ix)).toEqual([]);
    const warnings = crossRecordWarnings(ix);
    expect(warnings).toEqual([expect.objectContaining({ file: 'content/applications/QG-2026-007-A01.yml', params: { rule: 'area-code', severity: 'warning' } })]);
    expect(warnings[0]!.message).toContain('登记管理机关行政区划码 350102');
    expect(crossRecordWarnings(index())).toEqual([]);
  });
});

describe('at most three selections per demand', () => {
  // Four applications to one entry, as recorded: three selected, and a fourth whose cooperation was terminated.
  function four(fourth: string): CrossIndex {
    const ix = index();
    for (const [n, state] of [['02', 'selected'], ['03', 'selected'], ['04', fourth]] as const) {
      const id = `QG-2026-007-A${n}`;
      const uscc = `9135020${n}MA2Y4C7K4P`;
      ix.add(`content/applications/${id}.yml`, crossFacts('application', { id, demandId: 'QG-2026-007', applicant: { uscc, name: '某科技有限公司' }, indicatorResponses: [{ indicator: '总体指标', committedValue: '1' }] })!);
      ix.add(`content/decisions/${id}/0001.yml`, { kind: 'decision', subject: id, seq: 1, to: state as never, submit: false });
    }
    ix.add('content/decisions/QG-2026-007-A01/0001.yml', { kind: 'decision', subject: 'QG-2026-007-A01', seq: 1, to: 'selected' as never, submit: false });
    return ix;
  }

  it('counts a terminated cooperation as one of the three, as the judge does (domain/states.ts SELECTED_OR_LATER)', () => {
    expect(rules(four('terminated')).filter((r) => r.startsWith('max-three'))).toHaveLength(1);
  });

  it('does not count a drop-out, whose place was given back', () => {
    expect(rules(four('dropped_out')).filter((r) => r.startsWith('max-three'))).toEqual([]);
  });
});
