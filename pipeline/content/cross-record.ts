/**
 * Rules that relate records to each other: ids agree with file locations, references
 * resolve (an application's demand is a local demand or an entry of the national
 * catalogue, content/catalogue/), one application per (enterprise, demand), only SMEs
 * apply, only SMEs of the bureau's area (site.yml `area`, rules/area.ts), the applicant
 * answers every indicator, directed applications only for non-public demands, and at
 * most three selections per demand. Each problem is reported on the file that has to change.
 * Some findings are for an officer to look at, not errors (`crossRecordWarnings`).
 *
 * The rules read a compact index (`CrossIndex`): of each record only the ids, references,
 * names and figures they look at (`crossFacts`), never its texts, so a whole archive's
 * index fits in memory where its records would not. It is built from a catalog
 * (`crossRecordIssues`) or record by record while files stream past (`jiebang validate`,
 * the audit): the same rules either way.
 */
import type { Application, Decision, Demand, Enterprise, External, Officers, Site } from '../generated/types.ts';
import { checkApplicantArea, type Area } from '../rules/area.ts';
import type { State } from '../domain/machines.ts';
import { classify } from '../rules/sme-size.ts';
import { isRestricted, isWithheld, notKeptWhenWithheld, sealAtRest } from '../privacy/visibility.ts';
import type { Kind } from '../schema/registry.ts';
import type { Issue } from '../domain/issue.ts';
import { buildCatalog, type Catalog } from './catalog.ts';
import type { LoadedRecord } from './load.ts';
import { SELECTED_OR_LATER } from '../domain/states.ts';
import { MAX_SELECTED } from '../domain/limits.ts';
import { byCodeUnits } from '../domain/order.ts';

export interface FileIssue extends Issue {
  file: string;
  /**
   * The issue exists because of another record's restricted fields (a registered
   * enterprise's figures, a non-public demand's indicators): stating it publicly would
   * tell what those fields hold. Public answers leave it out (`publicAnswerIssues`); the
   * officer's check (`jiebang validate`, a decision's revalidation) keeps it.
   */
  restrictedBasis?: true;
}

/** What the cross-record rules need of one record. */
export type Facts =
  | { kind: 'round'; id: string }
  /** `withheld`: as the privacy rule says (visibility.ts isWithheld), for what is about the record. */
  | { kind: 'demand'; id: string; round: string; isPublic: boolean; withheld?: true; indicators?: string[]; indicatorsRestricted: boolean; external?: boolean; withdrawn?: boolean; issuerUscc?: string; issuerUsccRestricted?: boolean }
  | { kind: 'application'; id: string; demandId: string; uscc: string; name: string; directed: boolean; withheld?: true; answered: string[]; responsesSealed: boolean }
  | { kind: 'enterprise'; uscc: string; name: string; figuresSealed: boolean; figuresRestricted: boolean; row: string; employees?: number; revenue?: number; assets?: number; region?: { province: string; city?: string } }
  | { kind: 'site'; area?: Area; bureau: string; upstream?: string; sealAtRest?: true }
  /** `clear`: the first field a withheld act does not keep (its reason, a catalogue number) held in the clear. */
  | { kind: 'decision'; subject: string; seq: number; to: State; submit: boolean; clear?: string }
  | { kind: 'officers'; demands: Array<string[] | undefined> };

type Of<K extends Facts['kind']> = Extract<Facts, { kind: K }> & { file: string };

/** A chain as the rules see it: where it ends, whether it is only a pending submission, and its first file. */
interface ChainFacts { firstSeq: number; firstFile: string; lastSeq: number; state: State; pending: boolean }

const withheld = (kind: Kind, data: Record<string, unknown>) => (isWithheld(kind, data) ? { withheld: true as const } : {});

