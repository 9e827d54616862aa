/**
 * What visitors download from a built site, gzip as a production host serves it: every
 * demand page's HTML (from disk), the JavaScript each page template loads before anyone
 * touches it, and a search session (three queries typed into the site's search, one of
 * them Chinese without spaces), measured in real Chromium by summing the bytes it received.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Response } from 'playwright-core';
import { gzipSize, serveGzip } from './serve.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
export const SEARCH_QUERIES = ['碳化硅功率模块', '储能 电池管理系统', '5G'];

export interface Weights {
  demandHtml: { pages: number; median: number; p95: number; max: number; largest: string };
  templates: Array<{ template: string; path: string; js: number; jsFiles: number; html: number }>;
  search: {
    path: string;
    queries: Array<{
      query: string;
      status: string;
      bytes: number;
      requests: number;
      files: Array<{ path: string; bytes: number }>;
    }>;
    bytes: number;
    requests: number;
    pageBytes: number;
  };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

/** gzip sizes of every demand page's HTML (both languages). */
function demandHtml(dist: string): Weights['demandHtml'] {
  const sizes: Array<[number, string]> = [];
  for (const root of [join(dist, 'demands'), join(dist, 'en', 'demands')]) {
    let entries: string[] = [];
    try {
      entries = readdirSync(root);
    } catch {
      continue;
    }
    for (const id of entries) {
      if (!/^[A-Z]{2,4}-\d{4}-\d{3}$/.test(id)) continue;
      const file = join(root, id, 'index.html');
      try {
        sizes.push([gzipSize(readFileSync(file)), file.slice(dist.length + 1)]);
      } catch {
        /* not a page */
      }
    }
  }
  sizes.sort((a, b) => a[0] - b[0]);
  const only = sizes.map(([s]) => s);
  return {
    pages: sizes.length,
    median: only.length ? percentile(only, 0.5) : 0,
    p95: only.length ? percentile(only, 0.95) : 0,
    max: only.at(-1) ?? 0,
    largest: sizes.at(-1)?.[1] ?? '',
  };
}

/** A page of each template, found in the build (the first of its kind). */
function templatePaths(dist: string): Array<{ template: string; path: string }> {
  const first = (dir: string, test: (name: string) => boolean) => {
    try {
      return readdirSync(join(dist, dir))
        .sort()
        .find((n) => test(n) && statSync(join(dist, dir, n)).isDirectory());
    } catch {
      return undefined;
    }
  };
  const demand = first('demands', (n) => /^[A-Z]{2,4}-\d{4}-\d{3}$/.test(n));
  const round = first('rounds', (n) => /^[A-Z]{2,4}-\d{4}$/.test(n));
  const issuer = first('issuers', () => true);
  const page = first('pages', () => true);
  const form = first('submit', () => true);
  const list: Array<[string, string | undefined]> = [
    ['home', ''],
    ['home (en)', 'en/'],
    ['catalogue', 'demands/'],
    ['demand', demand && `demands/${demand}/`],
    ['demand (en)', demand && `en/demands/${demand}/`],
    ['rounds', 'rounds/'],
    ['round catalogue', round && `rounds/${round}/`],
    ['issuers', 'issuers/'],
    ['issuer', issuer && `issuers/${issuer}/`],
    ['statistics', 'stats/'],
    ['pages', 'pages/'],
    ['policy page', page && `pages/${page}/`],
    ['search', 'search/'],
    ['submit', 'submit/'],
    ['submit form', form && `submit/${form}/`],
    ['404', 'no-such-page/'],
  ];
  return list.filter((x): x is [string, string] => x[1] !== undefined).map(([template, path]) => ({ template, path }));
}

/**
 * Bytes received for the responses `page` gets while `action` runs: bodies as transferred
 * (encoded), with the response headers too when `headers` (a transfer, not a file size).
 */
