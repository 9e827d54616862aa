/**
 * A fixture catalogue with a unique sentinel value in EVERY restricted field, for the
 * leak-proof build. Nothing here lists fields: which values are restricted comes from
 * privacy/visibility.ts (restrictedValues, per record, so the non-public demand is
 * restricted whole and the hidden issuer's name and logo are too), and each sentinel is
 * shaped by the field's schema node (its rule, format, pattern, bounds) so the catalogue
 * stays valid and the site builds. `restrictedSchemaFields` derives, from the schemas alone,
 * every field that can ever be restricted, so the test can prove none was missed.
 *
 * Starts from the site's own fixture (test/site/fixture.ts) and adds what it lacks: an
 * officers registry, SME and large-enterprise profiles, an application, attachments, a
 * hidden issuer's logo, a non-public demand's illustration, and a public illustration whose
 * PNG metadata carries a restricted value.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { formatYaml } from '../../pipeline/content/format.ts';
import { crossRecordIssues } from '../../pipeline/content/cross-record.ts';
import { loadPaths } from '../../pipeline/content/load.ts';
import { declaredVisibility, isWithheld, restrictedValues } from '../../pipeline/privacy/visibility.ts';
import { fieldAt } from '../../pipeline/schema/fields.ts';
import { nonNullBranch, SCHEMAS, type Kind, type SchemaNode } from '../../pipeline/schema/registry.ts';
import { validateRecord } from '../../pipeline/validate/index.ts';
import { usccFor, writeFixtureContent } from '../site/fixture.ts';

export interface Planted {
  /** Content file, relative to the content folder. */
  file: string;
  kind: Kind;
  pointer: string;
  /** The value as planted (what must never appear in the output). */
  value: string;
  /** Can this value be told apart from anything else in the output? */
  identifying: boolean;
}

type Obj = Record<string, unknown>;

/** Ten rare Han characters as digits: sentinels that appear in no real text. */
const HAN_DIGITS = '鬯鬲鬻麴黉黹黻黼龠龢';
const han = (n: number) =>
  String(n)
    .padStart(4, '0')
    .split('')
    .map((d) => HAN_DIGITS[Number(d)])
    .join('');

let counter = 0;
const next = () => ++counter;

/** Does `value` satisfy the string constraints of `node`? */
function fits(node: SchemaNode, value: string): boolean {
  const length = [...value].length;
  if (node.minLength !== undefined && length < node.minLength) return false;
  if (node.maxLength !== undefined && length > node.maxLength) return false;
  return !node.pattern || new RegExp(node.pattern, 'u').test(value);
}

/** A unique string the field accepts, shaped by its rule, format or pattern. */
function sentinelString(node: SchemaNode, old: string): string | undefined {
  const n = next();
  const rule = node['x-rule'];
  if (rule === 'mobile') return `1391${String(n).padStart(7, '0')}`;
  if (rule === 'landline') return `0592-8${String(n).padStart(6, '0')}`;
  if (rule === 'uscc' || rule === 'uscc-any') return usccFor(7000 + n);
  if (node.format === 'email') return `sentinel${n}q@example.cn`;
  if (node.pattern === '^[0-9a-f]{64}$') return createHash('sha256').update(`sentinel ${n}`).digest('hex');
  if (rule === 'filename') {
    const ext = /\.([A-Za-z]+)$/.exec(old)?.[1] ?? 'pdf';
    return [`哨${han(n)}附件.${ext}`, `sntl${n}x.${ext}`].find((v) => fits(node, v));
  }
  const core = `哨${han(n)}兵`;
  const candidates = [core, `SNTL${n}Q`, `${core}省`, `${core}市`, `${core}区`, `sntl${n}q`];
  for (const c of candidates) {
    const min = node.minLength ?? 0;
    const padded = [...c].length < min ? c + '的'.repeat(min - [...c].length) : c;
    if (fits(node, padded)) return padded;
  }
  return undefined;
}

