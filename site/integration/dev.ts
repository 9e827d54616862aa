/**
 * The dev server: Astro renders the pages on request; the search index, feeds, API and
 * downloads are written to a scratch folder and served from there; an edit in the content
 * folder reloads the model, the staged images and those files, then the browser.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import type { ViteDevServer } from 'vite';
import type { AstroIntegrationLogger } from 'astro';
import { getSiteData, invalidateSiteData } from '../data/load.ts';
import { contentDir, UserError } from '../env.ts';
import { publicImageFiles } from '../images/public-images.ts';
import { stagePublicImages } from '../images/stage.ts';
import { bureauLogo } from '../images/bureau-logo.ts';
import { writeOutputs } from './outputs.ts';
import { Timings } from './timings.ts';

const DEV_OUT = resolve('.astro/jiebang-dev');
const SERVED = /^(pagefind|api|feeds|downloads)\//;
const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.csv': 'text/csv',
  '.xlsx': 'application/octet-stream',
};

export function setupDevServer(server: ViteDevServer, base: string, logger: AstroIntegrationLogger): void {
  let ready = refresh();
  async function refresh(): Promise<void> {
    try {
      const data = await getSiteData();
      await stagePublicImages(publicImageFiles(data.demands));
      await writeOutputs(DEV_OUT, data, base, new Timings());
      const logo = await bureauLogo(contentDir(), data.site);
      if (logo && !logo.ok) logger.warn(logo.message);
    } catch (e) {
      logger.error(e instanceof UserError ? e.message : String(e));
    }
  }
  const dir = contentDir();
  server.watcher.add(dir);
  // One refresh at a time (two would write the search index into one folder at once), and a
  // burst of events (an editor's save touches several files) queues only one more.
  let queued = false;
  server.watcher.on('all', (_event, path) => {
    if (!path.startsWith(dir)) return;
    invalidateSiteData();
    if (queued) return;
    queued = true;
    ready = ready
      .then(() => {
        queued = false;
        return refresh();
      })
      .then(() => server.ws.send({ type: 'full-reload' }));
  });
  server.middlewares.use(async (req, res, next) => {
    const path = decodeURIComponent((req.url ?? '').split('?')[0]!);
    const rest = path.startsWith(base) ? path.slice(base.length) : '';
    if (!SERVED.test(rest)) return next();
    await ready;
    const file = join(DEV_OUT, rest);
    if (!file.startsWith(DEV_OUT) || !existsSync(file) || !statSync(file).isFile()) return next();
    res.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
    createReadStream(file).pipe(res);
  });
}
