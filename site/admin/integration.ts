/**
 * /admin on the site: the CMS page and its bundle (build.ts), served by the dev server and
 * written into the build output, never linked from or loaded by any other page.
 *
 * In development it also starts decap-server, the local backend the CMS edits the working
 * tree through, so `astro dev` alone gives a newcomer a working CMS:
 *   JIEBANG_CMS_PORT  its port (default 8081, the generated config's local_backend);
 *   JIEBANG_CMS_MODE  fs (default: saves land in the working tree) or git (the editorial
 *                     workflow on local cms/… branches, merged into the branch on publish);
 *   JIEBANG_CMS_SERVER=off  do not start it (one is running already).
 * The repository it edits is the parent of the content folder (JIEBANG_CONTENT).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { contentDir } from '../env.ts';
import { slashed } from '../render/paths.ts';
import { bureauLogo } from '../images/bureau-logo.ts';
import { readSite } from '../../pipeline/face/node.ts';
import {
  parseYamlText,
  type Officers,
  sealAtRest,
  issuerRecipientsByDemand,
  officerRecipients,
  validateRecord,
} from '../../pipeline/face/core.ts';
import { adminHtml, buildAdmin, buildAdminApart, bundleBytes, type AdminBundle } from './build.ts';

const require = createRequire(import.meta.url);

export function startDecapServer(port: number, logger: Pick<AstroIntegrationLogger, 'info' | 'warn'>): ChildProcess {
  const repo = dirname(contentDir());
  const mode = process.env.JIEBANG_CMS_MODE === 'git' ? 'git' : 'fs';
  // The server exits with the dev server however that ends (Ctrl+C, a kill, a crash): it
  // checks every second that its parent is still there.
  const watchdog = `const p=process.ppid;setInterval(()=>{try{process.kill(p,0)}catch{process.exit(0)}},1000).unref();require(${JSON.stringify(require.resolve('decap-server/dist/index.js'))})`;
  const child = spawn(process.execPath, ['-e', watchdog], {
    env: {
      ...process.env,
      PORT: String(port),
      BIND_HOST: '127.0.0.1',
      GIT_REPO_DIRECTORY: repo,
      MODE: mode,
      LOG_LEVEL: process.env.JIEBANG_CMS_LOG ?? 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.on('exit', (code) => {
    if (code)
      logger.warn(
        `decap-server exited with code ${code} (is port ${port} taken? set JIEBANG_CMS_PORT or JIEBANG_CMS_SERVER=off)`,
      );
  });
  const stop = () => child.kill();
  process.once('exit', stop);
  logger.info(`decap-server (${mode}) on http://127.0.0.1:${port}/api/v1 editing ${repo}`);
  return child;
}

/**
 * What the admin page tells the app besides its script: the site's name, and where the
 * repository is public (privacy.sealAtRest) the officers' keys that saving seals to.
 */
async function pageFacts(): Promise<{
  title: string;
  bureau?: string;
  logo?: { src: string; width: number; height: number };
  recipients?: string[];
  issuerRecipients?: Record<string, string[]>;
}> {
  const site = await readSite(contentDir());
  // The emblem travels inside the page (a data URL): the CMS draws it into one SVG beside the bureau's name.
  const emblem = await bureauLogo(contentDir(), site);
  const bureau = {
    ...(site.bureau?.name ? { bureau: site.bureau.name } : {}),
    ...(emblem?.ok
      ? {
          logo: {
            src: `data:image/png;base64,${emblem.png.toString('base64')}`,
            width: emblem.width,
            height: emblem.height,
          },
        }
      : {}),
  };
  if (!sealAtRest(site)) return { title: site.name, ...bureau };
  const parsed = parseYamlText(await readFile(join(contentDir(), 'officers.yml'), 'utf8'));
  const officers =
    parsed.ok && validateRecord('officers', parsed.data).length === 0 ? (parsed.data as Officers) : undefined;
  return {
    title: site.name,
    ...bureau,
    recipients: officerRecipients(officers),
    issuerRecipients: issuerRecipientsByDemand(officers),
  };
}

