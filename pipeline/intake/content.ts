/**
 * What the intake reads of the catalogue at one commit: the shared reader
 * (content/at-commit.ts) and the settings (site.yml) it needs first.
 */
import type { Site } from '../generated/types.ts';
import { loadRecords, type ContentReader } from '../content/at-commit.ts';
import { SITE_PATH } from '../domain/layout.ts';

export { forgeReader, loadRecords, recordAt, type ContentReader } from '../content/at-commit.ts';
export { SITE_PATH };

export async function loadSite(reader: ContentReader): Promise<Site | undefined> {
  const [site] = await loadRecords(reader, [SITE_PATH]);
  return site?.data && site.issues.length === 0 ? (site.data as unknown as Site) : undefined;
}

export { decisionFiles, entryPath, ledgerSubjects } from '../domain/layout.ts';
