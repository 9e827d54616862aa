/**
 * Search on a phone: the site's search page in Debian's Chromium with the CPU slowed 4×
 * (CDP Emulation.setCPUThrottlingRate) and the network at 1.6 Mbps down / 750 kbps up with
 * 150 ms latency, a fresh profile (nothing cached). The page's CDP network emulation
 * (Network.emulateNetworkConditions) does not reach Pagefind's worker, which fetches the
 * WebAssembly and the index: measured, its requests went at full speed and uncounted. So
 * the network is slowed where every request passes, in a proxy in front of the site (each
 * response after the latency, all of them sharing the one link's rate), and counted there. Each
 * query is typed at a person's pace and submitted (the finder searches on submit: typing has stopped); the time
 * is from that key to the first result card (or the "nothing found" status) in the page,
 * both taken by the page's own clock. Bytes are the session's transfers after the page loaded.
 * Targets (issue 21): first results ≤ 1 s, ≤ 150 KB per session, at 10,000 demands.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import { chromium } from 'playwright-core';
import { serveGzip } from './serve.ts';
import { CHROMIUM, CHROMIUM_ARGS, SEARCH_QUERIES } from './weights.ts';

/** A phone: the CPU slowed 4×, a slow mobile network, and a key every 200 ms (a person typing, not a script). */
export const PHONE = { cpuRate: 4, downKbps: 1600, upKbps: 750, latencyMs: 150, keyDelayMs: 200 };
export const PHONE_TARGETS = { firstResultsMs: 1_000, sessionBytes: 150 * 1024 };

export interface PhoneSearch {
  n: number;
  /** The search page's load (HTML, CSS, scripts) under the same conditions, ms and bytes. */
  pageMs: number;
  pageBytes: number;
  queries: Array<{ query: string; ms: number; status: string; bytes: number }>;
  sessionBytes: number;
  /** The session's bytes by what they were (Pagefind's scripts, WebAssembly, index, fragments…). */
  byKind: Record<string, { files: number; bytes: number }>;
}

/** What a search session's request was, by its path. */
export function requestKind(path: string): string {
  if (/\.wasm|wasm\.[a-z]+\.pagefind$/.test(path)) return 'WebAssembly';
  if (/\.js$/.test(path)) return 'scripts';
  if (/\.pf_meta$/.test(path)) return 'metadata';
  if (/\/index\/|\.pf_index$/.test(path)) return 'index chunks';
  if (/\/filter\/|\.pf_filter$/.test(path)) return 'filters';
  if (/\/fragment\/|\.pf_fragment$/.test(path)) return 'fragments';
  if (/pagefind-entry\.json$/.test(path)) return 'entry';
  return 'other';
}