async function received(
  page: Page,
  action: () => Promise<void>,
  options: { filter?: (r: Response) => boolean; headers?: boolean } = {},
): Promise<{ bytes: number; requests: number; files: Array<{ path: string; bytes: number }> }> {
  const filter = options.filter ?? (() => true);
  const pending: Array<Promise<number>> = [];
  const paths: string[] = [];
  const onResponse = (r: Response) => {
    if (!filter(r)) return;
    paths.push(new URL(r.url()).pathname);
    pending.push(
      r
        .finished()
        .then(() => r.request().sizes())
        .then(
          (s) => s.responseBodySize + (options.headers ? s.responseHeadersSize : 0),
          () => 0,
        ),
    );
  };
  // What the action set off may still be starting (a search's results load after its count
  // is shown, and Playwright's networkidle has been reached long before): wait until no
  // request has started for half a second.
  let lastRequest = Date.now();
  const onRequest = () => {
    lastRequest = Date.now();
  };
  page.on('request', onRequest);
  page.on('response', onResponse);
  try {
    await action();
    while (Date.now() - lastRequest < 500) await page.waitForTimeout(100);
  } finally {
    page.off('response', onResponse);
    page.off('request', onRequest);
  }
  const sizes = await Promise.all(pending);
  return {
    bytes: sizes.reduce((a, b) => a + b, 0),
    requests: sizes.length,
    files: sizes.map((bytes, i) => ({ path: paths[i]!, bytes })),
  };
}

const isScript = (r: Response) =>
  r.request().resourceType() === 'script' || /\.m?js(\?|$)/.test(new URL(r.url()).pathname);

async function searchSession(context: BrowserContext, url: string): Promise<Weights['search']> {
  const page = await context.newPage();
  const load = await received(
    page,
    async () => {
      await page.goto(`${url}search/`, { waitUntil: 'load' });
      await page.waitForLoadState('networkidle');
    },
    { headers: true },
  );
  const queries: Weights['search']['queries'] = [];
  for (const query of SEARCH_QUERIES) {
    const got = await received(
      page,
      async () => {
        await page.evaluate(() => {
          document.querySelector('[data-finder] [data-status]')!.textContent = '';
        });
        await page.fill('#finder-q', '');
        await page.click('#finder-q');
        await page.keyboard.type(query);
        await page.keyboard.press('Enter');
        await page.waitForFunction(
          () => {
            const root = document.querySelector<HTMLElement>('[data-finder]')!;
            const loading = (JSON.parse(root.dataset.strings!) as Record<string, string>).loading;
            const status = root.querySelector('[data-status]')!.textContent ?? '';
            return status !== '' && status !== loading;
          },
          undefined,
          { timeout: 60_000 },
        );
        await page.waitForLoadState('networkidle');
      },
      { headers: true },
    );
    const status = await page.locator('[data-finder] [data-status]').textContent();
    queries.push({ query, status: (status ?? '').trim(), ...got });
  }
  await page.close();
  return {
    path: 'search/',
    queries,
    bytes: queries.reduce((s, q) => s + q.bytes, 0),
    requests: queries.reduce((s, q) => s + q.requests, 0),
    pageBytes: load.bytes,
  };
}

export async function measureWeights(dist: string): Promise<Weights> {
  const { url, close } = await serveGzip(dist);
  const profile = mkdtempSync(join(tmpdir(), 'jiebang-bench-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1200, height: 900 },
  });
  try {
    const templates: Weights['templates'] = [];
    for (const { template, path } of templatePaths(dist)) {
      const page = await context.newPage();
      let html = 0;
      page.on('response', (r) => {
        if (r.request().resourceType() === 'document')
          void r
            .finished()
            .then(() => r.request().sizes())
            .then(
              (s) => {
                html = s.responseBodySize;
              },
              () => {},
            );
      });
      const js = await received(
        page,
        async () => {
          await page.goto(`${url}${path}`, { waitUntil: 'load' });
          await page.waitForLoadState('networkidle');
        },
        { filter: isScript },
      );
      templates.push({ template, path, js: js.bytes, jsFiles: js.requests, html });
      await page.close();
    }
    const search = await searchSession(context, url);
    return { demandHtml: demandHtml(dist), templates, search };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await close();
  }
}
