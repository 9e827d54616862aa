/**
 * Acts that arrive on paper. MIIT's 目录 decision, the issuer's 遴选 letter, a contract, an
 * acceptance report or a submitter's letter of withdrawal reach the bureau as documents; an
 * officer records the act on the actor's behalf and names the document. In a command (a
 * comment, `jiebang decide`, a pull request's `jiebang-step:` line) that is written as
 * `key=value` words after the command:
 *
 *   /入选目录 代=工信部 文号=工信厅企业函〔2023〕120号 日期=2023-06-20 sha256=<64 hex> 文件=content/decisions/XM-2023-001/evidence/mulu.pdf
 *
 * Keys (Chinese or English): 代/代为 (for), 文号 (doc), 日期 (date), sha256/摘要, 文件 (file).
 * The words are taken out of the arguments; what is left is the reason (or the scores).
 */
import type { Decision } from '../generated/types.ts';
import { isCalendarDate, shanghaiDate } from '../rules/shanghai.ts';
import { sha256 } from './ledger.ts';
import type { Party } from './authorize.ts';
import { evidenceDir } from '../domain/layout.ts';

export type Evidence = NonNullable<Decision['evidence']>;

export interface ActExtras {
  onBehalfOf?: Party;
  evidence?: Partial<Evidence>;
}

export type ParsedExtras = { ok: true; extras: ActExtras; rest: string } | { ok: false; zh: string; en: string };

const KEYS: Record<string, keyof Evidence | 'for'> = {
  代: 'for',
  代为: 'for',
  代为登记: 'for',
  for: 'for',
  'on-behalf': 'for',
  onbehalf: 'for',
  文号: 'documentNo',
  doc: 'documentNo',
  docno: 'documentNo',
  日期: 'date',
  成文日期: 'date',
  date: 'date',
  sha256: 'sha256',
  摘要: 'sha256',
  文件: 'file',
  扫描件: 'file',
  file: 'file',
};

const PARTIES: Record<string, Party> = {
  工信部: 'miit',
  工业和信息化部: 'miit',
  miit: 'miit',
  发榜企业: 'issuer',
  发榜方: 'issuer',
  issuer: 'issuer',
  申报单位: 'submitter',
  申报企业: 'submitter',
  提交单位: 'submitter',
  submitter: 'submitter',
};

/** 2023-06-20, 2023/6/20 or 2023年6月20日 → 2023-06-20, or undefined. */
function dateOf(text: string): string | undefined {
  const m = /^(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})日?$/.exec(text);
  if (!m) return undefined;
  const date = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isCalendarDate(date) ? date : undefined;
}

/**
 * Take the on-behalf and evidence words out of a command's arguments. `reserved` keys belong
 * to the act's own arguments and are left in the rest (the meeting date of `/对接 日期=…`,
 * see act-args.ts ownKeys).
 */
export function parseActExtras(args: string, reserved: readonly string[] = []): ParsedExtras {
  const extras: ActExtras = {};
  const kept: string[] = [];
  for (const line of args.split('\n')) {
    const words: string[] = [];
    for (const word of line.split(/[ \t\u3000]+/)) {
      const m = /^([^=:＝：]+)[=:＝：](.*)$/.exec(word);
      const name = m ? m[1]!.normalize('NFKC').toLowerCase() : '';
      const key = m && !reserved.includes(name) ? KEYS[name] : undefined;
      if (!m || !key) {
        words.push(word);
        continue;
      }
      const value = m[2]!.trim();
      if (!value) return { ok: false, zh: `“${m[1]}”后面没有内容。`, en: `“${m[1]}” has no value.` };
      if (key === 'for') {
        const party = PARTIES[value.normalize('NFKC').toLowerCase()];
        if (!party)
          return {
            ok: false,
            zh: `“代=${value}”看不懂：可代为登记的是 工信部、发榜企业、申报单位。`,
            en: `Cannot read “for=${value}”: acts may be recorded for miit, issuer or submitter.`,
          };
        extras.onBehalfOf = party;
        continue;
      }
      const evidence = (extras.evidence ??= {});
      if (key === 'date') {
        const date = dateOf(value.normalize('NFKC'));
        if (!date)
          return {
            ok: false,
            zh: `证明文件的日期“${value}”不是有效日期（写成 2023-06-20 或 2023年6月20日）。`,
            en: `The document date “${value}” is not a valid date (write 2023-06-20).`,
          };
        evidence.date = date;
      } else if (key === 'sha256') {
        if (!/^[0-9a-f]{64}$/i.test(value))
          return {
            ok: false,
            zh: `扫描件摘要“${value.slice(0, 20)}”不是 64 位十六进制的 SHA-256。`,
            en: `The scan digest “${value.slice(0, 20)}” is not a 64-digit hexadecimal SHA-256.`,
          };
        evidence.sha256 = value.toLowerCase();
      } else {
        evidence[key] = value;
      }
    }
    kept.push(words.join(' '));
  }
  return { ok: true, extras, rest: kept.join('\n').trim() };
}

