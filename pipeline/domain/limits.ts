/**
 * The programme's numeric limits, named once (the notice: each demand selects at most three
 * SMEs; a round numbers at most 999 demands, a demand 99 applications — the id grammar's widths).
 */

/** 每项需求最多遴选 3 家揭榜企业. */
export const MAX_SELECTED = 3;

/** Demands a round can number (XM-2026-001 … -999), and applications a demand can (-A01 … -A99). */
export const MAX_DEMANDS_PER_ROUND = 999;
export const MAX_APPLICATIONS_PER_DEMAND = 99;
