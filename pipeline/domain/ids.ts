/**
 * The id grammar of the programme, taken from the schemas' `pattern`s (through
 * generated/id-patterns.ts, so browser bundles need not carry the schemas) so that it is written
 * once: a round XM-2026, its demands XM-2026-017, their applications XM-2026-017-A02, the
 * national catalogue's entries QG-2026-007 (filed as demands), and a ledger subject (any of
 * round, demand, application). Everything that recognises, derives or finds an id uses these.
 */
import {
  APPLICATION_ID_PATTERN,
  DEMAND_ID_PATTERN,
  EXTERNAL_ID_PATTERN,
  ROUND_ID_PATTERN,
  SUBJECT_ID_PATTERN,
} from '../generated/id-patterns.ts';

/** A schema pattern without its anchors, to compose with others. */
const body = (pattern: string) => pattern.replace(/^\^/, '').replace(/\$$/, '');

/** The part after the stem: what an application adds to its demand's id, a demand to its round's. */
function suffix(longer: string, stem: string): string {
  if (!body(longer).startsWith(body(stem))) throw new Error(`id grammar: ${longer} does not extend ${stem}`);
  return body(longer).slice(body(stem).length);
}

export const ROUND_ID = new RegExp(ROUND_ID_PATTERN);
export const DEMAND_ID = new RegExp(DEMAND_ID_PATTERN);
export const APPLICATION_ID = new RegExp(APPLICATION_ID_PATTERN);
export const EXTERNAL_ID = new RegExp(EXTERNAL_ID_PATTERN);
/** What a ledger chain may be about: a round, a demand or an application. */
export const SUBJECT_ID = new RegExp(SUBJECT_ID_PATTERN);

/** A demand id's grammar without anchors, and what an application id adds to it, to compose path patterns. */
export const DEMAND_ID_BODY = body(DEMAND_ID_PATTERN);
export const APPLICATION_SUFFIX = suffix(APPLICATION_ID_PATTERN, DEMAND_ID_PATTERN);
const DEMAND_SUFFIX = suffix(DEMAND_ID_PATTERN, ROUND_ID_PATTERN);

/** A demand or application id anywhere in a text (a comment, a title), for `matchAll`. */
export const ENTRY_ID_IN_TEXT = new RegExp(`${body(DEMAND_ID_PATTERN)}(?:${APPLICATION_SUFFIX})?`, 'g');
/** The same, case-insensitive, for typed commands (`xm-2026-001-a01`). */
export const APPLICATION_ID_ANY_CASE = new RegExp(APPLICATION_ID_PATTERN, 'i');
/** A demand id typed in any case (a search box: `xm-2026-001`). */
export const DEMAND_ID_ANY_CASE = new RegExp(DEMAND_ID_PATTERN, 'i');

const APPLICATION_TAIL = new RegExp(`${APPLICATION_SUFFIX}$`);
const DEMAND_TAIL = new RegExp(`${DEMAND_SUFFIX}$`);

/** The alphabet of a credit code (GB 32100-2015: digits and capitals but I, O, S, V, Z). */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Eighteen characters of that alphabet: what a credit code looks like before its checks (ids, folder names). */
export const USCC_SHAPE = new RegExp(`^[${USCC_ALPHABET}]{18}$`);

export const isRoundId = (id: string) => ROUND_ID.test(id);
export const isDemandId = (id: string) => DEMAND_ID.test(id);
export const isApplicationId = (id: string) => APPLICATION_ID.test(id);

/** Whether an id names an application (by its suffix; the rest is not checked). */
export const hasApplicationSuffix = (id: string) => APPLICATION_TAIL.test(id);

/** The demand an application id belongs to; a demand id is returned as it is. */
export const demandOfId = (id: string) => id.replace(APPLICATION_TAIL, '');

/** The round a demand id belongs to. */
export const roundOfDemandId = (demandId: string) => demandId.replace(DEMAND_TAIL, '');

export type SubjectKind = 'demand' | 'application' | 'round';

/** What a ledger subject id names. */
export function subjectKindOf(id: string): SubjectKind {
  if (ROUND_ID.test(id)) return 'round';
  return hasApplicationSuffix(id) ? 'application' : 'demand';
}

/**
 * Entries of the national catalogue get this system's own numbers, QG-<year>-NNN (QG: 全国),
 * so everything that reads a demand number (applications' ids, the ledger, commands) reads
 * them unchanged; the file of one is content/catalogue/<id>.yml.
 */
export const EXTERNAL_PREFIX = 'QG';

export const isExternalId = (demandId: string) => demandId.startsWith(`${EXTERNAL_PREFIX}-`);
