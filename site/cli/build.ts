/**
 * `npm run build` (arguments go to `astro build`, e.g. `-- --base /jiebang/`): the /admin
 * bundle first, as a step of its own (from its cache when nothing changed; esbuild's
 * service ends before the site build starts), then `astro build`.
 *
 * Astro bundles with Rolldown, whose allocator (mimalloc) asks the kernel for transparent
 * huge pages: a 2 MB page is resident as soon as any byte of it is touched. The build runs
 * with MIMALLOC_ALLOW_THP=0, which keeps the same work in about 200 MB less memory
 * (measured; docs/site.md). It must be set before the process starts, hence this script.
 *
 * V8 sizes each thread's young generation for the machine's memory, and the build's
 * threads (Astro's and the build thread) each kept tens of MB of short-lived garbage
 * resident: with 8 MB semi-spaces the 10,000-demand build peaks about 350 MB lower in
 * the same time (measured, docs/performance.md). The content parser threads, which
 * allocate hardest, keep a larger young generation of their own (site/data/parse-pool.ts).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const run = (args: string[], env: NodeJS.ProcessEnv = process.env) => new Promise<number>((done) => {
  spawn(process.execPath, args, { stdio: 'inherit', env }).on('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
});

/** V8 flags for the build process (process-wide: its worker threads inherit them). */
const V8_FLAGS = ['--max-semi-space-size=8'];

const admin = await run([here('../admin/build-cli.ts')]);
if (admin !== 0) process.exit(admin);
process.exit(await run([...V8_FLAGS, here('../../node_modules/astro/bin/astro.mjs'), 'build', ...process.argv.slice(2)], {
  ASTRO_TELEMETRY_DISABLED: '1', ...process.env, MIMALLOC_ALLOW_THP: '0',
}));
