/**
 * What two acts record beside the transition: the contract's amount and signing date
 * (`/签约 合同金额=120 签订日期=2026-08-01`) and MIIT's catalogue number
 * (`/入选目录 目录编号=2026-FJ-017`). Both are optional, as the notice does not require
 * them of the bureau; when given, they must be whole and well formed.
 */
import type { Decision } from '../generated/types.ts';
import type { Action } from '../domain/machines.ts';

export type ContractInfo = NonNullable<Decision['contract']>;
export type Engagement = NonNullable<Decision['engagement']>;
export type ActArgs =
  | { ok: true; contract?: ContractInfo; catalogueNo?: string; engagement?: Engagement }
  | { ok: false; zh: string; en: string };

const CONTRACT_HELP_ZH =
  '格式：/签约 合同金额=120 签订日期=2026-08-01（金额以万元计；两项都可不填，但填一项须填两项）。';
const CONTRACT_HELP_EN = 'Format: /contract amount=120 signed=2026-08-01 (amount in 10,000 CNY; give both or neither).';
const CATALOGUE_HELP_ZH = '格式：/入选目录 目录编号=2026-FJ-017（编号只含字母、数字和连字符，可不填）。';
const CATALOGUE_HELP_EN = 'Format: /catalogue no=2026-FJ-017 (letters, digits and hyphens; optional).';

const AMOUNT_KEYS = ['合同金额', '金额', 'amount'];
const DATE_KEYS = ['签订日期', '签约日期', '日期', 'signed', 'date'];
const CATALOGUE_KEYS = ['目录编号', '编号', 'no', 'number'];

/** `key=value` pairs (also `key = value`, `key：value`), keys lower-cased. */
function pairs(args: string): Map<string, string> | string {
  const tokens = args
    .normalize('NFKC')
    .replace(/\s*[=:]\s*/g, '=')
    .split(/[\s,，、;；]+/)
    .filter(Boolean);
  const out = new Map<string, string>();
  for (const t of tokens) {
    const m = /^(.+?)=(.+)$/.exec(t);
    if (!m) return t;
    out.set(m[1]!.toLowerCase(), m[2]!);
  }
  return out;
}

const pick = (m: Map<string, string>, keys: string[]) => keys.map((k) => m.get(k)).find((v) => v !== undefined);

function validDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const ENGAGE_HELP_ZH =
  '格式：/对接 日期=2026-09-12 方式=现场考察 结果=<对接结果或下一步安排>（方式为 洽谈、现场考察、技术交流、线上会议 或 其他）。';
const ENGAGE_HELP_EN =
  'Format: /engage date=2026-09-12 form=visit outcome=<what came of it> (form: talks, visit, exchange, online or other).';
const FORMS: Record<string, Engagement['form']> = {
  洽谈: 'talks',
  talks: 'talks',
  现场考察: 'visit',
  考察: 'visit',
  visit: 'visit',
  技术交流: 'exchange',
  交流: 'exchange',
  exchange: 'exchange',
  线上会议: 'online',
  线上: 'online',
  online: 'online',
  其他: 'other',
  other: 'other',
};

/** `/对接 日期=… 方式=… 结果=…`: the outcome is the rest of the text after its key (it may hold spaces). */
function parseEngagement(args: string): ActArgs {
  const text = args.trim(); // the outcome keeps its own punctuation; keys and values are normalised by pairs()
  const fail = (zh: string, en: string): ActArgs => ({
    ok: false,
    zh: `${zh}${ENGAGE_HELP_ZH}`,
    en: `${en} ${ENGAGE_HELP_EN}`,
  });
  const outcomeAt = /(?:^|\s)(?:结果|outcome)\s*[=＝:：]/i.exec(text);
  if (!outcomeAt) return fail('对接记录须写明结果。', 'A meeting needs its outcome.');
  const outcome = text.slice(outcomeAt.index + outcomeAt[0].length).trim();
  const m = pairs(text.slice(0, outcomeAt.index));
  if (typeof m === 'string') return fail(`看不懂“${m}”。`, `Cannot read “${m}”.`);
  const date = pick(m, ['日期', '对接日期', 'date']);
  const formText = pick(m, ['方式', '对接方式', 'form']);
  if (!date || !validDate(date))
    return fail(
      `对接日期“${date ?? ''}”应为有效日期，如 2026-09-12。`,
      `The date “${date ?? ''}” must be a valid date such as 2026-09-12.`,
    );
  const form = formText ? FORMS[formText.toLowerCase()] : undefined;
  if (!form)
    return fail(
      `对接方式“${formText ?? ''}”不在可选范围内。`,
      `The form “${formText ?? ''}” is not one of the choices.`,
    );
  if ([...outcome].length < 2 || [...outcome].length > 500)
    return fail('对接结果应为 2 至 500 字。', 'The outcome must have 2 to 500 characters.');
  return { ok: true, engagement: { date, form, outcome } };
}

