/**
 * Officers' commands as they are typed in comments: `/初核通过`, `/return 材料不全`,
 * `/遴选 XM-2026-003-A02 团队水平=90 研发能力=85 攻关方案=88 与需求匹配度=92`.
 *
 * A command starts a line (up to three spaces of indent, as Markdown allows before a
 * paragraph). Text a reader would not take as an instruction is not one: lines in a block
 * quote (`>`), fenced or indented code, inline code, HTML comments. Such a command is
 * reported as `hidden` so the pipeline can say why nothing happened.
 */
import type { Decision } from '../generated/types.ts';
import type { Action } from '../domain/machines.ts';
import { APPLICATION_ID, APPLICATION_ID_ANY_CASE } from '../domain/ids.ts';

export type Lang = 'zh' | 'en';
export type Scores = NonNullable<Decision['scores']>;

export interface CommandSpec {
  action: Action;
  zh: readonly string[];
  en: readonly string[];
  /** Whether the command takes a reason (the text after it). */
  reason: 'required' | 'optional' | 'none';
}

/** Every command, with its Chinese and English names (the first of each is the one we show). */
export const COMMANDS: readonly CommandSpec[] = [
  { action: 'approve', zh: ['初核通过'], en: ['approve'], reason: 'none' },
  { action: 'return', zh: ['退回', '退回修改'], en: ['return'], reason: 'required' },
  { action: 'reject', zh: ['不予推荐', '初审不通过'], en: ['reject'], reason: 'required' },
  { action: 'recommend', zh: ['推荐'], en: ['recommend'], reason: 'none' },
  { action: 'catalogue', zh: ['入选目录'], en: ['catalogue', 'catalog'], reason: 'none' },
  { action: 'decline', zh: ['未入选目录'], en: ['decline'], reason: 'optional' },
  { action: 'pass', zh: ['初审通过'], en: ['pass'], reason: 'none' },
  { action: 'forward', zh: ['推送', '推送发榜企业'], en: ['forward'], reason: 'none' },
  { action: 'select', zh: ['遴选', '遴选入选'], en: ['select'], reason: 'none' },
  { action: 'contract', zh: ['签约'], en: ['contract'], reason: 'none' },
  { action: 'start', zh: ['开始实施'], en: ['start'], reason: 'none' },
  { action: 'accept', zh: ['验收通过'], en: ['accept'], reason: 'none' },
  { action: 'fail_acceptance', zh: ['验收不通过'], en: ['fail'], reason: 'required' },
  { action: 'supplier', zh: ['进入供应商目录'], en: ['supplier'], reason: 'none' },
  { action: 'deepen', zh: ['深化合作'], en: ['deepen'], reason: 'none' },
  { action: 'engage', zh: ['对接记录', '对接'], en: ['engage', 'meeting'], reason: 'none' },
  { action: 'withdraw', zh: ['撤回'], en: ['withdraw'], reason: 'optional' },
  { action: 'drop_out', zh: ['退出揭榜', '退出'], en: ['drop-out', 'dropout'], reason: 'required' },
  { action: 'replace', zh: ['递补', '递补入选'], en: ['replace'], reason: 'none' },
  { action: 'terminate', zh: ['终止合作', '终止'], en: ['terminate'], reason: 'required' },
  { action: 'close_round', zh: ['批次办结', '办结批次'], en: ['close-round'], reason: 'optional' },
];

/** The four criteria of the notice, with the names officers may type for each. */
export const CRITERIA: ReadonlyArray<{ key: keyof Scores; zh: string; en: string; aliases: readonly string[] }> = [
  { key: 'team', zh: '团队水平', en: 'team', aliases: ['团队水平', '团队', 'team'] },
  { key: 'rd', zh: '研发能力', en: 'rd', aliases: ['研发能力', '研发', 'rd', 'r&d'] },
  { key: 'plan', zh: '攻关方案', en: 'plan', aliases: ['攻关方案', '方案', 'plan'] },
  { key: 'match', zh: '与需求匹配度', en: 'match', aliases: ['与需求匹配度', '需求匹配度', '匹配度', 'match'] },
];

export interface ParsedCommand {
  kind: 'command';
  spec: CommandSpec;
  lang: Lang;
  /** The command word as typed. */
  word: string;
  /** Everything after the command word (the rest of the comment), trimmed. */
  args: string;
}

export type Parsed =
  | { kind: 'none' }
  | { kind: 'hidden'; where: 'quote' | 'code' | 'inline-code' | 'html-comment'; lang: Lang }
  | { kind: 'many'; lang: Lang }
  | ParsedCommand;

const SLASH = '[/／]';
// Longest names first, so /验收不通过 is not read as a shorter command.
const NAMES = COMMANDS.flatMap((spec) => [
  ...spec.zh.map((w) => ({ spec, w, lang: 'zh' as const })),
  ...spec.en.map((w) => ({ spec, w, lang: 'en' as const })),
]).sort((a, b) => b.w.length - a.w.length);

