import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../pipeline/content/catalog.ts';
import { loadPaths } from '../../pipeline/content/load.ts';
import { APPLICATION_STATES, DEMAND_STATES } from '../../pipeline/domain/machines.ts';
import { parseActs, replayActs } from '../../pipeline/review/replay.ts';
import { computeStatuses } from '../../pipeline/review/status.ts';

async function tree(dir: string): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && (e.name.endsWith('.yml') || e.parentPath.endsWith('/evidence')))
      out.set(join(e.parentPath, e.name), await readFile(join(e.parentPath, e.name)));
  }
  return out;
}

describe('the sample ledger', () => {
  it('is exactly what the sample acts give when replayed through the real ledger code', async () => {
    const files = await tree('content');
    const committed = new Map([...files].filter(([p]) => /^content\/decisions\/[^/]+\/\d{4}\.yml$/.test(p)));
    for (const p of committed.keys()) files.delete(p);
    const acts = parseActs(await readFile('test/fixtures/sample-acts.yml'), 'test/fixtures/sample-acts.yml');
    const result = await replayActs(files, acts);
    expect(result.refused).toEqual([]);
    expect([...result.written.keys()].sort()).toEqual([...committed.keys()].sort());
    for (const [path, text] of result.written)
      expect(text, path).toBe(Buffer.from(committed.get(path)!).toString('utf8'));
  }, 60_000);

  it('puts records in every state of both machines (today, or at a moment of a round when the state is passing)', async () => {
    const { records } = await loadPaths(['content']);
    const catalog = buildCatalog(records);
    // Today; at the end of the 2026 pre-check (a returned demand not yet expired, one
    // recommended); during the 2023 selection (demands closed) and after it (matched).
    const moments = [
      '2026-11-26T12:00:00+08:00',
      '2026-05-28T12:00:00+08:00',
      '2023-08-20T12:00:00+08:00',
      '2023-10-01T12:00:00+08:00',
    ].map((t) => computeStatuses(catalog, new Date(t)));
    expect(new Set(moments.flatMap((s) => [...s.demands.values()].map((x) => x.state)))).toEqual(
      new Set(DEMAND_STATES),
    );
    expect(new Set(moments.flatMap((s) => [...s.applications.values()].map((x) => x.state)))).toEqual(
      new Set(APPLICATION_STATES),
    );
  });

  it('plays the close-out and the paper acts (2023 closed, acts recorded on behalf with their evidence)', async () => {
    const { records } = await loadPaths(['content']);
    const catalog = buildCatalog(records);
    const decisions = [...catalog.decisions.values()].flat();
    expect(decisions.some((d) => d.subject === 'XM-2023' && d.action === 'close_round')).toBe(true);
    const onBehalf = decisions.filter((d) => d.onBehalfOf);
    expect(new Set(onBehalf.map((d) => d.onBehalfOf))).toEqual(new Set(['miit', 'issuer', 'submitter']));
    for (const d of onBehalf) expect(d.evidence, `${d.subject} #${d.seq}`).toBeDefined();
    expect(onBehalf.some((d) => d.evidence?.file)).toBe(true);
    for (const action of ['withdraw', 'drop_out', 'replace', 'terminate'] as const)
      expect(
        decisions.some((d) => d.action === action),
        action,
      ).toBe(true);
    const today = computeStatuses(catalog, new Date('2026-11-26T12:00:00+08:00'));
    expect([...today.demands.values()].some((s) => s.state === 'unmatched')).toBe(true);
  });
});
