/**
 * The jiebang Astro integration. In a build, a second thread (build-worker.ts) starts with
 * Astro: it loads the content into the model while Astro starts up, and while Astro bundles
 * and renders its own pages it builds the search index (Pagefind, in its own process) and
 * writes the feeds, the JSON API and the downloads. After Astro's pages, both threads fill
 * the demand-page shell, demand by demand from a shared counter, while Astro's images are
 * compared with the restricted pictures; then every output file is known to have been
 * scanned for restricted values (from the bytes written, or read from disk) and the build
 * reports. Invalid content fails the build with each file and its Chinese
 * message, no stack trace. The dev server loads the model in-process (dev.ts).
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { provideSiteData, getSiteData } from '../data/load.ts';
import { originOf, siteUrlOf } from '../data/site-url.ts';
import { contentDir, timingsPath, UserError } from '../env.ts';
import { demandPath, href, slashed } from '../render/paths.ts';
import { canStartBuildThread, startBuildThread, type BuildThread } from './build-thread.ts';
import { makeDemandFolders, takeShells, writeDemandPages } from './demand-pages.ts';
import { writeSitemap, type SitemapEntry } from './sitemap.ts';
import { formatLeaks, outputFiles, PrivacyScan } from './privacy-scan.ts';
import { SHELL_ID } from './shell.ts';
import { Timings } from './timings.ts';
import { setBuilding } from './mode.ts';
import { publicImageFiles } from '../images/public-images.ts';
import { stagePublicImages } from '../images/stage.ts';
import { bureauLogo } from '../images/bureau-logo.ts';
import { OutputWriter } from './writer.ts';

/** The module that lists the staged images for Astro (an import.meta.glob of the stage). */
const CONTENT_IMAGES = fileURLToPath(new URL('../images/content-images.ts', import.meta.url));

/** Report a user mistake as its message and stop; anything else is a bug and keeps its stack. */
function fail(e: unknown, logger: { error: (m: string) => void }): never {
  if (e instanceof UserError) {
    logger.error(e.message);
    process.exit(1);
  }
  throw e;
}

/** The sitemap's pages: Astro's own (but the shell and 404) and the demand pages, paired by language. */
function sitemapEntries(astroPaths: string[], demandIds: string[], base: string): SitemapEntry[] {
  const paths = new Set(
    astroPaths.map((p) => p.replace(/^\/+/, '')).filter((p) => !p.includes(SHELL_ID) && !/^(en\/)?404/.test(p)),
  );
  const entries = new Map<string, SitemapEntry>();
  for (const p of paths) {
    const en = p === 'en' || p.startsWith('en/');
    const key = en ? p.replace(/^en\/?/, '') : p;
    const e = entries.get(key) ?? {};
    e[en ? 'en' : 'zh'] = `${base}${p}`.replace(/\/?$/, '/').replace(/\/\/$/, '/');
    entries.set(key, e);
  }
  for (const id of demandIds)
    entries.set(demandPath(id), { zh: href(base, 'zh', demandPath(id)), en: href(base, 'en', demandPath(id)) });
  return [...entries.values()];
}

/** Move the staged outputs (pagefind/, api/, feeds/, downloads/) into the output folder. */
function moveStaged(staging: string, outDir: string): void {
  for (const name of readdirSync(staging)) {
    const to = join(outDir, name);
    if (existsSync(to)) throw new Error(`${to} exists already: Astro's pages and the build's outputs overlap`);
    try {
      renameSync(join(staging, name), to);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
      cpSync(join(staging, name), to, { recursive: true });
    }
  }
  rmSync(staging, { recursive: true, force: true });
}

/** The large output files an earlier build found clean (privacy-scan.ts, rememberClean): none when unreadable. */
function readClean(path: string): string[] {
  try {
    const keys: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return Array.isArray(keys) ? keys.filter((k): k is string => typeof k === 'string') : [];
  } catch {
    return [];
  }
}

/** Remembered whole or not at all (a build cut short leaves the previous list). */
function writeClean(path: string, keys: string[]): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(`${path}.${process.pid}.tmp`, JSON.stringify(keys));
  renameSync(`${path}.${process.pid}.tmp`, path);
}