/** The command a line starts with (after optional indent), or undefined. */
function commandAt(line: string): { spec: CommandSpec; lang: Lang; word: string; rest: string } | undefined {
  const m = new RegExp(`^ {0,3}${SLASH}(.*)$`, 's').exec(line);
  if (!m) return undefined;
  const after = m[1]!;
  for (const { spec, w, lang } of NAMES) {
    if (lang === 'zh' && after.startsWith(w)) return { spec, lang, word: w, rest: after.slice(w.length) };
    // English words end at a space or the end of the line: /approved is not /approve.
    if (
      lang === 'en' &&
      after.slice(0, w.length).toLowerCase() === w &&
      !/^[A-Za-z0-9_-]/.test(after.slice(w.length))
    ) {
      return { spec, lang, word: after.slice(0, w.length), rest: after.slice(w.length) };
    }
  }
  return undefined;
}

interface Line {
  text: string;
  hidden?: 'quote' | 'code' | 'inline-code' | 'html-comment';
}

/** The comment's lines, each marked with why a reader would not take it as a command. */
function classifyLines(body: string): Line[] {
  const out: Line[] = [];
  let fence: string | undefined;
  let inHtmlComment = false;
  let previousBlank = true;
  for (const raw of body.replace(/\r\n?/g, '\n').split('\n')) {
    if (fence) {
      out.push({ text: raw, hidden: 'code' });
      if (new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`).test(raw)) fence = undefined;
      continue;
    }
    if (inHtmlComment) {
      out.push({ text: raw, hidden: 'html-comment' });
      if (raw.includes('-->')) inHtmlComment = false;
      continue;
    }
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(raw);
    if (open) {
      fence = open[1];
      out.push({ text: raw.replace(/^ {0,3}(`{3,}|~{3,})[^`]*/, ''), hidden: 'code' });
      continue;
    }
    if (/^ {0,3}<!--/.test(raw)) {
      if (!raw.includes('-->')) inHtmlComment = true;
      out.push({ text: raw.replace(/^ {0,3}<!--/, ''), hidden: 'html-comment' });
      continue;
    }
    const quote = /^ {0,3}>\s?(.*)$/s.exec(raw);
    if (quote) {
      out.push({ text: quote[1]!.replace(/^(\s*>\s?)+/, ''), hidden: 'quote' });
      previousBlank = false;
      continue;
    }
    // Indented code: four spaces (or a tab) after a blank line.
    if (previousBlank && /^( {4}|\t)/.test(raw) && raw.trim()) {
      out.push({ text: raw.trim(), hidden: 'code' });
      continue;
    }
    const inline = /^ {0,3}(`+)\s*(.*)$/s.exec(raw);
    if (inline) {
      out.push({ text: inline[2]!, hidden: 'inline-code' });
      previousBlank = false;
      continue;
    }
    out.push({ text: raw });
    previousBlank = raw.trim() === '';
  }
  return out;
}

/** Read a comment: the one command it gives, or why it gives none. */
export function parseComment(body: string): Parsed {
  const lines = classifyLines(body);
  const found: Array<{ index: number; spec: CommandSpec; lang: Lang; word: string; rest: string }> = [];
  let hidden: Extract<Parsed, { kind: 'hidden' }> | undefined;
  lines.forEach((line, index) => {
    const c = commandAt(line.text);
    if (!c) return;
    if (line.hidden) hidden ??= { kind: 'hidden', where: line.hidden, lang: c.lang };
    else found.push({ index, ...c });
  });
  if (found.length > 1) return { kind: 'many', lang: found[0]!.lang };
  const c = found[0];
  if (!c) return hidden ?? { kind: 'none' };
  // The arguments: the rest of the command's line and every visible line after it.
  const rest = [
    c.rest,
    ...lines
      .slice(c.index + 1)
      .filter((l) => !l.hidden)
      .map((l) => l.text),
  ].join('\n');
  return { kind: 'command', spec: c.spec, lang: c.lang, word: c.word, args: rest.replace(/^[\s:：,，、]+/, '').trim() };
}

export { APPLICATION_ID };

export type SelectArgs = { ok: true; application?: string; scores: Scores } | { ok: false; zh: string; en: string };

const SCORE_HELP_ZH =
  '请按“团队水平 研发能力 攻关方案 与需求匹配度”的顺序给出四个 0–100 的分数，或写成 团队水平=90 研发能力=85 攻关方案=88 与需求匹配度=92。';
const SCORE_HELP_EN =
  'Give four scores from 0 to 100 in the order team, R&D, plan, match, or as team=90 rd=85 plan=88 match=92.';

/** `/遴选 [申请编号] <四项评分>`: the application named (if any) and the four scores. */
export function parseSelectArgs(args: string): SelectArgs {
  const tokens = args
    .normalize('NFKC')
    .split(/[\s,，、;；]+/)
    .filter(Boolean);
  let application: string | undefined;
  if (tokens[0] && APPLICATION_ID_ANY_CASE.test(tokens[0])) application = tokens.shift()!.toUpperCase();
  const bare: number[] = [];
  const named: Partial<Scores> = {};
  const num = (s: string) => (/^\d{1,3}(\.\d+)?$/.test(s) ? Number(s) : NaN);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const pair = /^(.+?)[=:](.*)$/.exec(t);
    if (pair) {
      const key = pair[1]!.toLowerCase();
      const criterion = CRITERIA.find((c) => c.aliases.includes(key));
      // "团队水平 = 90" arrives as three tokens, "团队水平= 90" as two.
      let valueText = pair[2]!;
      if (valueText === '' && tokens[i + 1] !== undefined) valueText = tokens[++i]!;
      const value = num(valueText);
      if (!criterion)
        return {
          ok: false,
          zh: `不认识评分项“${pair[1]}”。${SCORE_HELP_ZH}`,
          en: `Unknown criterion “${pair[1]}”. ${SCORE_HELP_EN}`,
        };
      if (Number.isNaN(value))
        return {
          ok: false,
          zh: `“${criterion.zh}”的分数“${valueText}”不是数字。${SCORE_HELP_ZH}`,
          en: `The ${criterion.en} score “${valueText}” is not a number. ${SCORE_HELP_EN}`,
        };
      if (named[criterion.key] !== undefined)
        return { ok: false, zh: `“${criterion.zh}”打了两次分。`, en: `The ${criterion.en} score is given twice.` };
      named[criterion.key] = value;
    } else if (
      CRITERIA.some((c) => c.aliases.includes(t.toLowerCase())) &&
      tokens[i + 1] &&
      /^[=:]/.test(tokens[i + 1]!)
    ) {
      tokens[i + 1] = `${t}${tokens[i + 1]}`;
    } else {
      const value = num(t);
      if (Number.isNaN(value))
        return { ok: false, zh: `看不懂“${t}”。${SCORE_HELP_ZH}`, en: `Cannot read “${t}”. ${SCORE_HELP_EN}` };
      bare.push(value);
    }
  }
  if (bare.length && Object.keys(named).length)
    return {
      ok: false,
      zh: `请不要混用带名称和不带名称的分数。${SCORE_HELP_ZH}`,
      en: `Do not mix named and bare scores. ${SCORE_HELP_EN}`,
    };
  let scores: Partial<Scores> = named;
  if (bare.length) {
    if (bare.length !== 4)
      return {
        ok: false,
        zh: `需要四个分数，收到 ${bare.length} 个。${SCORE_HELP_ZH}`,
        en: `Four scores are needed, got ${bare.length}. ${SCORE_HELP_EN}`,
      };
    scores = { team: bare[0]!, rd: bare[1]!, plan: bare[2]!, match: bare[3]! };
  }
  const missing = CRITERIA.filter((c) => scores[c.key] === undefined);
  if (missing.length) {
    return {
      ok: false,
      zh: `缺少评分：${missing.map((c) => c.zh).join('、')}。${SCORE_HELP_ZH}`,
      en: `Missing scores: ${missing.map((c) => c.en).join(', ')}. ${SCORE_HELP_EN}`,
    };
  }
  const out = scores as Scores;
  const outOfRange = CRITERIA.find((c) => out[c.key] < 0 || out[c.key] > 100);
  if (outOfRange)
    return {
      ok: false,
      zh: `“${outOfRange.zh}”的分数应在 0 到 100 之间。`,
      en: `The ${outOfRange.en} score must be from 0 to 100.`,
    };
  return {
    ok: true,
    ...(application ? { application } : {}),
    scores: { team: out.team, rd: out.rd, plan: out.plan, match: out.match },
  };
}

