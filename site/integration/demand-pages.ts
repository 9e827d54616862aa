/** Write every public demand's page, in both languages, by filling the shell Astro rendered. */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { SiteData } from '../data/model.ts';
import { LANGS, type Lang } from '../i18n/ui.ts';
import { demandArticleFor, demandDescription } from '../render/demand-page.ts';
import type { DemandArticleOptions } from '../render/demand.ts';
import { compileShell, SHELL_ID } from './shell.ts';
import type { OutputWriter } from './writer.ts';

export type DemandImages = Record<string, { illustration?: string; logo?: string }>;

/** What Astro rendered for the demand pages: the shell of each language and the image HTML (pages/build-images.json.ts). */
export interface DemandShells {
  shells: Record<Lang, string>;
  images: DemandImages;
}

const demandsDir = (lang: Lang) => (lang === 'en' ? 'en/demands' : 'demands');

/** Take the shells and the image HTML out of Astro's output (neither is published). */
export function takeShells(outDir: string): DemandShells {
  const file = join(outDir, 'build-images.json');
  const images = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as DemandImages) : {};
  rmSync(file, { force: true });
  const shells = {} as Record<Lang, string>;
  for (const lang of LANGS) {
    const dir = join(outDir, demandsDir(lang), SHELL_ID);
    shells[lang] = readFileSync(join(dir, 'index.html'), 'utf8');
    rmSync(dir, { recursive: true });
  }
  return { shells, images };
}

/**
 * A pause (one turn of the event loop) once `ms` have passed since the last: a thread's long
 * synchronous loop otherwise holds back what waits on its loop — the perceptual image check's
 * decodes on libvips's threads, which answer as callbacks — until the loop ends.
 */
export function pauseEvery(ms = 10): () => Promise<void> | undefined {
  let last = performance.now();
  return () => {
    if (performance.now() - last < ms) return undefined;
    return new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      last = performance.now();
    });
  };
}

/**
 * Make the demand pages' folders, in the order their pages are written, for as long as
 * `waiting()` says the thread has nothing else to do (Astro's thread waits for the privacy
 * scan's automaton after its own pages; a new folder costs a system call, and up to a
 * third of a millisecond of the kernel's time where file creation is slow). Returns the
 * folders made (relative to `outDir`, with /), for the writer not to make them again.
 */
export async function makeDemandFolders(
  outDir: string,
  data: SiteData,
  waiting: () => boolean,
  pause: () => Promise<void> | undefined = pauseEvery(),
): Promise<string[]> {
  const made: string[] = [];
  for (const d of data.demands) {
    for (const lang of LANGS) {
      if (!waiting()) return made;
      const dir = `${demandsDir(lang)}/${d.id}`;
      mkdirSync(join(outDir, dir), { recursive: true });
      made.push(dir);
    }
    const paused = pause();
    if (paused) await paused;
  }
  return made;
}

/** How many demands a thread takes at a time from the shared counter. */
const BATCH = 64;

/**
 * Write demand pages until none is left: threads take the next batch of demands from a
 * counter they share (`next`, an Int32Array over a SharedArrayBuffer), so a thread that
 * is busy elsewhere leaves its share to the other. Both languages of a demand together,
 * so its Markdown is rendered once. Async only to let the thread's event loop turn every few
 * milliseconds (`pauseEvery`): the perceptual image check runs beside the pages on it.
 */
export async function writeDemandPages(
  out: OutputWriter,
  data: SiteData,
  base: string,
  { shells, images }: DemandShells,
  next: Int32Array = new Int32Array(1),
  pause: () => Promise<void> | undefined = pauseEvery(),
): Promise<number> {
  const imageFor = (id: string): DemandArticleOptions['image'] =>
    images[id] ? (which) => images[id]![which] : undefined;
  const fills = LANGS.map((lang) => ({ lang, dir: demandsDir(lang), fill: compileShell(shells[lang]) }));
  let count = 0;
  for (let start = Atomics.add(next, 0, BATCH); start < data.demands.length; start = Atomics.add(next, 0, BATCH)) {
    for (const d of data.demands.slice(start, start + BATCH)) {
      for (const { lang, dir, fill } of fills) {
        out.write(
          `${dir}/${d.id}/index.html`,
          fill({
            id: d.id,
            title: d.data.title,
            description: demandDescription(d, lang),
            article: demandArticleFor(data, d, lang, base, imageFor(d.id)),
          }),
        );
        count++;
      }
      const paused = pause();
      if (paused) await paused;
    }
  }
  return count;
}
