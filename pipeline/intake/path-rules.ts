/**
 * Which files a pull request may touch, by who opened it. The ledger (content/decisions) is
 * written by the review pipeline alone (it commits directly, never by pull request): no
 * pull request may change it, whoever opens it. The officers registry, the schemas, the
 * site settings and the MDX pages (which run code at build time) are the administrators'.
 * Each other role has its scope: a bureau officer the rest of the catalogue, an issuer's
 * representative only the demands listed as theirs in the registry, a MIIT liaison nothing
 * beyond what anyone may do. Outside their scope, an officer is anyone: a pull request that
 * touches content/ is a submission that may add the files of one new submission, or — the
 * intake's own branch — change the files of the submission its issue was accepted as. Each
 * refusal says which file and why, in Chinese.
 */
import type { FileStatus } from '../forge/types.ts';
import type { Officers } from '../generated/types.ts';
import { endOfShanghaiDay, startOfShanghaiDay } from '../rules/shanghai.ts';

/** A file the pull request adds, modifies or deletes (what the forge reports). */
export type Change = FileStatus;

export interface PathProblem {
  file: string;
  rule: string;
  message: string;
  messageEn: string;
}

export interface PathContext {
  author: { login: string; isBot: boolean };
  /** The registry on the base branch (never the pull request's own copy). */
  officers: Officers | undefined;
  now: Date;
  /** For the intake's own branch: the subject its issue was accepted as (confirmed by the ledger). */
  ownSubject?: string;
}

type Role = Officers['officers'][number]['role'];
type Officer = Officers['officers'][number];

/** The author's registry entry when listed and valid today. */
export function officerEntry(officers: Officers | undefined, login: string, now: Date): Officer | undefined {
  const o = officers?.officers.find((x) => x.login.toLowerCase() === login.toLowerCase());
  if (!o) return undefined;
  if (o.validFrom && now < startOfShanghaiDay(o.validFrom)) return undefined;
  if (o.validUntil && now > endOfShanghaiDay(o.validUntil)) return undefined;
  return o;
}

/** The author's role when listed and valid today. */
export function officerRole(officers: Officers | undefined, login: string, now: Date): Role | undefined {
  return officerEntry(officers, login, now)?.role;
}

interface Guarded {
  match: (p: string) => boolean;
  roles: readonly Role[];
  zh: string;
  en: string;
}

const GUARDED: Guarded[] = [
  {
    match: (p) => p.startsWith('content/decisions/'),
    roles: [],
    zh: '审核决定台账只能由审核流水线写入，任何合并请求（包括经办人员和系统管理员的）都不能修改',
    en: 'The decision ledger is written by the review pipeline alone; no pull request may change it, whoever opens it',
  },
  {
    match: (p) => p.startsWith('content/catalogue/'),
    roles: ['bureau', 'admin'],
    zh: '全国需求目录条目由经办人员用 jiebang import-catalogue 从工业和信息化部公布的目录导入',
    en: "Entries of the national catalogue are imported by officers from MIIT's published list (jiebang import-catalogue)",
  },
  {
    match: (p) => p === 'content/officers.yml',
    roles: ['admin'],
    zh: '经办人员名册只能由系统管理员修改',
    en: 'The officers registry is changed by administrators only',
  },
  {
    match: (p) => p.startsWith('schemas/'),
    roles: ['admin'],
    zh: '数据模式（schemas/）只能由系统管理员修改',
    en: 'The schemas are changed by administrators only',
  },
  {
    match: (p) => p === 'content/site.yml',
    roles: ['admin'],
    zh: '网站设置（content/site.yml）只能由系统管理员修改',
    en: 'The site settings are changed by administrators only',
  },
  {
    match: (p) => p.startsWith('content/pages/'),
    roles: ['admin'],
    zh: '网站页面（content/pages/，MDX 会在构建时运行代码）只能由系统管理员修改',
    en: 'Pages (content/pages/, MDX runs code at build time) are changed by administrators only',
  },
];

/** What each role may change beyond what anyone may (the guarded files aside). */
const SCOPE: Record<Role, (path: string, officer: Officer) => boolean> = {
  admin: (p) => p.startsWith('content/'),
  bureau: (p) => p.startsWith('content/'),
  issuer: (p, o) => {
    const s = subjectOfPath(p);
    return s?.kind === 'demand' && (o.demands ?? []).includes(s.id);
  },
  miit: () => false,
};

