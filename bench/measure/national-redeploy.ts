/**
 * A national redeploy: the 10,000 archive's site built again after a build whose caches CI
 * restored, as after an officer's act (the model and every page are made again; what carries
 * over is the caches: Astro's and Vite's, the pictures, Node's compile cache and the parsed
 * records, site/data/record-cache.ts). The parsed records are kept only for content in a git
 * work tree, so the archive is put under git once, in a folder beside it (bench/out/content-N/git,
 * the content itself untouched); the builds find it through GIT_DIR and GIT_WORK_TREE.
 * Measured: one cold build, then warm ones with and without the record cache, alternating.
 * No target of an issue; the cold and warm builds are the same work but for the caches.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildSite, type BuildResult } from './build.ts';

export interface NationalRedeploy {
  n: number;
  cold: BuildResult;
  /** Warm builds with the record cache, and with it turned off (JIEBANG_RECORD_CACHE=0), alternating. */
  warm: BuildResult[];
  warmWithoutRecords: BuildResult[];
}

/**
 * The archive's content under git in a folder of its own, made once per generated archive
 * (about two minutes at 10,000): the environment that points git at it.
 */
export function archiveUnderGit(content: string, log: (s: string) => void): NodeJS.ProcessEnv {
  const gitDir = join(dirname(content), 'git');
  const marker = join(gitDir, 'jiebang-archive.json');
  const manifest = readFileSync(join(dirname(content), 'manifest.json'), 'utf8');
  const env = { GIT_DIR: gitDir, GIT_WORK_TREE: content };
  if (!existsSync(marker) || readFileSync(marker, 'utf8') !== manifest) {
    log(`putting the archive under git (once) in ${gitDir} …`);
    rmSync(gitDir, { recursive: true, force: true });
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'gc.auto=0', '-c', 'core.compression=1', ...args], {
        env: { ...process.env, ...env },
        cwd: content,
        stdio: 'ignore',
      });
    git('init', '-q');
    git('add', '-A');
    git('-c', 'user.name=bench', '-c', 'user.email=bench@example.cn', 'commit', '-qm', 'the generated archive');
    writeFileSync(marker, manifest);
  }
  return env;
}

export async function measureNationalRedeploy(
  n: number,
  content: string,
  now: string,
  work: string,
  runs: number,
  log: (s: string) => void,
): Promise<NationalRedeploy> {
  const env = archiveUnderGit(content, log);
  log(`a national redeploy of ${n} demands: a cold build, then ${runs} warm with and without the record cache …`);
  const cold = await buildSite(content, now, work, { env });
  const warm: BuildResult[] = [];
  const warmWithoutRecords: BuildResult[] = [];
  for (let i = 0; i < runs; i++) {
    warmWithoutRecords.push(
      await buildSite(content, now, work, { warm: true, env: { ...env, JIEBANG_RECORD_CACHE: '0' } }),
    );
    warm.push(await buildSite(content, now, work, { warm: true, env }));
  }
  return { n, cold, warm, warmWithoutRecords };
}

export function formatNationalRedeploy(r: NationalRedeploy): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const line = (label: string, builds: BuildResult[]) =>
    `  ${label}: wall ${s(median(builds.map((b) => b.wallMs)))} [${builds.map((b) => s(b.wallMs)).join(', ')}], ` +
    `CPU ${s(median(builds.map((b) => b.cpuMs)))}, content load ${s(median(builds.map((b) => b.phases.load ?? 0)))}` +
    (builds.every((b) => b.ok) ? '' : ' (a build FAILED)');
  return [
    `A national redeploy (${r.n.toLocaleString('en')} demands, in a git work tree; medians):`,
    line('cold (no caches)', [r.cold]),
    line('warm, parsed records kept', r.warm),
    line('warm, records parsed again', r.warmWithoutRecords),
    '',
  ].join('\n');
}
