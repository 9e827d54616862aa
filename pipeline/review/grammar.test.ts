import { describe, expect, it } from 'vitest';
import { parseComment, parseSelectArgs } from './grammar.ts';

const action = (body: string) => {
  const p = parseComment(body);
  return p.kind === 'command' ? p.spec.action : p.kind === 'hidden' ? `hidden:${p.where}` : p.kind;
};

describe('parseComment', () => {
  it.each([
    ['/初核通过', 'approve'],
    ['/approve', 'approve'],
    ['/APPROVE', 'approve'],
    ['／初核通过', 'approve'],
    ['   /approve', 'approve'],
    ['/退回修改 缺件', 'return'],
    ['/退回：缺件', 'return'],
    ['/验收不通过 指标未达到', 'fail_acceptance'],
    ['/验收通过', 'accept'],
    ['/初审通过', 'pass'],
    ['/初审不通过 不是中小企业', 'reject'],
    ['/推送发榜企业', 'forward'],
    ['/推送', 'forward'],
    ['/catalog', 'catalogue'],
    ['/未入选目录', 'decline'],
    ['/不予推荐 理由', 'reject'],
    ['/推荐', 'recommend'],
    ['text first\n\n/approve', 'approve'],
  ])('%j → %s', (body, want) => expect(action(body)).toBe(want));

  it.each([
    ['/approved', 'none'],
    ['/approve-all', 'none'],
    ['please /approve', 'none'],
    ['/unknown', 'none'],
    ['', 'none'],
    ['> /approve', 'hidden:quote'],
    ['>/approve', 'hidden:quote'],
    ['> > /approve', 'hidden:quote'],
    ['```\n/approve\n```', 'hidden:code'],
    ['~~~md\n/approve\n~~~', 'hidden:code'],
    ['text\n\n    /approve', 'hidden:code'],
    ['\t/approve', 'hidden:code'],
    ['`/approve`', 'hidden:inline-code'],
    ['``/approve``', 'hidden:inline-code'],
    ['<!-- /approve -->', 'hidden:html-comment'],
    ['<!--\n/approve\n-->', 'hidden:html-comment'],
    ['/approve\n/recommend', 'many'],
  ])('%j → %s', (body, want) => expect(action(body)).toBe(want));

  it('a fence closes, and what follows it counts again', () => {
    expect(action('```\ncode\n```\n/approve')).toBe('approve');
    expect(action('```\n/approve')).toBe('hidden:code'); // never closed: all code
  });

  it('takes the reason from the rest of the comment, without quoted or code lines', () => {
    const p = parseComment('/退回 材料不全\n> 引用的内容\n请补充营业执照。\n```\n/approve\n```');
    expect(p.kind === 'command' && p.args).toBe('材料不全\n请补充营业执照。');
  });
});

describe('parseSelectArgs', () => {
  it.each([
    [
      'XM-2026-003-A02 90 85 88 92',
      { application: 'XM-2026-003-A02', scores: { team: 90, rd: 85, plan: 88, match: 92 } },
    ],
    [
      'xm-2026-003-a02 90,85,88,92',
      { application: 'XM-2026-003-A02', scores: { team: 90, rd: 85, plan: 88, match: 92 } },
    ],
    ['团队水平=90 研发能力=85 攻关方案=88 与需求匹配度=92', { scores: { team: 90, rd: 85, plan: 88, match: 92 } }],
    [
      '与需求匹配度：92，攻关方案：88，研发能力：85，团队水平：90',
      { scores: { team: 90, rd: 85, plan: 88, match: 92 } },
    ],
    ['team = 90 rd = 85.5 plan = 88 match = 92', { scores: { team: 90, rd: 85.5, plan: 88, match: 92 } }],
    ['团队 90', undefined],
    ['９０ ８５ ８８ ９２', { scores: { team: 90, rd: 85, plan: 88, match: 92 } }],
  ])('%j', (args, want) => {
    const r = parseSelectArgs(args);
    if (want) expect(r).toEqual({ ok: true, ...want });
    else expect(r.ok).toBe(false);
  });

  it.each([
    ['90 85 88', '需要四个分数，收到 3 个'],
    ['90 85 88 101', '应在 0 到 100 之间'],
    ['team=90 rd=85 plan=88', '缺少评分：与需求匹配度'],
    ['team=90 team=80 plan=88 match=1', '打了两次分'],
    ['quality=90 rd=85 plan=88 match=92', '不认识评分项“quality”'],
    ['90 rd=85 88 92', '不要混用'],
    ['ninety 85 88 92', '看不懂“ninety”'],
    ['team=high rd=85 plan=88 match=92', '不是数字'],
  ])('%j is refused: %s', (args, message) => {
    const r = parseSelectArgs(args);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.zh).toContain(message);
  });
});
