/**
 * Who restricted data is sealed to: the `recipient` keys of the officers registry. An
 * officer whose authority has ended no longer receives new data (their key stays able to
 * open what was sealed to it before; `jiebang reseal` takes it out of data at rest).
 * Officers not yet valid do receive it: they will need to read what arrives meanwhile.
 */
import type { Officers } from '../generated/types.ts';
import { endOfShanghaiDay } from '../rules/shanghai.ts';

/** The distinct recipients of the officers in office at `now` (order of the registry). */
export function officerRecipients(registry: Officers | undefined, now: Date = new Date()): string[] {
  const out: string[] = [];
  for (const o of registry?.officers ?? []) {
    if (!o.recipient) continue;
    if (o.validUntil && now > endOfShanghaiDay(o.validUntil)) continue;
    if (!out.includes(o.recipient)) out.push(o.recipient);
  }
  return out;
}
