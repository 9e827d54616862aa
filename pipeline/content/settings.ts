/**
 * The one reader of a deployment's settings (content/site.yml), in two strictnesses:
 * - lax, for commands that only need a setting or two (the record's URL, the area, where the
 *   ledger starts, whether the repository seals at rest): parsed without trust, not validated
 *   (jiebang validate does that); absent, unreadable or not a mapping, undefined.
 * - strict, for what is generated from the settings (the CMS config): the file must exist,
 *   parse and pass its schema, or an error names the file and every problem.
 * The intake reads site.yml at a commit through its content reader and validates it there.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Site } from '../generated/types.ts';
import { validateRecord } from '../validate/index.ts';
import { parseContent, parseYamlText } from './parse.ts';

export const SETTINGS_FILE = 'site.yml';

const REPOSITORY = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** Lax: the settings in a site.yml's bytes, if they parse to a mapping. */
export function settingsFromBytes(bytes: Uint8Array): Site | undefined {
  const parsed = parseContent(bytes, SETTINGS_FILE);
  return parsed.ok && parsed.data && typeof parsed.data === 'object' && !Array.isArray(parsed.data) ? (parsed.data as Site) : undefined;
}

/** Lax: the settings of a content folder. */
export async function readSettings(contentDir: string): Promise<Site | undefined> {
  const bytes = await readFile(join(contentDir, SETTINGS_FILE)).catch(() => undefined);
  return bytes ? settingsFromBytes(bytes) : undefined;
}

/**
 * Lax: the settings of the nearest content folder at or above `start` (a file or folder);
 * with `contentSubfolder`, a folder's content/site.yml counts too (a repository's root).
 * The first site.yml found decides, readable or not.
 */
export async function settingsAbove(start: string, o: { contentSubfolder?: boolean } = {}): Promise<Site | undefined> {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    const bytes = await readFile(join(dir, SETTINGS_FILE)).catch(() => undefined)
      ?? (o.contentSubfolder ? await readFile(join(dir, 'content', SETTINGS_FILE)).catch(() => undefined) : undefined);
    if (bytes) return settingsFromBytes(bytes);
    if (dirname(dir) === dir) return undefined;
  }
}

/** Strict: the settings of a content folder, checked against their schema; `why` says who needs them when the file is missing. */
export async function readSettingsStrict(contentDir: string, why: string): Promise<Site> {
  const file = join(contentDir, SETTINGS_FILE);
  const text = await readFile(file, 'utf8').catch(() => {
    throw new Error(`${file} is missing: ${why}`);
  });
  const parsed = parseYamlText(text);
  if (!parsed.ok) throw new Error(`content/site.yml: ${parsed.issue.messageEn}`);
  const issues = validateRecord('site', parsed.data);
  if (issues.length) throw new Error(`content/site.yml is invalid:\n${issues.map((i) => `  ${i.messageEn}`).join('\n')}`);
  return parsed.data as Site;
}

/** Strict: the deployment's settings for the CMS config and the /admin page (this repository's content/ unless named). */
export async function readSite(content = join(REPOSITORY, 'content')): Promise<Site> {
  return readSettingsStrict(content, 'the CMS config takes the repository, branch and OAuth service from it.');
}
