/**
 * A small, self-contained catalogue for review tests (round TS-2026), written with the
 * canonical formatter and brought to its starting states by replaying acts through the
 * real ledger (replayActs) — so every fixture decision is one the pipeline could write.
 *
 * Officers: bureau-li (bureau), bureau-old (bureau, until 2026-03-31), bureau-new (bureau,
 * from 2026-12-01), miit-zhao (miit), admin-zheng (admin), issuer-wang (issuer of
 * TS-2026-001, -006, -007), issuer-cai (issuer of TS-2026-008).
 *
 * Every submission's `submit` names its issue: demand TS-2026-0NN ↔ issue #NN,
 * application TS-2026-0NN-AMM ↔ issue #NNMM (e.g. TS-2026-001-A04 ↔ #104).
 */
import { formatYaml } from '../../pipeline/content/format.ts';
import type { Application, Demand, Enterprise, Officers, Round } from '../../pipeline/generated/types.ts';
import { replayActs, type SampleAct } from '../../pipeline/review/replay.ts';
import { usccCheckChar, orgCodeCheckChar } from '../../pipeline/rules/uscc.ts';

export const ROUND = 'TS-2026';
export const REPO_URL = 'https://github.com/xm-gxj/jiebang';

export function issueOf(subject: string): number {
  const m = /^TS-2026-(\d{3})(?:-A(\d{2}))?$/.exec(subject)!;
  return m[2] ? Number(m[1]) * 100 + Number(m[2]) : Number(m[1]);
}
export const issueUrl = (n: number) => `${REPO_URL}/issues/${n}`;

/** A valid USCC for SME number `n`. */
export function usccFor(n: number): string {
  const org8 = `MA${String(n).padStart(6, '0')}`.replace(/[IOSVZ]/g, '1');
  const first17 = `91350203${org8}${orgCodeCheckChar(org8)}`;
  return first17 + usccCheckChar(first17);
}

const officers: Officers = {
  officers: [
    { login: 'bureau-li', name: '李明', role: 'bureau', validFrom: '2026-01-01' },
    { login: 'bureau-old', name: '王旧', role: 'bureau', validFrom: '2020-01-01', validUntil: '2026-03-31' },
    { login: 'bureau-new', name: '张新', role: 'bureau', validFrom: '2026-12-01' },
    { login: 'miit-zhao', name: '赵磊', role: 'miit' },
    { login: 'admin-zheng', name: '郑海峰', role: 'admin' },
    { login: 'issuer-wang', name: '王倩', role: 'issuer', demands: ['TS-2026-001', 'TS-2026-006', 'TS-2026-007'] },
    { login: 'issuer-cai', name: '蔡俊清', role: 'issuer', demands: ['TS-2026-008'] },
  ],
};

const round: Round = {
  id: ROUND,
  year: 2026,
  title: '2026年度测试批次',
  authority: '厦门市工业和信息化局',
  noticeNo: '工信厅企业函〔2026〕1号',
  phases: {
    call: { start: '2026-03-01', end: '2026-03-31' },
    precheck: { start: '2026-04-01', end: '2026-04-30' },
    catalogue: { start: '2026-05-01', end: '2026-05-31' },
    apply: { start: '2026-06-01', end: '2026-06-30' },
    review: { start: '2026-07-01', end: '2026-07-31' },
    selection: { start: '2026-08-01', end: '2026-08-31' },
    implementation: { start: '2026-09-01', end: '2027-06-30' },
    acceptance: { start: '2027-07-01', end: '2027-12-31' },
  },
  contact: { department: '中小企业处', phone: '0592-2896792', email: 'test@xm.gov.cn' },
} as Round;

const INDICATORS = [
  { name: '外延厚度均匀性', target: '≤2', unit: '%' },
  { name: '月供货能力', target: '≥1000', unit: '片' },
];

