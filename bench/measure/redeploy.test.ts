/**
 * The redeploy and phone-search lines of the table say a missed target as missed, by how
 * much, and a met one as met (the measurements themselves need real builds: `npm run bench`).
 */
import { describe, expect, it } from 'vitest';
import { formatPhoneSearch, requestKind } from './phone-search.ts';
import { formatRedeploy } from './redeploy.ts';

const run = (wallMs: number) => ({ wallMs, cpuMs: wallMs, peakRss: 5e8, code: 0 });

describe('the bench table', () => {
  it("says a city's redeploy met or missed its targets, by how much", () => {
    const met = formatRedeploy({
      demands: 'content',
      cold: run(9_000),
      warm: [run(4_000), run(3_500), run(6_000)],
      warmMedianMs: 4_000,
    });
    expect(met).toMatch(/cold .*9\.0 s.*≤ 15 s met/);
    expect(met).toMatch(/median of 3: 4\.0 s .*≤ 5 s met/);
    const missed = formatRedeploy({ demands: 'content', cold: run(16_500), warm: [run(5_600)], warmMedianMs: 5_600 });
    expect(missed).toMatch(/≤ 15 s MISSED by 1\.5 s/);
    expect(missed).toMatch(/≤ 5 s MISSED by 0\.6 s/);
  });

  it('says the phone search met or missed its targets: the slowest first results and the session bytes', () => {
    const text = formatPhoneSearch({
      n: 10_000,
      pageMs: 1_400,
      pageBytes: 12_000,
      sessionBytes: 170 * 1024,
      queries: [
        { query: 'a', ms: 720, status: '找到 14 条结果', bytes: 160 * 1024 },
        { query: 'b', ms: 200, status: '找到 1 条结果', bytes: 10 * 1024 },
      ],
      byKind: { scripts: { files: 2, bytes: 26 * 1024 }, WebAssembly: { files: 1, bytes: 55 * 1024 } },
    });
    expect(text).toMatch(/slowest first results: 720 ms {3}≤ 1 s met/);
    expect(text).toMatch(/bytes per session: 170 KB {3}≤ 150 KB MISSED by 20 KB/);
    expect(
      ['/pagefind/wasm.en.pagefind', '/pagefind/pagefind-worker.js', '/pagefind/fragment/en_1.pf_fragment'].map(
        requestKind,
      ),
    ).toEqual(['WebAssembly', 'scripts', 'fragments']);
    expect(text).toMatch(/by kind .*: WebAssembly 55\.0 KB \(1\), scripts 26\.0 KB \(2\)/);
  });
});
