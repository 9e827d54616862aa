/**
 * 统一社会信用代码 (GB 32100-2015): shape, alphabet, region digits, both check characters
 * (the code's own, position 18, and the embedded GB 11714 organization code's, position 17)
 * and the registration authority and category (positions 1–2). Each failure names the rule
 * that failed so a submitter can find the typo.
 *
 * Who may take part: the notice addresses 大企业 (issuers) and 中小企业 under the 2011-300
 * size standard (applicants), i.e. enterprises registered by the market regulator. Of the
 * 工商 codes only 91 (企业, incl. non-legal-person enterprises such as 分公司 and 合伙企业)
 * is admitted: 92 个体工商户 and 93 农民专业合作社 are registered there too but are not
 * enterprises (the standard only lets a 个体工商户 be sized "by reference", and neither
 * files the enterprise figures 附件1/附件2 ask for). Every other authority's code (机关,
 * 事业单位, 律所, 社会组织 …) is refused by name. The admitted set is data
 * (`ADMITTED_CATEGORIES`), so a bureau whose notice says otherwise changes one line.
 */
import type { RuleResult } from '../domain/issue.ts';
import { USCC_ALPHABET } from '../domain/ids.ts';

const ALPHABET = USCC_ALPHABET;
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** The check character (position 18) for the first 17 characters. */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]!) * WEIGHTS[i]!;
  const c = 31 - (sum % 31);
  return ALPHABET[c === 31 ? 0 : c]!;
}

