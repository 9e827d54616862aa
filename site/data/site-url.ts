/**
 * The public origin from content/site.yml, read on its own when the build starts (Astro
 * needs it before the content is loaded). A missing or invalid site.yml gives none here;
 * the content load reports it with the rest.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { recordFromBytes } from '../../pipeline/face/node.ts';
import type { SiteData } from './model.ts';

export function siteUrlOf(contentDir: string): string | undefined {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(join(contentDir, 'site.yml'));
  } catch {
    return undefined;
  }
  const record = recordFromBytes(join(contentDir, 'site.yml'), 'site', bytes);
  const url = record.issues.length ? undefined : record.data?.siteUrl;
  return typeof url === 'string' ? url : undefined;
}

/** The origin the built site's absolute links start with (site.yml's siteUrl, else the local server's). */
export function originOf(data: SiteData): string {
  return (data.site.siteUrl ?? 'http://localhost:4321').replace(/\/+$/, '');
}