declare global {
  interface Window {
    __submitted?: number;
    __shown?: number;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/** A proxy to `upstream` that delays every response by the latency and sends bodies at the link's rate, one link shared by all. */
function slowLink(upstream: string): Promise<{
  url: string;
  bytes: () => number;
  log: Array<{ path: string; size: number }>;
  close: () => Promise<void>;
}> {
  const target = new URL(upstream);
  const rate = (PHONE.downKbps * 1000) / 8 / 1000; // bytes per ms
  let linkFree = 0;
  let sent = 0;
  const log: Array<{ path: string; size: number }> = [];
  const server = createServer((req, res) => {
    const fetched = new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((done, fail) => {
      const up = request(
        { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
        (r) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c))
            .on('end', () => done({ status: r.statusCode ?? 502, headers: r.headers, body: Buffer.concat(chunks) }))
            .on('error', fail);
        },
      );
      up.on('error', fail);
      req.pipe(up);
    });
    void (async () => {
      const started = Date.now();
      const { status, headers, body } = await fetched;
      // The request's way out and the first byte's way back, then the body through the shared link.
      await sleep(started + PHONE.latencyMs - Date.now());
      const size = body.byteLength + 300; // with the response headers, roughly
      linkFree = Math.max(Date.now(), linkFree) + size / rate;
      sent += size;
      log.push({ path: new URL(req.url ?? '/', 'http://x').pathname, size });
      await sleep(linkFree - Date.now());
      res.writeHead(status, headers).end(body);
    })().catch(() => {
      res.writeHead(502).end();
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        url: `http://127.0.0.1:${port}/`,
        bytes: () => sent,
        log,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}

export async function measurePhoneSearch(dist: string, n: number): Promise<PhoneSearch> {
  const site = await serveGzip(dist);
  const link = await slowLink(site.url);
  const { url } = link;
  const close = async () => {
    await link.close();
    await site.close();
  };
  const profile = mkdtempSync(join(tmpdir(), 'jiebang-bench-phone-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE.cpuRate });
    const loadStart = Date.now();
    await page.goto(`${url}search/`, { waitUntil: 'load' });
    await page.waitForLoadState('networkidle');
    const pageMs = Date.now() - loadStart;
    const pageBytes = link.bytes();
    const sessionFrom = link.log.length;
    // The moment of submitting, and the first moment a result (or the "nothing found" status) is in the page.
    await page.evaluate(() => {
      const root = document.querySelector<HTMLElement>('[data-finder]')!;
      // "Nothing found" is the template's fixed words around the query (text.none, e.g. 没有找到与“{q}”相关的需求).
      const pieces = (JSON.parse(root.dataset.strings!) as Record<string, string>).none!.split('{q}').filter(Boolean);
      const list = root.querySelector('[data-results]')!;
      const status = root.querySelector('[data-status]')!;
      window.addEventListener(
        'keydown',
        (e) => {
          if (e.key === 'Enter') {
            window.__submitted = performance.now();
            window.__shown = undefined;
          }
        },
        true,
      );
      new MutationObserver(() => {
        if (window.__submitted === undefined || window.__shown !== undefined) return;
        const text = status.textContent ?? '';
        if (list.children.length > 0 || (pieces.length > 0 && pieces.every((p) => text.includes(p))))
          window.__shown = performance.now();
      }).observe(root, { childList: true, subtree: true, characterData: true });
    });
    const queries: PhoneSearch['queries'] = [];
    for (const query of SEARCH_QUERIES) {
      const before = link.bytes();
      // The previous answer is cleared first, so the cards found are this query's.
      await page.evaluate(() => {
        window.__submitted = undefined;
        window.__shown = undefined;
        document.querySelector('[data-finder] [data-status]')!.textContent = '';
        document.querySelector('[data-finder] [data-results]')!.replaceChildren();
      });
      await page.fill('#finder-q', '');
      await page.click('#finder-q');
      await page.keyboard.type(query, { delay: PHONE.keyDelayMs });
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => window.__shown !== undefined, undefined, { timeout: 120_000, polling: 100 });
      await page.waitForLoadState('networkidle');
      const ms = await page.evaluate(() => window.__shown! - window.__submitted!);
      const status = ((await page.locator('[data-finder] [data-status]').textContent()) ?? '').trim();
      queries.push({ query, ms: Math.round(ms), status, bytes: link.bytes() - before });
    }
    await page.close();
    const byKind: PhoneSearch['byKind'] = {};
    for (const { path, size } of link.log.slice(sessionFrom)) {
      const k = (byKind[requestKind(path)] ??= { files: 0, bytes: 0 });
      k.files++;
      k.bytes += size;
    }
    return { n, pageMs, pageBytes, queries, sessionBytes: queries.reduce((s, q) => s + q.bytes, 0), byKind };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await close();
  }
}

export function formatPhoneSearch(r: PhoneSearch): string {
  const kb = (b: number) => `${(b / 1024).toFixed(0)} KB`;
  const worst = Math.max(...r.queries.map((q) => q.ms));
  const mark = (v: number, t: number, show: (x: number) => string) => (v <= t ? 'met' : `MISSED by ${show(v - t)}`);
  return [
    `Search on a phone (${r.n} demands; CPU ÷${PHONE.cpuRate}, ${PHONE.downKbps / 1000} Mbps / ${PHONE.latencyMs} ms; fresh profile):`,
    `  search page loaded in ${(r.pageMs / 1000).toFixed(1)} s, ${kb(r.pageBytes)}`,
    ...r.queries.map(
      (q) =>
        `    ${q.query.padEnd(14)} first results ${String(q.ms).padStart(5)} ms, ${kb(q.bytes).padStart(7)}  (${q.status})`,
    ),
    `  slowest first results: ${worst} ms   ≤ 1 s ${mark(worst, PHONE_TARGETS.firstResultsMs, (x) => `${x} ms`)}`,
    `  bytes per session: ${kb(r.sessionBytes)}   ≤ 150 KB ${mark(r.sessionBytes, PHONE_TARGETS.sessionBytes, kb)}`,
    `    by kind (with ~300 B of headers each): ${Object.entries(r.byKind)
      .sort((a, b) => b[1].bytes - a[1].bytes)
      .map(([k, v]) => `${k} ${(v.bytes / 1024).toFixed(1)} KB (${v.files})`)
      .join(', ')}`,
    '',
  ].join('\n');
}
