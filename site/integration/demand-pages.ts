/** Write every public demand's page, in both languages, by filling the shell Astro rendered. */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SiteData } from '../data/model.ts';
import { LANGS, type Lang } from '../i18n/ui.ts';
import { demandArticleFor, demandDescription } from '../render/demand-page.ts';
import type { DemandArticleOptions } from '../render/demand.ts';
import { compileShell, SHELL_ID } from './shell.ts';

export function writeDemandPages(outDir: string, data: SiteData, base: string, images?: (id: string) => DemandArticleOptions['image']): number {
  let count = 0;
  for (const lang of LANGS) {
    const dir = join(outDir, lang === 'en' ? 'en' : '', 'demands');
    const shellFile = join(dir, SHELL_ID, 'index.html');
    const fill = compileShell(readFileSync(shellFile, 'utf8'));
    rmSync(join(dir, SHELL_ID), { recursive: true });
    for (const d of data.demands) {
      const page = fill({ id: d.id, title: d.data.title, description: demandDescription(d, lang as Lang), article: demandArticleFor(data, d, lang, base, images?.(d.id)) });
      mkdirSync(join(dir, d.id), { recursive: true });
      writeFileSync(join(dir, d.id, 'index.html'), page);
      count++;
    }
  }
  return count;
}
