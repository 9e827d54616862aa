import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_NOW, writeFixtureContent } from '../../test/site/fixture.ts';
import { loadSiteContent, type SiteContent } from './parallel-load.ts';
import { ParsePool, type FileEntry } from './parse-pool.ts';
import { recordCacheFile } from './record-cache.ts';

/**
 * A pool that counts the files it is asked to parse: on the calling thread, or on two threads
 * from the first file (their batches come serialized, and are kept as they came).
 */
class CountingPool extends ParsePool {
  parsed: string[] = [];
  constructor(threads: boolean) {
    super(threads ? 2 : 1, 1);
  }
  override parseBatches(files: readonly FileEntry[], mode?: 'whole' | 'head') {
    this.parsed.push(...files.map(([path]) => path));
    return super.parseBatches(files, mode);
  }
}

const now = new Date(FIXTURE_NOW);
const saved = process.env.JIEBANG_CACHE_DIR;
afterAll(() => {
  if (saved === undefined) delete process.env.JIEBANG_CACHE_DIR;
  else process.env.JIEBANG_CACHE_DIR = saved;
});

/** A file the loader reads: the first catalogued demand's, or the last act of its ledger. */
const fileOf = (content: SiteContent, kind: 'demand' | 'decision') =>
  resolve(content.records.find((r) => r.kind === kind)!.file);

describe.each([
  ['on the calling thread', false],
  ['from parse threads', true],
])('the record cache (parsed records kept between builds, by git blob), %s', (_, threads) => {
  const root = mkdtempSync(join(tmpdir(), 'jiebang-record-cache-'));
  const dir = join(root, 'content');
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.cn', ...args], { cwd: dir, stdio: 'pipe' });
  beforeAll(async () => {
    await writeFixtureContent(dir);
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'content');
    process.env.JIEBANG_CACHE_DIR = join(root, 'cache');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** The content loaded with the cache, what it parsed, and the same content loaded without one. */
  async function load(): Promise<{ cached: SiteContent; parsed: string[]; fresh: SiteContent }> {
    const pool = new CountingPool(threads);
    const cached = await loadSiteContent(dir, now, {}, pool, true);
    const fresh = await loadSiteContent(dir, now, {}, new ParsePool(1), false);
    return { cached, parsed: pool.parsed, fresh };
  }

  it('parses every file once, then none that git says are unchanged', async () => {
    const first = await load();
    expect(first.cached).toEqual(first.fresh);
    expect(first.parsed.length).toBe(first.fresh.records.length);
    expect(readFileSync(recordCacheFile()).byteLength).toBeGreaterThan(0);

    const second = await load();
    expect(second.cached).toEqual(second.fresh);
    expect(second.parsed).toEqual([]);
  });

  it('reads a file changed in the working tree, within the second of the commit too', async () => {
    const file = fileOf((await load()).fresh, 'demand');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace(/^title: .*$/m, 'title: 工作区里刚改过的需求标题'));
    const changed = await load();
    expect(changed.parsed).toEqual([file]);
    expect(changed.cached).toEqual(changed.fresh);
    expect(changed.cached.records.some((r) => r.data?.title === '工作区里刚改过的需求标题')).toBe(true);

    // Committed: the new blob is parsed once more, then kept like any other.
    git('commit', '-qam', 'title');
    expect((await load()).parsed).toEqual([file]);
  });

  it('reads untracked files, and ignores a cache it cannot read', async () => {
    // A new act, not yet added to git, after the last one of a ledger the loader reads.
    const last = fileOf((await load()).fresh, 'decision');
    const extra = join(dirname(last), '999.yml');
    writeFileSync(extra, readFileSync(last));
    writeFileSync(recordCacheFile(), 'not a cache');
    const loaded = await load();
    expect(loaded.cached).toEqual(loaded.fresh);
    expect(loaded.parsed.length).toBe(loaded.fresh.records.length);
    expect(loaded.parsed).toContain(extra);
    rmSync(extra);
  });

  it('writes afresh only the records used, once the kept ones are mostly of changed files', async () => {
    const all = await load();
    // A build before any demand was catalogued reads the settings and the ledgers' last acts
    // from segments that hold every record; a committed change to the settings makes it save.
    const early = new Date('2020-01-01T00:00:00+08:00');
    const site = join(dir, 'site.yml');
    writeFileSync(site, readFileSync(site, 'utf8') + '\n');
    git('commit', '-qam', 'settings');
    const few = await loadSiteContent(dir, early, {}, new CountingPool(threads), { slack: 0 });
    expect(few.records.length).toBeLessThan(all.fresh.records.length / 2);
    // Only what the early build used was kept: a build now parses the rest again, to the same records.
    const again = await load();
    expect(again.cached).toEqual(again.fresh);
    expect(again.parsed.length).toBe(again.fresh.records.length - few.records.length);
  });

  it('is not used where the content is not in a git work tree', async () => {
    const plain = mkdtempSync(join(tmpdir(), 'jiebang-no-git-'));
    try {
      await writeFixtureContent(plain);
      rmSync(recordCacheFile(), { force: true });
      const pool = new CountingPool(threads);
      const content = await loadSiteContent(plain, now, {}, pool, true);
      expect(pool.parsed.length).toBe(content.records.length);
      expect(() => readFileSync(recordCacheFile())).toThrow();
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });
});
