/**
 * Only public images may enter the build: before Astro starts, the images that public views
 * name (a listed demand's illustration, its issuer's logo unless the issuer hid its name)
 * are copied to a staging folder, and Astro's asset pipeline sees that folder only
 * (`@jiebang-images` in astro.config.mjs). Everything else in content/ is out of reach.
 * Copies are re-encoded by sharp, which drops metadata (EXIF, XMP, PNG text chunks: a
 * camera's GPS position, an author's name, a phone number in a comment), because Astro
 * also publishes the staged original.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import sharp from 'sharp';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SiteData } from '../data/model.ts';

/** Per process, so builds running side by side (tests, the benchmark) do not share it. */
export const IMAGE_STAGE = join(tmpdir(), `jiebang-images-${process.pid}`);

export function removeStage(stage = IMAGE_STAGE): void {
  rmSync(stage, { recursive: true, force: true });
}

const cleanup = new Set<string>();

export async function stagePublicImages(data: SiteData, stage = IMAGE_STAGE): Promise<number> {
  removeStage(stage);
  mkdirSync(stage, { recursive: true });
  if (!cleanup.has(stage)) { cleanup.add(stage); process.once('exit', () => removeStage(stage)); }
  let n = 0;
  for (const d of data.demands) {
    const names = [d.data.illustration?.src, d.data.anonymousIssuer ? undefined : d.data.issuer?.logo?.src].filter((s): s is string => !!s);
    for (const name of names) {
      const from = join(d.dir, name);
      if (!existsSync(from)) continue;
      mkdirSync(join(stage, d.id), { recursive: true });
      await sharp(from).rotate().toFile(join(stage, d.id, name)); // rotate(): keep the EXIF orientation's effect
      n++;
    }
  }
  return n;
}