/** The facts of a record's data (parsed, an object), or undefined for kinds no rule relates. */
export function crossFacts(kind: Kind, data: Record<string, unknown>): Facts | undefined {
  switch (kind) {
    case 'round': return { kind, id: String(data.id) };
    case 'demand': {
      const d = data as unknown as Demand;
      return {
        kind, id: String(d.id), round: d.round, isPublic: d.isPublic, ...withheld('demand', data), indicatorsRestricted: isRestricted('demand', data, '/technicalIndicators'),
        ...(d.technicalIndicators ? { indicators: d.technicalIndicators.map((i) => i.name) } : {}),
        ...(typeof d.issuer?.uscc === 'string' ? { issuerUscc: d.issuer.uscc, issuerUsccRestricted: !d.isPublic || isRestricted('demand', data, '/issuer/uscc') } : {}),
      };
    }
    case 'external': {
      const e = data as unknown as External;
      return { kind: 'demand', id: String(e.id), round: e.round, isPublic: true, indicatorsRestricted: false, external: true, ...(e.withdrawn ? { withdrawn: true } : {}), ...(e.technicalIndicators ? { indicators: e.technicalIndicators.map((i) => i.name) } : {}) };
    }
    case 'site': {
      const site = data as unknown as Site;
      return { kind, bureau: site.bureau?.name, ...(sealAtRest(site) ? { sealAtRest: true as const } : {}), ...(site.area ? { area: site.area } : {}), ...(site.upstream ? { upstream: site.upstream.name } : {}) };
    }
    case 'application': {
      const a = data as unknown as Application;
      return { kind, id: a.id, demandId: a.demandId, uscc: a.applicant?.uscc, name: a.applicant?.name, directed: !!a.directed, ...withheld('application', data), answered: (a.indicatorResponses ?? []).map((r) => r.indicator), responsesSealed: typeof a.sealed === 'string' && a.indicatorResponses === undefined };
    }
    case 'enterprise': {
      const e = data as unknown as Enterprise;
      return {
        kind, uscc: String(e.uscc), name: e.name, figuresSealed: typeof e.sealed === 'string' && e.employees === undefined, row: e.industry?.sizeRow,
        ...(e.region?.province ? { region: { province: e.region.province, ...(e.region.city ? { city: e.region.city } : {}) } } : {}),
        figuresRestricted: isRestricted('enterprise', data, '/employees') || isRestricted('enterprise', data, '/revenueLastYear') || isRestricted('enterprise', data, '/totalAssets'),
        ...(e.employees === undefined ? {} : { employees: e.employees }), ...(e.revenueLastYear === undefined ? {} : { revenue: e.revenueLastYear }), ...(e.totalAssets === undefined ? {} : { assets: e.totalAssets }),
      };
    }
    case 'decision': {
      const d = data as unknown as Decision;
      const clear = isWithheld('decision', data) ? undefined : notKeptWhenWithheld('decision', data)[0];
      return { kind, subject: d.subject, seq: d.seq, to: d.to, submit: d.action === 'submit', ...(clear ? { clear: `/${clear}` } : {}) };
    }
    case 'officers': return { kind, demands: ((data as unknown as Officers).officers ?? []).map((o) => o.demands) };
    default: return undefined;
  }
}

/** The records the rules relate, by id, added in file order (a later record with the same id replaces an earlier one). */
export class CrossIndex {
  readonly rounds = new Set<string>();
  readonly demands = new Map<string, Of<'demand'>>();
  readonly applications = new Map<string, Of<'application'>>();
  readonly enterprises = new Map<string, Of<'enterprise'>>();
  readonly chains = new Map<string, ChainFacts>();
  /** Decisions holding in the clear what an act on a withheld record seals, by file: their subject and the field. */
  readonly clearActs = new Map<string, { subject: string; pointer: string }>();
  officers?: Of<'officers'>;
  site?: Of<'site'>;