/** A number the field accepts, with seven or more digits when its bounds allow (short numbers identify nothing). */
function sentinelNumber(node: SchemaNode, old: number, large: boolean): number {
  const max = node.maximum ?? Number.MAX_SAFE_INTEGER;
  if (!large || max < 1e6) return old;
  const n = next();
  const base = Math.min(max, 1e7) >= 9e6 ? 8_000_000 + n * 101 : 1_000_000 + n * 101;
  return node.type === 'integer' ? base : Number(`${base}.${String(10 + (n % 89))}`);
}

/** Restricted leaves of a record, replaced in place; returns what was planted. */
/**
 * Restricted leaves that must repeat a public value to be valid: an indicator response names
 * the demand's (public) indicator. What the applicant wrote about it (committed value, note)
 * is planted.
 */
export const ECHOES_PUBLIC = /^application \/indicatorResponses\/(?:\d+|\*)\/indicator$/;

function plant(kind: Kind, record: Obj, file: string, options: { largeNumbers: boolean }): Planted[] {
  const out: Planted[] = [];
  for (const { pointer, value } of restrictedValues(kind, record)) {
    const info = fieldAt(kind, pointer);
    if (!info) continue;
    const node = nonNullBranch(info.node).node;
    if (node.enum || node.const !== undefined || node.format === 'date' || node.type === 'boolean') continue;
    if (node['x-widget'] === 'image') continue; // image files are planted as files, below
    if (ECHOES_PUBLIC.test(`${kind} ${pointer}`)) continue;
    let planted: unknown = value;
    if (typeof value === 'string') planted = sentinelString(node, value) ?? value;
    else if (typeof value === 'number') planted = sentinelNumber(node, value, options.largeNumbers);
    if (planted === value) continue;
    setAt(record, pointer, planted);
    out.push({ file, kind, pointer, value: String(planted), identifying: identifying(planted) });
  }
  return out;
}

/**
 * Every string leaf of a record gets a sentinel, but those under `keep` (patterns with `*`
 * for an index): for records about a withheld record, whose public fields are withheld too.
 */
function plantEvery(kind: Kind, record: Obj, file: string, keep: string[]): Planted[] {
  const out: Planted[] = [];
  const kept = (pointer: string) => keep.some((k) => new RegExp(`^${k.replace(/\*/g, '\\d+')}(?:/|$)`).test(pointer));
  const walk = (value: unknown, pointer: string) => {
    if (kept(pointer)) return;
    if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, `${pointer}/${i}`));
      return;
    }
    if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, `${pointer}/${k}`);
      return;
    }
    if (typeof value !== 'string') return;
    const info = fieldAt(kind, pointer);
    if (!info) return;
    const node = nonNullBranch(info.node).node;
    if (node.enum || node.format === 'date') return;
    const planted = sentinelString(node, value);
    if (!planted) return;
    setAt(record, pointer, planted);
    out.push({ file, kind, pointer, value: planted, identifying: identifying(planted) });
  };
  walk(record, '');
  return out;
}

export function identifying(value: unknown): boolean {
  if (typeof value === 'number') return String(value).replace(/\D/g, '').length >= 7;
  return typeof value === 'string' && (/[\u3400-\u9fff]/.test(value) ? value.length >= 2 : value.length >= 6);
}

function setAt(record: Obj, pointer: string, value: unknown): void {
  const keys = pointer
    .split('/')
    .slice(1)
    .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  let target = record as Obj;
  for (const k of keys.slice(0, -1)) target = target[k] as Obj;
  target[keys.at(-1)!] = value;
}

/**
 * Every field, per kind, that is restricted in some record: declared restricted, an
 * issuer's choice, or any field of a demand (a non-public demand is restricted whole).
 * Paths use `*` for array items. Only leaves (what holds a value) are listed.
 */
