/**
 * Rules an act must keep that look beyond its own subject's chain, checked on the derived
 * statuses at the moment of the act (computeStatuses), so a selection phase that ended or
 * a third selection counts even though nobody recorded it:
 * - an issuer selects only once the demand's applications are closed (a public demand is
 *   `closed`; a non-public one, which takes directed applications, stays `catalogued`),
 *   never once the demand is matched, and at most three applications per demand;
 * - no acceptance (passed or failed) before a contract;
 * - a replacement (递补) only fills the place of a selected SME that dropped out: never a
 *   fourth selection, never more replacements than drop-outs, never before the demand's
 *   selection has begun.
 */
import type { Catalog } from '../content/catalog.ts';
import type { Decision } from '../generated/types.ts';
import { demandOf } from './authorize.ts';
import { stateLabel, type Action } from '../domain/machines.ts';
import { SELECTED_OR_LATER, type Statuses } from './status.ts';
import { MAX_SELECTED } from '../domain/limits.ts';

export { MAX_SELECTED };

export type InvariantResult = { ok: true } | { ok: false; code: string; zh: string; en: string };

export function checkInvariants(
  action: Action,
  subject: string,
  chain: readonly Decision[],
  catalog: Catalog,
  statuses: Statuses,
): InvariantResult {
  if (action === 'select') {
    const demandId = demandOf(subject);
    const demand = catalog.demands.get(demandId);
    const state = statuses.demands.get(demandId)?.state;
    if (!demand || !state)
      return {
        ok: false,
        code: 'no-demand',
        zh: `找不到申请所属的需求 ${demandId}。`,
        en: `The application's demand ${demandId} was not found.`,
      };
    // Without an application phase (its notice gave none) a published demand takes selections at once.
    const noApplyPhase = !catalog.rounds.get(demand.round)?.phases.apply;
    if (
      state === 'matched' ||
      (state !== 'closed' && !(state === 'catalogued' && !demand.isPublic) && !(state === 'published' && noApplyPhase))
    ) {
      const why =
        state === 'matched' || state === 'unmatched'
          ? { zh: '该需求已完成遴选，不能再遴选', en: 'the demand’s selection is over' }
          : { zh: '揭榜申请期结束后才能遴选', en: 'selection starts once applications have closed' };
      return {
        ok: false,
        code: 'selection-closed',
        zh: `${why.zh}（需求 ${demandId} 当前状态：${stateLabel(state)}）。`,
        en: `Cannot select: ${why.en} (demand ${demandId} is “${stateLabel(state, 'en')}”).`,
      };
    }
    const selected = (catalog.applicationsByDemand.get(demandId) ?? []).filter((a) =>
      SELECTED_OR_LATER.has(statuses.applications.get(a.id)?.state ?? 'draft'),
    );
    if (selected.length >= MAX_SELECTED) {
      return {
        ok: false,
        code: 'max-three',
        zh: `每项需求最多遴选 ${MAX_SELECTED} 家，需求 ${demandId} 已遴选：${selected.map((a) => a.id).join('、')}。`,
        en: `At most ${MAX_SELECTED} applicants per demand; ${demandId} has selected ${selected.map((a) => a.id).join(', ')}.`,
      };
    }
  }
  if (action === 'replace') {
    const demandId = demandOf(subject);
    const apps = catalog.applicationsByDemand.get(demandId) ?? [];
    const stateOf = (id: string) => statuses.applications.get(id)?.state ?? 'draft';
    const selected = apps.filter((a) => SELECTED_OR_LATER.has(stateOf(a.id)));
    const droppedOut = apps.filter((a) => stateOf(a.id) === 'dropped_out').length;
    const replaced = apps.filter((a) => (catalog.decisions.get(a.id) ?? []).some((d) => d.action === 'replace')).length;
    if (selected.length >= MAX_SELECTED) {
      return {
        ok: false,
        code: 'max-three',
        zh: `每项需求同时最多 ${MAX_SELECTED} 家入选，需求 ${demandId} 现有：${selected.map((a) => a.id).join('、')}，不能递补。`,
        en: `At most ${MAX_SELECTED} selected per demand at any time; ${demandId} has ${selected.map((a) => a.id).join(', ')}, so no replacement.`,
      };
    }
    if (droppedOut <= replaced) {
      return {
        ok: false,
        code: 'no-vacancy',
        zh: `需求 ${demandId} 没有退出揭榜的入选企业，递补只能填补退出者的位置（已退出 ${droppedOut} 家，已递补 ${replaced} 家）；正常遴选请用 /遴选。`,
        en: `Demand ${demandId} has no selected SME that dropped out to replace (${droppedOut} dropped out, ${replaced} replaced); use /select for a selection.`,
      };
    }
  }
  if ((action === 'accept' || action === 'fail_acceptance') && !chain.some((d) => d.action === 'contract')) {
    return { ok: false, code: 'no-contract', zh: '签约之前不能验收。', en: 'No acceptance before a contract.' };
  }
  return { ok: true };
}
