/**
 * `node site/admin/build-cli.ts`: build the /admin bundle into its cache (build.ts) and exit.
 * `npm run build` runs it before `astro build`, and the build runs it as a process of its
 * own when the cache has no bundle for the current inputs; the process ends with esbuild.
 */
import { stop } from 'esbuild';
import { buildAdmin } from './build.ts';

const started = performance.now();
const bundle = await buildAdmin();
await stop();
// Its time is an internal number: shown with --verbose (npm run build -- --verbose), as Astro's own.
if (process.argv.includes('--verbose'))
  console.error(
    `admin: ${bundle.script}${bundle.cached ? ' (cached)' : ''}, ${Math.round(performance.now() - started)} ms`,
  );