export type EvidenceCheck = { ok: true; evidence?: Evidence } | { ok: false; code: string; zh: string; en: string };

/**
 * Whether an act's evidence is complete and true: required when the act is recorded on
 * someone's behalf; number, date and digest all given; the document not dated after the
 * act; a scan file, when named, lies in the subject's evidence folder and has that digest.
 * `file` is the scan's bytes as the channel read them (undefined: not there).
 */
export function checkEvidence(
  subject: string,
  extras: ActExtras,
  at: Date,
  file: Uint8Array | undefined,
): EvidenceCheck {
  const e = extras.evidence;
  if (!e) {
    if (!extras.onBehalfOf) return { ok: true };
    return {
      ok: false,
      code: 'evidence',
      zh: '代为登记须附证明文件：请写明 文号=… 日期=YYYY-MM-DD sha256=<扫描件摘要>（可加 文件=content/decisions/<编号>/evidence/<文件名>）。',
      en: 'An act recorded on behalf needs its evidence: doc=… date=YYYY-MM-DD sha256=<digest of the scan> (optionally file=content/decisions/<id>/evidence/<name>).',
    };
  }
  const missing = (['documentNo', 'date', 'sha256'] as const).filter((k) => !e[k]);
  if (!e.sha256 && e.file && file) e.sha256 = sha256(file); // the scan is there: its digest is known
  const still = missing.filter((k) => !e[k]);
  if (still.length) {
    const zh = { documentNo: '文号', date: '日期', sha256: 'sha256' };
    return {
      ok: false,
      code: 'evidence',
      zh: `证明文件不完整，缺少：${still.map((k) => zh[k]).join('、')}。`,
      en: `The evidence is incomplete; missing: ${still.map((k) => ({ documentNo: 'doc', date: 'date', sha256: 'sha256' })[k]).join(', ')}.`,
    };
  }
  if (e.date! > shanghaiDate(at))
    return {
      ok: false,
      code: 'evidence',
      zh: `证明文件的日期 ${e.date} 晚于登记日期 ${shanghaiDate(at)}。`,
      en: `The document is dated ${e.date!}, after the act is recorded (${shanghaiDate(at)}).`,
    };
  if (e.file) {
    const folder = evidenceDir(subject);
    if (!e.file.startsWith(folder) || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$/.test(e.file.slice(folder.length))) {
      return {
        ok: false,
        code: 'evidence-file',
        zh: `扫描件须存放在 ${folder} 下，文件名只用字母、数字、点、横线和下划线（收到“${e.file}”）。`,
        en: `The scan must lie in ${folder}, its name of letters, digits, dots, dashes and underscores (got “${e.file}”).`,
      };
    }
    if (!file)
      return {
        ok: false,
        code: 'evidence-file',
        zh: `扫描件 ${e.file} 不在仓库中：请先提交该文件。`,
        en: `The scan ${e.file} is not in the repository: commit it first.`,
      };
    if (sha256(file) !== e.sha256)
      return {
        ok: false,
        code: 'evidence-hash',
        zh: `扫描件 ${e.file} 的摘要 ${sha256(file).slice(0, 12)}… 与所写的 ${e.sha256!.slice(0, 12)}… 不符。`,
        en: `The scan ${e.file} has the digest ${sha256(file).slice(0, 12)}…, not ${e.sha256!.slice(0, 12)}… as given.`,
      };
  }
  const evidence: Evidence = {
    documentNo: e.documentNo!,
    date: e.date!,
    sha256: e.sha256!,
    ...(e.file ? { file: e.file } : {}),
  };
  return { ok: true, evidence };
}
