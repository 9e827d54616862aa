/**
 * What an SME reads says what the person does, never how the forge names it: no 议题,
 * 合并请求, 代码平台 (代码托管平台), no English “Edit” menu path. The account is explained
 * once, in the SME guide. Checked on the generated forms an SME fills in, the pages written
 * for SMEs, every answer the intake gives an applicant, and the messages it builds.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderAccepted, renderNoForm, renderProblems, renderRefused } from '../../pipeline/intake/comment.ts';
import type { Issue } from '../../pipeline/domain/issue.ts';

const BANNED = [/议题/, /合并请求/, /代码平台/, /代码托管/, /Edit\b/, /Pull request/i];
const offending = (text: string) => BANNED.filter((re) => re.test(text)).map(String);

const links = { repoUrl: 'https://forge.example/bureau/jiebang', siteUrl: 'https://jiebang.example.gov.cn/' };
const issues: Issue[] = [
  {
    path: '/chapters/plan',
    keyword: 'required',
    params: {},
    message: '第四部分“技术攻关方案”：必须填写。',
    messageEn: '',
  },
];
const round = {
  id: 'XM-2026',
  contact: { department: '示例市工业和信息化局中小企业处', phone: '0000-0000000', email: 'sme@example.gov.cn' },
} as never;

describe('SME-facing text carries no forge jargon', () => {
  it.each([
    '.github/ISSUE_TEMPLATE/jiebang.yml',
    '.github/ISSUE_TEMPLATE/duijie.yml',
    'content/pages/guide-smes.mdx',
    'content/pages/faq.mdx',
  ])('%s', (file) => {
    expect(offending(readFileSync(file, 'utf8'))).toEqual([]);
  });

  it.each(['application', 'enterprise'] as const)('every intake answer to an %s', (kind) => {
    const texts = [
      renderProblems({ kind, issues, notes: [], links }),
      renderProblems({ kind, issues, keptId: 'XM-2026-001-A01', notes: [], links }),
      renderAccepted({
        kind,
        id: 'XM-2026-001-A01',
        record: {},
        at: new Date('2026-06-15T02:00:00Z'),
        written: { mode: 'pr', number: 7, url: 'https://forge.example/pr/7' },
        notes: [],
        links,
      }),
      renderAccepted({
        kind,
        id: 'XM-2026-001-A01',
        record: {},
        at: new Date('2026-06-15T02:00:00Z'),
        written: { mode: 'commit', sha: 'abcdef0123456' },
        notes: [],
        links,
      }),
      renderNoForm('no-form', links),
      renderNoForm('too-large', links),
      renderRefused(kind, 'XM-2026-001-A01', 'bureau_passed', round, 'review'),
      renderRefused(kind, 'XM-2026-001-A01', 'submitted', round, 'deadline'),
    ];
    for (const t of texts) expect(offending(t.replace(/<!--.*?-->/g, '')), t).toEqual([]);
  });

  it.each(['pipeline/forms/submission.ts', 'pipeline/intake/check.ts', 'pipeline/intake/comment.ts'])(
    'the messages %s builds',
    (file) => {
      // Chinese string literals only: comments and identifiers may name the forge's things.
      const literals =
        readFileSync(file, 'utf8').match(/(['`])(?:(?!\1)[^\\\n]|\\.)*[\u4e00-\u9fff](?:(?!\1)[^\\\n]|\\.)*\1/g) ?? [];
      expect(literals.length).toBeGreaterThan(0);
      expect(literals.filter((l) => offending(l).length)).toEqual([]);
    },
  );
});

describe('a refusal nothing can fix ends without fix-it advice', () => {
  it.each([
    ['sme-only', '按《中小企业划型标准规定》（工信部联企业〔2011〕300号），该企业属于大型企业，不能揭榜。'],
    ['closed', '揭榜需求编号：该需求的揭榜申请已经截止（揭榜申请期 2026年6月1日至2026年7月31日）。'],
  ])('%s', (rule, message) => {
    const text = renderProblems({
      kind: 'application',
      issues: [{ path: '/applicant/uscc', keyword: 'cross-record', params: { rule }, message, messageEn: '' }],
      notes: [],
      links,
    });
    expect(text).toContain('不能受理');
    expect(text).toContain(message);
    expect(text).not.toMatch(/请修改|改正|###/);
  });

  it('after the deadline the bureau is named for questions, not for corrections', () => {
    const text = renderRefused('application', 'XM-2026-001-A01', 'submitted', round, 'deadline');
    expect(text).toContain('如有疑问');
    expect(text).not.toContain('如需更正');
  });
});

describe('dates shown in comments are written 年月日', () => {
  it('the accepted answer', () => {
    const text = renderAccepted({
      kind: 'application',
      id: 'XM-2026-001-A01',
      record: {},
      at: new Date('2026-06-15T02:00:00Z'),
      written: { mode: 'commit', sha: 'abcdef0123456' },
      notes: [],
      links,
      round: { phases: { review: { start: '2026-08-01', end: '2026-08-20' } } } as never,
    });
    expect(text).toContain('2026年6月15日 10:00');
    expect(text).toContain('2026年8月1日至2026年8月20日');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});
