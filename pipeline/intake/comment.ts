/**
 * The one comment intake keeps on each issue, in Chinese: what is wrong, field by field,
 * with what to do; or what was accepted and what happens next. It is found again by its
 * hidden marker and edited in place on every edit of the issue. Values shown are public
 * fields only (publicView, the one privacy rule), rendered inert.
 */
import type { Round } from '../generated/types.ts';
import { publicView } from '../privacy/visibility.ts';
import { stateLabel, type State } from '../domain/machines.ts';
import { zhDate, zhDateTime } from '../rules/shanghai.ts';
import type { Issue } from '../domain/issue.ts';
import { formFor, SEALED_ID, type FormKind } from '../forms/form.ts';
import { inline } from './markdown.ts';
import { answerFor } from '../forms/render-body.ts';
import { siteLink } from './site-links.ts';

export const INTAKE_MARKER = '<!-- jiebang:intake -->';
const SUBJECT_MARKER = /<!-- jiebang:subject=([A-Z0-9-]{1,40}) -->/;

export function subjectMarker(id: string): string {
  return `<!-- jiebang:subject=${id} -->`;
}

/** The subject a previous intake comment recorded for this issue. */
export function readSubjectMarker(body: string): string | undefined {
  return body.includes(INTAKE_MARKER) ? SUBJECT_MARKER.exec(body)?.[1] : undefined;
}

const KIND_NAMES: Record<FormKind, string> = { demand: '发榜需求', application: '揭榜申请', enterprise: '对接表' };
const ID_TITLES: Record<FormKind, string> = {
  demand: '需求编号',
  application: '申请编号',
  enterprise: '统一社会信用代码',
};

const FOOTER = '<sub>本答复由系统自动生成；修改已提交的内容后，系统会自动重新检查并更新本答复。</sub>';

/** How to change what was submitted: explained once, in the guide (never the forge's own words or menus). */
const HOW_TO_EDIT = '修改已提交的申请';
const guideRef = (links?: Links) =>
  links?.siteUrl
    ? `（方法见[办事指南](${siteLink(links.siteUrl, 'guides')})“${HOW_TO_EDIT}”一节）`
    : `（方法见办事指南“${HOW_TO_EDIT}”一节）`;

/**
 * Problems nothing in the submission can fix: the applicant is not an SME or not an
 * enterprise, or the period is over. Such an answer states the fact without fix-it advice.
 */
const FINAL_RULES = new Set(['sme-only', 'enterprise', 'not-enterprise', 'closed', 'call-closed', 'own-demand']);
const isFinal = (i: Issue) => FINAL_RULES.has(String(i.params?.rule));

export interface Links {
  /** https://<forge>/<owner>/<repo> */
  repoUrl?: string;
  siteUrl?: string;
}

function formLinks(links: Links): string[] {
  if (!links.repoUrl) return [];
  return (['demand', 'application', 'enterprise'] as const).map((k) => {
    const form = formFor(k);
    return `- [${form.name}](${links.repoUrl}/issues/new?template=${form.template}.yml)`;
  });
}

/** Beijing time for people: 2026年6月15日 10:00. */
export function beijing(at: Date): string {
  return zhDateTime(at);
}

function getAt(record: Record<string, unknown>, pointer: string): unknown {
  let v: unknown = record;
  for (const key of pointer.split('/').slice(1))
    v = v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
  return v;
}

/** The short public fields of the accepted record, as a two-column table. */
function summary(kind: FormKind, id: string, record: Record<string, unknown>): string[] {
  const rows: Array<[string, string]> = [[ID_TITLES[kind], id]];
  const visible = publicView(kind, record) as Record<string, unknown> | undefined;
  for (const field of formFor(kind).fields) {
    if (field.id === SEALED_ID) continue;
    if (kind === 'enterprise' && field.id === 'uscc') continue; // shown as the id
    const value = visible ? getAt(visible, field.pointer) : undefined;
    if (value === undefined) continue;
    if (field.valueKind === 'markdown' || field.valueKind === 'declaration') continue;
    const shown = field.valueKind === 'table' ? `${(value as unknown[]).length} 项` : answerFor(field, value);
    rows.push([field.label, shown]);
  }
  if (typeof record.sealed === 'string')
    rows.push([
      '密封信息',
      kind === 'application'
        ? '已收到（申请书正文和技术指标响应已加密，仅主管部门和该需求的发榜企业代表可以解密）'
        : '已收到（内容加密，仅主管部门可解密核对）',
    ]);
  if (!visible)
    rows.push([
      '公开范围',
      kind === 'application'
        ? '不公开：定向揭榜申请随所揭的不公开需求一同不公开'
        : '不公开：内容均已密封，仅主管部门可见',
    ]);
  return ['| 栏目 | 内容 |', '| --- | --- |', ...rows.map(([k, v]) => `| ${k} | ${inline(v)} |`)];
}

