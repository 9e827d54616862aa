/**
 * What the site tests share: a real `astro build` of the fixture content into a temporary
 * folder, the static server, and Debian's Chromium through playwright-core with every
 * request to another host recorded (and refused).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Server } from 'node:http';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { serveStatic } from '../../site/server/static.ts';
import { FIXTURE_NOW, writeFixtureContent, type FixtureOptions } from './fixture.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface BuiltSite {
  dir: string;
  out: string;
  content: string;
  base: string;
  output: string;
  code: number;
  timings?: { phases: Record<string, number>; spans: Record<string, [number, number]> };
  fixture: Awaited<ReturnType<typeof writeFixtureContent>>;
  cleanup: () => void;
}

/** Variables Vitest sets to mimic Vite; Astro would read them as the build's own (BASE_URL above all). */
const TEST_RUNNER_ENV = new Set(['NODE_ENV', 'VITEST', 'BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'TEST']);

/** Run `astro build` (the real one) and collect its output. */
export function astroBuild(args: string[], env: Record<string, string>): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build', ...args], {
      cwd: ROOT,
      env: {
        ...Object.fromEntries(
          Object.entries(process.env).filter(([k]) => !TEST_RUNNER_ENV.has(k) && !k.startsWith('VITEST_')),
        ),
        ASTRO_TELEMETRY_DISABLED: '1',
        ...env,
      },
    });
    let output = '';
    child.stdout.on('data', (b: Buffer) => {
      output += b;
    });
    child.stderr.on('data', (b: Buffer) => {
      output += b;
    });
    child.on('exit', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Write the fixture (or take the sample content) and build it; `change` may edit the fixture's content folder before the build. */
export interface FixtureSiteOptions {
  base?: string;
  fixture?: FixtureOptions;
  change?: (contentDir: string) => Promise<void> | void;
  sample?: boolean;
}

/**
 * The moment the sample content is built at: after every act of its ledger, as a real build's
 * "now" always is (a build set before an act would list what the ledger's last act says, and
 * stage images of demands not yet catalogued at that moment).
 */
export const SAMPLE_NOW = '2026-12-04T12:00:00+08:00';

/** The repository's own sample content (content/), built as it stands (read, never written). */
export const SAMPLE_CONTENT = join(ROOT, 'content');

export async function buildFixtureSite(options: FixtureSiteOptions = {}): Promise<BuiltSite> {
  const dir = mkdtempSync(join(tmpdir(), 'jiebang-site-'));
  const content = options.sample ? SAMPLE_CONTENT : join(dir, 'content');
  const out = join(dir, 'dist');
  const fixture = options.sample
    ? { publicIds: [], withheldId: '', anonymousId: '', externalId: '' }
    : await writeFixtureContent(content, options.fixture);
  if (!options.sample) await options.change?.(content);
  const base = options.base ?? '/';
  const timingsFile = join(dir, 'timings.json');
  const { code, output } = await astroBuild(['--outDir', out], {
    JIEBANG_CONTENT: content,
    JIEBANG_NOW: options.sample ? SAMPLE_NOW : FIXTURE_NOW,
    JIEBANG_BASE: base,
    JIEBANG_TIMINGS: timingsFile,
    JIEBANG_CACHE_DIR: join(dir, 'cache'),
  });
  let timings: BuiltSite['timings'];
  try {
    timings = JSON.parse(readFileSync(timingsFile, 'utf8'));
  } catch {
    /* failed builds write none */
  }
  return {
    dir,
    out,
    content,
    base,
    output,
    code,
    ...(timings ? { timings } : {}),
    fixture,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export async function serve(site: BuiltSite) {
  return serveStatic(site.out, site.base, 0);
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** A fresh Chromium profile; requests to any host but `allowedOrigin` are refused and listed in `foreign`. */
export async function browser(
  allowedOrigin: string,
  options: { javaScriptEnabled?: boolean } = {},
): Promise<{ context: BrowserContext; foreign: string[]; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'jiebang-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1200, height: 900 },
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
  // No clock on any wait: a step waits for its state however slow the machine is.
  context.setDefaultTimeout(0);
  const foreign: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(allowedOrigin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    foreign.push(url);
    return route.abort();
  });
  return {
    context,
    foreign,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export type TestBrowser = Awaited<ReturnType<typeof browser>>;

/** A test file's built, served fixture site and its browser, set in `beforeAll`. */
export interface ServedSite {
  site: BuiltSite;
  server: Server;
  url: string;
  b: TestBrowser;
}

/**
 * Build the fixture, serve it and open Chromium once for the test file (beforeAll, which
 * fails on a failed build with its output), and close and remove it all after (afterAll).
 */
export function useServedSite(options: FixtureSiteOptions = {}): ServedSite {
  const served = {} as ServedSite;
  beforeAll(async () => {
    served.site = await buildFixtureSite(options);
    expect(served.site.code, served.site.output).toBe(0);
    ({ server: served.server, url: served.url } = await serve(served.site));
    served.b = await browser(served.url.replace(/\/$/, ''));
  });
  afterAll(async () => {
    await served.b?.close();
    served.server?.close();
    served.site?.cleanup();
  });
  return served;
}
