import { describe, expect, it } from 'vitest';
import {
  APPLICATION_ID,
  DEMAND_ID,
  ENTRY_ID_IN_TEXT,
  ROUND_ID,
  SUBJECT_ID,
  demandOfId,
  isExternalId,
  roundOfDemandId,
  subjectKindOf,
} from './ids.ts';
import {
  decisionFiles,
  decisionPath,
  demandOfApplicationFile,
  entryIdOfPath,
  entryPath,
  ledgerSubjects,
  subjectOfDecisionFile,
  subjectPath,
} from './layout.ts';
import { idFromPath, kindForPath } from './kinds.ts';
import { MAX_APPLICATIONS_PER_DEMAND, MAX_DEMANDS_PER_ROUND } from './limits.ts';

describe('the id grammar (from the schemas)', () => {
  it.each([
    ['XM-2026', 'round'],
    ['XM-2026-017', 'demand'],
    ['QG-2026-007', 'demand'],
    ['XM-2026-017-A02', 'application'],
  ] as const)('%s is a %s', (id, kind) => {
    expect(subjectKindOf(id)).toBe(kind);
    expect(SUBJECT_ID.test(id)).toBe(true);
    expect(ROUND_ID.test(id)).toBe(kind === 'round');
    expect(DEMAND_ID.test(id)).toBe(kind === 'demand');
    expect(APPLICATION_ID.test(id)).toBe(kind === 'application');
  });

  it.each(['xm-2026-017', 'XM-26-017', 'XM-2026-17', 'XM-2026-017-A2', 'XM-2026-017-B02', 'XMXMX-2026', ''])(
    'refuses %j',
    (id) => {
      expect(SUBJECT_ID.test(id)).toBe(false);
    },
  );

  it('derives the demand and the round of an id', () => {
    expect(demandOfId('XM-2026-017-A02')).toBe('XM-2026-017');
    expect(demandOfId('XM-2026-017')).toBe('XM-2026-017');
    expect(roundOfDemandId('XM-2026-017')).toBe('XM-2026');
    expect(isExternalId('QG-2026-007')).toBe(true);
    expect(isExternalId('XM-2026-007')).toBe(false);
  });

  it('finds ids in a text', () => {
    expect(
      [...'intake/XM-2026-003 and cms/applications/XM-2026-003-A01, not XM-2026'.matchAll(ENTRY_ID_IN_TEXT)].map(
        (m) => m[0],
      ),
    ).toEqual(['XM-2026-003', 'XM-2026-003-A01']);
  });
});

describe('id ↔ path', () => {
  it.each([
    ['XM-2026', 'content/rounds/XM-2026.yml', 'round'],
    ['XM-2026-017', 'content/demands/XM-2026-017/index.yml', 'demand'],
    ['QG-2026-007', 'content/catalogue/QG-2026-007.yml', 'external'],
    ['XM-2026-017-A02', 'content/applications/XM-2026-017-A02.yml', 'application'],
  ] as const)('%s lives at %s and back', (id, path, kind) => {
    expect(subjectPath(id)).toBe(path);
    expect(kindForPath(path)).toBe(kind);
    expect(idFromPath(path)).toBe(id);
  });

  it('builds entry paths only from valid ids', () => {
    expect(entryPath('enterprise', '91350200MA31234567')).toBe('content/enterprises/91350200MA31234567/index.yml');
    expect(entryIdOfPath(entryPath('application', 'XM-2026-017-A02'))).toBe('XM-2026-017-A02');
    expect(entryIdOfPath(entryPath('demand', 'XM-2026-017'))).toBe('XM-2026-017');
    expect(() => entryPath('demand', '../XM-2026-017')).toThrow(/refusing/);
    expect(() => entryPath('application', 'XM-2026-017')).toThrow(/refusing/);
  });

  it('reads ledger chains back from a listing', () => {
    const paths = [
      decisionPath('XM-2026-017', 2),
      decisionPath('XM-2026-017', 1),
      'content/decisions/XM-2026-017/evidence/a.pdf',
      decisionPath('XM-2026', 1),
    ];
    expect(paths[0]).toBe('content/decisions/XM-2026-017/0002.yml');
    expect(decisionFiles(paths, 'XM-2026-017')).toEqual([
      'content/decisions/XM-2026-017/0001.yml',
      'content/decisions/XM-2026-017/0002.yml',
    ]);
    expect([...ledgerSubjects(paths)].sort()).toEqual(['XM-2026', 'XM-2026-017']);
  });
});

describe('file names back to ids', () => {
  it.each([
    ['content/applications/XM-2026-017-A02.yml', 'XM-2026-017'],
    ['content/applications/XM-2026-017.yml', undefined],
    ['content/applications/XM-2026-017-A02/scan.pdf', undefined],
    ['content/demands/XM-2026-017/index.yml', undefined],
  ])('%s applies to %s', (path, demand) => {
    expect(demandOfApplicationFile(path)).toBe(demand);
  });

  it('reads a decision file’s subject', () => {
    expect(subjectOfDecisionFile('content/decisions/XM-2026-017-A02/0003.yml')).toBe('XM-2026-017-A02');
    expect(subjectOfDecisionFile('content/decisions/XM-2026-017/evidence/a.pdf')).toBeUndefined();
  });
});

describe('the limits the grammar allows', () => {
  it('numbers as many demands and applications as the digits hold', () => {
    expect(DEMAND_ID.test(`XM-2026-${MAX_DEMANDS_PER_ROUND}`)).toBe(true);
    expect(DEMAND_ID.test(`XM-2026-${MAX_DEMANDS_PER_ROUND + 1}`)).toBe(false);
    expect(APPLICATION_ID.test(`XM-2026-001-A${MAX_APPLICATIONS_PER_DEMAND}`)).toBe(true);
    expect(APPLICATION_ID.test(`XM-2026-001-A${MAX_APPLICATIONS_PER_DEMAND + 1}`)).toBe(false);
  });
});