export function restrictedSchemaFields(): Array<{ kind: Kind; path: string; node: SchemaNode }> {
  const out: Array<{ kind: Kind; path: string; node: SchemaNode }> = [];
  const walk = (
    kind: Kind,
    raw: SchemaNode,
    path: string,
    inherited: 'public' | 'restricted' | 'issuer-choice',
    withheld: boolean,
  ) => {
    const node = nonNullBranch(raw).node;
    const v = declaredVisibility(raw, inherited);
    if (node.type === 'object' && node.properties) {
      for (const [k, child] of Object.entries(node.properties)) walk(kind, child, `${path}/${k}`, v, withheld);
      return;
    }
    if (node.type === 'array' && node.items) return walk(kind, node.items, `${path}/*`, v, withheld);
    if (v !== 'public' || withheld) out.push({ kind, path, node });
  };
  for (const kind of Object.keys(SCHEMAS) as Kind[]) {
    const schema = SCHEMAS[kind];
    for (const [k, child] of Object.entries(schema.properties ?? {})) {
      const kept = ['id', 'round', 'isPublic', 'anonymousIssuer', 'sealed'].includes(k);
      walk(kind, child, `/${k}`, 'public', kind === 'demand' && !kept);
    }
  }
  return out.filter((f) => !f.path.endsWith('/sealed'));
}

/** A PNG of one colour, unique per `n`, optionally with a tEXt metadata chunk. */
async function png(n: number, text?: string): Promise<Buffer> {
  const bytes = await sharp({
    create: {
      width: 64,
      height: 48,
      channels: 3,
      background: { r: (n * 37) % 256, g: (n * 91) % 256, b: (n * 53) % 256 },
    },
  })
    .png()
    .toBuffer();
  if (!text) return bytes;
  const data = Buffer.from(`Comment\0${text}`, 'latin1');
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write('tEXt', 4, 'latin1');
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(Buffer.concat([Buffer.from('tEXt', 'latin1'), data])), 8 + data.length);
  const iend = bytes.length - 12;
  return Buffer.concat([bytes.subarray(0, iend), chunk, bytes.subarray(iend)]);
}

const read = (path: string) => readFileSync(path, 'utf8');

/** The last decision file of a subject's ledger: no later decision's chain names its bytes, so it may be edited. */
function lastActFile(dir: string, subject: string): string {
  const ledger = join(dir, 'decisions', subject);
  return join(
    ledger,
    readdirSync(ledger)
      .filter((f) => f.endsWith('.yml'))
      .sort()
      .at(-1)!,
  );
}

export interface SentinelCatalogue {
  planted: Planted[];
  /** Restricted image files (bytes that must not be copied to the output). */
  images: Array<{ file: string; sha256: string }>;
  /** A restricted value hidden in the metadata of a public image. */
  metadataSentinel: string;
  withheldId: string;
  anonymousId: string;
  /** Records about the withheld demand (every field carries a sentinel). */
  aboutWithheld: string[];
  /** An act on the withheld demand, with sentinels in what a withheld act does not keep (its reason, MIIT's number). */
  actAboutWithheld: { file: string; values: string[] };
}