/** The GB 11714 check character for the first 8 characters of an organization code. */
export function orgCodeCheckChar(first8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = first8[i]!;
    const v = ch >= '0' && ch <= '9' ? ch.charCodeAt(0) - 48 : ch.charCodeAt(0) - 55;
    sum += v * ORG_WEIGHTS[i]!;
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/**
 * Positions 1–2 of GB 32100-2015 (登记管理部门码 + 机构类别码), with the amendments that
 * added the military (A) and rural collective (N) authorities.
 */
export const CATEGORIES: Readonly<Record<string, { zh: string; en: string }>> = {
  '11': { zh: '机关', en: 'a government organ' },
  '12': { zh: '事业单位', en: 'a public institution (事业单位)' },
  '13': { zh: '中央编办直接管理机构编制的群众团体', en: 'a mass organisation under the central staffing office' },
  '19': { zh: '机构编制部门登记的其他机构', en: 'another body registered by the staffing office' },
  '21': { zh: '外国常驻新闻机构', en: 'a resident foreign news agency' },
  '29': { zh: '外交部门登记的其他机构', en: 'another body registered by foreign affairs' },
  '31': { zh: '律师执业机构', en: 'a law firm' },
  '32': { zh: '公证处', en: 'a notary office' },
  '33': { zh: '基层法律服务所', en: 'a grassroots legal service office' },
  '34': { zh: '司法鉴定机构', en: 'a judicial appraisal body' },
  '35': { zh: '仲裁委员会', en: 'an arbitration commission' },
  '39': { zh: '司法行政部门登记的其他机构', en: 'another body registered by justice administration' },
  '41': { zh: '外国在华文化中心', en: 'a foreign cultural centre' },
  '49': { zh: '文化部门登记的其他机构', en: 'another body registered by culture administration' },
  '51': { zh: '社会团体', en: 'a social association' },
  '52': { zh: '民办非企业单位（社会服务机构）', en: 'a private non-enterprise unit' },
  '53': { zh: '基金会', en: 'a foundation' },
  '59': { zh: '民政部门登记的其他社会组织', en: 'another social organisation registered by civil affairs' },
  '61': { zh: '外国旅游部门常驻代表机构', en: 'a foreign tourism office' },
  '62': { zh: '港澳台地区旅游部门常驻内地（大陆）代表机构', en: 'a Hong Kong, Macao or Taiwan tourism office' },
  '69': { zh: '旅游部门登记的其他机构', en: 'another body registered by tourism administration' },
  '71': { zh: '宗教活动场所', en: 'a place of religious activity' },
  '72': { zh: '宗教院校', en: 'a religious school' },
  '79': { zh: '宗教事务部门登记的其他机构', en: 'another body registered by religious affairs' },
  '81': { zh: '基层工会', en: 'a trade union' },
  '89': { zh: '工会登记的其他机构', en: 'another body registered by the unions' },
  '91': { zh: '企业', en: 'an enterprise' },
  '92': { zh: '个体工商户', en: 'an individual business (个体工商户)' },
  '93': { zh: '农民专业合作社', en: "a farmers' cooperative" },
  A1: { zh: '军队事业单位', en: 'a military public institution' },
  A9: { zh: '军队登记的其他机构', en: 'another body registered by the military' },
  N1: { zh: '组级集体经济组织', en: 'a group-level collective economic organisation' },
  N2: { zh: '村级集体经济组织', en: 'a village collective economic organisation' },
  N3: { zh: '乡镇级集体经济组织', en: 'a township collective economic organisation' },
  N9: { zh: '农业部门登记的其他集体经济组织', en: 'another collective economic organisation' },
  Y1: { zh: '其他登记管理部门登记的机构', en: 'a body registered by another authority' },
};

/** The categories that may issue a demand or apply: enterprises only (see the module comment). */
export const ADMITTED_CATEGORIES: ReadonlySet<string> = new Set(['91']);

/** An enterprise's code: well formed, and of an admitted category (91). */
export function checkUscc(value: string): RuleResult {
  return checkUsccCode(value, true);
}

/** Any holder's code (a partner university, an institute): well formed, of a known category. */
export function checkUsccAny(value: string): RuleResult {
  return checkUsccCode(value, false);
}

function checkUsccCode(value: string, enterpriseOnly: boolean): RuleResult {
  const fail = (rule: string, message: string, messageEn: string) => [
    { keyword: 'uscc', params: { rule }, message, messageEn },
  ];
  if (value.length !== 18) {
    return fail(
      'length',
      `统一社会信用代码应为 18 位，现在是 ${value.length} 位。`,
      `The credit code must have 18 characters; it has ${value.length}.`,
    );
  }
  for (let i = 0; i < 18; i++) {
    if (!ALPHABET.includes(value[i]!)) {
      return fail(
        'alphabet',
        `统一社会信用代码第 ${i + 1} 位“${value[i]}”不是有效字符（只用数字和除 I、O、S、V、Z 外的大写字母）。`,
        `Character ${i + 1} (“${value[i]}”) is not allowed: use digits and capital letters except I, O, S, V and Z.`,
      );
    }
  }
  if (!/^\d{6}$/.test(value.slice(2, 8))) {
    return fail(
      'region',
      '统一社会信用代码第 3 至 8 位应为 6 位数字的行政区划码。',
      'Characters 3 to 8 must be the 6-digit administrative division code.',
    );
  }
  const org = value.slice(8, 17);
  // The organization code's check character is a digit or X; other letters cannot occur there.
  if (!/^[0-9A-Z]{8}[0-9X]$/.test(org) || orgCodeCheckChar(org.slice(0, 8)) !== org[8]) {
    return fail(
      'org-check',
      '统一社会信用代码第 9 至 17 位（组织机构代码）的校验位不正确，请核对营业执照。',
      'The organization code in characters 9 to 17 fails its check digit; compare with the licence.',
    );
  }
  if (usccCheckChar(value.slice(0, 17)) !== value[17]) {
    return fail(
      'check',
      '统一社会信用代码最后一位（校验码）不正确，请核对营业执照。',
      'The last character (check character) is wrong; compare with the licence.',
    );
  }
  const prefix = value.slice(0, 2);
  const category = CATEGORIES[prefix];
  if (!category) {
    return fail(
      'category',
      `统一社会信用代码第 1、2 位“${prefix}”不是国家标准规定的登记管理部门和机构类别代码，请核对营业执照。`,
      `Characters 1 and 2 (“${prefix}”) are not a registration authority and category of the standard; compare with the licence.`,
    );
  }
  if (enterpriseOnly && !ADMITTED_CATEGORIES.has(prefix)) {
    // Not a typo (the check characters agree): the holder is not an enterprise, which nothing on the form can change.
    return fail(
      'enterprise',
      `统一社会信用代码第 1、2 位为“${prefix}”，表示${category.zh}。本项目的发榜方和揭榜方都必须是企业（代码以 91 开头），${category.zh}不能参加。`,
      `Characters 1 and 2 (“${prefix}”) mark ${category.en}. Only enterprises (codes beginning 91) may issue or apply in this programme.`,
    );
  }
  return [];
}
