import { describe, expect, it } from 'vitest';
import type { DemandView } from '../data/model.ts';
import { commonOpeningWords, demandWords } from './search.ts';

const demand = (id: string, background: string, title = '示例需求'): DemandView =>
  ({
    id,
    data: { title, background, keyProblems: '', expectedOutcome: '', issuer: { name: '厦门示例有限公司' } },
  }) as unknown as DemandView;

describe('what a demand is found by', () => {
  it('takes the openings of the long texts, each word once, without lone particles', () => {
    const w = demandWords(
      demand('XM-2026-001', '公司已具备蒸镀、薄膜封装和彩色滤光片工艺能力，面向AR眼镜。蒸镀工艺'),
    ).split(' ');
    for (const word of ['蒸镀', '薄膜', '封装', 'AR', '眼镜', '示例', '需求']) expect(w).toContain(word);
    expect(w).not.toContain('已');
    expect(w.filter((x) => x === '蒸镀')).toHaveLength(1);
  });

  it('leaves out of the openings the words most demands use, never those of a title', () => {
    const many = Array.from({ length: 400 }, (_, i) =>
      demand(`XM-2026-${i}`, `公司需要开发技术${i % 2 ? '碳化硅' : '蒸镀'}设备`),
    );
    many.push(demand('XM-2026-999', '公司需要磁悬浮', '公司磁悬浮'));
    const common = commonOpeningWords(many);
    expect(common.has('公司')).toBe(true);
    expect(common.has('磁悬')).toBe(false);
    const w = demandWords(many.at(-1)!, common).split(' ');
    expect(w).toContain('公司'); // in its title
    expect(w).not.toContain('需要');
    // A small catalogue keeps every word.
    expect(commonOpeningWords(many.slice(0, 15)).size).toBe(0);
  });
});