/** The subject a content path belongs to (demand folder, profile folder, application file). */
export function subjectOfPath(path: string): { kind: 'demand' | 'enterprise' | 'application'; id: string } | undefined {
  // Beside a record: its images, and its stamped scans (PDF or image, `.age` when sealed at rest).
  let m =
    /^content\/demands\/([^/]+)\/(?:index\.yml|[^/]+\.(?:png|jpe?g|webp)|[^/]+\.(?:pdf|png|jpe?g)\.age|[^/]+\.pdf)$/i.exec(
      path,
    );
  if (m) return { kind: 'demand', id: m[1]! };
  m =
    /^content\/enterprises\/([^/]+)\/(?:index\.yml|[^/]+\.(?:png|jpe?g|webp)|[^/]+\.(?:pdf|png|jpe?g)\.age|[^/]+\.pdf)$/i.exec(
      path,
    );
  if (m) return { kind: 'enterprise', id: m[1]! };
  m = /^content\/applications\/([^/]+)(?:\.yml|\/[^/]+\.(?:pdf|png|jpe?g)(?:\.age)?)$/i.exec(path);
  if (m) return { kind: 'application', id: m[1]! };
  return undefined;
}

export function pathProblems(changes: readonly Change[], ctx: PathContext): PathProblem[] {
  const officer = officerEntry(ctx.officers, ctx.author.login, ctx.now);
  const role = officer?.role;
  const problems: PathProblem[] = [];
  const add = (file: string, rule: string, zh: string, en: string) =>
    problems.push({ file, rule, message: zh, messageEn: en });

  for (const c of changes) {
    const guard = GUARDED.find((g) => g.match(c.path));
    if (guard && !(role && guard.roles.includes(role))) {
      add(
        c.path,
        'guarded',
        `${guard.zh}；@${ctx.author.login} 无权在合并请求中修改此文件。`,
        `${guard.en}; @${ctx.author.login} may not change it in a pull request.`,
      );
    }
  }
  // Within their role's scope officers (editors in the CMS included) change the catalogue;
  // the rest of their pull request meets the rules for anyone's submission.
  const rest = changes.filter(
    (c) => !GUARDED.some((g) => g.match(c.path)) && !(officer && SCOPE[officer.role](c.path, officer)),
  );
  const content = rest.filter((c) => c.path.startsWith('content/'));
  if (content.length === 0) return problems; // not a submission: code changes are for the maintainers to review
  const subjects = new Map<string, string[]>();
  for (const c of rest) {
    const s = subjectOfPath(c.path);
    if (!s) {
      add(
        c.path,
        'not-submission',
        '提交内容的合并请求只能包含本次提交的需求、申请或对接表文件，请把其他修改放到另一个合并请求中。',
        'A submission pull request may hold only the files of its own demand, application or profile; put other changes in another pull request.',
      );
      continue;
    }
    const key = `${s.kind}:${s.id}`;
    subjects.set(key, [...(subjects.get(key) ?? []), c.path]);
    const own = ctx.ownSubject === s.id;
    if (c.status === 'deleted') {
      add(
        c.path,
        'delete',
        '提交人不能删除文件；如需撤回，请联系主管部门。',
        'Submitters may not delete files; ask the bureau to withdraw a submission.',
      );
    } else if (c.status === 'modified' && !own) {
      add(
        c.path,
        'modify',
        '只能新增自己的提交，不能修改已有的条目；如需更正已受理的内容，请编辑当初提交的议题或联系主管部门。',
        'Only new submissions may be added; to correct an accepted entry, edit the issue it came from or contact the bureau.',
      );
    }
  }
  if (subjects.size > 1) {
    const files = [...subjects.values()].map((f) => f[0]!);
    for (const f of files.slice(1))
      add(
        f,
        'one-subject',
        '一个合并请求只能提交一项需求、申请或对接表，请分开提交。',
        'One pull request submits one demand, application or profile; split them.',
      );
  }
  for (const [key, files] of subjects) {
    if (ctx.ownSubject && key.split(':')[1] !== ctx.ownSubject) {
      add(
        files[0]!,
        'not-own',
        `本分支属于提交 ${ctx.ownSubject}，不能修改其他条目。`,
        `This branch belongs to ${ctx.ownSubject} and may not change other entries.`,
      );
    }
  }
  return problems;
}
