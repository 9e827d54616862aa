/**
 * A content folder's site.yml, read two ways. readSiteFile reads it as it is, for commands
 * that only need a setting or two from it (the record's URL, the area, where the ledger
 * starts): parsed without trust, not validated (jiebang validate does that); absent or
 * unreadable, undefined. readSite checks it against its schema and throws, for the CMS
 * config generator and the /admin page, which cannot go on without valid settings.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Site } from '../generated/types.ts';
import { validateRecord } from '../validate/index.ts';
import { parseContent, parseYamlText } from './parse.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

export async function readSiteFile(contentDir: string): Promise<Site | undefined> {
  const bytes = await readFile(join(contentDir, 'site.yml')).catch(() => undefined);
  if (!bytes) return undefined;
  const parsed = parseContent(bytes, 'site.yml');
  return parsed.ok && parsed.data && typeof parsed.data === 'object' ? (parsed.data as Site) : undefined;
}

/** The site settings, checked against their schema. */
export async function readSite(content = join(ROOT, 'content')): Promise<Site> {
  const file = join(content, 'site.yml');
  const text = await readFile(file, 'utf8').catch(() => {
    throw new Error(`${file} is missing: the CMS config takes the repository, branch and OAuth service from it.`);
  });
  const parsed = parseYamlText(text);
  if (!parsed.ok) throw new Error(`content/site.yml: ${parsed.issue.messageEn}`);
  const issues = validateRecord('site', parsed.data);
  if (issues.length) throw new Error(`content/site.yml is invalid:\n${issues.map((i) => `  ${i.messageEn}`).join('\n')}`);
  return parsed.data as Site;
}
