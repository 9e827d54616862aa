/**
 * One full site build of a generated archive: the real `npm run build` (site/cli/build.ts,
 * which runs `astro build`), as CI runs it, with
 * the content folder, the moment and the timings file given through the site's environment
 * knobs (site/env.ts). Node's heap limit is never raised: NODE_OPTIONS is cleared, so a
 * build that needs more than the default fails here as it would on a runner.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../generate.ts';
import { measure, type Measured } from './proctree.ts';

/** The process tree's measurement (proctree.ts: wall, peak RSS, CPU by program) and what the build reported. */
export interface BuildResult extends Pick<
  Measured,
  'code' | 'wallMs' | 'peakRss' | 'peakProcesses' | 'cpuMs' | 'byProgram'
> {
  ok: boolean;
  /** Phase → ms, from the build's own timings (JIEBANG_TIMINGS). */
  phases: Record<string, number>;
  /** Phase → [start, end] in ms since Astro's process started: which phases ran side by side. */
  spans?: Record<string, [number, number]>;
  /** Demand pages the build wrote (public demands). */
  demandPages: number;
  out: string;
  /** The end of the build's output, for a failed build. */
  tail: string;
  profileDir?: string;
}

export async function buildSite(
  content: string,
  now: string,
  work: string,
  options: { profile?: boolean; echo?: boolean; warm?: boolean; env?: NodeJS.ProcessEnv } = {},
): Promise<BuildResult> {
  const out = join(work, 'dist');
  const timingsFile = join(work, 'timings.json');
  // A cold build, as CI makes it: no Astro or Vite cache (optimised images, dependencies) from an
  // earlier run; `warm`: the caches the build before left, as CI restores them.
  const cache = join(work, 'cache');
  if (!options.warm) rmSync(cache, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
  rmSync(timingsFile, { force: true });
  mkdirSync(work, { recursive: true });
  const profileDir = options.profile ? join(work, 'profile') : undefined;
  if (profileDir) {
    rmSync(profileDir, { recursive: true, force: true });
    mkdirSync(profileDir, { recursive: true });
  }
  const env: NodeJS.ProcessEnv = {
    ...Object.fromEntries(
      Object.entries(process.env).filter(([k]) => k !== 'NODE_OPTIONS' && !k.startsWith('VITEST') && k !== 'NODE_ENV'),
    ),
    ASTRO_TELEMETRY_DISABLED: '1',
    JIEBANG_CONTENT: content,
    JIEBANG_NOW: now,
    JIEBANG_TIMINGS: timingsFile,
    JIEBANG_CACHE_DIR: cache,
    ...(profileDir ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profileDir}` } : {}),
    ...options.env,
  };
  // What `npm run build` runs (site/cli/build.ts: the /admin bundle's step, then `astro build`).
  const m = await measure(process.execPath, [join(REPO_ROOT, 'site/cli/build.ts'), '--outDir', out], {
    cwd: REPO_ROOT,
    env,
    pollMs: 100,
    echo: options.echo ?? false,
  });
  let timings: { phases?: Record<string, number>; spans?: Record<string, [number, number]>; demands?: number } = {};
  if (existsSync(timingsFile)) timings = JSON.parse(readFileSync(timingsFile, 'utf8'));
  const output = `${m.stdout}${m.stderr}`;
  return {
    ok: m.code === 0,
    code: m.code,
    wallMs: m.wallMs,
    peakRss: m.peakRss,
    peakProcesses: m.peakProcesses,
    cpuMs: m.cpuMs,
    byProgram: m.byProgram,
    phases: timings.phases ?? {},
    ...(timings.spans ? { spans: timings.spans } : {}),
    demandPages: timings.demands ?? 0,
    out,
    tail: output.split('\n').slice(-30).join('\n'),
    ...(profileDir ? { profileDir } : {}),
  };
}