  add(file: string, facts: Facts): void {
    switch (facts.kind) {
      case 'round': this.rounds.add(facts.id); break;
      case 'demand': this.demands.set(facts.id, { ...facts, file }); break;
      case 'application': this.applications.set(facts.id, { ...facts, file }); break;
      case 'enterprise': this.enterprises.set(facts.uscc, { ...facts, file }); break;
      case 'officers': this.officers = { ...facts, file }; break;
      case 'site': this.site = { ...facts, file }; break;
      case 'decision': {
        if (facts.clear) this.clearActs.set(file, { subject: facts.subject, pointer: facts.clear });
        const c = this.chains.get(facts.subject);
        if (!c) { this.chains.set(facts.subject, { firstSeq: facts.seq, firstFile: file, lastSeq: facts.seq, state: facts.to, pending: facts.submit }); break; }
        // As the ledger orders a chain: by seq, files of equal seq in the order read.
        if (facts.seq <= c.firstSeq) { c.firstSeq = facts.seq; c.firstFile = file; }
        if (facts.seq >= c.lastSeq) { c.lastSeq = facts.seq; c.state = facts.to; }
        c.pending &&= facts.submit;
        break;
      }
    }
  }

  /** The state a subject's chain ends in (draft without one). */
  recordedState(subject: string): State {
    return this.chains.get(subject)?.state ?? 'draft';
  }
}

/** The index of a catalog: its records' facts, each under the file it came from (the registry's: `officersFile`). */
export function indexCatalog(catalog: Catalog, officersFile = 'content/officers.yml'): CrossIndex {
  const index = new CrossIndex();
  const add = (key: string, kind: Kind, data: unknown) => {
    const facts = crossFacts(kind, data as Record<string, unknown>);
    if (facts) index.add(catalog.sources.get(key)?.file ?? '', facts);
  };
  for (const id of catalog.rounds.keys()) index.rounds.add(id);
  for (const [id, d] of catalog.demands) add(id, 'demand', d);
  for (const [id, e] of catalog.externals) add(id, 'external', e);
  if (catalog.site) index.add(catalog.sources.get('site.yml')?.file ?? 'content/site.yml', crossFacts('site', catalog.site as unknown as Record<string, unknown>)!);
  for (const [id, e] of catalog.enterprises) add(id, 'enterprise', e);
  for (const [id, a] of catalog.applications) add(id, 'application', a);
  for (const [subject, chain] of catalog.decisions) for (const d of chain) add(`${subject}#${d.seq}`, 'decision', d);
  if (catalog.officers) index.add(officersFile, crossFacts('officers', catalog.officers as unknown as Record<string, unknown>)!);
  return index;
}

const issue = (file: string, path: string, rule: string, message: string, messageEn: string, params: Record<string, unknown> = {}, restrictedBasis = false): FileIssue =>
  ({ file, path, keyword: 'cross-record', params: { rule, ...params }, message, messageEn, ...(restrictedBasis ? { restrictedBasis: true as const } : {}) });

/**
 * The issues that may be stated where anyone reads (an issue's answer, a pull request's
 * comment, a refused command's reply): those resting on another record's restricted fields
 * are left out, so the answer is the same whatever those fields hold.
 */
export function publicAnswerIssues<T extends Issue & { restrictedBasis?: true }>(issues: readonly T[]): T[] {
  return issues.filter((i) => !i.restrictedBasis);
}

/**
 * One answer for a demand id that is not in the public catalogue, whether it does not exist
 * or exists and is not public: telling them apart would say which non-public ids exist.
 */
export const NOT_IN_CATALOGUE = (id: string) => ({
  zh: `揭榜需求编号“${id}”不在公开的需求目录中，请对照需求目录填写；定向揭榜请按主管部门的通知办理。`,
  en: `Demand “${id}” is not in the public catalogue; copy its number from the catalogue, or follow the bureau’s notice for a directed application.`,
});

/** A record's id agrees with where it lies (checked on a record valid on its own: an invalid one may lack its id). */
export function locationIssues(kind: Kind, file: string, locationId: string, d: Record<string, unknown>): FileIssue[] {
  const idField = kind === 'enterprise' ? 'uscc' : 'id';
  if (['demand', 'application', 'enterprise', 'round', 'external'].includes(kind) && d[idField] !== locationId) {
    return [issue(file, `/${idField}`, 'location', `编号“${String(d[idField])}”与文件位置“${locationId}”不一致：编号和文件（夹）名必须相同。`, `The id “${String(d[idField])}” does not match the file location “${locationId}”.`)];
  }
  if (kind === 'decision' && locationId !== String(d.seq).padStart(4, '0')) {
    return [issue(file, '/seq', 'location', `序号 ${String(d.seq)} 与文件名“${locationId}”不一致。`, `Sequence ${String(d.seq)} does not match the file name “${locationId}”.`)];
  }
  return [];
}

