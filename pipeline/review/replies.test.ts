import { describe, expect, it } from 'vitest';
import type { Decision } from '../generated/types.ts';
import { ACT_ON_WITHHELD } from '../privacy/withheld.fixture.ts';
import { recordedReply } from './replies.ts';

const act = ACT_ON_WITHHELD as Decision;

describe('the answer to a recorded act', () => {
  const notes = [
    { zh: '发榜企业的数据显示其为中小企业', en: 'the figures say SME' },
    { zh: '理由已加密记入台账', en: 'the reason is sealed', public: true },
  ];
  it('says every note to the officer on their own machine', () => {
    const text = recordedReply(act, 'content/decisions/XM-2026-007-A01/0003.yml', 'zh', notes);
    expect(text).toContain('发榜企业的数据显示其为中小企业');
    expect(text).toContain('理由已加密记入台账');
  });
  it('says on the forge only the notes marked public', () => {
    const text = recordedReply(act, 'content/decisions/XM-2026-007-A01/0003.yml', 'en', notes, true);
    expect(text).not.toContain('the figures say SME');
    expect(text).toContain('the reason is sealed');
  });
});
