/** The catalogue's plain (no-JavaScript) list: its order and paging. */
import type { DemandView, SiteData } from '../data/model.ts';
import { currentRounds } from './filters.ts';

export const CATALOGUE_PAGE_SIZE = 100;

const ordered = new WeakMap<readonly DemandView[], DemandView[]>();

/** Newest first (by the day it entered the catalogue), then by number. Cached per list (every catalogue page asks). */
export function catalogueOrder(demands: readonly DemandView[]): DemandView[] {
  let out = ordered.get(demands);
  if (!out) {
    out = [...demands].sort((a, b) =>
      a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : a.id < b.id ? -1 : 1,
    );
    ordered.set(demands, out);
  }
  return out;
}

const currentCache = new WeakMap<SiteData, DemandView[]>();

/**
 * What the catalogue lists by default, with and without JavaScript: the current rounds'
 * demands, newest first — the scope the finder's round menu opens on (当前轮次), so the
 * default list, its label and its count agree. Past rounds are on their round pages.
 */
export function catalogueDefault(data: SiteData): DemandView[] {
  let out = currentCache.get(data);
  if (!out) {
    const current = new Set(currentRounds(data));
    out = catalogueOrder(data.demands).filter((d) => current.has(d.data.round));
    currentCache.set(data, out);
  }
  return out;
}

const present = new WeakMap<readonly DemandView[], { states: string[]; districts: string[] }>();

/** The statuses and districts that occur among the demands (the finder offers only those). */
export function presentValues(demands: readonly DemandView[]): { states: string[]; districts: string[] } {
  let out = present.get(demands);
  if (!out) {
    const states = new Set<string>();
    const districts = new Set<string>();
    for (const d of demands) {
      states.add(d.status.state);
      if (d.data.issuer?.region?.district) districts.add(d.data.issuer.region.district);
    }
    out = { states: [...states], districts: [...districts].sort((a, b) => a.localeCompare(b, 'zh')) };
    present.set(demands, out);
  }
  return out;
}

export function cataloguePagePath(page: number): string {
  return page > 1 ? `demands/page/${page}/` : 'demands/';
}
