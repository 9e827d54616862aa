import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { formatYaml } from './format.ts';

const demand = {
  title: '高精度MEMS压力传感器芯片国产化研制',
  id: 'XM-2026-001',
  plannedInvestment: null,
  background: '第一段。\n\n第二段：含冒号、# 井号和 - 短横线。',
  technicalIndicators: [{ unit: '%FS', name: '测量精度', target: '≤0.1' }],
  contact: { email: 'a@example.com', name: '张工', mobile: '13800000000' },
};

describe('formatYaml', () => {
  it('orders keys as the schema lists them, nested ones too', () => {
    const text = formatYaml('demand', demand);
    expect(text.split('\n').filter((l) => /^\S/.test(l)).map((l) => l.split(':')[0])).toEqual(['id', 'title', 'background', 'technicalIndicators', 'plannedInvestment', 'contact']);
    expect(text).toContain('  - name: 测量精度\n    target: ≤0.1\n    unit: "%FS"');
    expect(text).toContain('contact:\n  name: 张工\n  mobile: "13800000000"\n  email: a@example.com');
  });

  it('is a fixed point: formatting what it wrote changes nothing, and the data survives', () => {
    const once = formatYaml('demand', demand);
    expect(formatYaml('demand', parse(once))).toBe(once);
    expect(parse(once)).toEqual({ ...demand, contact: { ...demand.contact } });
  });

  it('writes multi-line text as a literal block', () => {
    expect(formatYaml('demand', demand)).toContain('background: |-\n  第一段。\n\n  第二段');
  });
});
