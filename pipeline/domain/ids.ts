/**
 * The id grammar of the programme, taken from the schemas' `pattern`s so that it is written
 * once: a round XM-2026, its demands XM-2026-017, their applications XM-2026-017-A02, the
 * national catalogue's entries QG-2026-007 (filed as demands), and a ledger subject (any of
 * round, demand, application). Everything that recognises, derives or finds an id uses these.
 */
import round from '../../schemas/round.schema.json' with { type: 'json' };
import demand from '../../schemas/demand.schema.json' with { type: 'json' };
import application from '../../schemas/application.schema.json' with { type: 'json' };
import external from '../../schemas/external.schema.json' with { type: 'json' };
import decision from '../../schemas/decision.schema.json' with { type: 'json' };

/** A schema pattern without its anchors, to compose with others. */
const body = (pattern: string) => pattern.replace(/^\^/, '').replace(/\$$/, '');

/** The part after the stem: what an application adds to its demand's id, a demand to its round's. */
function suffix(longer: string, stem: string): string {
  if (!body(longer).startsWith(body(stem))) throw new Error(`id grammar: ${longer} does not extend ${stem}`);
  return body(longer).slice(body(stem).length);
}

export const ROUND_ID = new RegExp(round.properties.id.pattern);
export const DEMAND_ID = new RegExp(demand.properties.id.pattern);
export const APPLICATION_ID = new RegExp(application.properties.id.pattern);
export const EXTERNAL_ID = new RegExp(external.properties.id.pattern);
/** What a ledger chain may be about: a round, a demand or an application. */
export const SUBJECT_ID = new RegExp(decision.properties.subject.pattern);

/** A demand id's grammar without anchors, and what an application id adds to it, to compose path patterns. */
export const DEMAND_ID_BODY = body(demand.properties.id.pattern);
export const APPLICATION_SUFFIX = suffix(application.properties.id.pattern, demand.properties.id.pattern);
const DEMAND_SUFFIX = suffix(demand.properties.id.pattern, round.properties.id.pattern);

/** A demand or application id anywhere in a text (a comment, a title), for `matchAll`. */
export const ENTRY_ID_IN_TEXT = new RegExp(`${body(demand.properties.id.pattern)}(?:${APPLICATION_SUFFIX})?`, 'g');
/** The same, case-insensitive, for typed commands (`xm-2026-001-a01`). */
export const APPLICATION_ID_ANY_CASE = new RegExp(application.properties.id.pattern, 'i');

const APPLICATION_TAIL = new RegExp(`${APPLICATION_SUFFIX}$`);
const DEMAND_TAIL = new RegExp(`${DEMAND_SUFFIX}$`);

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
