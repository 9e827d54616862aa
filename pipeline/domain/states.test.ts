import { describe, expect, it } from 'vitest';
import { APPLICATION_STATES } from './machines.ts';
import { CONTRACTED_OR_LATER, reachableFrom, SELECTED_OR_LATER } from './states.ts';

describe('state groups derived from the machine', () => {
  // The lists these groups replaced, written by hand before they were derived.
  it('selected or later: every state after selection but a drop-out', () => {
    expect([...SELECTED_OR_LATER].sort()).toEqual([
      'acceptance_failed',
      'accepted',
      'contracted',
      'cooperation_deepened',
      'in_progress',
      'selected',
      'supplier_listed',
      'terminated',
    ]);
  });

  it('contracted or later', () => {
    expect([...CONTRACTED_OR_LATER].sort()).toEqual([
      'acceptance_failed',
      'accepted',
      'contracted',
      'cooperation_deepened',
      'in_progress',
      'supplier_listed',
      'terminated',
    ]);
  });

  it('groups hold only application states, and nothing before selection', () => {
    for (const s of SELECTED_OR_LATER) expect(APPLICATION_STATES).toContain(s);
    for (const s of ['forwarded', 'not_selected', 'dropped_out', 'withdrawn'] as const)
      expect(SELECTED_OR_LATER.has(s)).toBe(false);
    expect(reachableFrom('application', 'submitted').has('selected')).toBe(true);
  });
});