export default function admin(): AstroIntegration {
  let base = '/';
  /** The bundle: from the cache, or built in a process of its own as the build starts (its memory is gone before the build's peak). */
  let bundling: Promise<AdminBundle> | undefined;
  return {
    name: 'jiebang-admin',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = slashed(config.base);
      },
      'astro:server:setup': ({ server, logger }) => {
        const port = Number(process.env.JIEBANG_CMS_PORT || 8081);
        const decap = process.env.JIEBANG_CMS_SERVER === 'off' ? undefined : startDecapServer(port, logger);
        server.httpServer?.once('close', () => decap?.kill());
        const localBackend = `http://127.0.0.1:${port}/api/v1`;
        // Acts that arrive on paper, stamped scans and new demands' submissions, from the CMS in the repository being edited (server/paper-act.ts, scan-route.ts).
        // Loaded with the first such request: a build never pays for them (sharp, the git forge).
        let routes: Promise<Array<(req: IncomingMessage, res: ServerResponse) => boolean>> | undefined;
        const load = () =>
          Promise.all([
            import('../server/paper-act.ts'),
            import('../server/scan-route.ts'),
            import('../server/submit-route.ts'),
          ]).then(([a, s, u]) =>
            [a.paperActRoute, s.scanRoute, u.submitRoute].map((route) => route(dirname(contentDir()), base)),
          );
        server.middlewares.use((req, res, next) => {
          if (!(req.url ?? '').startsWith(`${base}admin/api/`)) return next();
          void (routes ??= load()).then((all) => {
            if (!all.some((route) => route(req, res))) next();
          }, next);
        });
        server.middlewares.use(async (req, res, next) => {
          const path = (req.url ?? '').split('?')[0]!;
          if (!path.startsWith(`${base}admin`)) return next();
          try {
            const rest = path.slice(`${base}admin`.length);
            const bundle = await buildAdmin();
            if (rest === '' || rest === '/' || rest === '/index.html') {
              res.setHeader('Content-Type', 'text/html; charset=utf-8');
              res.setHeader('Cache-Control', 'no-store');
              return res.end(
                adminHtml({
                  base,
                  script: bundle.script,
                  preload: bundle.preload,
                  localBackend,
                  ...(await pageFacts()),
                }),
              );
            }
            const file = bundle.files.find((f) => rest === `/${f.name}`);
            if (file) {
              res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
              res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
              return res.end(file.code);
            }
            return next();
          } catch (e) {
            logger.error(`admin: ${(e as Error).message}`);
            res.statusCode = 500;
            return res.end(`内容管理页面生成失败 / the admin page failed to build: ${(e as Error).message}`);
          }
        });
      },
      'astro:config:setup': ({ command }) => {
        if (command !== 'build') return;
        bundling = buildAdminApart();
        bundling.catch(() => {}); // reported when awaited below
      },
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const bundle = await (bundling ?? buildAdminApart());
        const out = join(fileURLToPath(dir), 'admin');
        await mkdir(out, { recursive: true });
        await Promise.all(bundle.files.map((f) => writeFile(join(out, f.name), f.code)));
        // `npm start` serves this build beside decap-server; a port other than Decap's default is named in the page.
        const cmsPort = process.env.JIEBANG_CMS_PORT;
        await writeFile(
          join(out, 'index.html'),
          adminHtml({
            base,
            script: bundle.script,
            preload: bundle.preload,
            ...(await pageFacts()),
            ...(cmsPort ? { localBackend: `http://127.0.0.1:${Number(cmsPort)}/api/v1` } : {}),
          }),
        );
        const size = bundleBytes(bundle);
        logger.info(
          `admin: ${bundle.script} (${(size.entry / 1048576).toFixed(1)} MB, ${bundle.files.length} files ${(size.total / 1048576).toFixed(1)} MB${bundle.cached ? ', cached' : ''}), ${Math.round(performance.now() - started)} ms after the pages`,
        );
      },
    },
  };
}
