/**
 * docs/state-machines.md from pipeline/domain/machines.ts (and the command names of
 * pipeline/review/grammar.ts): the states, every recorded transition with the command that
 * takes it and the roles entitled to it, the derived transitions, and a state diagram
 * (Mermaid, which GitHub renders). The code is the source; the page cannot drift from it.
 */
import { banner } from './banner.ts';
import type { GeneratedFile } from './generated-file.ts';
import { COMMANDS, usageOf } from '../review/grammar.ts';
import {
  APPLICATION_STATES,
  DEMAND_STATES,
  DERIVED,
  ON_BEHALF,
  RECORDED,
  ROUND_STATES,
  actionLabel,
  stateLabel,
  type Role,
  type State,
  type SubjectKind,
} from '../domain/machines.ts';

const ROLE: Record<Role, string> = {
  bureau: '主管部门 bureau',
  miit: '工信部联络人 miit',
  issuer: '发榜企业代表 issuer',
  admin: '管理员 admin',
  submitter: '申报单位 submitter',
  system: '受理流水线 system',
};
const KIND: Record<SubjectKind, { zh: string; en: string }> = {
  demand: { zh: '需求', en: 'Demand' },
  application: { zh: '揭榜申请', en: 'Application' },
  round: { zh: '批次', en: 'Round' },
};
const STATES: Record<SubjectKind, readonly State[]> = {
  demand: DEMAND_STATES,
  application: APPLICATION_STATES,
  round: ROUND_STATES,
};

function onBehalfSection(): string {
  const lines = [
    '## 代为登记 / Acts recorded on behalf',
    '',
    '以文件送达主管部门的行为（工信部目录决定、发榜企业遴选函、合同、验收报告、撤回函）由下列角色代为登记，须附证明文件（文号、日期、扫描件 SHA-256）。',
    "Acts that reach the bureau as documents are recorded on the actor's behalf by these roles, with evidence (number, date, SHA-256 of the scan).",
    '',
    '| 行为方 / Actor | 可代为登记 / May record it |',
    '|---|---|',
  ];
  for (const [party, roles] of Object.entries(ON_BEHALF))
    lines.push(`| ${ROLE[party as Role]} | ${(roles ?? []).map((r) => ROLE[r]).join('<br>')} |`);
  return [...lines, ''].join('\n');
}

const both = (s: State) => `${stateLabel(s)} \`${s}\``;

function commandCell(action: string): string {
  const spec = COMMANDS.find((c) => c.action === action);
  if (!spec) return '（受理流水线记录 / recorded by the intake）';
  return `\`${usageOf(spec, 'zh')}\`<br>\`${usageOf(spec, 'en')}\``;
}

function section(kind: SubjectKind): string {
  const lines: string[] = [];
  lines.push(`## ${KIND[kind].zh} / ${KIND[kind].en}`, '');
  lines.push('### 状态 / States', '', '| 状态 | State | 代码 |', '|---|---|---|');
  for (const s of STATES[kind]) lines.push(`| ${stateLabel(s)} | ${stateLabel(s, 'en')} | \`${s}\` |`);
  lines.push('', '### 记录的转换（审核动作）/ Recorded transitions (acts)', '');
  lines.push('每个动作在台账中追加一条决定。/ Each act appends one decision to the ledger.', '');
  lines.push('| 动作 / Act | 命令 / Command | 从 / From | 到 / To | 可执行 / Who |', '|---|---|---|---|---|');
  for (const t of RECORDED[kind]) {
    lines.push(
      `| ${actionLabel(t.action)}<br>${actionLabel(t.action, 'en')} \`${t.action}\` | ${commandCell(t.action)} | ${t.from.map(both).join('<br>')} | ${both(t.to)} | ${t.roles.map((r) => ROLE[r]).join('<br>')} |`,
    );
  }
  lines.push('', '### 推导的转换（不记录，按日期和关联申请计算）/ Derived transitions (computed, never recorded)', '');
  lines.push('| 从 / From | 到 / To | 条件 | Condition |', '|---|---|---|---|');
  for (const d of DERIVED[kind]) lines.push(`| ${both(d.from)} | ${both(d.to)} | ${d.when} | ${d.whenEn} |`);
  lines.push('', '```mermaid', 'stateDiagram-v2');
  lines.push(`  [*] --> draft`);
  for (const t of RECORDED[kind]) for (const f of t.from) lines.push(`  ${f} --> ${t.to}: ${t.action}`);
  for (const d of DERIVED[kind]) lines.push(`  ${d.from} --> ${d.to}: (derived)`);
  lines.push('```', '');
  return lines.join('\n');
}

export async function generateStateMachines(): Promise<GeneratedFile[]> {
  const content = [
    banner('pipeline/domain/machines.ts and pipeline/review/grammar.ts', '<!--').trimEnd(),
    '',
    '# 审核状态机 / Review state machines',
    '',
    '需求和揭榜申请的状态只由审核台账（content/decisions/）推导：最后一条记录的转换，再加上按批次日期和关联申请推导的转换。',
    '谁可以执行哪个动作、命令怎么写，见 [review.md](review.md)。',
    '',
    'The status of every demand and application follows from the decision ledger (content/decisions/) only: the',
    'last recorded transition, then the derived transitions for the moment asked. Who may act and how commands',
    'are written: [review.md](review.md).',
    '',
    section('demand'),
    section('application'),
    section('round'),
    onBehalfSection(),
  ].join('\n');
  return [{ path: 'docs/state-machines.md', content }];
}
