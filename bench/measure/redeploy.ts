/**
 * A city's redeploy: the real `npm run build` (site/cli/build.ts) of the sample content
 * (content/, tens of demands), as CI runs it after an officer's act.
 *   - cold: no cache of an earlier build (Astro's and Vite's cache folder and the /admin
 *     bundle's cache both empty), as on a runner with nothing restored;
 *   - warm: the same caches left by the build before, as CI restores them; median of runs.
 * Target (issue 21): warm ≤ 5 s, cold ≤ 15 s, wall from the command's start to a complete dist/.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../generate.ts';
import { measure } from './proctree.ts';

export interface RedeployRun {
  wallMs: number;
  cpuMs: number;
  peakRss: number;
  code: number;
}
export interface Redeploy {
  demands: string;
  cold: RedeployRun;
  warm: RedeployRun[];
  warmMedianMs: number;
}

export const REDEPLOY_TARGETS = { warmMs: 5_000, coldMs: 15_000 };

/** The sample is built at today's date, as a city's CI builds it (its dates are set for now, not for the archive's moment). */
export async function measureRedeploy(work: string, runs: number): Promise<Redeploy> {
  const content = join(REPO_ROOT, 'content');
  const cache = join(work, 'cache');
  const adminCache = join(work, 'admin-cache');
  const out = join(work, 'dist');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...Object.fromEntries(
      Object.entries(process.env).filter(([k]) => k !== 'NODE_OPTIONS' && !k.startsWith('VITEST') && k !== 'NODE_ENV'),
    ),
    ASTRO_TELEMETRY_DISABLED: '1',
    JIEBANG_CONTENT: content,
    JIEBANG_CACHE_DIR: cache,
    JIEBANG_ADMIN_CACHE: adminCache,
  };
  const build = async (): Promise<RedeployRun> => {
    // dist/ is always written afresh (a deploy uploads a complete folder); only the caches carry over.
    rmSync(out, { recursive: true, force: true });
    const m = await measure(process.execPath, [join(REPO_ROOT, 'site/cli/build.ts'), '--outDir', out], {
      cwd: REPO_ROOT,
      env,
      pollMs: 100,
    });
    if (m.code !== 0)
      throw new Error(`the sample's build failed (exit ${m.code}): ${`${m.stdout}${m.stderr}`.slice(-800)}`);
    return { wallMs: m.wallMs, cpuMs: m.cpuMs, peakRss: m.peakRss, code: m.code };
  };
  const cold = await build();
  const warm: RedeployRun[] = [];
  for (let i = 0; i < Math.max(1, runs); i++) warm.push(await build());
  const sorted = warm.map((w) => w.wallMs).sort((a, b) => a - b);
  return { demands: content, cold, warm, warmMedianMs: sorted[Math.floor(sorted.length / 2)]! };
}

export function formatRedeploy(r: Redeploy): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const mark = (ms: number, target: number) => (ms <= target ? 'met' : `MISSED by ${s(ms - target)}`);
  return [
    "A city's redeploy (npm run build of the sample content, wall to a complete dist/):",
    `  cold (no Astro/Vite cache, /admin bundle built): ${s(r.cold.wallMs)} (CPU ${s(r.cold.cpuMs)}, peak ${(r.cold.peakRss / 1e9).toFixed(2)} GB)   ≤ 15 s ${mark(r.cold.wallMs, REDEPLOY_TARGETS.coldMs)}`,
    `  warm (caches of the build before), median of ${r.warm.length}: ${s(r.warmMedianMs)} [${r.warm.map((w) => s(w.wallMs)).join(', ')}] (CPU ${s(r.warm[0]!.cpuMs)})   ≤ 5 s ${mark(r.warmMedianMs, REDEPLOY_TARGETS.warmMs)}`,
    '',
  ].join('\n');
}
