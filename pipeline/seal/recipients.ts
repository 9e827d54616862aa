/**
 * Who restricted data is sealed to. Officers (bureau, MIIT, admin) in the registry receive
 * everything; an issuer's representatives receive only the applications to the demands
 * they represent (对接双方可见), never other issuers' contacts or applicants' figures.
 *
 * An officer whose authority has ended no longer receives new data (their key stays able to
 * open what was sealed to it before; `jiebang reseal` takes it out of data at rest).
 * Officers not yet valid do receive it: they will need to read what arrives meanwhile.
 */
import type { Officers } from '../generated/types.ts';
import { endOfShanghaiDay } from '../rules/shanghai.ts';
import type { Kind } from '../schema/registry.ts';

type Officer = Officers['officers'][number];

const inOffice = (o: Officer, now: Date) => !!o.recipient && !(o.validUntil && now > endOfShanghaiDay(o.validUntil));

function distinct(officers: Iterable<Officer>): string[] {
  const out: string[] = [];
  for (const o of officers) if (!out.includes(o.recipient!)) out.push(o.recipient!);
  return out;
}

/** The distinct recipients of the officers in office at `now` (order of the registry), issuers' representatives left out. */
export function officerRecipients(registry: Officers | undefined, now: Date = new Date()): string[] {
  return distinct((registry?.officers ?? []).filter((o) => o.role !== 'issuer' && inOffice(o, now)));
}

/** The recipients of the representatives of the issuer of `demandId`, in office at `now`. */
export function issuerRecipients(
  registry: Officers | undefined,
  demandId: string | undefined,
  now: Date = new Date(),
): string[] {
  if (!demandId) return [];
  return distinct(
    (registry?.officers ?? []).filter(
      (o) => o.role === 'issuer' && (o.demands ?? []).includes(demandId) && inOffice(o, now),
    ),
  );
}

/** The kinds whose sealed data the demand's issuer reads too (the applications to its demands). */
export const SHARED_WITH_ISSUER: readonly Kind[] = ['application'];

/**
 * Everyone a record's restricted fields are sealed to: the officers, and for an application
 * the representatives of its demand's issuer. The one answer sealing, resealing, the CMS and
 * the submission helper use.
 */
export function recipientsFor(
  registry: Officers | undefined,
  kind: Kind,
  record: Record<string, unknown>,
  now: Date = new Date(),
): string[] {
  const officers = officerRecipients(registry, now);
  if (!SHARED_WITH_ISSUER.includes(kind)) return officers;
  const demandId = typeof record.demandId === 'string' ? record.demandId : undefined;
  return [...officers, ...issuerRecipients(registry, demandId, now).filter((r) => !officers.includes(r))];
}

/** Every demand's issuer recipients, for pages that seal in the browser (the helper, the CMS). */
export function issuerRecipientsByDemand(
  registry: Officers | undefined,
  now: Date = new Date(),
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const o of registry?.officers ?? []) {
    if (o.role !== 'issuer' || !inOffice(o, now)) continue;
    for (const d of o.demands ?? []) if (!(out[d] ??= []).includes(o.recipient!)) out[d]!.push(o.recipient!);
  }
  return out;
}

/** recipientsFor from what a page carries: the officers' recipients and the issuers' by demand. */
export function recipientsFromLists(
  officers: readonly string[],
  byDemand: Readonly<Record<string, readonly string[]>> | undefined,
  kind: Kind,
  record: Record<string, unknown>,
): string[] {
  if (
    !SHARED_WITH_ISSUER.includes(kind) ||
    typeof record.demandId !== 'string' ||
    !byDemand ||
    !Object.hasOwn(byDemand, record.demandId)
  )
    return [...officers];
  return [...officers, ...byDemand[record.demandId]!.filter((r) => !officers.includes(r))];
}
