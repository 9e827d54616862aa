/**
 * `npm run build` (arguments go to `astro build`, e.g. `-- --base /jiebang/`): the /admin
 * bundle first, as a step of its own (from its cache when nothing changed; esbuild's
 * service ends before the site build starts), then `astro build`.
 *
 * Astro's process starts with the build's memory settings (site/build-memory.ts): the
 * allocators read them once, before the process starts, hence this script.
 *
 * This script then becomes Astro's process (execve) rather than waiting for it: a Node
 * process waiting would hold 65 MB to the end of the build, and signals reach Astro directly.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BUILD_ENV, BUILD_V8_FLAGS } from '../build-memory.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const run = (args: string[], env: NodeJS.ProcessEnv = process.env) => new Promise<number>((done) => {
  spawn(process.execPath, args, { stdio: 'inherit', env }).on('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
});

const admin = await run([here('../admin/build-cli.ts'), ...process.argv.slice(2).filter((a) => a === '--verbose')]);
if (admin !== 0) process.exit(admin);
const astro = [...BUILD_V8_FLAGS, here('../../node_modules/astro/bin/astro.mjs'), 'build', ...process.argv.slice(2)];
const env = { ASTRO_TELEMETRY_DISABLED: '1', ...process.env, ...BUILD_ENV };
// process.execve is POSIX only; elsewhere Astro runs as a child.
if (typeof process.execve === 'function') process.execve(process.execPath, [process.execPath, ...astro], env);
process.exit(await run(astro, env));
