/**
 * The short answers to officers' commands, in the command's language. No answer starts a
 * line with a slash, a quote or a code fence, so the pipeline never reads its own answer
 * as a command.
 */
import type { Decision } from '../generated/types.ts';
import type { Lang } from './grammar.ts';
import { actionLabel, stateLabel, subjectKindOf } from '../domain/machines.ts';
import { sizeLine } from './size-record.ts';
import { PARTY_ZH } from './authorize.ts';

/**
 * The hidden marker of the answer to one comment (or merge): the forge finds the answer by
 * it, so a replayed event edits its answer instead of adding another.
 */
export const REPLY_MARKER = (commentId: string | number) => `<!-- jiebang:command:${commentId} -->`;
export const MERGE_MARKER = (number: number) => `<!-- jiebang:merge:${number} -->`;

/** The answer as posted: the text, then its marker on a line of its own. */
export const withMarker = (text: string, marker: string) => `${text}\n\n${marker}`;

export function recordedReply(
  d: Decision,
  path: string,
  lang: Lang,
  notes: ReadonlyArray<{ zh: string; en: string; public?: boolean }> = [],
  inPublic = false,
): string {
  const what = {
    demand: { zh: '需求', en: 'Demand' },
    application: { zh: '申请', en: 'Application' },
    round: { zh: '批次', en: 'Round' },
  }[subjectKindOf(d.subject)][lang];
  // An act recorded on someone's behalf says whose act it is.
  const party = d.onBehalfOf
    ? lang === 'zh'
      ? `（代${PARTY_ZH[d.onBehalfOf]}登记）`
      : ` (recorded on behalf of ${d.onBehalfOf})`
    : '';
  const size = d.size ? ` ${sizeLine(d.size, lang, inPublic)}` : '';
  // Notes about restricted figures (an issuer whose figures say SME) stay off the forge too.
  const warn = (inPublic ? notes.filter((n) => n.public) : notes)
    .map((n) => `\n\n⚠️ ${lang === 'zh' ? n.zh : n.en}`)
    .join('');
  return lang === 'zh'
    ? `✅ 已记录：${what} ${d.subject}“${actionLabel(d.action)}”${party}（${stateLabel(d.from)} → ${stateLabel(d.to)}），台账 ${path}。${size}${warn}`
    : `✅ Recorded: ${what} ${d.subject} “${actionLabel(d.action, 'en')}”${party} (${stateLabel(d.from, 'en')} → ${stateLabel(d.to, 'en')}), ledger ${path}.${size}${warn}`;
}

export function refusalReply(zh: string, en: string, lang: Lang): string {
  return lang === 'zh' ? `⛔ 未执行：${zh}` : `⛔ Not done: ${en}`;
}

/** Refusals that do not depend on the subject. */
export const NOTICES = {
  bot: { zh: '机器人账号发出的命令不予执行。', en: 'Commands from bot accounts are not carried out.' },
  edited: {
    zh: '命令只在发表评论时执行，编辑后的评论不会执行；如需办理，请另发一条评论。',
    en: 'Commands run only when a comment is posted, never when it is edited; post a new comment instead.',
  },
  quote: {
    zh: '引用（>）中的命令不会执行；如需办理，请在评论开头直接写命令。',
    en: 'A command in a quote (>) is not carried out; write it at the start of a line of your own comment.',
  },
  code: {
    zh: '代码块中的命令不会执行；如需办理，请在评论开头直接写命令。',
    en: 'A command in a code block is not carried out; write it at the start of a line of your own comment.',
  },
  'inline-code': {
    zh: '行内代码（`…`）中的命令不会执行；如需办理，请不加反引号直接写命令。',
    en: 'A command in inline code (`…`) is not carried out; write it without backticks.',
  },
  'html-comment': { zh: 'HTML 注释中的命令不会执行。', en: 'A command inside an HTML comment is not carried out.' },
  many: { zh: '一条评论只能包含一个命令，请分开发送。', en: 'One command per comment, please; post them separately.' },
  'no-link': {
    zh: '本议题没有关联的需求或申请（台账中没有来自本议题的提交记录）。',
    en: 'This issue is not linked to a demand or application (the ledger has no submission from it).',
  },
  'select-which': {
    zh: '请写明要遴选的申请编号，如 XM-2026-003-A02。',
    en: 'Name the application to select, e.g. XM-2026-003-A02.',
  },
} as const;
