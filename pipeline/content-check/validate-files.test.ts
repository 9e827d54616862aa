/**
 * Streaming validation (validate-files.ts) says exactly what validating the loaded records
 * as a whole says — every record's own issues, and the cross-record rules over a catalog of
 * the valid ones — on this thread and on worker threads alike. The content is the sample
 * content broken so that every cross-record rule speaks.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Application, Decision, Demand, Enterprise, External, Officers } from '../generated/types.ts';
import type { Kind } from '../schema/registry.ts';
import { orgCodeCheckChar, usccCheckChar } from '../rules/uscc.ts';
import { buildCatalog } from '../content/catalog.ts';
import { crossRecordIssues } from '../content/cross-record.ts';
import { formatYaml } from '../content/format.ts';
import { kindForPath } from '../domain/kinds.ts';
import { loadPaths } from '../content/load.ts';
import { parseContent } from '../content/parse.ts';
import { validateFiles, type FileResult } from './validate-files.ts';

const dir = mkdtempSync(join(tmpdir(), 'jiebang-validate-files-'));
const content = join(dir, 'content');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const at = (p: string) => join(content, p);
function edit<T>(path: string, change: (data: T) => void, to = path): void {
  const parsed = parseContent(readFileSync(at(path)), path);
  if (!parsed.ok) throw new Error(`${path} does not parse`);
  change(parsed.data as T);
  mkdirSync(join(at(to), '..'), { recursive: true });
  writeFileSync(at(to), formatYaml(kindForPath(to) as Kind, parsed.data as Record<string, unknown>));
}
const app = (id: string) => `applications/${id}.yml`;
/** A valid USCC no profile has. */
const NO_PROFILE = (() => {
  const org8 = 'MA31Y1Y6';
  const first17 = `91350200${org8}${orgCodeCheckChar(org8)}`;
  return first17 + usccCheckChar(first17);
})();

/** The sample content, broken once for each cross-record rule. */
function breakContent(): void {
  cpSync('content', content, { recursive: true });
  cpSync('content/demands/XM-2026-001', at('demands/XM-2026-990'), { recursive: true }); // location
  edit<Demand>('demands/XM-2026-002/index.yml', (d) => {
    d.round = 'XM-1999';
  }); // round-exists
  edit<Demand>('demands/XM-2026-003/index.yml', (d) => {
    d.round = 'XM-2023';
  }); // id-round
  edit<Application>(app('XM-2023-001-A01'), (a) => {
    a.demandId = 'XM-2026-991';
  }); // demand-exists
  edit<Application>(app('XM-2023-001-A02'), (a) => {
    a.demandId = 'XM-2023-002';
  }); // id-demand, indicators
  edit<Application>(
    app('XM-2023-002-A01'),
    (a) => {
      a.id = 'XM-2023-002-A97';
    },
    app('XM-2023-002-A97'),
  ); // one-per-demand
  edit<Application>(app('XM-2023-004-A01'), (a) => {
    a.directed = true;
  }); // directed
  edit<Demand>('demands/XM-2023-006/index.yml', (d) => {
    d.isPublic = false;
  }); // not-public
  edit<Application>(app('XM-2023-004-A02'), (a) => {
    a.indicatorResponses = [
      a.indicatorResponses[1]!,
      a.indicatorResponses[1]!,
      { ...a.indicatorResponses[0]!, indicator: '不存在的指标' },
    ];
  }); // indicators
  edit<Application>(app('XM-2023-001-A03'), (a) => {
    a.applicant.name = '厦门某某科技有限公司';
  }); // profile-name
  const issuer007 = (parseContent(readFileSync(at('demands/XM-2023-007/index.yml')), 'index.yml') as { data: Demand })
    .data.issuer;
  edit<Application>(app('XM-2023-007-A01'), (a) => {
    a.applicant = { uscc: issuer007.uscc, name: issuer007.name };
  }); // own-demand, profile-exists
  edit<Enterprise>('enterprises/91350206761702947W/index.yml', (e) => {
    e.region = { province: '福建省', city: '泉州市', district: '丰泽区' };
  }); // area (its XM-2026-004-A02 is under review)
  edit<External>('catalogue/QG-2026-003.yml', (e) => {
    e.withdrawn = { at: '2026-08-01T00:00:00.000Z', sha256: 'a'.repeat(64) };
  });
  edit<Application>(
    app('QG-2026-007-A01'),
    (a) => {
      a.id = 'QG-2026-003-A01';
      a.demandId = 'QG-2026-003';
      a.indicatorResponses = [{ indicator: '任意指标', committedValue: '≥1' }];
    },
    app('QG-2026-003-A01'),
  ); // withdrawn (a draft: no ledger)
  // Four selected applications on one demand (max-three); their applicant has no profile (profile-exists).
  for (const n of [91, 92, 93, 94]) {
    const id = `XM-2023-009-A${n}`;
    edit<Application>(
      app('XM-2023-006-A01'),
      (a) => {
        a.id = id;
        a.demandId = 'XM-2023-009';
        a.applicant = { uscc: NO_PROFILE, name: '厦门无对接表科技有限公司' };
      },
      app(id),
    );
    edit<Decision>(
      'decisions/XM-2023-001-A01/0001.yml',
      (d) => {
        d.subject = id;
        d.action = 'contract';
        d.from = 'selected';
        d.to = 'contracted';
      },
      `decisions/${id}/0001.yml`,
    );
  }
  edit<Decision>(
    'decisions/XM-2023-001/0001.yml',
    (d) => {
      d.subject = 'XM-2026-993';
      d.action = 'approve';
      d.from = 'submitted';
      d.to = 'prechecked';
    },
    'decisions/XM-2026-993/0001.yml',
  ); // subject-exists
  renameSync(at('decisions/XM-2023-002/0002.yml'), at('decisions/XM-2023-002/0007.yml')); // location (seq)
  edit<Officers>('officers.yml', (o) => {
    o.officers.find((x) => x.demands)!.demands!.push('XM-2026-994');
  }); // demand-exists (officers)
}

