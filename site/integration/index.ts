/**
 * The jiebang Astro integration: loads the content once (failing the build with the file and
 * the Chinese message when it is invalid), and after Astro has built its own pages writes
 * the rest of the site from the same model: the demand pages (one shell, filled per
 * demand), the search index, feeds, the JSON API and the downloads; then it scans every
 * output file for restricted values.
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { getSiteData } from '../data/load.ts';
import { timingsPath, UserError } from '../env.ts';
import { demandPath, href, slashed } from '../render/paths.ts';
import { writeDemandPages } from './demand-pages.ts';
import { originOf, writeOutputs } from './outputs.ts';
import { setupDevServer } from './dev.ts';
import { writeSitemap, type SitemapEntry } from './sitemap.ts';
import { formatLeaks, PrivacyScan } from './privacy-scan.ts';
import { SHELL_ID } from './shell.ts';
import { Timings } from './timings.ts';
import { setBuilding } from './mode.ts';
import { stagePublicImages } from '../images/stage.ts';

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
  const paths = new Set(astroPaths.map((p) => p.replace(/^\/+/, '')).filter((p) => !p.includes(SHELL_ID) && !/^(en\/)?404/.test(p)));
  const entries = new Map<string, SitemapEntry>();
  for (const p of paths) {
    const en = p === 'en' || p.startsWith('en/');
    const key = en ? p.replace(/^en\/?/, '') : p;
    const e = entries.get(key) ?? {};
    e[en ? 'en' : 'zh'] = `${base}${p}`.replace(/\/?$/, '/').replace(/\/\/$/, '/');
    entries.set(key, e);
  }
  for (const id of demandIds) entries.set(demandPath(id), { zh: href(base, 'zh', demandPath(id)), en: href(base, 'en', demandPath(id)) });
  return [...entries.values()];
}

export default function jiebang(): AstroIntegration {
  const timings = new Timings();
  let base = '/';
  let astroStart = 0;
  return {
    name: 'jiebang',
    hooks: {
      'astro:config:setup': async ({ command, updateConfig, logger }) => {
        setBuilding(command === 'build');
        try {
          const data = await timings.time('load', getSiteData);
          if (data.site.siteUrl) updateConfig({ site: data.site.siteUrl });
          stagePublicImages(data);
        } catch (e) {
          fail(e, logger);
        }
      },
      'astro:config:done': ({ config }) => {
        base = slashed(config.base);
      },
      'astro:server:setup': ({ server, logger }) => {
        setupDevServer(server, base, logger);
      },
      'astro:build:start': () => {
        astroStart = performance.now();
      },
      'astro:build:done': async ({ dir, pages, logger }) => {
        timings.mark('pages', performance.now() - astroStart);
        try {
          const out = fileURLToPath(dir);
          const data = await getSiteData();
          const origin = originOf(data);
          if (!data.site.siteUrl) logger.warn('site.yml has no siteUrl: feeds and the sitemap use http://localhost:4321');
          // Pagefind indexes in its own process meanwhile: demand pages, feeds, API, sitemap
          // and the privacy scan of everything but the search index are written and read then.
          let scan: PrivacyScan | undefined;
          const { records } = await writeOutputs(out, data, base, timings, async () => {
            const n = await timings.time('demandPages', () => writeDemandPages(out, data, base));
            logger.info(`${n} demand pages written`);
            await timings.time('sitemap', () => writeSitemap(out, base, origin, sitemapEntries(pages.map((p) => p.pathname), data.demands.map((d) => d.id), base)));
            scan = await timings.time('scan', async () => { const s = new PrivacyScan(data); await s.scan(out, (f) => !f.startsWith('pagefind/')); return s; });
          });
          logger.info(`${records} search records indexed`);
          const report = await timings.time('scan', async () => { await scan!.scan(out, (f) => f.startsWith('pagefind/')); return scan!.report(); });
          logger.info(`privacy scan: ${report.files} files, ${(report.bytes / 1e6).toFixed(1)} MB, ${report.values} restricted values (${report.alsoPublic} also public), ${report.leaks.length} leaks`);
          if (report.leaks.length) throw new UserError(formatLeaks(report));
          timings.mark('total', performance.now() - timings.started);
          logger.info(`timings: ${timings.summary()}`);
          timings.write(timingsPath(), { demands: data.demands.length });
        } catch (e) {
          fail(e, logger);
        }
      },
    },
  };
}