/** Write the fixture catalogue into `dir` and plant the sentinels; every record stays valid. */
export async function writeSentinelCatalogue(dir: string): Promise<SentinelCatalogue> {
  counter = 0;
  const fixture = await writeFixtureContent(dir, { demands: 8 });
  const openDemand = fixture.publicIds.find((id) => id.startsWith('XM-2026'))!;
  const demandFile = (id: string) => join(dir, 'demands', id, 'index.yml');
  const yaml = async (path: string) => (await import('yaml')).parse(read(path)) as Obj;
  const attachment = (name: string) => ({ name, sha256: '0'.repeat(64), mime: 'application/pdf', size: 123456 });
  const images: SentinelCatalogue['images'] = [];
  const writeImage = async (path: string, n: number, text?: string) => {
    const bytes = await png(n, text);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
    return bytes;
  };

  // Records the site fixture lacks, written valid; their restricted values are planted below.
  const contact = {
    name: '联系人甲',
    position: '总经理',
    mobile: '13800000001',
    email: 'c@example.cn',
    phone: '0592-5550001',
  };
  const sme = {
    uscc: usccFor(4001),
    name: '厦门哨兵科技有限公司',
    region: { province: '福建省', city: '厦门市', district: '湖里区' },
    legalRepresentative: '法人甲',
    contact,
    establishedOn: '2015-05-05',
    registeredCapital: 800,
    industry: { code: 'C3973', sizeRow: 'industry' },
    employees: 120,
    revenueLastYear: 8800.5,
    totalAssets: 9900.25,
    qualifications: ['specialised'],
    rdStaff: 30,
    rdExpenseLastYear: 900.5,
    ip: { inventionPatents: 5, utilityModels: 9, softwareCopyrights: 3 },
    brief: '传感器芯片设计企业，面向工业控制和汽车电子，拥有晶圆级封装中试线。',
    attachments: [attachment('营业执照.pdf')],
  };
  const large = {
    ...sme,
    uscc: usccFor(4002),
    name: '厦门哨兵重工集团有限公司',
    employees: 9000,
    revenueLastYear: 900000,
    totalAssets: 990000,
  };
  for (const e of [sme, large]) {
    mkdirSync(join(dir, 'enterprises', e.uscc), { recursive: true });
    writeFileSync(join(dir, 'enterprises', e.uscc, 'index.yml'), formatYaml('enterprise', e));
  }
  const demand = await yaml(demandFile(openDemand));
  const indicators = demand.technicalIndicators as Array<{ name: string; target: string }>;
  const long = (t: string, n: number) => t.repeat(Math.ceil(n / t.length)).slice(0, n);
  const application = {
    id: `${openDemand}-A01`,
    demandId: openDemand,
    applicant: { uscc: sme.uscc, name: sme.name },
    directed: false,
    chapters: {
      basics: long('企业基本情况介绍。', 220),
      capability: long('研发团队和成果介绍。', 320),
      understanding: long('对需求的理解。', 220),
      plan: long('技术路线和计划。', 520),
      cooperation: long('合作方式与投入。', 120),
      outcomes: long('预期成果与指标。', 220),
      safeguards: long('保障措施与风险。', 120),
      declaration: true,
    },
    indicatorResponses: indicators.map((i) => ({
      indicator: i.name,
      committedValue: i.target,
      note: '已有样机基础。',
    })),
    attachments: [attachment('申请书盖章扫描件.pdf')],
    projectLead: {
      name: '负责人甲',
      position: '研发总监',
      professionalTitle: '高级工程师',
      mobile: '13800000009',
      email: 'lead@example.cn',
    },
    partners: [
      { name: '厦门哨兵大学', relation: 'partner', kind: 'university', uscc: usccFor(4003), role: '算法验证与测试' },
    ],
  };
  mkdirSync(join(dir, 'applications'), { recursive: true });
  writeFileSync(join(dir, 'applications', `${application.id}.yml`), formatYaml('application', application));
  writeFileSync(
    join(dir, 'officers.yml'),
    formatYaml('officers', {
      officers: [
        { login: 'xm-officer', name: '经办甲', role: 'bureau', validFrom: '2023-01-01' },
        { login: 'miit-liaison', name: '联络乙', role: 'miit', validFrom: '2023-01-01' },
      ],
    }),
  );

  // Images: the hidden issuer's logo and the non-public demand's illustration (restricted
  // files), and a public illustration whose PNG metadata carries a restricted value.
  const metadataSentinel = `SNTL-META-${createHash('sha256').update('meta').digest('hex').slice(0, 12)}`;
  const withheld = await yaml(demandFile(fixture.withheldId));
  // Optional fields filled in, so that each has a value to plant into.
  withheld.illustration = { src: 'secret-cover.png', alt: '不公开需求的配图说明' };
  withheld.catalogueNo = 'CAT-0001';
  for (const d of [withheld, demand]) {
    (d.contact as Obj).phone = '0592-5550002';
    // The issuer's 附件1 facts: its address (public unless it hides its name) and its figures (restricted).
    Object.assign(d.issuer as Obj, {
      address: '厦门市湖里区哨兵路1号',
      industryCode: 'C3973',
      employees: 9000,
      revenueLastYear: 900000,
      totalAssets: 990000,
    });
  }
  withheld.attachments = [attachment('需求表盖章扫描件.pdf')];
  const hiddenBytes = await writeImage(join(dir, 'demands', fixture.withheldId, 'secret-cover.png'), 901);
  writeFileSync(demandFile(fixture.withheldId), formatYaml('demand', withheld));
  const anonymous = await yaml(demandFile(fixture.anonymousId));
  (anonymous.issuer as Obj).logo = { src: 'hidden-logo.png', alt: '隐名企业的标识' };
  const logoBytes = await writeImage(join(dir, 'demands', fixture.anonymousId, 'hidden-logo.png'), 902);
  writeFileSync(demandFile(fixture.anonymousId), formatYaml('demand', anonymous));
  images.push({
    file: `demands/${fixture.withheldId}/secret-cover.png`,
    sha256: createHash('sha256').update(hiddenBytes).digest('hex'),
  });
  images.push({
    file: `demands/${fixture.anonymousId}/hidden-logo.png`,
    sha256: createHash('sha256').update(logoBytes).digest('hex'),
  });
  demand.illustration = { src: 'public-cover.png', alt: '公开需求的配图' };
  demand.attachments = [attachment('公开需求盖章扫描件.pdf')];
  await writeImage(join(dir, 'demands', openDemand, 'public-cover.png'), 903, metadataSentinel);
  writeFileSync(demandFile(openDemand), formatYaml('demand', demand));

  // An act recorded on behalf of MIIT, from its document (the evidence's number is restricted):
  // the open demand's last decision, so no later decision's chain names its bytes.
  const lastAct = lastActFile(dir, openDemand);
  const act = await yaml(lastAct);
  act.onBehalfOf = 'miit';
  act.evidence = { documentNo: '工信厅企业函〔2026〕1号', date: String(act.at).slice(0, 10), sha256: '1'.repeat(64) };
  // The records the ledger keeps of a size check, a contract and a meeting (restricted), on the same act.
  act.size = {
    standard: '2011-300',
    row: 'industry',
    result: 'small',
    employees: 120,
    revenue: 8800.5,
    assets: 9900.25,
  };
  act.contract = { amount: 120.5, signedOn: String(act.at).slice(0, 10) };
  act.engagement = {
    date: String(act.at).slice(0, 10),
    form: 'visit',
    outcome: '双方同意进入遴选，约定下月技术交流。',
  };
  writeFileSync(lastAct, formatYaml('decision', act));

  // Plant: every restricted leaf of every record gets a sentinel shaped by its schema.
  const planted: Planted[] = [];
  const { records } = await loadPaths([dir], { validate: false });
  for (const r of records) {
    if (!r.data || r.kind === 'page' || r.kind === 'site' || r.kind === 'round') continue;
    // Applicants must stay SMEs: their figures keep their size; the large profile carries long numbers.
    const largeNumbers = r.kind !== 'enterprise' || r.data.uscc === large.uscc;
    const got = plant(r.kind, r.data, r.file, { largeNumbers });
    if (got.length === 0) continue;
    writeFileSync(r.file, formatYaml(r.kind, r.data));
    planted.push(...got.map((p) => ({ ...p, file: p.file.slice(dir.length + 1) })));
  }
  planted.push({
    file: `demands/${openDemand}/public-cover.png`,
    kind: 'demand',
    pointer: '/illustration (PNG metadata)',
    value: metadataSentinel,
    identifying: true,
  });

  // A record about the withheld demand: a directed application to it, with a sentinel in
  // every field it can take one (its chapters, commitments and notes are public fields of
  // an application, but everything about a withheld record is withheld with it). Its
  // indicator names are the withheld demand's, themselves sentinels already.
  const sealedDemand = await yaml(demandFile(fixture.withheldId));
  const about = {
    id: `${fixture.withheldId}-A01`,
    demandId: fixture.withheldId,
    applicant: { uscc: sme.uscc, name: sme.name },
    directed: true,
    chapters: { ...application.chapters },
    indicatorResponses: (sealedDemand.technicalIndicators as Array<{ name: string; target: string }>).map((i) => ({
      indicator: i.name,
      committedValue: i.target,
      note: '备注',
    })),
  };
  const aboutFile = join(dir, 'applications', `${about.id}.yml`);
  planted.push(
    ...plantEvery('application', about, aboutFile, [
      '/id',
      '/demandId',
      '/applicant',
      '/indicatorResponses/*/indicator',
    ]).map((p) => ({ ...p, file: p.file.slice(dir.length + 1) })),
  );
  planted.push(
    ...about.indicatorResponses.map((r, i) => ({
      file: `applications/${about.id}.yml`,
      kind: 'application' as Kind,
      pointer: `/indicatorResponses/${i}/indicator`,
      value: r.indicator,
      identifying: identifying(r.indicator),
    })),
  );
  writeFileSync(aboutFile, formatYaml('application', about));

  // An act on the withheld demand (its last, so no later decision's chain names its bytes):
  // why it was decided and MIIT's number for it are about the demand too.
  const withheldActFile = lastActFile(dir, fixture.withheldId);
  const withheldAct = await yaml(withheldActFile);
  withheldAct.reason = `不公开需求的办理理由，第${next()}号哨兵`;
  withheldAct.catalogueNo = `MIIT-SECRET-${next()}`;
  writeFileSync(withheldActFile, formatYaml('decision', withheldAct));
  const actValues = [withheldAct.reason, withheldAct.catalogueNo] as string[];
  for (const [pointer, value] of [
    ['/reason', actValues[0]!],
    ['/catalogueNo', actValues[1]!],
  ] as const)
    planted.push({
      file: withheldActFile.slice(dir.length + 1),
      kind: 'decision',
      pointer,
      value,
      identifying: identifying(value),
    });

  // The catalogue must still be valid, or the build would stop before proving anything.
  const { records: after } = await loadPaths([dir]);
  const problems = [
    ...after.flatMap((r) => r.issues.map((i) => `${r.file}: ${i.message}`)),
    ...crossRecordIssues(after).map((i) => `${i.file}: ${i.message}`),
  ];
  if (problems.length) throw new Error(`the sentinel catalogue is invalid:\n${problems.join('\n')}`);
  return {
    planted,
    images,
    metadataSentinel,
    withheldId: fixture.withheldId,
    anonymousId: fixture.anonymousId,
    aboutWithheld: [`applications/${about.id}.yml`],
    actAboutWithheld: { file: withheldActFile.slice(dir.length + 1), values: actValues },
  };
}