/** What validating everything at once says (the catalog of the valid records, as `jiebang validate` did before it streamed). */
async function atOnce(paths: string[]): Promise<FileResult[]> {
  const { records, unknown } = await loadPaths(paths);
  const cross = crossRecordIssues(records, buildCatalog(records.filter((r) => r.issues.length === 0)));
  return [
    ...records.map((r) => {
      const errors = [...r.issues, ...cross.filter((c) => c.file === r.file).map(({ file: _f, ...i }) => i)];
      return { file: r.file, kind: r.kind, valid: errors.length === 0, errors };
    }),
    ...unknown.map((file) => ({
      file,
      kind: 'unknown' as const,
      valid: false,
      errors: [expect.objectContaining({ keyword: 'kind' })],
    })),
  ];
}

describe('validateFiles', () => {
  let paths: string[];
  let expected: FileResult[];
  beforeAll(async () => {
    breakContent();
    paths = [content, 'test/fixtures/invalid/applications', 'test/fixtures/invalid/demands'];
    expected = await atOnce(paths);
  });

  it('breaks every cross-record rule in this content (the comparison below covers them all)', () => {
    const rules = new Set(
      expected.flatMap((r) => r.errors.filter((e) => e.keyword === 'cross-record').map((e) => String(e.params.rule))),
    );
    expect([...rules].sort()).toEqual([
      'area',
      'demand-exists',
      'directed',
      'id-demand',
      'id-round',
      'indicators',
      'location',
      'max-three',
      'not-public',
      'one-per-demand',
      'own-demand',
      'profile-exists',
      'profile-name',
      'round-exists',
      'sme-only',
      'subject-exists',
      'withdrawn',
    ]);
    const registry = expected.find((r) => r.file.endsWith('content/officers.yml'))!;
    expect(registry.errors).toEqual([
      expect.objectContaining({
        path: expect.stringMatching(/^\/officers\/\d+\/demands\/\d+$/),
        message: '需求“XM-2026-994”不存在。',
      }),
    ]);
  });

  it.each([0, 2])('gives the same results as validating all records at once, on %i worker threads', async (threads) => {
    const v = await validateFiles(paths, { threads });
    const results = [...v.results()];
    expect(results).toEqual(expected);
    expect(v.files).toBe(expected.length);
    expect(v.invalid).toBe(expected.filter((r) => !r.valid).length);
  });
});
