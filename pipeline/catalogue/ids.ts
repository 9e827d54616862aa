/**
 * Entries of the national catalogue get this system's own numbers, QG-<year>-NNN (QG: 全国),
 * so everything that reads a demand number (applications' ids, the ledger, commands) reads
 * them unchanged; the file of one is content/catalogue/<id>.yml.
 */
export const EXTERNAL_PREFIX = 'QG';

export const isExternalId = (demandId: string) => demandId.startsWith(`${EXTERNAL_PREFIX}-`);