export function demand(n: number, extra: Partial<Demand> = {}): Demand {
  const id = `${ROUND}-${String(n).padStart(3, '0')}`;
  return {
    id,
    round: ROUND,
    title: `测试需求第${n}号：碳化硅外延片国产化配套`,
    issuer: {
      name: '厦门筼筜半导体制造有限公司',
      uscc: '91350205MA2XRK8C11',
      region: { province: '福建省', city: '厦门市', district: '海沧区' },
      ownership: 'local_soe',
    },
    anonymousIssuer: false,
    isPublic: true,
    demandType: 'supply',
    field: 'ic',
    background: '公司建成8英寸碳化硅功率器件工艺平台，外延片目前主要依赖境外供应商，希望培育国内供应商。',
    keyProblems: '大尺寸外延片的厚度和掺杂浓度均匀性控制，基平面位错密度控制，表面缺陷控制。',
    technicalIndicators: INDICATORS,
    expectedOutcome: '供应商提供三个批次外延片用于工艺验证，验证通过后纳入合格供应商名录，首年采购量不少于两成。',
    deliverables: ['product'],
    cooperationModes: ['procurement'],
    plannedInvestment: 300,
    completionMonths: 12,
    ipArrangement: 'solver',
    contact: { name: '戴文斌', mobile: '13859977052', email: 'daiwb@example.cn' },
    ...extra,
  } as Demand;
}

export function enterprise(n: number): Enterprise {
  return {
    uscc: usccFor(n),
    name: `厦门测试科技第${n}有限公司`,
    region: { province: '福建省', city: '厦门市', district: '湖里区' },
    legalRepresentative: '翁海涛',
    contact: { name: '翁海涛', mobile: '13606917428', email: `sme${n}@example.com` },
    establishedOn: '2017-10-11',
    registeredCapital: 1000,
    industry: { code: 'C3734', sizeRow: 'industry' },
    employees: 48,
    revenueLastYear: 1520,
    brief: '研发和生产船用监测和控制设备，为省内多家船厂和海洋牧场提供配套。',
  } as Enterprise;
}

const filler = (topic: string, min: number) => {
  const unit = `本企业在${topic}方面具有扎实的基础和持续的投入，团队成员长期从事相关研发与生产工作，已形成完整的技术路线和质量控制体系。`;
  return unit.repeat(Math.ceil(min / unit.length) + 1);
};

export function application(demandNo: number, appNo: number, sme: number): Application {
  const demandId = `${ROUND}-${String(demandNo).padStart(3, '0')}`;
  return {
    id: `${demandId}-A${String(appNo).padStart(2, '0')}`,
    demandId,
    applicant: { uscc: usccFor(sme), name: `厦门测试科技第${sme}有限公司` },
    chapters: {
      basics: filler('企业基本情况', 200),
      capability: filler('技术创新能力', 300),
      understanding: filler('需求理解', 200),
      plan: filler('技术攻关方案', 500),
      cooperation: filler('合作方式与投入', 100),
      outcomes: filler('预期成果', 200),
      declaration: true,
    },
    indicatorResponses: INDICATORS.map((i) => ({ indicator: i.name, committedValue: i.target })),
  } as Application;
}

const enc = (s: string) => new TextEncoder().encode(s);

export const demandPath = (id: string) => `content/demands/${id}/index.yml`;
export const applicationPath = (id: string) => `content/applications/${id}.yml`;

/** Demand numbers and how far each has gone, and applications with theirs. */
const DEMAND_STEPS: Record<number, string[]> = {
  1: ['approve', 'recommend', 'catalogue'],
  2: [],
  3: ['approve'],
  4: ['approve', 'recommend'],
  5: ['return'],
  6: ['approve', 'recommend', 'catalogue'],
  7: ['approve', 'recommend', 'catalogue'],
  8: ['approve', 'recommend', 'catalogue'],
};
const APP_STEPS: Array<[number, number, string[]]> = [
  [1, 1, []],
  [1, 2, ['pass']],
  [1, 3, ['pass', 'recommend']],
  [1, 4, ['pass', 'recommend', 'forward']],
  [1, 5, ['pass', 'recommend', 'forward']],
  [1, 6, ['pass', 'recommend', 'forward']],
  [1, 7, ['pass', 'recommend', 'forward']],
  [6, 1, ['pass', 'recommend', 'forward', 'select']],
  [6, 2, ['pass', 'recommend', 'forward', 'select', 'contract']],
  [6, 3, ['pass', 'recommend', 'forward', 'select', 'contract', 'start']],
  [7, 1, ['pass', 'recommend', 'forward', 'select', 'contract', 'start', 'accept']],
  [7, 2, ['pass', 'recommend', 'forward', 'select', 'contract', 'start', 'accept']],
  [8, 1, ['pass', 'recommend', 'forward']],
];

