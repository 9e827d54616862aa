/**
 * The oracle for the site's selective loader (site/data/parallel-load.ts): it reads only the
 * files it reasons can change what the site publishes, restating parts of the status and
 * privacy rules to choose them. Whatever it skips, the published model must equal the
 * model built from every file, on the sample content, the site fixture and a seeded
 * generated archive, at several moments of their calendars. A new state or act that the
 * loader's reasoning misses shows up here as a difference.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../bench/generate.ts';
import { loadPaths } from '../../pipeline/content/load.ts';
import { listedView, loadSiteData, type ContentReader } from '../../site/data/load.ts';
import type { SiteData } from '../../site/data/model.ts';
import { FIXTURE_NOW, writeFixtureContent } from './fixture.ts';
import { ROOT } from './harness.ts';

/** Every record file of the folder, read whole. */
const readEverything: ContentReader = async (dir) => {
  const { records } = await loadPaths([dir]);
  return {
    records,
    applicationIds: records
      .filter((r) => r.kind === 'application' && r.locationId)
      .map((r) => String(r.locationId))
      .sort(),
  };
};

/** What the site publishes from the model (the secrets are the scan's, a superset when more is read). */
function published(m: SiteData) {
  return {
    site: m.site,
    rounds: m.rounds.map((r) => ({ ...r, demands: r.demands.map((d) => d.id) })),
    currentRound: m.currentRound?.round.id,
    demands: m.demands,
    issuers: m.issuers.map((i) => ({ ...i, demands: i.demands.map((d) => d.id) })),
    pages: m.pages,
  };
}

async function expectSameModel(dir: string, now: Date): Promise<SiteData> {
  // The demands whose images the build stages early (before the model is ready) are ones the model lists at `now`.
  const staged: string[] = [];
  const selective = await loadSiteData(dir, now, {
    onCatalogued: (demands) => staged.push(...demands.flatMap((r) => (listedView(r) ? [String(r.data!.id)] : []))),
  });
  const full = await loadSiteData(dir, now, {}, readEverything);
  expect(published(selective)).toEqual(published(full));
  const listed = new Set(full.demands.map((d) => d.id));
  expect(
    staged.filter((id) => !listed.has(id)),
    `images staged at ${now.toISOString()}`,
  ).toEqual([]);
  return selective;
}

const tmp: string[] = [];
afterAll(() => {
  for (const d of tmp) rmSync(d, { recursive: true, force: true });
});

describe('the selective loader equals loading everything', () => {
  it('on the sample content, before, during and after its rounds', async () => {
    for (const now of [
      '2023-03-01T00:00:00+08:00',
      '2023-09-01T00:00:00+08:00',
      '2026-06-15T10:00:00+08:00',
      '2026-11-26T12:00:00+08:00',
      '2028-12-31T00:00:00+08:00',
    ]) {
      await expectSameModel(join(ROOT, 'content'), new Date(now));
    }
  });

  it('on the site fixture', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jiebang-oracle-'));
    tmp.push(dir);
    await writeFixtureContent(dir);
    const model = await expectSameModel(dir, new Date(FIXTURE_NOW));
    expect(model.demands.length).toBeGreaterThan(0);
  });

  describe('on a seeded generated archive', () => {
    let content = '';
    beforeAll(async () => {
      const out = mkdtempSync(join(tmpdir(), 'jiebang-oracle-archive-'));
      tmp.push(out);
      content = (await generate({ n: 300, seed: 'loader-oracle', out, workers: 0 })).content;
    });
    for (const now of ['2025-06-15T10:00:00+08:00', '2026-06-15T10:00:00+08:00', '2027-06-15T10:00:00+08:00']) {
      it(`at ${now}`, async () => {
        const model = await expectSameModel(content, new Date(now));
        expect(model.demands.length).toBeGreaterThan(0);
      });
    }
  });
});
