/**
 * The records of the synthetic archive, built from a random stream and the vocabularies:
 * issuers (large enterprises), demands, SME profiles, applications, rounds, pages and the
 * site settings. Pure functions of their inputs; writing and the review ledger are
 * generate.ts's and lifecycle.ts's.
 */
import type { Application, Demand, Enterprise, Page, Round, Site } from '../pipeline/generated/types.ts';
import type { Identities, Contact } from './people.ts';
import type { Random } from './random.ts';
import type { RoundPlan } from './schedule.ts';
import {
  BACKGROUND,
  BASICS,
  CAPABILITY,
  COOPERATION,
  KEY_PROBLEMS,
  MILESTONE_TASKS,
  OUTCOMES,
  PLAN,
  Prose,
  RESULTS,
  SAFEGUARDS,
  SOLVER_REQUIREMENTS,
  UNDERSTANDING,
  clamp,
} from './text.ts';
import {
  COMMON_INDICATORS,
  FIELD_CODES,
  FIELDS,
  NOTICE_NUMBERS,
  TITLE_ACTIONS,
  TITLE_QUALIFIERS,
  type FieldCode,
  type IndicatorSpec,
  type Region,
} from './vocab.ts';

export interface Issuer {
  name: string;
  uscc: string;
  region: Region;
  district: string;
  ownership: Demand['issuer']['ownership'];
  chainLeader: boolean;
  /** An issuer that hides its name hides it on every demand, or a public one would give it away. */
  anonymous: boolean;
  fields: FieldCode[];
  contacts: Contact[];
  domain: string;
  hasLogo: boolean;
}

