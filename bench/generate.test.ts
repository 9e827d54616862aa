/**
 * The generator's promises at a small N: the same seed gives the same bytes (whatever the
 * number of worker threads), the archive passes jiebang's validation (schemas, rules and
 * cross-record rules), every state of both review machines occurs, and the ledger's hash
 * chains and times hold together.
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatePaths } from '../pipeline/cli/commands/validate.ts';
import { buildCatalog } from '../pipeline/content/catalog.ts';
import { loadPaths, type LoadedRecord } from '../pipeline/content/load.ts';
import type { Application, Decision } from '../pipeline/generated/types.ts';
import { sha256 } from '../pipeline/review/ledger.ts';
import { APPLICATION_STATES, DEMAND_STATES } from '../pipeline/domain/machines.ts';
import { computeStatuses } from '../pipeline/review/status.ts';
import { isWithinDates } from '../pipeline/rules/shanghai.ts';
import { auditDirectory } from '../pipeline/review/audit.ts';
import { DEFAULT_NOW, REPO_ROOT, applicationCount, generate, type Manifest } from './generate.ts';
import { MAX_DEMANDS_PER_ROUND, planRounds } from './schedule.ts';
import { Random } from './random.ts';

const N = 50;
let root: string;
let manifest: Manifest;
let records: LoadedRecord[];

async function files(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) out.set(relative(dir, join(e.parentPath, e.name)), await readFile(join(e.parentPath, e.name)));
  }
  return out;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'jiebang-bench-'));
  manifest = await generate({ n: N, out: join(root, 'a'), workers: 2 });
  records = (await loadPaths([manifest.content])).records;
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('the synthetic archive', () => {
  it('is the same bytes for the same seed, on the main thread or in workers; another seed differs', async () => {
    const again = await generate({ n: N, out: join(root, 'b'), workers: 0 });
    const [a, b] = await Promise.all([files(manifest.content), files(again.content)]);
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    for (const [path, bytes] of a) expect(bytes.equals(b.get(path)!), path).toBe(true);
    const other = await generate({ n: N, seed: 'another', out: join(root, 'c'), workers: 0 });
    const c = await files(other.content);
    expect([...a].filter(([path, bytes]) => c.get(path)?.equals(bytes)).length).toBeLessThan(a.size / 2);
  });

  it('passes jiebang validate: schemas, rules and cross-record rules', async () => {
    const results = await validatePaths([manifest.content]);
    expect(
      results.filter((r) => !r.valid).map((r) => `${r.file}: ${r.errors.map((e) => e.message).join('; ')}`),
    ).toEqual([]);
    expect(results.filter((r) => r.kind === 'demand')).toHaveLength(N);
  });

  it('has every state of both review machines at its moment, and a round open for applications', () => {
    const catalog = buildCatalog(records);
    const now = new Date(manifest.now);
    const statuses = computeStatuses(catalog, now);
    expect(new Set([...statuses.demands.values()].map((s) => s.state))).toEqual(new Set(DEMAND_STATES));
    expect(new Set([...statuses.applications.values()].map((s) => s.state))).toEqual(new Set(APPLICATION_STATES));
    expect([...catalog.rounds.values()].some((r) => isWithinDates(now, r.phases.apply!))).toBe(true);
    expect([...catalog.rounds.values()].some((r) => new Date(`${r.phases.acceptance!.end}T23:59:59+08:00`) < now)).toBe(
      true,
    );
  });

  it('passes jiebang audit: every chain intact, every act legal and entitled at its time', async () => {
    const audit = await auditDirectory(manifest.content, { git: false });
    expect(audit.problems).toEqual([]);
    expect(audit.decisions).toBe(manifest.files.decision);
  }, 60_000);

  it('refuses to write over the repository or its content folder', async () => {
    await expect(generate({ n: 1, out: REPO_ROOT })).rejects.toThrow(/refusing/);
    await expect(generate({ n: 1, out: join(REPO_ROOT, 'content') })).rejects.toThrow(/refusing/);
  });

  it('chains decisions by the hash of the previous file, in time order, never after its moment', () => {
    const bytes = new Map(records.filter((r) => r.kind === 'decision').map((r) => [r.file, r.bytes]));
    const files = new Map(
      records
        .filter((r) => r.kind === 'decision')
        .map((r) => [`${(r.data as unknown as Decision).subject}#${(r.data as unknown as Decision).seq}`, r.file]),
    );
    const now = new Date(manifest.now).getTime();
    const catalog = buildCatalog(records);
    for (const [subject, chain] of catalog.decisions) {
      chain.forEach((d, i) => {
        expect(d.prev).toBe(i === 0 ? null : sha256(bytes.get(files.get(`${subject}#${i}`)!)!));
        expect(new Date(d.at).getTime()).toBeLessThanOrEqual(now);
        if (i > 0) expect(d.at >= chain[i - 1]!.at).toBe(true);
      });
    }
  });

  it('writes applications of 5–30 thousand characters answering each indicator, and demands of the forms’ lengths', () => {
    const catalog = buildCatalog(records);
    const apps = [...catalog.applications.values()];
    expect(apps.length).toBeGreaterThan(0);
    for (const app of apps) {
      const length = Object.values(app.chapters as Application['chapters'])
        .filter((c): c is string => typeof c === 'string')
        .reduce((s, c) => s + c.length, 0);
      expect(length).toBeGreaterThanOrEqual(5000);
      expect(length).toBeLessThanOrEqual(31_000);
    }
    for (const d of catalog.demands.values()) {
      expect(d.title.length).toBeGreaterThanOrEqual(10);
      expect(d.technicalIndicators.length).toBeGreaterThanOrEqual(2);
      expect(d.technicalIndicators.length).toBeLessThanOrEqual(8);
    }
  });
});

describe('applicationCount', () => {
  it('gives 0–15 applications a demand with a median of 3', () => {
    const rng = new Random('count');
    const counts = Array.from({ length: 20_000 }, () => applicationCount(rng)).sort((a, b) => a - b);
    expect(counts[0]).toBe(0);
    expect(counts.at(-1)).toBe(15);
    expect(counts[counts.length / 2]).toBe(3);
  });
});

describe('planRounds', () => {
  it('fits any archive into rounds of at most 999 demands, newest rounds in every stage', () => {
    for (const n of [50, 1000, 10_000, 50_000, 100_000]) {
      const plans = planRounds(new Random(n), n, new Date(DEFAULT_NOW));
      expect(plans.reduce((s, p) => s + p.demands, 0)).toBe(n);
      expect(Math.max(...plans.map((p) => p.demands))).toBeLessThanOrEqual(MAX_DEMANDS_PER_ROUND);
      expect(new Set(plans.map((p) => p.id)).size).toBe(plans.length);
      expect(plans.some((p) => p.stage === 'apply')).toBe(true);
      expect(plans.some((p) => p.stage === 'after')).toBe(true);
    }
  });
});