export default function jiebang(): AstroIntegration {
  const timings = new Timings();
  let base = '/';
  let astroStart = 0;
  let thread: BuildThread | undefined;
  let staging = '';
  let cleanFile = '';
  let imageCache = '';
  /** The public images staged for Astro's assets (astro:build:start). */
  let staged: Promise<void> | undefined;
  return {
    name: 'jiebang',
    hooks: {
      'astro:config:setup': ({ command, updateConfig }) => {
        setBuilding(command === 'build');
        const siteUrl = siteUrlOf(contentDir());
        if (siteUrl) updateConfig({ site: siteUrl });
        if (command === 'build' && canStartBuildThread()) {
          thread = startBuildThread();
          thread.model.catch(() => {}); // reported where the build awaits it (astro:build:start)
          provideSiteData(thread.model);
        }
        // Astro bundles while the public images are staged: only the module that lists them
        // (images/content-images.ts, an import.meta.glob of the stage) waits for the stage,
        // in its transform, before Vite expands the glob.
        if (command === 'build')
          updateConfig({
            vite: {
              plugins: [
                {
                  name: 'jiebang-images-staged',
                  enforce: 'pre',
                  async transform(_code: string, id: string) {
                    if (id.split('?')[0] === CONTENT_IMAGES) await staged;
                    return undefined;
                  },
                },
              ],
            },
          });
      },
      'astro:config:done': ({ config }) => {
        base = slashed(config.base);
        staging = join(fileURLToPath(config.cacheDir), `jiebang-outputs-${process.pid}`);
        cleanFile = join(fileURLToPath(config.cacheDir), 'jiebang-scan-clean.json');
        imageCache = join(fileURLToPath(config.cacheDir), 'jiebang-public-images');
      },
      // The dev server's outputs (search, feeds, API, downloads) load only in dev, not in every build.
      'astro:server:setup': async ({ server, logger }) => {
        const { setupDevServer } = await import('./dev.ts');
        setupDevServer(server, base, logger);
      },
      'astro:build:start': async ({ logger }) => {
        try {
          if (thread) {
            rmSync(staging, { recursive: true, force: true });
            mkdirSync(staging, { recursive: true });
            thread.send({ type: 'outputs', base, staging });
          }
          // Astro bundles now. The listed demands' images are staged as soon as the loader
          // lists them (Vite's transform of the module that lists them waits: see
          // astro:config:setup); the model follows (its pages wait for it). A mistake in the
          // content found meanwhile ends the build, at once, before Vite reports the wait's end.
          const started = performance.now();
          staged = (async () => {
            const files = thread ? (await thread.images).files : publicImageFiles((await getSiteData()).demands);
            timings.mark('loadWait', performance.now() - started);
            await timings.time('images', () =>
              stagePublicImages(files, { warn: (m) => logger.warn(m), cache: imageCache }),
            );
          })();
          for (const pending of [staged, thread?.model])
            pending?.catch((e: unknown) => {
              void thread?.close();
              fail(e, logger);
            });
        } catch (e) {
          await thread?.close();
          fail(e, logger);
        }
        astroStart = performance.now();
      },
      'astro:build:done': async ({ dir, pages, logger }) => {
        timings.mark('pages', performance.now() - astroStart);
        try {
          const out = fileURLToPath(dir);
          const data = await getSiteData();
          const origin = originOf(data);
          if (!data.site.siteUrl)
            logger.warn('site.yml has no siteUrl: feeds and the sitemap use http://localhost:4321');
          const logo = await bureauLogo(contentDir(), data.site);
          if (logo && !logo.ok) logger.warn(logo.message);
          if (!thread) throw new Error('the build thread did not start (is site/integration/build-worker.ts missing?)');
          const shells = takeShells(out);
          // Astro's own files are complete: listed before the demand pages are written beside them.
          const astroFiles = outputFiles(out);
          // Both threads write demand pages, each taking the next batch from a shared counter.
          const next = new Int32Array(new SharedArrayBuffer(4));
          thread.send({ type: 'pages', outDir: out, shells, next });
          // Until the build thread has the scan's automaton ready, this thread makes the pages' folders.
          let waiting = true;
          const scanner = thread.scanner.finally(() => (waiting = false));
          scanner.catch(() => {}); // awaited below
          const made = await timings.time('demandFolders', () => makeDemandFolders(out, data, () => waiting));
          const scan = new PrivacyScan(data, (await scanner).snapshot);
          scan.rememberClean(readClean(cleanFile));
          const writer = new OutputWriter(out, scan, made);
          let imageCheck: Promise<void> = Promise.resolve();
          const written = await timings.time('demandPages', async () => {
            // Scanned here while the build thread starts on the demand pages, not at the end on one thread.
            await timings.time('scanAstro', () => {
              for (const f of astroFiles) scan.scanFile(out, f);
            });
            // Astro's images are all written: their pictures are compared (libvips's threads) beside the demand pages.
            imageCheck = timings.time('scanImagesAstro', () => scan.scanImages(out));
            imageCheck.catch(() => {}); // awaited with the scan
            const mine = await writeDemandPages(writer, data, base, shells, next);
            return mine + (await thread!.done).written;
          });
          logger.info(`${written} demand pages written`);
          await timings.time('sitemap', () =>
            writeSitemap(
              writer,
              base,
              origin,
              sitemapEntries(
                pages.map((p) => p.pathname),
                data.demands.map((d) => d.id),
                base,
              ),
            ),
          );
          const outputs = await thread.outputs;
          moveStaged(staging, out);
          const { part, timings: threadTimings, spans: threadSpans } = await thread.done;
          await thread.close();
          for (const phase of ['load', 'feeds', 'api', 'search', 'scanSetup', 'demandPagesThread']) {
            if (threadTimings[phase] !== undefined) timings.adopt(phase, threadTimings[phase], threadSpans[phase]);
          }
          // Internal numbers are for `astro build --verbose` (npm run build -- --verbose), not every run's log.
          logger.debug(`${outputs.records} search records indexed`);
          // Every file in the output: scanned from the bytes written or read before; any other is read now.
          const report = await timings.time('scan', async () => {
            scan.merge(part);
            await timings.time('scanRest', () => scan.scanRest(out));
            await imageCheck;
            await timings.time('scanImages', () => scan.scanImages(out));
            return scan.report();
          });
          timings.phases.scan! += threadTimings.scan ?? 0;
          logger.info(
            `privacy scan: ${report.files} files, ${(report.bytes / 1e6).toFixed(1)} MB, ${report.leaks.length} leaks`,
          );
          logger.debug(
            `privacy scan: looked for ${report.values} restricted values; ${report.alsoPublic} of them are also public text (a common word or a public field's value) and were set aside`,
          );
          if (report.leaks.length) throw new UserError(formatLeaks(report));
          writeClean(cleanFile, scan.cleanKeys());
          timings.mark('total', performance.now() - timings.started);
          logger.debug(`timings: ${timings.summary()}`);
          timings.write(timingsPath(), { demands: data.demands.length });
        } catch (e) {
          await thread?.close();
          fail(e, logger);
        }
      },
    },
  };
}
