/** The catalogue's plain (no-JavaScript) list: its order and paging. */
import type { DemandView } from '../data/model.ts';

export const CATALOGUE_PAGE_SIZE = 100;

const ordered = new WeakMap<readonly DemandView[], DemandView[]>();

/** Newest first (by the day it entered the catalogue), then by number. Cached per list (every catalogue page asks). */
export function catalogueOrder(demands: readonly DemandView[]): DemandView[] {
  let out = ordered.get(demands);
  if (!out) {
    out = [...demands].sort((a, b) => (a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : a.id < b.id ? -1 : 1));
    ordered.set(demands, out);
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
