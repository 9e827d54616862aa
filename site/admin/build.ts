/**
 * The admin bundle: Decap CMS, React and our app (app.tsx) in one content-hashed ES module,
 * built by esbuild outside Vite so the site's pages never pull it in and the site build
 * does not pay for bundling 5 MB of CMS on every run. A build is cached on disk, keyed by
 * the exact inputs of the previous build (their contents) and the lockfile, so an
 * unchanged CMS costs a few milliseconds.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ENTRY = join(ROOT, 'site/admin/app.tsx');
// JIEBANG_ADMIN_CACHE: another folder, e.g. the benchmark's cold redeploy (bench/measure/redeploy.ts).
const CACHE_DIR = process.env.JIEBANG_ADMIN_CACHE || join(ROOT, 'node_modules/.cache/jiebang-admin');
/** Bump when the build options below change in a way the inputs do not show. */
const BUILD_VERSION = '1';

export interface AdminBundle {
  /** File name of the script, e.g. `cms.3f2a9c1b0d.js` (served from <base>admin/). */
  script: string;
  code: Uint8Array;
  /** Whether this call reused a cached build. */
  cached: boolean;
}

/**
 * Decap lowercases every slug (decap-cms#5491: intended). Our ids are upper-case and the
 * content layout names folders and files by id (content/demands/XM-2026-018/index.yml), so
 * the admin bundle keeps the case; the build fails loudly if that code ever changes.
 */
const keepSlugCase: Plugin = {
  name: 'keep-slug-case',
  setup(b) {
    b.onLoad({ filter: /decap-cms-core[\\/]dist[\\/]esm[\\/]lib[\\/]formatters\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const lowercase = /(export function prepareSlug\(slug\) \{\s*return slug\.trim\(\)\s*\/\/ Convert slug to lower-case\s*)\.toLocaleLowerCase\(\)/;
      if (!lowercase.test(source)) throw new Error(`${args.path}: Decap's prepareSlug changed; review keepSlugCase in site/admin/build.ts`);
      return { contents: source.replace(lowercase, '$1'), loader: 'js' };
    });
  },
};

async function digest(parts: Array<string | Uint8Array>): Promise<string> {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex');
}

/** The key of a build: our own inputs by content; node_modules by the lockfile. */
async function inputsKey(inputs: string[]): Promise<string> {
  const own = inputs.filter((p) => !p.includes('node_modules')).sort();
  const contents = await Promise.all(own.map((p) => readFile(join(ROOT, p)).catch(() => new Uint8Array())));
  const lock = await readFile(join(ROOT, 'package-lock.json')).catch(() => new Uint8Array());
  return digest([BUILD_VERSION, lock, ...own.flatMap((p, i) => [p, contents[i]!])]);
}

interface CacheRecord { key: string; inputs: string[]; script: string }
const INDEX = join(CACHE_DIR, 'builds.json');
/** A few builds are kept: a test run switching between two configs should not rebuild each time. */
const KEEP = 4;

async function cachedRecords(): Promise<CacheRecord[]> {
  try {
    return JSON.parse(await readFile(INDEX, 'utf8')) as CacheRecord[];
  } catch {
    return [];
  }
}

/** The bundle of the current inputs, if it was built before. */
export async function fromCache(): Promise<AdminBundle | undefined> {
  for (const record of await cachedRecords()) {
    if (record.key !== (await inputsKey(record.inputs))) continue;
    const code = await readFile(join(CACHE_DIR, record.script)).catch(() => undefined);
    if (code) return { script: record.script, code, cached: true };
  }
  return undefined;
}

/** Bundle the admin app (or reuse the last bundle when none of its inputs changed). */
export async function buildAdmin(): Promise<AdminBundle> {
  const cached = await fromCache();
  if (cached) return cached;
  const result = await build({
    entryPoints: [ENTRY],
    absWorkingDir: ROOT,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    loader: { '.css': 'text' },
    plugins: [keepSlugCase],
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  const script = `cms.${(await digest([code])).slice(0, 10)}.js`;
  const inputs = Object.keys(result.metafile.inputs).map((p) => relative(ROOT, resolve(ROOT, p)));
  await mkdir(CACHE_DIR, { recursive: true });
  await writeFile(join(CACHE_DIR, script), code);
  // The index last and atomically: a half-written cache is never taken for a valid one.
  const record: CacheRecord = { key: await inputsKey(inputs), inputs, script };
  const records = [record, ...(await cachedRecords()).filter((r) => r.script !== script)].slice(0, KEEP);
  const tmp = `${INDEX}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(records));
  await rename(tmp, INDEX);
  return { script, code, cached: false };
}

/**
 * The bundle, built (when the cache has none) in a process of its own: esbuild's service
 * peaks near half a gigabyte on the CMS, and a process that ends gives all of it back
 * before the site's own build reaches its peak.
 */
export async function buildAdminApart(): Promise<AdminBundle> {
  const cached = await fromCache();
  if (cached) return cached;
  const cli = join(ROOT, 'site/admin/build-cli.ts');
  const code = await new Promise<number>((done) => {
    spawn(process.execPath, [cli], { stdio: ['ignore', 'ignore', 'inherit'] }).on('exit', (c) => done(c ?? 1));
  });
  const built = code === 0 ? await fromCache() : undefined;
  if (!built) throw new Error(`the admin bundle failed to build (node ${relative(process.cwd(), cli)} exited with ${code})`);
  return { ...built, cached: false };
}

/** The /admin page: nothing but the bundle (Decap draws its own UI into the body). */
export function adminHtml(options: { base: string; script: string; title: string; bureau?: string; localBackend?: string; recipients?: string[]; issuerRecipients?: Record<string, string[]> }): string {
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>内容管理 · ${esc(options.bureau ? `${options.bureau} · ${options.title}` : options.title)}</title>
<meta name="jiebang-bureau" content="${esc(options.bureau ?? options.title)}">
${options.localBackend ? `<meta name="jiebang-local-backend" content="${esc(options.localBackend)}">\n` : ''}${options.recipients ? `<script type="application/json" id="jiebang-recipients">${JSON.stringify(options.recipients).replace(/</g, '\\u003c')}</script>\n` : ''}${options.issuerRecipients ? `<script type="application/json" id="jiebang-issuer-recipients">${JSON.stringify(options.issuerRecipients).replace(/</g, '\\u003c')}</script>\n` : ''}<link rel="icon" href="${esc(options.base)}favicon.svg">
</head>
<body>
<noscript>内容管理系统需要启用 JavaScript。</noscript>
<script type="module" src="${esc(options.base)}admin/${esc(options.script)}"></script>
</body>
</html>
`;
}
