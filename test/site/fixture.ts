/**
 * A small, fully valid content folder for the site tests (and, with a large `demands`
 * count, a throwaway folder to measure the build with). Everything is written through
 * formatYaml and nextDecision, so the records are what the pipeline itself would write.
 *
 * Planted on purpose, so the tests can prove the privacy scan and the templates:
 * - every demand's contact (restricted), including PLANTED_CONTACT on the first one;
 * - one non-public demand (withheld as a whole) whose title is WITHHELD_TITLE;
 * - one demand whose issuer hid its name (ANONYMOUS_ISSUER);
 * - round XM-2026 is open for 揭榜 at FIXTURE_NOW, round XM-2023 is over;
 * - images: the first demand has an illustration and its issuer a logo (public), the hidden
 *   issuer has a logo and the withheld demand an illustration (both restricted).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import sharp from 'sharp';
import { join } from 'node:path';
import { formatYaml } from '../../pipeline/content/format.ts';
import { nextDecision, type Act } from '../../pipeline/review/ledger.ts';
import type { Decision } from '../../pipeline/generated/types.ts';
import { orgCodeCheckChar, usccCheckChar } from '../../pipeline/rules/uscc.ts';
import type { Kind } from '../../pipeline/schema/registry.ts';

export const FIXTURE_NOW = '2026-06-15T10:00:00+08:00';
export const PLANTED_CONTACT = {
  name: '欧阳泄密',
  position: '首席保密工程师',
  mobile: '13912345678',
  email: 'planted.secret@example.cn',
};
export const WITHHELD_TITLE = '不公开的保密需求标题示例';
export const ANONYMOUS_ISSUER = '厦门隐名重工集团有限公司';
export const EXTERNAL_TITLE = '高速光模块用硅光调制器芯片';

const ORG_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A valid USCC from a number (deterministic, distinct per n). */
export function usccFor(n: number): string {
  let org = '';
  let x = n + 1000;
  for (let i = 0; i < 8; i++) {
    org = ORG_ALPHABET[x % 31] + org;
    x = Math.floor(x / 31);
  }
  const first17 = `91350200${org}${orgCodeCheckChar(org)}`;
  return first17 + usccCheckChar(first17);
}

const FIELDS = [
  'ngit',
  'equipment',
  'materials',
  'biomed',
  'energy',
  'nev',
  'green',
  'aerospace',
  'marine',
  'ic',
  'software',
  'other',
] as const;
const TYPES = ['breakthrough', 'supply', 'scenario', 'process', 'testing'] as const;
const DISTRICTS = ['思明区', '湖里区', '集美区', '海沧区', '同安区', '翔安区'];
const MODES = [
  'commissioned',
  'joint_development',
  'joint_research',
  'transfer',
  'licence',
  'service',
  'procurement',
] as const;
const TOPICS = [
  { title: '高精度MEMS压力传感器芯片研制', indicator: '零点温漂', target: '≤0.02', unit: '%FS/℃', word: '传感器' },
  { title: '锂电池极片缺陷在线视觉检测系统', indicator: '漏检率', target: '≤0.1', unit: '%', word: '视觉检测' },
  { title: '海上风电叶片防腐涂层材料开发', indicator: '耐盐雾时间', target: '≥3000', unit: 'h', word: '防腐涂层' },
  { title: '工业互联网边缘计算网关国产化', indicator: '端到端时延', target: '≤10', unit: 'ms', word: '边缘计算' },
  { title: '新能源汽车电机控制器碳化硅功率模块', indicator: '结温', target: '≥175', unit: '℃', word: '碳化硅' },
];
const ISSUERS = [
  '厦门钨业股份有限公司',
  '厦门象屿集团有限公司',
  '厦门金龙汽车集团股份有限公司',
  '厦门天马微电子有限公司',
  '厦门海辰储能科技股份有限公司',
];