export function crossRecordIssues(records: LoadedRecord[], catalog: Catalog = buildCatalog(records)): FileIssue[] {
  const located = records.flatMap((r) => (r.data && !r.issues.length ? locationIssues(r.kind, r.file, r.locationId, r.data) : []));
  const officers = records.findLast((r) => r.kind === 'officers' && r.data)?.file;
  return [...located, ...indexIssues(indexCatalog(catalog, officers))];
}

/** Every rule over the index, in a fixed order. */
export function indexIssues(index: CrossIndex): FileIssue[] {
  return [...demandIssues(index), ...applicationIssues(index), ...maxThreeIssues(index), ...orphanChainIssues(index), ...officerIssues(index)];
}

/**
 * What an officer should look at without it being an error: an applicant under review whose
 * declared region is in the area but whose credit code was issued elsewhere.
 */
export function crossRecordWarnings(index: CrossIndex): FileIssue[] {
  const out: FileIssue[] = clearActWarnings(index);
  const area = index.site?.area;
  if (!area) return out;
  for (const app of index.applications.values()) {
    const profile = index.enterprises.get(app.uscc);
    if (!profile?.region || !index.demands.has(app.demandId) || !UNDER_REVIEW.has(index.recordedState(app.id))) continue;
    const where = checkApplicantArea(area, index.site!.bureau, profile.region, app.uscc);
    if (where.ok && where.warning) out.push(issue(app.file, '/applicant/uscc', 'area-code', where.warning.zh, where.warning.en, { severity: 'warning' }));
  }
  return out;
}

/**
 * In a public repository, an act on a withheld record written before the ledger sealed such
 * acts (review/seal-act.ts) still shows its reason: said, never an error — a decision is
 * never rewritten (the next one holds its digest), so the bureau can only know of it.
 */
function clearActWarnings(index: CrossIndex): FileIssue[] {
  if (!index.site?.sealAtRest) return [];
  const out: FileIssue[] = [];
  for (const [file, { subject, pointer }] of index.clearActs) {
    if (index.demands.get(subject)?.withheld || index.applications.get(subject)?.withheld)
      out.push(issue(file, pointer, 'withheld-act-clear', `该决定关于不公开的 ${subject}，其理由或目录编号以明文存放在公开仓库中（写于台账加密此类决定之前）。台账中的决定不能修改，请知悉。`, `This act is about ${subject}, which is withheld, and holds its reason or catalogue number in the clear in a public repository (written before the ledger sealed such acts). A decision is never rewritten; this is for the bureau to know.`, { severity: 'warning' }));
  }
  return out;
}

function demandIssues(index: CrossIndex): FileIssue[] {
  const out: FileIssue[] = [];
  for (const demand of index.demands.values()) {
    // An entry of the national catalogue has its own numbers (QG-…); its round is where local SMEs apply to it.
    if (demand.external) {
      if (!index.rounds.has(demand.round)) out.push(issue(demand.file, '/round', 'round-exists', `年度批次“${demand.round}”不存在。`, `Round “${demand.round}” does not exist.`));
      continue;
    }
    if (!index.rounds.has(demand.round)) out.push(issue(demand.file, '/round', 'round-exists', `年度批次“${demand.round}”不存在。`, `Round “${demand.round}” does not exist.`));
    else if (!demand.id.startsWith(`${demand.round}-`)) out.push(issue(demand.file, '/id', 'id-round', `需求编号应以所属批次“${demand.round}”开头。`, `The demand id must start with its round “${demand.round}”.`));
  }
  return out;
}

const UNDER_REVIEW = new Set<State>(['draft', 'submitted', 'returned']);