export interface Sme {
  profile: Enterprise;
  field: FieldCode;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

function fixed(x: number, decimals: number): string {
  return x
    .toFixed(decimals)
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');
}

export function makeIssuer(rng: Random, ids: Identities, region: Region, logoShare: number): Issuer {
  const fields = rng.sample(FIELD_CODES, rng.int(1, 3));
  const { name, domain } = ids.enterprise(rng, region, rng.pick(FIELDS[fields[0]!].nameWords), true);
  const anonymous = rng.chance(0.1);
  return {
    name,
    domain,
    region,
    fields,
    anonymous,
    uscc: ids.uscc(rng, region),
    district: rng.pick(region.districts),
    ownership: rng.weighted({ central_soe: 15, local_soe: 25, private: 45, foreign: 10, other: 5 }),
    chainLeader: rng.chance(0.3),
    contacts: Array.from({ length: rng.int(1, 3) }, () => ids.contact(rng, region, domain)),
    hasLogo: !anonymous && rng.chance(logoShare),
  };
}

function target(rng: Random, spec: IndicatorSpec): string {
  const d = spec.decimals ?? 0;
  switch (spec.kind) {
    case 'eq':
      return rng.pick(spec.values ?? ['符合要求']);
    case 'range':
      return `${fixed(spec.min + rng.int(0, 15), d)}～${fixed(spec.max - rng.int(0, 20), d)}`;
    case 'le':
      return `≤${fixed(spec.min + (spec.max - spec.min) * rng.next(), d)}`;
    case 'ge':
      return `≥${fixed(spec.min + (spec.max - spec.min) * rng.next(), d)}`;
  }
}

export interface DemandDraft {
  demand: Demand;
  /** The background as first submitted, shorter, for a demand returned and resubmitted. */
  firstBackground: string;
  field: FieldCode;
  prose: Prose;
}

/** A demand's title: unique across the archive (a withheld demand's title must not reappear on a public one). */
function title(rng: Random, ids: Identities, obj: string, tech: string, scene: string): string {
  const make = () => {
    const q = rng.pick(TITLE_QUALIFIERS);
    const a = rng.pick(TITLE_ACTIONS);
    switch (rng.int(0, 4)) {
      case 0:
        return `${q}${obj}${a}`;
      case 1:
        return `面向${scene}的${q}${obj}${a}`;
      case 2:
        return `${obj}${tech}关键技术攻关`;
      case 3:
        return `基于${tech}的${q}${obj}${a}`;
      default:
        return `${scene}用${q}${obj}${a}`;
    }
  };
  for (let i = 0; i < 40; i++) {
    const t = make();
    if (t.length >= 10 && t.length <= 50 && ids.claim(t)) return t;
  }
  for (let k = 2; ; k++) {
    const t = `${make().slice(0, 44)}（${k}期）`;
    if (ids.claim(t)) return t;
  }
}

export function makeDemand(
  rng: Random,
  ids: Identities,
  plan: RoundPlan,
  seq: number,
  issuer: Issuer,
  illustrationShare: number,
): DemandDraft {
  const field = rng.chance(0.85) ? rng.pick(issuer.fields) : rng.pick(FIELD_CODES);
  const v = FIELDS[field];
  const obj = rng.pick(v.objects);
  const techs = rng.sample(v.techs, 3);
  // Field indicators mostly, a few common ones; names unique (applicants answer each by name).
  const candidates = [
    ...rng.sample(v.indicators, Math.min(v.indicators.length, 6)),
    ...rng.sample(COMMON_INDICATORS, 3),
  ];
  const specs = rng.sample(
    candidates.filter((s, i) => candidates.findIndex((t) => t.name === s.name) === i),
    rng.int(2, 8),
  );
  const prose = new Prose(rng, {
    issuer: issuer.anonymous ? '发榜企业' : issuer.name,
    city: plan.region.city,
    fieldLabel: v.label,
    obj,
    tech: techs,
    scene: v.scenes,
    ind: specs.map((s) => s.name),
    year: String(plan.year - rng.int(1, 3)),
    applicant: '我公司',
    established: '',
    product: v.objects,
    mode: '联合攻关',
  });
  const id = `${plan.id}-${String(seq).padStart(3, '0')}`;
  const longBackground = rng.chance(0.1);
  const background = clamp(
    prose.paragraphs(BACKGROUND, longBackground ? rng.int(1200, 2800) : rng.int(180, 900)),
    3000,
  );
  const cut = background.indexOf('。', Math.floor(background.length / 2));
  const demand: Demand = {
    id,
    round: plan.id,
    title: title(rng, ids, obj, techs[0]!, rng.pick(v.scenes)),
    issuer: {
      name: issuer.name,
      uscc: issuer.uscc,
      region: { province: plan.region.province, city: plan.region.city, district: issuer.district },
      ownership: issuer.ownership,
      chainLeader: issuer.chainLeader,
      ...(issuer.hasLogo ? { logo: { src: 'logo.png', alt: `${issuer.name}标识` } } : {}),
    },
    anonymousIssuer: issuer.anonymous,
    isPublic: rng.chance(0.92),
    demandType: rng.weighted({ breakthrough: 50, supply: 20, scenario: 15, process: 10, testing: 5 }),
    field,
    ...(rng.chance(0.5)
      ? { industrialBase: rng.pick(['components', 'materials', 'processes', 'technology', 'software'] as const) }
      : {}),
    background,
    keyProblems: `需重点解决以下技术难点：\n\n${prose.numbered(KEY_PROBLEMS, rng.int(3, 6))}`,
    technicalIndicators: specs.map((s) => ({
      name: s.name,
      target: target(rng, s),
      ...(s.unit ? { unit: s.unit } : {}),
    })) as Demand['technicalIndicators'],
    expectedOutcome: prose.paragraph(OUTCOMES, rng.int(80, 320)),
    deliverables: rng.sample(
      ['prototype', 'product', 'process', 'software', 'patent', 'standard', 'report'] as const,
      rng.int(1, 4),
    ) as Demand['deliverables'],
    cooperationModes: rng.sample(
      [
        'commissioned',
        'joint_development',
        'joint_research',
        'transfer',
        'licence',
        'service',
        'procurement',
        'other',
      ] as const,
      rng.int(1, 3),
    ) as Demand['cooperationModes'],
    plannedInvestment: rng.chance(0.2)
      ? null
      : rng.chance(0.8)
        ? rng.int(5, 300) * 10
        : round2(rng.int(5000, 300000) / 100),
    completionMonths: rng.int(6, 36),
    ipArrangement: rng.weighted({ issuer: 20, solver: 5, shared: 35, negotiable: 40 }),
    ...(rng.chance(0.7) ? { solverRequirements: prose.bullets(SOLVER_REQUIREMENTS, rng.int(2, 4)) } : {}),
    contact: rng.pick(issuer.contacts),
    ...(rng.chance(illustrationShare) ? { illustration: { src: 'cover.jpg', alt: `${obj}应用场景示意图` } } : {}),
    attachments: [
      {
        name: `${id}需求表盖章扫描件.pdf`,
        sha256: rng.hex(64),
        mime: 'application/pdf',
        size: rng.int(200_000, 5_000_000),
      },
      ...(rng.chance(0.3)
        ? [
            {
              name: '技术说明.pdf',
              sha256: rng.hex(64),
              mime: 'application/pdf' as const,
              size: rng.int(100_000, 3_000_000),
            },
          ]
        : []),
    ],
  };
  return { demand, firstBackground: cut > 20 ? background.slice(0, cut + 1) : background, field, prose };
}

const SME_QUALIFICATIONS = ['innovative', 'specialised', 'little_giant', 'high_tech', 'tech_sme'] as const;

/** An SME profile whose figures classify it as an SME under the 2011 standard. */
export function makeSme(rng: Random, ids: Identities, region: Region, year: number): Sme {
  const field = rng.pick(FIELD_CODES);
  const v = FIELDS[field];
  const industry = rng.pick(v.industries);
  const { name, domain } = ids.enterprise(rng, region, rng.pick(v.nameWords), false);
  // industry: large needs ≥1000 people and ≥40000 万元; software and other rows: ≥300 people.
  const employees = industry.row === 'industry' ? rng.int(15, 900) : rng.int(8, 280);
  const revenue = industry.row === 'industry' ? rng.int(200, 38000) : rng.int(60, 20000);
  const established = rng.int(2003, year - 2);
  const prose = new Prose(rng, {
    applicant: name,
    established: String(established),
    city: region.city,
    tech: v.techs,
    product: v.objects,
    scene: v.scenes,
    ind: v.indicators.map((i) => i.name),
  });
  const profile: Enterprise = {
    uscc: ids.uscc(rng, region),
    name,
    region: { province: region.province, city: region.city, district: rng.pick(region.districts) },
    legalRepresentative: ids.person(rng).name,
    contact: ids.contact(rng, region, domain),
    establishedOn: `${established}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
    registeredCapital: rng.int(50, 5000),
    industry: { code: industry.code, sizeRow: industry.row },
    employees,
    revenueLastYear: revenue,
    ...(rng.chance(0.5) ? { totalAssets: rng.int(100, 30000) } : {}),
    qualifications: rng.sample(SME_QUALIFICATIONS, rng.int(0, 3)),
    rdStaff: Math.max(1, Math.floor(employees * (0.1 + 0.4 * rng.next()))),
    rdExpenseLastYear: round2(revenue * (0.03 + 0.15 * rng.next())),
    ip: { inventionPatents: rng.int(0, 40), utilityModels: rng.int(0, 80), softwareCopyrights: rng.int(0, 30) },
    brief: clamp(prose.paragraph(BASICS, rng.int(80, 600)), 2000),
  };
  return { profile, field };
}

/** Chapter lengths: 5–30 thousand characters in all, skewed to the shorter end, split as real applications weigh them. */
const CHAPTERS = {
  basics: { share: 0.12, min: 200, max: 5000 },
  capability: { share: 0.2, min: 300, max: 10000 },
  understanding: { share: 0.12, min: 200, max: 5000 },
  plan: { share: 0.3, min: 500, max: 15000 },
  cooperation: { share: 0.08, min: 100, max: 5000 },
  outcomes: { share: 0.1, min: 200, max: 5000 },
  safeguards: { share: 0.08, min: 0, max: 5000 },
} as const;
type ChapterId = keyof typeof CHAPTERS;

function committed(rng: Random, target: string, unit: string | undefined): string {
  const m = /^([≤≥])(\d+(?:\.\d+)?)$/.exec(target);
  const u = unit ?? '';
  if (!m) return `${target}${u}`;
  const value = Number(m[2]);
  const decimals = m[2]!.split('.')[1]?.length ?? 0;
  const better = m[1] === '≥' ? value * (1 + 0.05 * rng.next()) : value * (1 - 0.1 * rng.next());
  const shown = m[1] === '≥' && /%$/.test(u) ? Math.min(better, 100) : better;
  return `${m[1]}${fixed(shown, decimals)}${u}`;
}

export function makeApplication(
  rng: Random,
  id: string,
  demand: Demand,
  field: FieldCode,
  sme: Sme,
  directed: boolean,
): { app: Application; first: Application } {
  const v = FIELDS[field];
  const obj = demand.title;
  const prose = new Prose(rng, {
    applicant: sme.profile.name,
    established: sme.profile.establishedOn.slice(0, 4),
    city: sme.profile.region.city,
    tech: v.techs,
    product: v.objects,
    scene: v.scenes,
    ind: demand.technicalIndicators.map((i) => i.name),
    obj,
    mode: rng.pick(['联合攻关', '委托开发', '合作开发', '技术服务']),
  });
  const total = 5000 + 25000 * rng.next() ** 1.5;
  const withSafeguards = rng.chance(0.8);
  const weights = Object.fromEntries(
    Object.entries(CHAPTERS).map(([c, { share }]) => [
      c,
      c === 'safeguards' && !withSafeguards ? 0 : share * (0.8 + 0.4 * rng.next()),
    ]),
  ) as Record<ChapterId, number>;
  const sum = Object.values(weights).reduce((a, b) => a + b, 0);
  const len = (c: ChapterId) => Math.max(CHAPTERS[c].min, Math.floor((total * weights[c]) / sum));
  const section = (headings: string[], pool: Parameters<Prose['paragraphs']>[0], length: number) =>
    headings.map((h) => `### ${h}\n\n${prose.paragraphs(pool, Math.floor(length / headings.length))}`).join('\n\n');
  const months = demand.completionMonths;
  const table = [
    '| 阶段 | 时间 | 主要任务 |',
    '| --- | --- | --- |',
    ...MILESTONE_TASKS.map(
      (t, i) =>
        `| ${i + 1} | 第 ${Math.floor((i * months) / 6) + 1}–${Math.floor(((i + 1) * months) / 6)} 个月 | ${t} |`,
    ),
  ].join('\n');
  const chapters: Application['chapters'] = {
    basics: clamp(prose.paragraphs(BASICS, len('basics')), CHAPTERS.basics.max),
    capability: clamp(
      section(['（一）研发团队', '（二）研发投入与平台', '（三）知识产权与以往成果'], CAPABILITY, len('capability')),
      CHAPTERS.capability.max,
    ),
    understanding: clamp(prose.paragraphs(UNDERSTANDING, len('understanding')), CHAPTERS.understanding.max),
    plan: clamp(
      `${section(['技术路线'], PLAN, len('plan') * 0.6)}\n\n### 进度安排\n\n${table}\n\n${section(['关键技术措施'], PLAN, len('plan') * 0.4)}`,
      CHAPTERS.plan.max,
    ),
    cooperation: clamp(prose.paragraphs(COOPERATION, len('cooperation')), CHAPTERS.cooperation.max),
    outcomes: clamp(
      `${demand.technicalIndicators.map((i) => `- ${i.name}：${committed(rng, i.target, i.unit)}`).join('\n')}\n\n${prose.paragraphs(RESULTS, len('outcomes'))}`,
      CHAPTERS.outcomes.max,
    ),
    ...(withSafeguards
      ? {
          safeguards: clamp(
            section(['（一）组织与资金保障', '（二）主要风险及应对'], SAFEGUARDS, len('safeguards')),
            CHAPTERS.safeguards.max,
          ),
        }
      : {}),
    declaration: true,
  };
  const app: Application = {
    id,
    demandId: demand.id,
    applicant: { uscc: sme.profile.uscc, name: sme.profile.name },
    ...(directed ? { directed: true } : {}),
    chapters,
    indicatorResponses: demand.technicalIndicators.map((i) => ({
      indicator: i.name,
      committedValue: committed(rng, i.target, i.unit),
      ...(rng.chance(0.5) ? { note: clamp(prose.paragraph(UNDERSTANDING, rng.int(30, 200)), 500) } : {}),
    })) as Application['indicatorResponses'],
    attachments: [
      { name: '营业执照.pdf', sha256: rng.hex(64), mime: 'application/pdf', size: rng.int(100_000, 2_000_000) },
      {
        name: `${id}申请书盖章扫描件.pdf`,
        sha256: rng.hex(64),
        mime: 'application/pdf',
        size: rng.int(500_000, 15_000_000),
      },
    ],
  };
  // The version first submitted, before a return asked for a fuller plan.
  const first: Application = {
    ...app,
    chapters: { ...chapters, plan: clamp(chapters.plan, Math.max(500, Math.floor(chapters.plan.length * 0.7))) },
  };
  return { app, first };
}

export function makeRound(plan: RoundPlan, ids: Identities, rng: Random): Round {
  const r = plan.region;
  return {
    id: plan.id,
    year: plan.year,
    title: `${plan.year}年度${r.short}大企业“发榜”中小企业“揭榜”工作`,
    titleEn: `${plan.year} ${r.code} large-enterprise demands and SME solutions programme`,
    authority: r.authority,
    noticeNo: NOTICE_NUMBERS[plan.year] ?? `工信厅企业函〔${plan.year}〕1号`,
    phases: plan.phases,
    contact: {
      department: '中小企业处',
      person: ids.person(rng).name,
      phone: ids.landline(rng, r),
      email: `zxqyc@${r.mailDomain}`,
    },
  };
}

export function makeSite(regions: readonly Region[]): Site {
  return {
    name: '大企业发榜中小企业揭榜档案（基准测试数据）',
    nameEn: 'Jiebang archive (benchmark data)',
    idPrefix: regions[0]!.code,
    bureau: {
      name: '发榜揭榜基准测试工作组',
      nameEn: 'Jiebang benchmark working group',
      address: '基准测试数据，非真实机构',
      phone: '010-68208888',
      email: 'bench@jiebang.invalid',
    },
    filing: { icp: '京ICP备00000000号-1', psb: '京公网安备11010802000000号' },
    forge: { url: 'https://github.com', repo: 'jiebang-bench/archive', branch: 'main', writeMode: 'pr' },
    siteUrl: 'https://bench.jiebang.invalid',
  };
}

/** A few policy pages in both languages, so page templates and search see them too. */
export function makePages(): Array<{ path: string; data: Page; body: string }> {
  const zh = [
    {
      slug: 'guide-sme',
      data: {
        title: '中小企业揭榜指南',
        description: '如何查找需求、提交对接表和揭榜申请，以及之后的审核和遴选流程。',
        category: 'guide',
        order: 1,
      },
      body: '## 揭榜流程\n\n1. 在需求目录中查找与本企业能力匹配的需求。\n2. 首次揭榜前提交《中小企业“揭榜”对接表》。\n3. 在揭榜申请期内针对需求提交揭榜申请书。\n4. 主管部门初审并推荐，发榜企业遴选 1 至 3 家揭榜企业。\n',
    },
    {
      slug: 'guide-issuer',
      data: {
        title: '大企业发榜指南',
        description: '大企业如何填写技术创新需求表、选择是否公开以及参与遴选。',
        category: 'guide',
        order: 2,
      },
      body: '## 发榜流程\n\n发榜企业在发榜征集期内提交需求表，经主管部门初核推荐后，由工业和信息化部遴选形成需求目录。\n',
    },
    {
      slug: 'faq',
      data: {
        title: '常见问题',
        description: '关于发榜、揭榜、企业规模认定和审核进度的常见问题。',
        category: 'faq',
        order: 1,
      },
      body: '## 企业规模如何认定？\n\n按《中小企业划型标准规定》，由从业人员、营业收入和资产总额计算得出，不由企业自报。\n\n## 一家企业可以揭多个榜吗？\n\n可以，但同一企业对同一需求只能提交一份申请。\n',
    },
  ] as const;
  const en = [
    {
      slug: 'guide-sme',
      data: {
        title: 'Guide for SMEs',
        description: 'How to find demands, file a profile and an application, and what happens next.',
        category: 'guide',
        order: 1,
      },
      body: '## Applying\n\nFind a demand that matches your strengths, file your profile once, then apply while applications are open.\n',
    },
    {
      slug: 'guide-issuer',
      data: {
        title: 'Guide for issuers',
        description: 'How large enterprises publish demands and select applicants.',
        category: 'guide',
        order: 2,
      },
      body: '## Publishing a demand\n\nSubmit the demand form during the call; the bureau checks and recommends it for the catalogue.\n',
    },
    {
      slug: 'faq',
      data: {
        title: 'Frequently asked questions',
        description: 'Questions about demands, applications, SME size and review.',
        category: 'faq',
        order: 1,
      },
      body: '## How is the SME size decided?\n\nIt is computed from employees, revenue and assets under the 2011 size standard.\n',
    },
  ] as const;
  return [
    ...zh.map((p) => ({ path: `pages/${p.slug}.mdx`, data: p.data as Page, body: p.body })),
    ...en.map((p) => ({ path: `pages/en/${p.slug}.mdx`, data: p.data as Page, body: p.body })),
  ];
}