function phases(year: number) {
  const d = (m: number, day: number, y = year) => `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return {
    call: { start: d(3, 1), end: d(4, 27) },
    precheck: { start: d(4, 28), end: d(5, 15) },
    catalogue: { start: d(5, 16), end: d(5, 31) },
    apply: { start: d(6, 1), end: d(12, 31) },
    review: { start: d(1, 1, year + 1), end: d(1, 31, year + 1) },
    selection: { start: d(2, 1, year + 1), end: d(3, 31, year + 1) },
    implementation: { start: d(4, 1, year + 1), end: d(12, 31, year + 2) },
    acceptance: { start: d(1, 1, year + 3), end: d(3, 31, year + 3) },
  };
}

export interface FixtureOptions {
  /** Demands in the open round (XM-2026); the closed round XM-2023 always has 3. */
  demands?: number;
}

/** Write the fixture content folder to `dir`; returns the ids of the public demands. */
export async function writeFixtureContent(
  dir: string,
  options: FixtureOptions = {},
): Promise<{ publicIds: string[]; withheldId: string; anonymousId: string; externalId: string }> {
  const n = options.demands ?? 8;
  const files: Array<[string, string]> = [];
  const put = (path: string, kind: Kind, data: unknown) => files.push([path, formatYaml(kind, data)]);

  put('site.yml', 'site', {
    name: '厦门市大企业发榜中小企业揭榜平台',
    nameEn: 'Xiamen Large-Enterprise Challenge Catalogue',
    idPrefix: 'XM',
    bureau: {
      name: '厦门市工业和信息化局',
      nameEn: 'Xiamen Municipal Bureau of Industry and Information Technology',
      address: '厦门市思明区湖滨北路61号',
      phone: '0592-2896792',
      email: 'zxqyc@xm.gov.cn',
    },
    filing: { icp: '闽ICP备12345678号-1', psb: '闽公网安备35020302000001号' },
    forge: { url: 'https://github.com', repo: 'xm-gxj/jiebang', branch: 'main' },
    siteUrl: 'https://jiebang.example.cn',
    sampleBanner: true,
  });
  // Ids have three digits, so beyond 999 demands the open round's year gets sibling rounds (XAA-2026, XAB-2026…).
  const letter = (i: number) => String.fromCharCode(65 + i);
  const openRounds = Array.from({ length: Math.max(1, Math.ceil(n / 999)) }, (_, k) =>
    k === 0 ? 'XM-2026' : `X${letter(Math.floor((k - 1) / 26))}${letter((k - 1) % 26)}-2026`,
  );
  for (const id of ['XM-2023', ...openRounds]) {
    const year = Number(id.slice(-4));
    put(`rounds/${id}.yml`, 'round', {
      id,
      year,
      title: `${year}年度大企业“发榜”中小企业“揭榜”工作`,
      titleEn: `${year} Large-Enterprise Challenge Programme`,
      authority: '厦门市工业和信息化局',
      noticeNo: `工信厅企业函〔${year}〕88号`,
      phases: phases(year),
      contact: { department: '中小企业处', phone: '0592-2896792', email: 'zxqyc@xm.gov.cn' },
    });
  }
  put('pages/guide.mdx', 'page', {
    title: '中小企业揭榜指南',
    description: '中小企业如何查找需求、提交揭榜申请。',
    category: 'guide',
    order: 1,
  });
  files[files.length - 1]![1] =
    `---\n${files.at(-1)![1]}---\n\n## 如何揭榜\n\n1. 在需求目录中找到合适的需求；\n2. 点击“我要揭榜”，填写申请。\n`;
  put('pages/en/guide.mdx', 'page', {
    title: 'Guide for SMEs',
    description: 'How SMEs find demands and apply.',
    category: 'guide',
    order: 1,
  });
  files[files.length - 1]![1] =
    `---\n${files.at(-1)![1]}---\n\n## How to apply\n\nFind a demand in the catalogue and press “Apply”.\n`;

  const demandIds: string[] = [];
  const publicIds: string[] = [];
  const chains = new Map<string, Array<{ record: Decision; text: string }>>();
  const demandTexts = new Map<string, string>();
  let withheldId = '';
  let anonymousId = '';

  const addDemand = (round: string, seq: number, i: number, extra: Record<string, unknown> = {}) => {
    const id = `${round}-${String(seq).padStart(3, '0')}`;
    const topic = TOPICS[i % TOPICS.length]!;
    const issuerName = ISSUERS[i % ISSUERS.length]!;
    const data = {
      id,
      round,
      title: `${topic.title}${i >= TOPICS.length ? `（${i + 1}）` : ''}`,
      issuer: {
        name: issuerName,
        uscc: usccFor(i % ISSUERS.length),
        region: { province: '福建省', city: '厦门市', district: DISTRICTS[i % DISTRICTS.length] },
        ownership: i % 2 ? 'local_soe' : 'private',
        chainLeader: i % 3 === 0,
      },
      anonymousIssuer: false,
      isPublic: true,
      demandType: TYPES[i % TYPES.length],
      field: FIELDS[i % FIELDS.length],
      background: `本公司在${topic.title}方面长期依赖进口，供货周期长、成本高，亟需与本地中小企业合作攻关。`,
      keyProblems: `1. **关键工艺**尚未突破；\n2. 需要在${topic.indicator}上达到国际先进水平。`,
      technicalIndicators: [
        { name: topic.indicator, target: topic.target, unit: topic.unit },
        { name: '连续无故障运行时间', target: '≥8000', unit: 'h' },
      ],
      expectedOutcome: '形成可批量供货的样机和工艺规范，通过第三方检测并在本公司产线完成验证。',
      deliverables: ['prototype', 'patent'],
      cooperationModes: [MODES[i % MODES.length], 'joint_research'].filter((m, k, a) => a.indexOf(m) === k),
      plannedInvestment: i % 4 === 3 ? null : [80, 300, 650, 1200][i % 4],
      completionMonths: 12 + (i % 3) * 6,
      ipArrangement: 'negotiable',
      solverRequirements: '具有相关领域研发团队和知识产权，优先考虑专精特新中小企业。',
      contact:
        i === 0 && round === 'XM-2026'
          ? PLANTED_CONTACT
          : { name: `联系人${i}`, mobile: `1380000${String(1000 + i).slice(-4)}`, email: `contact${i}@example.cn` },
      ...extra,
    };
    demandIds.push(id);
    demandTexts.set(id, formatYaml('demand', data));
    files.push([`demands/${id}/index.yml`, demandTexts.get(id)!]);
    return { id, data };
  };

  for (let i = 0; i < 3; i++) addDemand('XM-2023', i + 1, i + 2);
  for (let i = 0; i < n; i++) {
    const extra =
      i === 0
        ? {
            illustration: { src: 'cover.png', alt: '传感器芯片示意图' },
            issuer: {
              name: ISSUERS[0],
              uscc: usccFor(0),
              region: { province: '福建省', city: '厦门市', district: DISTRICTS[0] },
              ownership: 'private',
              chainLeader: true,
              logo: { src: 'logo.png', alt: '企业标识' },
            },
          }
        : i === 1
          ? { isPublic: false, title: WITHHELD_TITLE, illustration: { src: 'cover.png', alt: '保密示意图' } }
          : i === 2
            ? {
                anonymousIssuer: true,
                issuer: {
                  name: ANONYMOUS_ISSUER,
                  uscc: usccFor(999),
                  region: { province: '福建省', city: '厦门市' },
                  ownership: 'private',
                  logo: { src: 'logo.png', alt: '隐名企业标识' },
                },
              }
            : {};
    const { id, data } = addDemand(openRounds[Math.floor(i / 999)]!, (i % 999) + 1, i, extra);
    if (i === 1) withheldId = id;
    if (i === 2) anonymousId = id;
    if (data.isPublic !== false) publicIds.push(id);
  }
  for (const id of demandIds.filter((d) => d.startsWith('XM-2023'))) publicIds.unshift(id);

  // An entry of the national catalogue (a demand from elsewhere local SMEs may apply to), as import-catalogue writes it.
  const externalId = 'QG-2026-001';
  put(`catalogue/${externalId}.yml`, 'external', {
    id: externalId,
    round: 'XM-2026',
    catalogueNo: 'MIIT-2026-0107',
    serial: 2,
    title: EXTERNAL_TITLE,
    issuerName: '苏州光联芯片科技有限公司（样例）',
    region: { province: '江苏省', city: '苏州市' },
    field: '新一代信息技术',
    demandType: '技术攻关',
    summary: '需要800G光模块用硅光调制器芯片设计与流片验证，调制带宽不低于60GHz。',
    contact: '0512-6588 7701（样例）',
    source: {
      notice: '工信厅企业函〔2026〕88号',
      file: 'national-catalogue-2026.csv',
      sha256: 'b'.repeat(64),
      importedAt: '2026-06-05T02:00:00.000Z',
      row: 4,
    },
  });
  publicIds.push(externalId);

  // The ledger: every demand goes to catalogued (derived states follow from the calendar).
  const act = (subject: string, action: Act['action'], at: string, role: Act['actor']['role'] = 'bureau'): void => {
    const chain = chains.get(subject) ?? [];
    const last = chain.at(-1);
    const next = nextDecision(
      {
        subject,
        action,
        at,
        actor: { login: role === 'miit' ? 'miit-liaison' : role === 'system' ? 'jiebang-bot' : 'xm-officer', role },
        source: { kind: 'cli', id: `${subject}-${chain.length + 1}` },
        ...(action === 'catalogue' ? { catalogueNo: `CN-${subject}` } : {}),
      },
      {
        chain: chain.map((c) => c.record),
        subjectBytes: new TextEncoder().encode(demandTexts.get(subject) ?? subject),
        ...(last ? { lastFileBytes: new TextEncoder().encode(last.text) } : {}),
      },
    );
    if (!next.ok) throw new Error(`${subject} ${action}: ${next.issues.map((i) => i.message).join('; ')}`);
    chain.push({ record: next.record, text: next.text });
    chains.set(subject, chain);
    files.push([next.path.replace(/^content\//, ''), next.text]);
  };
  for (const id of demandIds) {
    const year = Number(id.split('-')[1]);
    act(id, 'submit', `${year}-04-10T09:00:00+08:00`, 'system');
    act(id, 'approve', `${year}-05-02T10:00:00+08:00`);
    act(id, 'recommend', `${year}-05-10T10:00:00+08:00`);
    act(id, 'catalogue', `${year}-05-20T10:00:00+08:00`, 'miit');
  }

  for (const [path, text] of files) {
    const full = join(dir, path);
    await mkdir(join(full, '..'), { recursive: true });
    await writeFile(full, text);
  }
  const picture = (color: string, w: number, h: number, label: string) =>
    sharp(
      Buffer.from(
        `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="100%" height="100%" fill="${color}"/><circle cx="${w / 2}" cy="${h / 2}" r="${h / 3}" fill="#fff" opacity=".6"/><text x="10" y="${h - 10}" font-size="${h / 8}" fill="#fff">${label}</text></svg>`,
      ),
    )
      .png()
      .toBuffer();
  const first = `XM-2026-001`;
  await writeFile(join(dir, 'demands', first, 'cover.png'), await picture('#0b4f9c', 1200, 600, 'cover'));
  await writeFile(join(dir, 'demands', first, 'logo.png'), await picture('#b3121b', 256, 256, 'logo'));
  await writeFile(join(dir, 'demands', anonymousId, 'logo.png'), await picture('#333333', 256, 256, 'hidden'));
  await writeFile(join(dir, 'demands', withheldId, 'cover.png'), await picture('#1a6b2f', 800, 400, 'withheld'));
  return { publicIds, withheldId, anonymousId, externalId };
}

// `node test/site/fixture.ts <dir> [demands]` writes a folder by hand (e.g. 10,000 demands to time the build).
if (import.meta.main) {
  const [dir, count] = process.argv.slice(2);
  if (!dir) throw new Error('usage: node test/site/fixture.ts <dir> [demands]');
  const out = await writeFixtureContent(dir, { demands: Number(count ?? 8) });
  console.log(`wrote ${out.publicIds.length} public demands to ${dir}`);
}