function applicationIssues(index: CrossIndex): FileIssue[] {
  const out: FileIssue[] = [];
  const seen = new Map<string, string>();
  for (const app of index.applications.values()) {
    const { file } = app;
    const add = (path: string, rule: string, message: string, messageEn: string, params: Record<string, unknown> = {}, restrictedBasis = false) => out.push(issue(file, path, rule, message, messageEn, params, restrictedBasis));
    const demand = index.demands.get(app.demandId);
    if (!demand) {
      add('/demandId', 'demand-exists', NOT_IN_CATALOGUE(app.demandId).zh, NOT_IN_CATALOGUE(app.demandId).en);
      continue;
    }
    if (!app.id.startsWith(`${app.demandId}-A`)) add('/id', 'id-demand', `申请编号应以所揭需求编号“${app.demandId}”开头。`, `The application id must start with its demand “${app.demandId}”.`);
    const key = `${app.uscc}|${app.demandId}`;
    const earlier = seen.get(key);
    // Applications to a non-public demand are withheld with it: a public answer does not say one exists.
    if (earlier) add('/applicant/uscc', 'one-per-demand', `同一企业对同一需求只能提交一份申请，已有申请 ${earlier}。`, `One application per enterprise per demand: ${earlier} exists already.`, { existing: earlier }, !demand.isPublic);
    else seen.set(key, app.id);
    // The issuer cannot take up its own demand (a sealed issuer is checked where the key is).
    // Where the issuer's code is not public, a public answer does not say whose it is.
    if (demand.issuerUscc && demand.issuerUscc === app.uscc) add('/applicant/uscc', 'own-demand', '发榜企业不能揭自己发布的需求：申请企业的统一社会信用代码与发榜企业相同。', 'The issuer may not apply to its own demand: the applicant’s credit code is the issuer’s.', {}, !!demand.issuerUsccRestricted);
    if (demand.withdrawn && UNDER_REVIEW.has(index.recordedState(app.id))) add('/demandId', 'withdrawn', `需求“${app.demandId}”已撤出全国需求目录，不能再揭榜。`, `Demand “${app.demandId}” has been withdrawn from the national catalogue.`);
    if (app.directed && demand.isPublic) add('/directed', 'directed', '只有不公开的需求才能定向揭榜；公开需求请选“否”。', 'Only non-public demands take directed applications; choose “no”.');
    if (!app.directed && !demand.isPublic) add('/demandId', 'not-public', NOT_IN_CATALOGUE(app.demandId).zh, NOT_IN_CATALOGUE(app.demandId).en);
    // A non-public demand at rest in a public repository is sealed whole, and an application's
    // responses travel sealed (对接双方可见): either way the indicators are checked where the key is.
    // Where they are restricted (a non-public demand), no message names them.
    if (demand.indicators && !app.responsesSealed) {
      if (demand.indicatorsRestricted) checkRestrictedIndicators(app.answered, demand.indicators, (path, m, e) => add(path, 'indicators', m, e, {}, true));
      else checkIndicators(app.answered, demand.indicators, (path, m, e) => add(path, 'indicators', m, e));
    }
    const profile = index.enterprises.get(app.uscc);
    if (!profile) {
      add('/applicant/uscc', 'profile-exists', '该企业尚未提交《中小企业“揭榜”对接表》，请先提交对接表。', 'This enterprise has no profile (对接表) on file; submit the profile first.');
      continue;
    }
    if (profile.name !== app.name) add('/applicant/name', 'profile-name', `企业名称与对接表中的“${profile.name}”不一致。`, `The name differs from the profile’s “${profile.name}”.`);
    // Whose application it is is judged while the bureau reviews it, like size below.
    const area = index.site?.area;
    if (area && profile.region && UNDER_REVIEW.has(index.recordedState(app.id))) {
      const where = checkApplicantArea(area, index.site!.bureau, profile.region, app.uscc);
      if (!where.ok) add('/applicant/uscc', 'area', where.zh, where.en, { region: profile.region });
    }
    if (profile.figuresSealed) continue; // size is checked where the key is
    // Size is judged when the application is under review; a profile updated later (the SME
    // grew) must not invalidate applications already past the bureau's check.
    if (!UNDER_REVIEW.has(index.recordedState(app.id))) continue;
    const size = classify({ row: profile.row, employees: profile.employees, revenue: profile.revenue, assets: profile.assets } as Parameters<typeof classify>[0]);
    if (size.ok && !size.sme) {
      add('/applicant/uscc', 'sme-only', `按《中小企业划型标准规定》（工信部联企业〔2011〕300号），该企业属于大型企业，不能揭榜。`, 'Under the 2011 SME size standard this enterprise is large and may not apply.', { size: size.size, standard: size.standard }, profile.figuresRestricted);
    }
  }
  return out;
}

