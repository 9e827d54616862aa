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
import { slashed } from '../render/paths.ts';
import { writeDemandPages } from './demand-pages.ts';
import { writeSearchIndex } from './search.ts';
import { Timings } from './timings.ts';

/** Report a user mistake as its message and stop; anything else is a bug and keeps its stack. */
function fail(e: unknown, logger: { error: (m: string) => void }): never {
  if (e instanceof UserError) {
    logger.error(e.message);
    process.exit(1);
  }
  throw e;
}

export default function jiebang(): AstroIntegration {
  const timings = new Timings();
  let base = '/';
  let astroStart = 0;
  return {
    name: 'jiebang',
    hooks: {
      'astro:config:setup': async ({ updateConfig, logger }) => {
        try {
          const data = await timings.time('load', getSiteData);
          if (data.site.siteUrl) updateConfig({ site: data.site.siteUrl });
        } catch (e) {
          fail(e, logger);
        }
      },
      'astro:config:done': ({ config }) => {
        base = slashed(config.base);
      },
      'astro:build:start': () => {
        astroStart = performance.now();
      },
      'astro:build:done': async ({ dir, logger }) => {
        timings.mark('pages', performance.now() - astroStart);
        try {
          const out = fileURLToPath(dir);
          const data = await getSiteData();
          const n = await timings.time('demandPages', () => writeDemandPages(out, data, base));
          logger.info(`${n} demand pages written`);
          const records = await timings.time('search', () => writeSearchIndex(out, data, base));
          logger.info(`${records} search records indexed`);
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
