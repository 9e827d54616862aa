import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { deserialize } from 'node:v8';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_NOW, writeFixtureContent } from '../../test/site/fixture.ts';
import { UserError } from '../env.ts';
import { publicImageFiles, type DemandImageFiles } from '../images/public-images.ts';
import { loadSiteData } from './load.ts';
import { IN_THREAD_DEMANDS, loadSiteDataHere, loadSiteDataInProcess, smallContent } from './load-process.ts';

/** The current values of these environment variables, and a function that puts them back. */
function savedEnv(...keys: string[]): () => void {
  const saved = keys.map((key) => [key, process.env[key]] as const);
  return () => {
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}

const dir = mkdtempSync(join(tmpdir(), 'jiebang-loader-'));
const restoreEnv = savedEnv('JIEBANG_CONTENT', 'JIEBANG_NOW');
beforeAll(async () => {
  await writeFixtureContent(dir);
  process.env.JIEBANG_CONTENT = dir;
  process.env.JIEBANG_NOW = FIXTURE_NOW;
});
afterAll(() => {
  restoreEnv();
  rmSync(dir, { recursive: true, force: true });
});

describe('the content loader process', () => {
  it('delivers the same model as loading in this process, its bytes included, and the images first', async () => {
    const images: DemandImageFiles[][] = [];
    const loaded = await loadSiteDataInProcess((files) => images.push(files));
    const here = await loadSiteData(dir, new Date(FIXTURE_NOW));
    expect(loaded.data).toEqual(here);
    expect(deserialize(loaded.bytes)).toEqual(here);
    expect(loaded.bytes.byteLength).toBe(loaded.bytes.buffer.byteLength); // transferable as it is
    // Posted once, before the model: every listed demand's public images.
    expect(images).toEqual([publicImageFiles(here.demands)]);
    expect(images[0]!.length).toBeGreaterThan(0);
  });

  it('loads small content in the calling thread to the same model, bytes and images', async () => {
    expect(readdirSync(join(dir, 'demands')).length).toBeLessThanOrEqual(IN_THREAD_DEMANDS);
    expect(smallContent(dir)).toBe(true);
    const images: DemandImageFiles[][] = [];
    const loaded = await loadSiteDataHere((files) => images.push(files));
    const here = await loadSiteData(dir, new Date(FIXTURE_NOW));
    expect(loaded.data).toEqual(here);
    expect(deserialize(loaded.bytes)).toEqual(here);
    expect(loaded.bytes.byteLength).toBe(loaded.bytes.buffer.byteLength);
    expect(images).toEqual([publicImageFiles(here.demands)]);
  });

  it('reports a mistake in the content as a user error, in Chinese, without a stack', async () => {
    const file = join(dir, 'demands/XM-2026-004/index.yml');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace(/^completionMonths: .*$/m, 'completionMonths: 99'));
    try {
      const error = await loadSiteDataInProcess(() => {}).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(UserError);
      expect((error as Error).message).toMatch(/内容有 1 处错误[\s\S]*XM-2026-004\/index\.yml: 完成时限（月）/);
      expect((error as Error).message).not.toMatch(/^\s+at /m);
    } finally {
      writeFileSync(file, original);
    }
  });

  it('keeps the records it parsed where the content is in git, and delivers the same model from them', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'jiebang-loader-cache-'));
    const restoreCacheEnv = savedEnv('JIEBANG_CACHE_DIR', 'JIEBANG_RECORD_CACHE');
    const git = (...args: string[]) =>
      spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.cn', ...args], { cwd: dir });
    try {
      git('init', '-q');
      git('add', '-A');
      git('commit', '-qm', 'content');
      process.env.JIEBANG_CACHE_DIR = cache;
      process.env.JIEBANG_RECORD_CACHE = '0';
      await loadSiteDataInProcess(() => {});
      expect(readdirSync(cache)).toEqual([]); // turned off
      delete process.env.JIEBANG_RECORD_CACHE;
      const first = await loadSiteDataInProcess(() => {});
      expect(readdirSync(cache)).toEqual(['jiebang-records.bin']);
      const second = await loadSiteDataInProcess(() => {});
      const here = await loadSiteData(dir, new Date(FIXTURE_NOW));
      expect(first.data).toEqual(here);
      expect(second.data).toEqual(here);
      expect(second.bytes).toEqual(first.bytes);
    } finally {
      rmSync(join(dir, '.git'), { recursive: true, force: true });
      rmSync(cache, { recursive: true, force: true });
      restoreCacheEnv();
    }
  });

  it('ends when the build that started it has gone, and removes the folder made for the model', async () => {
    // The build gets a temporary folder of its own, so a model folder another test's build
    // makes meanwhile is not taken for this one's.
    const own = mkdtempSync(join(tmpdir(), 'jiebang-orphan-'));
    // A build that dies (SIGKILL: no cleanup of its own) as soon as the loader has posted the images.
    const build = `import { loadSiteDataInProcess } from ${JSON.stringify(new URL('./load-process.ts', import.meta.url).href)};
      loadSiteDataInProcess(() => process.kill(process.pid, 'SIGKILL'));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', build], {
      env: { ...process.env, TMPDIR: own },
    });
    expect(run.signal).toBe('SIGKILL');
    // Loaders still running for that build: named by their model file, in the build's folder.
    const loaders = () =>
      readdirSync('/proc')
        .filter((pid) => /^\d+$/.test(pid))
        .filter((pid) => {
          try {
            const model = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').at(-2) ?? '';
            return model.startsWith(own + sep) && !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
          } catch {
            return false;
          }
        });
    const left = () => readdirSync(own);
    try {
      // Waits for the state, however slow the machine: the test's own time limit is the bound.
      while (loaders().length || left().length) await new Promise((r) => setTimeout(r, 50));
      expect(loaders()).toEqual([]);
      expect(left()).toEqual([]);
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  }, 120_000);
});
