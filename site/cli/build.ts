/**
 * `npm run build` (arguments go to `astro build`, e.g. `-- --base /jiebang/`): the /admin
 * bundle first, as a step of its own when its cache has none for the current inputs
 * (esbuild's service ends before the site build starts; a cached bundle is checked here,
 * without a process of its own: a redeploy saves a Node start), then `astro build`.
 *
 * Astro's process starts with the build's memory settings (site/build-memory.ts): the
 * allocators read them once, before the process starts, hence this script.
 *
 * This script then becomes Astro's process (execve) rather than waiting for it: a Node
 * process waiting would hold 65 MB to the end of the build, and signals reach Astro directly.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILD_ENV, BUILD_V8_FLAGS } from '../build-memory.ts';
import { fromCache } from '../admin/build.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const run = (args: string[], env: NodeJS.ProcessEnv = process.env) =>
  new Promise<number>((done) => {
    spawn(process.execPath, args, { stdio: 'inherit', env }).on('exit', (code, signal) =>
      done(code ?? (signal ? 1 : 0)),
    );
  });

const verbose = process.argv.includes('--verbose');
const checked = performance.now();
const cached = await fromCache();
if (cached && verbose) console.error(`admin: ${cached.script} (cached), ${Math.round(performance.now() - checked)} ms`);
const admin = cached ? 0 : await run([here('../admin/build-cli.ts'), ...(verbose ? ['--verbose'] : [])]);
if (admin !== 0) process.exit(admin);
const astro = [...BUILD_V8_FLAGS, here('../../node_modules/astro/bin/astro.mjs'), 'build', ...process.argv.slice(2)];
// Node's compile cache (V8 code of Astro, Vite and the build's modules) beside the build's
// other caches: a redeploy spends ~0.3 s less CPU starting up (measured on the sample). Node
// checks each entry against its source file's hash, so a changed module is compiled afresh.
const compileCache =
  process.env.NODE_COMPILE_CACHE ||
  join(process.env.JIEBANG_CACHE_DIR || here('../../node_modules/.cache'), 'node-compile-cache');
const env = { ASTRO_TELEMETRY_DISABLED: '1', NODE_COMPILE_CACHE: compileCache, ...process.env, ...BUILD_ENV };
// process.execve is POSIX only; elsewhere Astro runs as a child.
if (typeof process.execve === 'function') process.execve(process.execPath, [process.execPath, ...astro], env);
process.exit(await run(astro, env));