/**
 * Keys an act's own arguments share with the evidence words (evidence.ts), kept for the act:
 * a meeting's 日期 is the meeting's (its document, if any, is dated with 成文日期); a
 * contract's 日期 is its signing date unless the command names a document (代/文号/sha256/文件),
 * when it is the document's date as on every other act on paper.
 */
export function ownKeys(action: Action, args: string): readonly string[] {
  const dateKeys = ['日期', 'date'];
  if (action === 'engage') return dateKeys;
  if (
    action === 'contract' &&
    !/(?:^|\s)(?:代|代为|代为登记|for|on-behalf|onbehalf|文号|doc|docno|sha256|摘要|文件|扫描件|file)\s*[=:＝：]/i.test(
      args.normalize('NFKC'),
    )
  )
    return dateKeys;
  return [];
}

export function parseActArgs(action: Action, args: string): ActArgs {
  if (action === 'engage') return parseEngagement(args);
  if (action !== 'contract' && action !== 'catalogue') return { ok: true };
  if (!args.trim()) return { ok: true };
  const m = pairs(args);
  if (action === 'catalogue') {
    const no = typeof m === 'string' ? m : pick(m, CATALOGUE_KEYS);
    if (typeof m !== 'string' && (no === undefined || m.size !== 1))
      return {
        ok: false,
        zh: `看不懂“${args.trim()}”。${CATALOGUE_HELP_ZH}`,
        en: `Cannot read “${args.trim()}”. ${CATALOGUE_HELP_EN}`,
      };
    if (!no || !/^[A-Za-z0-9-]{1,30}$/.test(no))
      return {
        ok: false,
        zh: `目录编号“${no ?? ''}”只能包含字母、数字和连字符，至多 30 位。${CATALOGUE_HELP_ZH}`,
        en: `The catalogue number “${no ?? ''}” may hold letters, digits and hyphens only, at most 30. ${CATALOGUE_HELP_EN}`,
      };
    return { ok: true, catalogueNo: no };
  }
  if (typeof m === 'string')
    return { ok: false, zh: `看不懂“${m}”。${CONTRACT_HELP_ZH}`, en: `Cannot read “${m}”. ${CONTRACT_HELP_EN}` };
  const amountText = pick(m, AMOUNT_KEYS);
  const dateText = pick(m, DATE_KEYS);
  const known = new Set([...AMOUNT_KEYS, ...DATE_KEYS]);
  const unknown = [...m.keys()].find((k) => !known.has(k));
  if (unknown)
    return {
      ok: false,
      zh: `不认识“${unknown}”。${CONTRACT_HELP_ZH}`,
      en: `Unknown item “${unknown}”. ${CONTRACT_HELP_EN}`,
    };
  if (amountText === undefined || dateText === undefined)
    return {
      ok: false,
      zh: `合同金额和签订日期须同时填写。${CONTRACT_HELP_ZH}`,
      en: `Give both the amount and the signing date. ${CONTRACT_HELP_EN}`,
    };
  const amount = /^\d{1,9}(\.\d{1,2})?$/.test(amountText.replace(/万元?$/, ''))
    ? Number(amountText.replace(/万元?$/, ''))
    : NaN;
  if (Number.isNaN(amount))
    return {
      ok: false,
      zh: `合同金额“${amountText}”应为以万元计的数字，至多两位小数。${CONTRACT_HELP_ZH}`,
      en: `The amount “${amountText}” must be a number in 10,000 CNY with at most two decimals. ${CONTRACT_HELP_EN}`,
    };
  if (!validDate(dateText))
    return {
      ok: false,
      zh: `签订日期“${dateText}”应为有效日期，如 2026-08-01。${CONTRACT_HELP_ZH}`,
      en: `The signing date “${dateText}” must be a valid date such as 2026-08-01. ${CONTRACT_HELP_EN}`,
    };
  return { ok: true, contract: { amount, signedOn: dateText } };
}
