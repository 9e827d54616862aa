/**
 * Only public images may enter the build: before Astro starts, the images that public views
 * name (a listed demand's illustration, its issuer's logo unless the issuer hid its name)
 * are copied to a staging folder, and Astro's asset pipeline sees that folder only
 * (`@jiebang-images` in astro.config.mjs). Everything else in content/ is out of reach.
 */
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { SiteData } from '../data/model.ts';

export const IMAGE_STAGE = resolve('.astro/jiebang-images');

export function stagePublicImages(data: SiteData, stage = IMAGE_STAGE): number {
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  let n = 0;
  for (const d of data.demands) {
    const names = [d.data.illustration?.src, d.data.anonymousIssuer ? undefined : d.data.issuer?.logo?.src].filter((s): s is string => !!s);
    for (const name of names) {
      const from = join(d.dir, name);
      if (!existsSync(from)) continue;
      mkdirSync(join(stage, d.id), { recursive: true });
      copyFileSync(from, join(stage, d.id, name));
      n++;
    }
  }
  return n;
}
