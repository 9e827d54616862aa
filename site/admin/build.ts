/**
 * The admin bundle: Decap CMS, React and our app (app.tsx) as content-hashed ES modules —
 * the entry the page loads (Decap's core, the widgets, the config) and the chunks it
 * imports later (the previews with the site's renderers; the pipeline's validators and
 * sealing on the first save) — built by esbuild outside Vite so the site's pages never pull
 * it in and the site build does not pay for bundling the CMS on every run. A build is cached on disk, keyed by
 * the exact inputs of the previous build (their contents) and the lockfile, so an
 * unchanged CMS costs a few milliseconds.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { throughTheFace } from '../through-the-face.ts';
import { byCodeUnits } from '../../pipeline/face/core.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ENTRY = join(ROOT, 'site/admin/app.tsx');
// JIEBANG_ADMIN_CACHE: another folder, e.g. the benchmark's cold redeploy (bench/measure/redeploy.ts).
const CACHE_DIR = process.env.JIEBANG_ADMIN_CACHE || join(ROOT, 'node_modules/.cache/jiebang-admin');
/** Bump when the build options below change in a way the inputs do not show. */
const BUILD_VERSION = '6';

export interface AdminFile {
  name: string;
  code: Uint8Array;
}

export interface AdminBundle {
  /** File name of the entry script, e.g. `cms.3f2a9c1b0d.js` (served from <base>admin/). */
  script: string;
  /** Every file of the bundle, the entry first: each named by a hash of its contents, so it may be cached for good. */
  files: AdminFile[];
  /** The chunks the entry imports statically: the page preloads them beside it rather than after it. */
  preload: string[];
  /** Whether this call reused a cached build. */
  cached: boolean;
}

/** The bundle's size in bytes: all its files, and the entry alone. */
export function bundleBytes(bundle: AdminBundle): { total: number; entry: number } {
  return { total: bundle.files.reduce((n, f) => n + f.code.byteLength, 0), entry: bundle.files[0]!.code.byteLength };
}

/** Imports from the pipeline's face read as imports from the modules it names, so lazy parts stay lazy (site/through-the-face.ts). */
const throughTheFacePlugin: Plugin = {
  name: 'through-the-face',
  setup(b) {
    b.onLoad({ filter: /[\\/]site[\\/].*\.tsx?$/ }, async (args) => {
      const contents = throughTheFace(await readFile(args.path, 'utf8'), args.path);
      return contents === undefined
        ? undefined
        : { contents, loader: args.path.endsWith('.tsx') ? 'tsx' : 'ts', resolveDir: dirname(args.path) };
    });
  },
};

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
      const lowercase =
        /(export function prepareSlug\(slug\) \{\s*return slug\.trim\(\)\s*\/\/ Convert slug to lower-case\s*)\.toLocaleLowerCase\(\)/;
      if (!lowercase.test(source))
        throw new Error(`${args.path}: Decap's prepareSlug changed; review keepSlugCase in site/admin/build.ts`);
      return { contents: source.replace(lowercase, '$1'), loader: 'js' };
    });
  },
};

/**
 * The list widget's drag and drop (@dnd-kit) reads English instructions and announcements to
 * screen readers, and Decap passes it none of its own: the bundle gives it ours
 * (locale-zh.ts), failing loudly if @dnd-kit's defaults change shape.
 */
