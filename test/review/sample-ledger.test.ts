import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../pipeline/content/catalog.ts';
import { loadPaths } from '../../pipeline/content/load.ts';
import { APPLICATION_STATES, DEMAND_STATES } from '../../pipeline/review/machines.ts';
import { parseActs, replayActs } from '../../pipeline/review/replay.ts';
import { computeStatuses } from '../../pipeline/review/status.ts';

async function tree(dir: string): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && e.name.endsWith('.yml')) out.set(join(e.parentPath, e.name), await readFile(join(e.parentPath, e.name)));
  }
  return out;
}

describe('the sample ledger', () => {
  it('is exactly what the sample acts give when replayed through the real ledger code', async () => {
    const files = await tree('content');
    const committed = new Map([...files].filter(([p]) => p.startsWith('content/decisions/')));
    for (const p of committed.keys()) files.delete(p);
    const acts = parseActs(await readFile('test/fixtures/sample-acts.yml'), 'test/fixtures/sample-acts.yml');
    const result = await replayActs(files, acts);
    expect(result.refused).toEqual([]);
    expect([...result.written.keys()].sort()).toEqual([...committed.keys()].sort());
    for (const [path, text] of result.written) expect(text, path).toBe(Buffer.from(committed.get(path)!).toString('utf8'));
  }, 60_000);

  it('puts records in every state of both machines (today, in the 2026 round)', async () => {
    const { records } = await loadPaths(['content']);
    const statuses = computeStatuses(buildCatalog(records), new Date('2026-11-26T12:00:00+08:00'));
    expect(new Set([...statuses.demands.values()].map((s) => s.state))).toEqual(new Set(DEMAND_STATES));
    expect(new Set([...statuses.applications.values()].map((s) => s.state))).toEqual(new Set(APPLICATION_STATES));
  });
});
