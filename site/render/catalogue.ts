/** The catalogue's plain (no-JavaScript) list: its order and paging. */
import type { DemandView } from '../data/model.ts';

export const CATALOGUE_PAGE_SIZE = 100;

/** Newest first (by the day it entered the catalogue), then by number. */
export function catalogueOrder(demands: readonly DemandView[]): DemandView[] {
  return [...demands].sort((a, b) => b.publishedAt.localeCompare(a.publishedAt) || a.id.localeCompare(b.id));
}

export function cataloguePagePath(page: number): string {
  return page > 1 ? `demands/page/${page}/` : 'demands/';
}