export interface AcceptedComment {
  kind: FormKind;
  id: string;
  record: Record<string, unknown>;
  at: Date;
  /**
   * Where the entry went. `pr-pending`: the answer is posted before its pull request exists
   * (a remote forge), and edited to `pr` once it does; `pr-failed`: that write failed.
   */
  written:
    | { mode: 'pr'; number: number; url: string }
    | { mode: 'commit'; sha: string }
    | { mode: 'pr-pending' }
    | { mode: 'pr-failed' };
  /** The submission was already accepted and is now updated (or resubmitted after a return). */
  update?: 'updated' | 'resubmitted';
  notes: string[];
  round?: Round;
  links: Links;
  /** Whom the bureau recommends to (site.yml `upstream`): 工业和信息化部, or a province. */
  upstream?: string;
}

function nextSteps(c: AcceptedComment): string[] {
  const phases = c.round?.phases;
  const until = (p?: { start: string; end: string }) => (p ? `（${zhDate(p.start)}至${zhDate(p.end)}）` : '');
  const up = c.upstream ?? '上级主管部门';
  switch (c.kind) {
    case 'demand':
      return [
        `- 主管部门将在“初核与推荐”阶段${until(phases?.precheck)}初核本需求，通过的推荐至${up}，结果会在本页答复。`,
        `- 初核开始前，如需修改，在本页修改已提交的需求表即可${guideRef(c.links)}；编号保持不变。`,
        '- 入选需求目录并进入揭榜申请期后，公开需求会在网站的需求目录中发布。',
      ];
    case 'application':
      return [
        `- 主管部门将在“初审与推荐”阶段${until(phases?.review)}审核本申请，通过后推荐至${up}，由发榜企业遴选。`,
        `- 初审开始前，如需修改已提交的申请，在本页修改即可${guideRef(c.links)}；编号保持不变。`,
      ];
    case 'enterprise':
      return [
        '- 对接表已登记。揭榜时，在申请书中填写本企业的统一社会信用代码即可引用本对接表。',
        '- 企业规模由主管部门按《中小企业划型标准规定》根据密封的从业人员、营业收入等数据核定。',
      ];
  }
}

function whereWritten(w: AcceptedComment['written']): string {
  switch (w.mode) {
    case 'pr':
      return `主管部门核对后正式登记（[核对记录 #${w.number}](${w.url})）。`;
    case 'commit':
      return `已正式登记（记录 \`${w.sha.slice(0, 7)}\`）。`;
    case 'pr-pending':
      return '主管部门核对后正式登记（核对记录正在生成，生成后在此附上链接）。';
    case 'pr-failed':
      return '主管部门核对后正式登记。核对记录暂未生成（系统写入出错；编号不变），系统会在下次处理本页时重试；如长时间未生成，请联系主管部门。';
  }
}

export function renderAccepted(c: AcceptedComment): string {
  const name = KIND_NAMES[c.kind];
  const headline = c.update === 'resubmitted' ? '已重新提交' : c.update === 'updated' ? '已更新' : '已受理';
  const where = whereWritten(c.written);
  return [
    INTAKE_MARKER,
    subjectMarker(c.id),
    `## ✅ ${headline}：${c.id}`,
    '',
    `您的${name}已通过格式和规则检查（北京时间 ${beijing(c.at)}）。${where}`,
    '',
    ...summary(c.kind, c.id, c.record),
    ...(c.notes.length ? ['', '**说明**', '', ...c.notes.map((n) => `- ${n}`)] : []),
    '',
    '**下一步**',
    '',
    ...nextSteps(c),
    '',
    FOOTER,
  ].join('\n');
}

export interface ProblemsComment {
  kind: FormKind;
  issues: Issue[];
  /** The subject this issue was accepted as before (kept; the accepted version stays until a fixed one passes). */
  keptId?: string;
  notes: string[];
  links: Links;
}

