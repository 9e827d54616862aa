/**
 * A content folder's site.yml read as it is, for commands that only need a setting or two
 * from it (the record's URL, the area, where the ledger starts): parsed without trust, not
 * validated (jiebang validate does that); absent or unreadable, undefined.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Site } from '../generated/types.ts';
import { parseContent } from './parse.ts';

export async function readSiteFile(contentDir: string): Promise<Site | undefined> {
  const bytes = await readFile(join(contentDir, 'site.yml')).catch(() => undefined);
  if (!bytes) return undefined;
  const parsed = parseContent(bytes, 'site.yml');
  return parsed.ok && parsed.data && typeof parsed.data === 'object' ? (parsed.data as Site) : undefined;
}
