/** Write every public demand's page, in both languages, by filling the shell Astro rendered. */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SiteData } from '../data/model.ts';
import { LANGS, type Lang } from '../i18n/ui.ts';
import { demandArticleFor, demandDescription } from '../render/demand-page.ts';
import type { DemandArticleOptions } from '../render/demand.ts';
import { compileShell, SHELL_ID } from './shell.ts';

type Images = Record<string, { illustration?: string; logo?: string }>;

/** The image HTML Astro made for the demand pages (pages/build-images.json.ts); the file is not published. */
function takeImages(outDir: string): Images {
  const file = join(outDir, 'build-images.json');
  const images = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Images) : {};
  rmSync(file, { force: true });
  return images;
}

/** Let the event loop turn (Pagefind, in another process, is fed through a pipe meanwhile). */
export const yieldNow = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function writeDemandPages(outDir: string, data: SiteData, base: string): Promise<number> {
  const images = takeImages(outDir);
  const imageFor = (id: string): DemandArticleOptions['image'] => (images[id] ? (which) => images[id]![which] : undefined);
  const shells = LANGS.map((lang) => {
    const dir = join(outDir, lang === 'en' ? 'en' : '', 'demands');
    const fill = compileShell(readFileSync(join(dir, SHELL_ID, 'index.html'), 'utf8'));
    rmSync(join(dir, SHELL_ID), { recursive: true });
    return { lang, dir, fill };
  });
  let count = 0;
  // Demand by demand, both languages together: the Markdown of a demand is rendered once.
  for (const d of data.demands) {
    if (count % 64 === 0) await yieldNow();
    for (const { lang, dir, fill } of shells) {
      const page = fill({ id: d.id, title: d.data.title, description: demandDescription(d, lang as Lang), article: demandArticleFor(data, d, lang, base, imageFor(d.id)) });
      mkdirSync(join(dir, d.id));
      writeFileSync(join(dir, d.id, 'index.html'), page);
      count++;
    }
  }
  return count;
}