const chineseDragAndDrop: Plugin = {
  name: 'chinese-drag-and-drop',
  setup(b) {
    b.onLoad({ filter: /@dnd-kit[\\/]core[\\/]dist[\\/]core\.esm\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const defaults =
        /const defaultScreenReaderInstructions = \{[\s\S]*?\n\};\nconst defaultAnnouncements = \{[\s\S]*?\n\};\n/;
      if (!defaults.test(source))
        throw new Error(
          `${args.path}: @dnd-kit's default screen-reader text changed; review chineseDragAndDrop in site/admin/build.ts`,
        );
      const ours = `import { DRAG_INSTRUCTIONS as __jiebangDrag } from ${JSON.stringify(join(ROOT, 'site/admin/locale-zh.ts'))};
const defaultScreenReaderInstructions = { draggable: __jiebangDrag };
const defaultAnnouncements = {
  onDragStart({ active }) { return \`已拿起第 \${active.id} 项。 / Picked up item \${active.id}.\`; },
  onDragOver({ active, over }) { return over ? \`第 \${active.id} 项移到了第 \${over.id} 项的位置。 / Item \${active.id} moved over \${over.id}.\` : \`第 \${active.id} 项不在可放下的位置。 / Item \${active.id} is over no drop area.\`; },
  onDragEnd({ active, over }) { return over ? \`第 \${active.id} 项已放在第 \${over.id} 项的位置。 / Item \${active.id} dropped over \${over.id}.\` : \`第 \${active.id} 项已放下。 / Item \${active.id} dropped.\`; },
  onDragCancel({ active }) { return \`已取消拖动，第 \${active.id} 项放回原处。 / Dragging cancelled; item \${active.id} dropped.\`; },
};
`;
      return { contents: source.replace(defaults, ours), loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

/**
 * Decap checks its config against its own JSON Schema in every editor's browser at every start:
 * ajv compiles that schema (its meta-schema and keywords too) before the first screen, about
 * half a second of the editor's main thread on a 2-core machine. Our config is generated
 * (pipeline/gen/cms-config.ts) and the page adds only its addresses and logo (page-config.ts),
 * so the same check runs once, in the tests, on that config (test/cms/decap-config.test.ts);
 * the bundle leaves it out, and the build fails loudly if Decap's loader changes shape.
 */
const configCheckedInTests: Plugin = {
  name: 'config-checked-in-tests',
  setup(b) {
    b.onLoad({ filter: /decap-cms-core[\\/]dist[\\/]esm[\\/]actions[\\/]config\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const imported = /^import \{ validateConfig \} from '\.\.\/constants\/configSchema';\n/m;
      const called = /^(\s*)validateConfig\(mergedConfig\);\n/m;
      if (!imported.test(source) || !called.test(source) || source.split('validateConfig').length !== 3)
        throw new Error(
          `${args.path}: Decap's config loading changed; review configCheckedInTests in site/admin/build.ts`,
        );
      return {
        contents: source.replace(imported, '').replace(called, ''),
        loader: 'js',
        resolveDir: dirname(args.path),
      };
    });
  },
};

/**
 * decap-cms-lib-util takes four functions from `lodash/fp`, whose index builds a whole lodash
 * and converts every one of its functions as it loads: 90 ms of the editor's start on a
 * 2-core machine. Each is imported from its own module instead (`lodash/fp/map`, lodash's
 * cherry-picked form of the same function), which converts only that one.
 */
const lodashFpByFunction: Plugin = {
  name: 'lodash-fp-by-function',
  setup(b) {
    b.onLoad({ filter: /decap-cms-[\w-]+[\\/]dist[\\/]esm[\\/].*\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      // Read once: handed back as it is, rather than left for esbuild to read again.
      const loaded = (contents: string) => ({ contents, loader: 'js' as const, resolveDir: dirname(args.path) });
      if (!source.includes("'lodash/fp'")) return loaded(source);
      const rewritten = source.replace(/^import \{ ([\w, ]+) \} from 'lodash\/fp';$/gm, (_, names: string) =>
        names
          .split(',')
          .map((n) => n.trim().split(/\s+as\s+/))
          .map(([name, local]) => `import ${local ?? name} from 'lodash/fp/${name}';`)
          .join('\n'),
      );
      if (rewritten.includes("'lodash/fp'"))
        throw new Error(
          `${args.path}: imports lodash/fp in a new way; review lodashFpByFunction in site/admin/build.ts`,
        );
      return loaded(rewritten);
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

interface CacheRecord {
  key: string;
  inputs: string[];
  script: string;
  files: string[];
  preload: string[];
}
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
    if (!record.files || record.key !== (await inputsKey(record.inputs))) continue;
    const codes = await Promise.all(record.files.map((f) => readFile(join(CACHE_DIR, f)).catch(() => undefined)));
    if (codes.every((c) => c))
      return {
        script: record.script,
        files: record.files.map((name, i) => ({ name, code: codes[i]! })),
        preload: record.preload,
        cached: true,
      };
  }
  return undefined;
}

/** How the admin app's code is compiled for the browser, and the Decap modules it patches. */
const BROWSER_OPTIONS = {
  absWorkingDir: ROOT,
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  minify: true,
  legalComments: 'none',
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
  loader: { '.css': 'text' },
  plugins: [throughTheFacePlugin, keepSlugCase, chineseDragAndDrop, configCheckedInTests, lodashFpByFunction],
} satisfies BuildOptions;

/**
 * Decap's own check of the config, as one script for a browser (site/admin/config-check.ts):
 * the tests run it on the config the page starts with (test/cms/decap-config.test.ts).
 */
export async function buildConfigCheck(): Promise<string> {
  const result = await build({
    ...BROWSER_OPTIONS,
    entryPoints: [join(ROOT, 'site/admin/config-check.ts')],
    format: 'iife',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/** Bundle the admin app (or reuse the last bundle when none of its inputs changed). */
export async function buildAdmin(): Promise<AdminBundle> {
  const cached = await fromCache();
  if (cached) return cached;
  const result = await build({
    ...BROWSER_OPTIONS,
    entryPoints: { cms: ENTRY },
    // Dynamic imports become chunks of their own, loaded when first needed.
    splitting: true,
    outdir: CACHE_DIR,
    entryNames: '[name].[hash]',
    chunkNames: 'cms-[name].[hash]',
    format: 'esm',
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  // esbuild's [hash] covers a file's imports too, so a changed chunk renames the files that load it.
  const files = result.outputFiles.map((f) => ({ name: relative(CACHE_DIR, f.path), code: f.contents }));
  const [entry, output] = Object.entries(result.metafile.outputs).find(([, o]) => o.entryPoint)!;
  const script = relative(CACHE_DIR, resolve(ROOT, entry));
  const preload = output.imports
    .filter((i) => i.kind === 'import-statement')
    .map((i) => relative(CACHE_DIR, resolve(ROOT, i.path)));
  files.sort((a, b) => Number(b.name === script) - Number(a.name === script) || byCodeUnits(a.name, b.name));
  const inputs = Object.keys(result.metafile.inputs).map((p) => relative(ROOT, resolve(ROOT, p)));
  await mkdir(CACHE_DIR, { recursive: true });
  await Promise.all(files.map((f) => writeFile(join(CACHE_DIR, f.name), f.code)));
  // The index last and atomically: a half-written cache is never taken for a valid one.
  const record: CacheRecord = {
    key: await inputsKey(inputs),
    inputs,
    script,
    files: files.map((f) => f.name),
    preload,
  };
  const records = [record, ...(await cachedRecords()).filter((r) => r.script !== script)].slice(0, KEEP);
  const tmp = `${INDEX}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(records));
  await rename(tmp, INDEX);
  // Files of builds no longer kept go (a build is a dozen files now, not one).
  const kept = new Set(records.flatMap((r) => r.files ?? []));
  for (const name of await readdir(CACHE_DIR))
    if (name.endsWith('.js') && !kept.has(name)) await rm(join(CACHE_DIR, name), { force: true });
  return { script, files, preload, cached: false };
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
  if (!built)
    throw new Error(`the admin bundle failed to build (node ${relative(process.cwd(), cli)} exited with ${code})`);
  return { ...built, cached: false };
}

/** The /admin page: nothing but the bundle (Decap draws its own UI into the body). */
export function adminHtml(options: {
  base: string;
  script: string;
  preload?: readonly string[];
  title: string;
  bureau?: string;
  /** The bureau's emblem as a data URL, and its size (images/bureau-logo.ts), when site.yml names one. */
  logo?: { src: string; width: number; height: number };
  localBackend?: string;
  recipients?: string[];
  issuerRecipients?: Record<string, string[]>;
}): string {
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>内容管理 · ${esc(options.bureau ? `${options.bureau} · ${options.title}` : options.title)}</title>
<meta name="jiebang-bureau" content="${esc(options.bureau ?? options.title)}">
${options.logo ? `<meta name="jiebang-logo" content="${esc(options.logo.src)}" data-width="${options.logo.width}" data-height="${options.logo.height}">\n` : ''}${options.localBackend ? `<meta name="jiebang-local-backend" content="${esc(options.localBackend)}">\n` : ''}${options.recipients ? `<script type="application/json" id="jiebang-recipients">${JSON.stringify(options.recipients).replace(/</g, '\\u003c')}</script>\n` : ''}${options.issuerRecipients ? `<script type="application/json" id="jiebang-issuer-recipients">${JSON.stringify(options.issuerRecipients).replace(/</g, '\\u003c')}</script>\n` : ''}<link rel="icon" href="${esc(options.base)}favicon.svg">
${(options.preload ?? []).map((f) => `<link rel="modulepreload" href="${esc(options.base)}admin/${esc(f)}">\n`).join('')}</head>
<body>
<noscript>内容管理系统需要启用 JavaScript。</noscript>
<script type="module" src="${esc(options.base)}admin/${esc(options.script)}"></script>
</body>
</html>
`;
}
