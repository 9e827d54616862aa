import { describe, expect, it } from 'vitest';
import { nextApplicationId, nextDemandId } from './ids.ts';

describe('ids', () => {
  it('takes one past the highest number ever used, by entries and ledger chains alike', () => {
    const paths = [
      'content/demands/XM-2026-001/index.yml',
      'content/demands/XM-2026-002/index.yml',
      // XM-2026-007 was withdrawn: its entry is gone, its ledger stays, its number is never reused.
      'content/decisions/XM-2026-007/0001.yml',
      'content/demands/XM-2023-015/index.yml',
    ];
    expect(nextDemandId('XM-2026', paths)).toBe('XM-2026-008');
    expect(nextDemandId('XM-2023', paths)).toBe('XM-2023-016');
    expect(nextDemandId('SZ-2026', paths)).toBe('SZ-2026-001');
  });

  it('numbers applications per demand, counting chains waiting in pull requests', () => {
    const paths = [
      'content/applications/XM-2026-001-A01.yml',
      'content/decisions/XM-2026-001-A03/0001.yml',
      'content/applications/XM-2026-002-A09.yml',
    ];
    expect(nextApplicationId('XM-2026-001', paths)).toBe('XM-2026-001-A04');
    expect(nextApplicationId('XM-2026-003', paths)).toBe('XM-2026-003-A01');
  });

  it('says when the numbers are spent', () => {
    expect(nextDemandId('XM-2026', ['content/demands/XM-2026-999/index.yml'])).toBeUndefined();
    expect(nextApplicationId('XM-2026-001', ['content/decisions/XM-2026-001-A99/0001.yml'])).toBeUndefined();
  });
});
