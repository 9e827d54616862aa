/**
 * Who may act: the officers registry (content/officers.yml) says which login has which
 * role and when; machines.ts says which roles may take which act; an issuer's
 * representative acts only on the demands listed for them (and those demands'
 * applications). The one place these three are put together, for commands, merges, the
 * CLI and the audit alike.
 */
import type { Officers } from '../generated/types.ts';
import { endOfShanghaiDay, shanghaiDate, startOfShanghaiDay } from '../rules/shanghai.ts';
import { ON_BEHALF, RECORDED, actionLabel, type Action, type Role, type SubjectKind } from '../domain/machines.ts';
import { demandOfId } from '../domain/ids.ts';

export type Officer = Officers['officers'][number];

export type Authorization =
  | { ok: true; officer: Officer; role: Role }
  | {
      ok: false;
      code: 'not-officer' | 'not-yet-valid' | 'expired' | 'wrong-role' | 'not-their-demand';
      zh: string;
      en: string;
    };

const FORGE_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/;

export const ROLE_ZH: Record<Role, string> = {
  bureau: '主管部门经办人员',
  miit: '工业和信息化部联络人',
  issuer: '发榜企业代表',
  admin: '系统管理员',
  submitter: '申报单位',
  system: '受理流水线',
};
export const ROLE_EN: Record<Role, string> = {
  bureau: 'bureau officer',
  miit: 'MIIT liaison',
  issuer: 'issuer representative',
  admin: 'administrator',
  submitter: 'submitter',
  system: 'intake pipeline',
};
/** Whom an act is recorded for, as the Chinese command names them (代=工信部). */
export const PARTY_ZH: Record<'miit' | 'issuer' | 'submitter', string> = {
  miit: '工业和信息化部',
  issuer: '发榜企业',
  submitter: '申报单位',
};
const PARTY_EN: Record<'miit' | 'issuer' | 'submitter', string> = {
  miit: 'MIIT',
  issuer: 'the issuer',
  submitter: 'the submitter',
};
export type Party = keyof typeof PARTY_ZH;

/** The demand a subject belongs to: itself, or the demand an application applies to. */
export const demandOf = (subject: string): string => demandOfId(subject);

/** Roles entitled to `action` on a subject of `kind`, whatever the state. */
export function rolesFor(kind: SubjectKind, action: Action): Role[] {
  return [...new Set(RECORDED[kind].filter((t) => t.action === action).flatMap((t) => t.roles))];
}

/** Forge logins compare without case, as GitHub's do. */
export function findOfficer(registry: Officers | undefined, login: string): Officer | undefined {
  const key = login.toLowerCase();
  return registry?.officers.find((o) => o.login.toLowerCase() === key);
}

/**
 * May `login` take `action` on `subject` at `at` — itself, or (with `onBehalfOf`) recording
 * the act of another party that reached the bureau as a document (machines.ts ON_BEHALF)?
 */
export function authorize(
  registry: Officers | undefined,
  login: string,
  kind: SubjectKind,
  action: Action,
  subject: string,
  at: Date,
  onBehalfOf?: Party,
): Authorization {
  const officer = findOfficer(registry, login);
  if (!officer) {
    // A forged event may carry any text as a login: echo only what a forge login can be.
    const who = FORGE_LOGIN.test(login) ? `@${login}` : login.length ? '该账号' : '匿名账号';
    const whoEn = FORGE_LOGIN.test(login) ? `@${login}` : 'This account';
    return {
      ok: false,
      code: 'not-officer',
      zh: `${who} 不在经办人员名册（content/officers.yml）中，不能执行审核命令。`,
      en: `${whoEn} is not in the officers registry (content/officers.yml) and cannot give review commands.`,
    };
  }
  if (officer.validFrom && at < startOfShanghaiDay(officer.validFrom)) {
    return {
      ok: false,
      code: 'not-yet-valid',
      zh: `@${login} 的授权自 ${officer.validFrom} 起生效，命令时间为 ${shanghaiDate(at)}。`,
      en: `@${login} may act from ${officer.validFrom}; the command was given on ${shanghaiDate(at)}.`,
    };
  }
  if (officer.validUntil && at > endOfShanghaiDay(officer.validUntil)) {
    return {
      ok: false,
      code: 'expired',
      zh: `@${login} 的授权已于 ${officer.validUntil} 到期，命令时间为 ${shanghaiDate(at)}。`,
      en: `@${login}’s authority ended on ${officer.validUntil}; the command was given on ${shanghaiDate(at)}.`,
    };
  }
  const roles = rolesFor(kind, action);
  const role = officer.role as Role;
  if (onBehalfOf) {
    if (!roles.includes(onBehalfOf)) {
      return {
        ok: false,
        code: 'wrong-role',
        zh: `“${actionLabel(action)}”不是${PARTY_ZH[onBehalfOf]}的行为（由${roles.map((r) => ROLE_ZH[r]).join('或')}执行），不能代${PARTY_ZH[onBehalfOf]}登记。`,
        en: `“${actionLabel(action, 'en')}” is not an act of ${PARTY_EN[onBehalfOf]} (it is for the ${roles.map((r) => ROLE_EN[r]).join(' or ')}), so it cannot be recorded on their behalf.`,
      };
    }
    const recorders = ON_BEHALF[onBehalfOf] ?? [];
    if (!recorders.includes(role)) {
      return {
        ok: false,
        code: 'wrong-role',
        zh: `代${PARTY_ZH[onBehalfOf]}登记“${actionLabel(action)}”须由${recorders.map((r) => ROLE_ZH[r]).join('或')}办理，@${login} 的角色是${ROLE_ZH[role]}。`,
        en: `Recording “${actionLabel(action, 'en')}” on behalf of ${PARTY_EN[onBehalfOf]} is for the ${recorders.map((r) => ROLE_EN[r]).join(' or ')}; @${login} is ${ROLE_EN[role]}.`,
      };
    }
    return { ok: true, officer, role };
  }
  if (!roles.includes(role)) {
    // An officer who could record this act from the actor's document is told how.
    const party = roles.find((r): r is Party => r in PARTY_ZH && (ON_BEHALF[r] ?? []).includes(role));
    return {
      ok: false,
      code: 'wrong-role',
      zh: `“${actionLabel(action)}”须由${roles.map((r) => ROLE_ZH[r]).join('或')}执行，@${login} 的角色是${ROLE_ZH[role]}。${party ? `如已收到${PARTY_ZH[party]}的文件，请代为登记并附文件：代=${PARTY_ZH[party]} 文号=… 日期=YYYY-MM-DD sha256=…（可加 文件=…）。` : ''}`,
      en: `“${actionLabel(action, 'en')}” is for the ${roles.map((r) => ROLE_EN[r]).join(' or ')}; @${login} is ${ROLE_EN[role]}.${party ? ` If ${PARTY_EN[party]}'s document has arrived, record it on their behalf with it: for=${party} doc=… date=YYYY-MM-DD sha256=… (optionally file=…).` : ''}`,
    };
  }
  if (role === 'issuer' && !(officer.demands ?? []).includes(demandOf(subject))) {
    return {
      ok: false,
      code: 'not-their-demand',
      zh: `@${login} 不是需求 ${demandOf(subject)} 的发榜企业代表。`,
      en: `@${login} does not represent the issuer of demand ${demandOf(subject)}.`,
    };
  }
  return { ok: true, officer, role };
}
