import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyUrl, renderDemandArticle } from './demand.ts';
import type { PublicDemand } from '../data/model.ts';

const demand: PublicDemand = {
  id: 'XM-2026-007',
  round: 'XM-2026',
  title: '耐高温<b>密封件</b>研制 & 验证',
  issuer: {
    name: '厦门示例集团有限公司',
    uscc: '91350200MA00000001',
    region: { province: '福建省', city: '厦门市', district: '思明区' },
    ownership: 'local_soe',
  } as PublicDemand['issuer'],
  anonymousIssuer: false,
  isPublic: true,
  demandType: 'breakthrough',
  field: 'materials',
  background: '背景**说明**',
  keyProblems: '难点',
  expectedOutcome: '成果',
  technicalIndicators: [{ name: '耐温"上限"', target: '≥300', unit: '℃' }],
  deliverables: ['prototype'],
  cooperationModes: ['joint_research'],
  plannedInvestment: null,
  completionMonths: 18,
  ipArrangement: 'shared',
};
const forge = { url: 'https://git.example.cn/', repo: 'xm/jiebang' };

describe('renderDemandArticle', () => {
  it('escapes every value and renders Markdown fields safely', () => {
    const html = renderDemandArticle(demand, { lang: 'zh' });
    expect(html).toContain('<h1>耐高温&lt;b&gt;密封件&lt;/b&gt;研制 &amp; 验证</h1>');
    expect(html).toContain('<td>耐温&quot;上限&quot;</td>');
    expect(html).toContain('背景<strong>说明</strong>');
    expect(html).toContain('<dt>拟投入资金（万元）</dt><dd>面议</dd>');
  });

  it('offers 我要揭榜 only while 揭榜 is open, leading to the helper for this demand', () => {
    const open = renderDemandArticle(demand, {
      lang: 'zh',
      forge,
      status: { state: 'published' },
      open: true,
      deadline: '2026-12-31',
    });
    const href = open.match(/<a class="button button-primary" href="([^"]+)"/)![1]!.replace(/&amp;/g, '&');
    expect(href).toBe(applyUrl('/', 'zh', demand));
    expect(href).toBe('/submit/jiebang/?demand=XM-2026-007');
    expect(applyUrl('/jiebang/', 'en', demand)).toBe('/jiebang/en/submit/jiebang/?demand=XM-2026-007');
    const closed = renderDemandArticle(demand, { lang: 'zh', forge, status: { state: 'closed' }, open: false });
    expect(closed).not.toContain('button-primary');
    expect(closed).toContain('本需求已截止揭榜');
  });

  it('shows dates 年月日 on Chinese pages and ISO on English ones, ISO in the datetime attribute', () => {
    const zh = renderDemandArticle(demand, {
      lang: 'zh',
      status: { state: 'published' },
      open: true,
      deadline: '2026-12-05',
      timeline: [{ at: '2026-06-19T02:22:00.000Z', state: 'catalogued' }],
    });
    expect(zh).toContain('<time datetime="2026-12-05">2026年12月5日</time>');
    expect(zh).toContain('<time datetime="2026-06-19">2026年6月19日</time>');
    const en = renderDemandArticle(demand, {
      lang: 'en',
      status: { state: 'published' },
      open: true,
      deadline: '2026-12-05',
    });
    expect(en).toContain('<time datetime="2026-12-05">2026-12-05</time>');
  });

  it('labels in English and marks the Chinese content as such', () => {
    const html = renderDemandArticle(demand, { lang: 'en', status: { state: 'published' } });
    expect(html).toContain('<h1 lang="zh-CN">');
    expect(html).toContain('<dt>Field</dt><dd>New materials</dd>');
    expect(html).toContain('<dd>Negotiable</dd>');
  });

  it('shows no name for an issuer that hid it', () => {
    const { name: _n, uscc: _u, ...issuer } = demand.issuer!;
    const html = renderDemandArticle(
      { ...demand, anonymousIssuer: true, issuer: issuer as PublicDemand['issuer'] },
      { lang: 'zh' },
    );
    expect(html).toContain('（企业名称不公开）');
    expect(html).not.toContain('厦门示例集团');
  });

  it('is a pure module the CMS preview can import (no Astro)', () => {
    expect(readFileSync(new URL('./demand.ts', import.meta.url), 'utf8')).not.toMatch(/from ['"]astro/);
  });
});