/** At most three applications selected per demand (by their chains as recorded). */
export function maxThreeIssues(index: CrossIndex): FileIssue[] {
  const byDemand = new Map<string, Array<Of<'application'>>>();
  for (const app of index.applications.values()) (byDemand.get(app.demandId) ?? byDemand.set(app.demandId, []).get(app.demandId)!).push(app);
  const out: FileIssue[] = [];
  for (const [demandId, apps] of byDemand) {
    const selected = apps.filter((a) => SELECTED_OR_LATER.has(index.recordedState(a.id))).sort((a, b) => byCodeUnits(a.id, b.id));
    if (selected.length > MAX_SELECTED) {
      const file = index.demands.get(demandId)?.file ?? selected[MAX_SELECTED]!.file;
      out.push(issue(file, '', 'max-three', `每项需求最多遴选 ${MAX_SELECTED} 家揭榜企业，现有 ${selected.length} 家：${selected.map((a) => a.id).join('、')}。`, `At most three applicants may be selected per demand; there are ${selected.length}.`));
    }
  }
  return out;
}

/** Every chain is about a demand or application that exists. */
export function orphanChainIssues(index: CrossIndex): FileIssue[] {
  const out: FileIssue[] = [];
  for (const [subject, chain] of index.chains) {
    // A submission accepted from an issue waits in its pull request: its `submit` is on the
    // branch already (that reserves the id), its entry arrives with the merge.
    if (!chain.pending && !index.demands.has(subject) && !index.applications.has(subject) && !index.rounds.has(subject)) {
      out.push(issue(chain.firstFile, '/subject', 'subject-exists', `审核对象“${subject}”不存在。`, `Subject “${subject}” does not exist.`));
    }
  }
  return out;
}

function officerIssues(index: CrossIndex): FileIssue[] {
  const out: FileIssue[] = [];
  for (const [i, demands] of (index.officers?.demands ?? []).entries()) {
    for (const [j, id] of (demands ?? []).entries()) {
      if (!index.demands.has(id)) out.push(issue(index.officers!.file, `/officers/${i}/demands/${j}`, 'demand-exists', `需求“${id}”不存在。`, `Demand “${id}” does not exist.`));
    }
  }
  return out;
}

/** The same rule against indicators whose names are restricted: one message, naming none of them. */
export function checkRestrictedIndicators(answered: string[], names: string[], add: (path: string, message: string, messageEn: string) => void): void {
  const agree = names.every((n) => answered.includes(n)) && answered.every((n, i) => names.includes(n) && answered.indexOf(n) === i);
  if (!agree) add('/indicatorResponses', '对技术指标的响应与该需求的指标不一致（该需求不公开，指标名称不在此列出），请按主管部门提供的需求文本逐项响应。', 'The indicator responses do not match the demand’s indicators (the demand is not public, so they are not listed here); answer each as given by the bureau.');
}

/** An application answers each of its demand's indicators exactly once, and nothing else. */
export function checkIndicators(answered: string[], names: string[], add: (path: string, message: string, messageEn: string) => void): void {
  for (const name of names) {
    if (!answered.includes(name)) add('/indicatorResponses', `缺少对技术指标“${name}”的响应。`, `No response to the indicator “${name}”.`);
  }
  answered.forEach((name, i) => {
    if (!names.includes(name)) add(`/indicatorResponses/${i}/indicator`, `需求中没有名为“${name}”的技术指标，请使用需求中的指标名称。`, `The demand has no indicator “${name}”; use the demand’s names.`);
    else if (answered.indexOf(name) !== i) add(`/indicatorResponses/${i}/indicator`, `对技术指标“${name}”重复响应。`, `The indicator “${name}” is answered twice.`);
  });
}
