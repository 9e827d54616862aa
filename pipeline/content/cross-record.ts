/**
 * Rules that relate records to each other: ids agree with file locations, references
 * resolve, one application per (enterprise, demand), only SMEs apply, the applicant
 * answers every indicator, directed applications only for non-public demands, and at
 * most three selections per demand. Each problem is reported on the file that has to change.
 */
import type { Application } from '../generated/types.ts';
import { classify } from '../rules/sme-size.ts';
import type { Issue } from '../validate/issue.ts';
import { buildCatalog, type Catalog } from './catalog.ts';
import type { LoadedRecord } from './load.ts';
import { recordedStatus } from '../review/status.ts';

export interface FileIssue extends Issue { file: string }

const UNDER_REVIEW = new Set(['draft', 'submitted', 'returned']);
const SELECTED = new Set(['selected', 'contracted', 'in_progress', 'accepted', 'acceptance_failed', 'supplier_listed', 'cooperation_deepened']);

export function crossRecordIssues(records: LoadedRecord[], catalog: Catalog = buildCatalog(records)): FileIssue[] {
  const out: FileIssue[] = [];
  const add = (file: string, path: string, rule: string, message: string, messageEn: string, params: Record<string, unknown> = {}) =>
    out.push({ file, path, keyword: `cross-record`, params: { rule, ...params }, message, messageEn });

  for (const r of records) {
    if (!r.data || r.issues.length) continue;
    const d = r.data;
    const idField = r.kind === 'enterprise' ? 'uscc' : 'id';
    if (['demand', 'application', 'enterprise', 'round'].includes(r.kind) && d[idField] !== r.locationId) {
      add(r.file, `/${idField}`, 'location', `编号“${String(d[idField])}”与文件位置“${r.locationId}”不一致：编号和文件（夹）名必须相同。`, `The id “${String(d[idField])}” does not match the file location “${r.locationId}”.`);
    }
    if (r.kind === 'decision' && r.locationId !== String(d.seq).padStart(4, '0')) {
      add(r.file, '/seq', 'location', `序号 ${String(d.seq)} 与文件名“${r.locationId}”不一致。`, `Sequence ${String(d.seq)} does not match the file name “${r.locationId}”.`);
    }
  }

  for (const demand of catalog.demands.values()) {
    const file = catalog.sources.get(demand.id)!.file;
    if (!catalog.rounds.has(demand.round)) add(file, '/round', 'round-exists', `年度批次“${demand.round}”不存在。`, `Round “${demand.round}” does not exist.`);
    else if (!demand.id.startsWith(`${demand.round}-`)) add(file, '/id', 'id-round', `需求编号应以所属批次“${demand.round}”开头。`, `The demand id must start with its round “${demand.round}”.`);
  }

  const seen = new Map<string, string>();
  for (const app of catalog.applications.values()) {
    const file = catalog.sources.get(app.id)!.file;
    const demand = catalog.demands.get(app.demandId);
    if (!demand) {
      add(file, '/demandId', 'demand-exists', `揭榜需求编号“${app.demandId}”不存在，请对照需求目录填写。`, `Demand “${app.demandId}” does not exist; copy its number from the catalogue.`);
      continue;
    }
    if (!app.id.startsWith(`${app.demandId}-A`)) add(file, '/id', 'id-demand', `申请编号应以所揭需求编号“${app.demandId}”开头。`, `The application id must start with its demand “${app.demandId}”.`);
    const key = `${app.applicant.uscc}|${app.demandId}`;
    const earlier = seen.get(key);
    if (earlier) add(file, '/applicant/uscc', 'one-per-demand', `同一企业对同一需求只能提交一份申请，已有申请 ${earlier}。`, `One application per enterprise per demand: ${earlier} exists already.`, { existing: earlier });
    else seen.set(key, app.id);
    if (app.directed && demand.isPublic) add(file, '/directed', 'directed', '只有不公开的需求才能定向揭榜；公开需求请选“否”。', 'Only non-public demands take directed applications; choose “no”.');
    if (!app.directed && !demand.isPublic) add(file, '/demandId', 'not-public', '该需求不公开，只能由主管部门组织定向揭榜。', 'This demand is not public; only directed applications arranged by the bureau are possible.');
    // A non-public demand at rest in a public repository is sealed whole: its indicators are checked where the key is.
    if (demand.technicalIndicators) checkIndicators(app, demand.technicalIndicators.map((i) => i.name), (path, m, e) => add(file, path, 'indicators', m, e));
    const profile = catalog.enterprises.get(app.applicant.uscc);
    if (!profile) {
      add(file, '/applicant/uscc', 'profile-exists', '该企业尚未提交《中小企业“揭榜”对接表》，请先提交对接表。', 'This enterprise has no profile (对接表) on file; submit the profile first.');
      continue;
    }
    if (profile.name !== app.applicant.name) add(file, '/applicant/name', 'profile-name', `企业名称与对接表中的“${profile.name}”不一致。`, `The name differs from the profile’s “${profile.name}”.`);
    if (typeof profile.sealed === 'string' && profile.employees === undefined) continue; // size is checked where the key is
    // Size is judged when the application is under review; a profile updated later (the SME
    // grew) must not invalidate applications already past the bureau's check.
    if (!UNDER_REVIEW.has(recordedStatus(catalog.decisions.get(app.id)).state)) continue;
    const size = classify({ row: profile.industry.sizeRow, employees: profile.employees, revenue: profile.revenueLastYear, assets: profile.totalAssets });
    if (size.ok && !size.sme) {
      add(file, '/applicant/uscc', 'sme-only', `按《中小企业划型标准规定》（工信部联企业〔2011〕300号），该企业属于大型企业，不能揭榜。`, 'Under the 2011 SME size standard this enterprise is large and may not apply.', { size: size.size, standard: size.standard });
    }
  }

  for (const [demandId, apps] of catalog.applicationsByDemand) {
    const selected = apps.filter((a) => SELECTED.has(recordedStatus(catalog.decisions.get(a.id)).state));
    if (selected.length > 3) {
      const file = catalog.sources.get(demandId)?.file ?? catalog.sources.get(selected[3]!.id)!.file;
      add(file, '', 'max-three', `每项需求最多遴选 3 家揭榜企业，现有 ${selected.length} 家：${selected.map((a) => a.id).join('、')}。`, `At most three applicants may be selected per demand; there are ${selected.length}.`);
    }
  }

  for (const [subject, chain] of catalog.decisions) {
    // A submission accepted from an issue waits in its pull request: its `submit` is on the
    // branch already (that reserves the id), its entry arrives with the merge.
    const pending = chain.every((d) => d.action === 'submit');
    if (!pending && !catalog.demands.has(subject) && !catalog.applications.has(subject)) {
      add(catalog.sources.get(`${subject}#${chain[0]!.seq}`)!.file, '/subject', 'subject-exists', `审核对象“${subject}”不存在。`, `Subject “${subject}” does not exist.`);
    }
  }

  for (const [i, officer] of (catalog.officers?.officers ?? []).entries()) {
    for (const [j, id] of (officer.demands ?? []).entries()) {
      if (!catalog.demands.has(id)) add('content/officers.yml', `/officers/${i}/demands/${j}`, 'demand-exists', `需求“${id}”不存在。`, `Demand “${id}” does not exist.`);
    }
  }
  return out;
}

/** An application answers each of its demand's indicators exactly once, and nothing else. */
export function checkIndicators(app: Application, names: string[], add: (path: string, message: string, messageEn: string) => void): void {
  const answered = app.indicatorResponses.map((r) => r.indicator);
  for (const name of names) {
    if (!answered.includes(name)) add('/indicatorResponses', `缺少对技术指标“${name}”的响应。`, `No response to the indicator “${name}”.`);
  }
  answered.forEach((name, i) => {
    if (!names.includes(name)) add(`/indicatorResponses/${i}/indicator`, `需求中没有名为“${name}”的技术指标，请使用需求中的指标名称。`, `The demand has no indicator “${name}”; use the demand’s names.`);
    else if (answered.indexOf(name) !== i) add(`/indicatorResponses/${i}/indicator`, `对技术指标“${name}”重复响应。`, `The indicator “${name}” is answered twice.`);
  });
}