const ACTOR: Record<string, string> = {
  approve: 'bureau-li',
  return: 'bureau-li',
  recommend: 'bureau-li',
  catalogue: 'miit-zhao',
  pass: 'bureau-li',
  forward: 'bureau-li',
  select: 'issuer-wang',
  contract: 'issuer-wang',
  start: 'issuer-wang',
  accept: 'issuer-wang',
};

/** The acts that bring the fixture to its starting states, in time order. */
export function fixtureActs(): SampleAct[] {
  const acts: SampleAct[] = [];
  const day = (d: string, i: number) =>
    `${d}T${String(9 + Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00+08:00`;
  const submit = (subject: string, at: string): SampleAct => ({
    subject,
    action: 'submit',
    at,
    actor: 'system',
    source: { kind: 'issues', id: String(issueOf(subject)), url: issueUrl(issueOf(subject)) },
  });
  // Demands: submitted in March, approved 04-10, recommended 04-20, catalogued 05-10.
  const demandDays: Record<string, string> = {
    approve: '2026-04-10',
    return: '2026-04-10',
    recommend: '2026-04-20',
    catalogue: '2026-05-10',
  };
  Object.keys(DEMAND_STEPS).forEach((n, i) =>
    acts.push(submit(`${ROUND}-${n.padStart(3, '0')}`, day('2026-03-10', i))),
  );
  for (const step of ['approve', 'return', 'recommend', 'catalogue']) {
    Object.entries(DEMAND_STEPS).forEach(([n, steps], i) => {
      if (steps.includes(step))
        acts.push({
          subject: `${ROUND}-${n.padStart(3, '0')}`,
          action: step as SampleAct['action'],
          at: day(demandDays[step]!, i),
          actor: ACTOR[step]!,
          ...(step === 'return' ? { reason: '材料不全，请补充盖章扫描件。' } : {}),
        });
    });
  }
  // Applications: submitted in June, then one step a day from 07-05 (selection from 08-01).
  const appDays: Record<string, string> = {
    pass: '2026-07-05',
    recommend: '2026-07-10',
    forward: '2026-07-20',
    select: '2026-08-01',
    contract: '2026-08-02',
    start: '2026-08-03',
    accept: '2026-08-04',
  };
  APP_STEPS.forEach(([d, a], i) =>
    acts.push(submit(`${ROUND}-${String(d).padStart(3, '0')}-A${String(a).padStart(2, '0')}`, day('2026-06-10', i))),
  );
  for (const step of Object.keys(appDays)) {
    APP_STEPS.forEach(([d, a, steps], i) => {
      if (steps.includes(step))
        acts.push({
          subject: `${ROUND}-${String(d).padStart(3, '0')}-A${String(a).padStart(2, '0')}`,
          action: step as SampleAct['action'],
          at: day(appDays[step]!, i),
          actor: ACTOR[step]!,
          ...(step === 'select' ? { scores: [90, 85, 88, 92] } : {}),
        });
    });
  }
  return acts;
}

/** The fixture's records without decisions. */
export function fixtureRecords(extraDemands: number[] = []): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  files.set('content/officers.yml', enc(formatYaml('officers', officers)));
  files.set(`content/rounds/${ROUND}.yml`, enc(formatYaml('round', round)));
  for (const n of [...Object.keys(DEMAND_STEPS).map(Number), ...extraDemands]) {
    const d = demand(n, n === 8 ? { isPublic: false } : {});
    files.set(demandPath(d.id), enc(formatYaml('demand', d)));
  }
  APP_STEPS.forEach(([d, a], i) => {
    const app = application(d, a, i + 1);
    if (d === 8) app.directed = true;
    files.set(applicationPath(app.id), enc(formatYaml('application', app)));
    const e = enterprise(i + 1);
    files.set(`content/enterprises/${e.uscc}/index.yml`, enc(formatYaml('enterprise', e)));
  });
  return files;
}

/** The fixture: records plus the ledger the starting acts make. Throws if any act is refused. */
export async function fixtureFiles(
  options: { extraDemands?: number[]; acts?: SampleAct[] } = {},
): Promise<Map<string, Uint8Array>> {
  const files = fixtureRecords(options.extraDemands);
  const result = await replayActs(files, [...fixtureActs(), ...(options.acts ?? [])]);
  if (result.refused.length)
    throw new Error(
      `fixture acts refused:\n${result.refused.map((r) => `${r.act.subject} ${r.act.action}: ${r.zh}`).join('\n')}`,
    );
  return files;
}