/** Problems in the order of the form's fields (record-level ones first). */
function ordered(kind: FormKind, issues: Issue[]): Issue[] {
  const order = formFor(kind).fields.map((f) => f.pointer);
  const rank = (p: string) => {
    if (p === '') return -1;
    const i = order.findIndex((f) => p === f || p.startsWith(`${f}/`));
    return i < 0 ? order.length : i;
  };
  return issues
    .map((issue, i) => ({ issue, i }))
    .sort((a, b) => rank(a.issue.path) - rank(b.issue.path) || a.i - b.i)
    .map((x) => x.issue);
}

export function renderProblems(c: ProblemsComment): string {
  const list = ordered(c.kind, c.issues);
  if (list.length && list.every(isFinal)) {
    return [
      INTAKE_MARKER,
      ...(c.keptId ? [subjectMarker(c.keptId)] : []),
      `## ⛔ 不能受理`,
      '',
      ...list.map((issue) => `- ${inline(issue.message, 1000)}`),
      ...(c.keptId ? ['', `此前已受理的版本（编号 ${c.keptId}）保持不变。`] : []),
      '',
      FOOTER,
    ].join('\n');
  }
  return [
    INTAKE_MARKER,
    ...(c.keptId ? [subjectMarker(c.keptId)] : []),
    `## ⚠️ 需要修改（共 ${list.length} 处）`,
    '',
    `您提交的${KIND_NAMES[c.kind]}还有以下问题。请修改已提交的${KIND_NAMES[c.kind]}${guideRef(c.links)}，逐项改正后保存，系统会自动重新检查并更新这条答复。`,
    ...(c.keptId ? ['', `此前已受理的版本（编号 ${c.keptId}）仍然有效，修改通过检查后会替换它。`] : []),
    '',
    ...list.map((issue, i) => `${i + 1}. ${inline(issue.message, 1000)}`),
    ...(c.notes.length ? ['', '**说明**', '', ...c.notes.map((n) => `- ${n}`)] : []),
    '',
    '请保留表单中以 `###` 开头的各栏标题，只修改标题下面的内容。',
    '',
    FOOTER,
  ].join('\n');
}

export function renderNoForm(reason: 'no-form' | 'too-large', links: Links): string {
  const why =
    reason === 'too-large'
      ? '提交的内容过长，超出了申报表单可能产生的长度，无法受理。'
      : '提交的内容没有按申报表单的格式填写（可能没有通过网站上的“在线填写”入口提交），系统无法从中读出申报内容。';
  return [
    INTAKE_MARKER,
    '## ℹ️ 未能识别申报内容',
    '',
    why,
    '',
    '请使用下面的表单重新提交，表单会逐项提示要填写的内容：',
    '',
    ...formLinks(links),
    ...(links.siteUrl
      ? [
          '',
          `填写说明见网站上的[办事指南](${siteLink(links.siteUrl, 'guides')})；联系人等受限信息请用[提交助手](${siteLink(links.siteUrl, 'helper')})加密后填写。`,
        ]
      : []),
    '',
    '如果您是用表单填写后又修改了内容，请确认各栏的标题（以 `###` 开头的行）没有被删除或改动。',
    '',
    FOOTER,
  ].join('\n');
}

/**
 * Edits that are no longer taken: the submission is under review (`review`), or its phase
 * is over (`deadline`). The accepted version stands either way.
 */
export function renderRefused(
  kind: FormKind,
  id: string,
  state: State,
  round?: Round,
  why: 'review' | 'deadline' = 'review',
): string {
  const contact = round?.contact;
  const reason =
    why === 'review'
      ? `本${KIND_NAMES[kind]}当前状态为“${stateLabel(state)}”，已进入审核流程，修改不会再被自动受理，已受理的版本保持不变。`
      : `${kind === 'demand' ? '发榜征集期' : '揭榜申请期'}已经结束，修改不再受理；已受理的版本（状态“${stateLabel(state)}”）保持不变。`;
  return [
    INTAKE_MARKER,
    subjectMarker(id),
    `## 🔒 修改未受理：${id}`,
    '',
    reason,
    '',
    // A deadline cannot be fixed: the answer gives the bureau's contact for questions, not advice to correct.
    `${why === 'review' ? '如需更正，请联系主管部门' : '如有疑问，可联系主管部门'}${contact ? `（${inline(contact.department)}，电话 ${inline(contact.phone)}，邮箱 ${inline(contact.email)}）` : ''}。`,
    '',
    FOOTER,
  ].join('\n');
}