/**
 * The same catalogue as a public repository keeps it (site.yml `privacy.sealAtRest`): every
 * record's restricted fields sealed to `recipients`, as `jiebang reseal` would, and the acts
 * on withheld records sealed as the ledger writes them (review/seal-act.ts).
 */
export async function sealCatalogue(dir: string, recipients: readonly string[]): Promise<void> {
  const { seal } = await import('../../pipeline/seal/seal.ts');
  const { SEALABLE_KINDS } = await import('../../pipeline/seal/cleartext.ts');
  const { parse } = await import('yaml');
  const sitePath = join(dir, 'site.yml');
  writeFileSync(sitePath, formatYaml('site', { ...(parse(read(sitePath)) as Obj), privacy: { sealAtRest: true } }));
  const { records } = await loadPaths([dir], { validate: false });
  const withheld = new Set(records.filter((r) => r.data && isWithheld(r.kind, r.data)).map((r) => String(r.data!.id)));
  for (const r of records) {
    if (!r.data) continue;
    if (r.kind === 'decision' && withheld.has(String(r.data.subject))) {
      writeFileSync(r.file, formatYaml(r.kind, await seal(r.kind, r.data, recipients, true)));
      continue;
    }
    if (!SEALABLE_KINDS.includes(r.kind) || restrictedValues(r.kind, r.data).length === 0) continue;
    writeFileSync(r.file, formatYaml(r.kind, await seal(r.kind, r.data, recipients)));
  }
}