/** How a command is written, for help texts: `/退回 <理由>`. */
export function usageOf(spec: CommandSpec, lang: Lang): string {
  const word = `/${lang === 'zh' ? spec.zh[0] : spec.en[0]}`;
  if (spec.action === 'select' || spec.action === 'replace')
    return lang === 'zh'
      ? `${word} <申请编号> <团队水平> <研发能力> <攻关方案> <与需求匹配度>`
      : `${word} <application> <team> <rd> <plan> <match>`;
  if (spec.action === 'contract')
    return lang === 'zh'
      ? `${word} [合同金额=<万元> 签订日期=<年-月-日>]`
      : `${word} [amount=<10,000 CNY> signed=<YYYY-MM-DD>]`;
  if (spec.action === 'engage')
    return lang === 'zh'
      ? `${word} 日期=<年-月-日> 方式=<洽谈|现场考察|技术交流|线上会议|其他> 结果=<结果>`
      : `${word} date=<YYYY-MM-DD> form=<talks|visit|exchange|online|other> outcome=<text>`;
  if (spec.action === 'catalogue') return lang === 'zh' ? `${word} [目录编号=<编号>]` : `${word} [no=<number>]`;
  if (spec.reason === 'required') return lang === 'zh' ? `${word} <理由>` : `${word} <reason>`;
  if (spec.reason === 'optional') return lang === 'zh' ? `${word} [理由]` : `${word} [reason]`;
  return word;
}

export function commandFor(action: Action): CommandSpec | undefined {
  return COMMANDS.find((c) => c.action === action);
}
