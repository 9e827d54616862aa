import { describe, expect, it } from 'vitest';
import type { Officers } from '../generated/types.ts';
import { pathProblems, type Change } from './path-rules.ts';

const officers = {
  officers: [
    { login: 'xm-officer', name: '陈雅慧', role: 'bureau', validFrom: '2023-01-01' },
    { login: 'xm-admin', name: '郑海峰', role: 'admin' },
    { login: 'xm-former', name: '黄建明', role: 'bureau', validUntil: '2024-12-31' },
    { login: 'xw-rep', name: '王代表', role: 'issuer', demands: ['XM-2026-001'] },
    { login: 'miit-liaison', name: '赵磊', role: 'miit' },
  ],
} as Officers;
const now = new Date('2026-08-03T02:00:00Z');
const add = (path: string): Change => ({ path, status: 'added' });
const mod = (path: string): Change => ({ path, status: 'modified' });
const rules = (changes: Change[], login: string, ownSubject?: string) =>
  pathProblems(changes, {
    author: { login, isBot: login.endsWith('[bot]') },
    officers,
    now,
    ...(ownSubject ? { ownSubject } : {}),
  }).map((p) => [p.file, p.rule]);

describe('path rules', () => {
  it('lets anyone add one new submission', () => {
    expect(rules([add('content/applications/XM-2026-001-A05.yml')], 'someone')).toEqual([]);
    expect(
      rules([add('content/demands/XM-2026-009/index.yml'), add('content/demands/XM-2026-009/photo.jpg')], 'someone'),
    ).toEqual([]);
  });

  it('refuses the ledger to every pull request, whoever opens it', () => {
    for (const login of [
      'someone',
      'xm-officer',
      'xm-admin',
      'xw-rep',
      'miit-liaison',
      'xm-former',
      'github-actions[bot]',
    ]) {
      expect(rules([add('content/decisions/XM-2026-001/0005.yml')], login), login).toEqual([
        ['content/decisions/XM-2026-001/0005.yml', 'guarded'],
      ]);
      expect(rules([mod('content/decisions/XM-2026-001/0001.yml')], login), login).toEqual([
        ['content/decisions/XM-2026-001/0001.yml', 'guarded'],
      ]);
    }
  });

  it('keeps the registry, the schemas, the site settings and the MDX pages to administrators', () => {
    const adminOnly = [
      'content/officers.yml',
      'schemas/demand.schema.json',
      'content/site.yml',
      'content/pages/faq.mdx',
    ];
    expect(rules(adminOnly.map(mod), 'xm-admin')).toEqual([]);
    for (const login of ['someone', 'xm-officer', 'xw-rep', 'miit-liaison']) {
      expect(rules(adminOnly.map(mod), login), login).toEqual(adminOnly.map((f) => [f, 'guarded']));
    }
  });

  it('scopes each role: an issuer’s representative changes only its own demands, a MIIT liaison what anyone may', () => {
    expect(
      rules([mod('content/demands/XM-2026-001/index.yml'), add('content/demands/XM-2026-001/logo.png')], 'xw-rep'),
    ).toEqual([]);
    expect(rules([mod('content/demands/XM-2026-002/index.yml')], 'xw-rep')).toEqual([
      ['content/demands/XM-2026-002/index.yml', 'modify'],
    ]);
    expect(rules([mod('content/enterprises/91350200MA2XXXXX1X/index.yml')], 'xw-rep')).toEqual([
      ['content/enterprises/91350200MA2XXXXX1X/index.yml', 'modify'],
    ]);
    expect(rules([mod('content/applications/XM-2026-001-A01.yml')], 'xw-rep')).toEqual([
      ['content/applications/XM-2026-001-A01.yml', 'modify'],
    ]);
    expect(rules([mod('content/rounds/XM-2026.yml')], 'xw-rep')).toEqual([
      ['content/rounds/XM-2026.yml', 'not-submission'],
    ]);
    expect(rules([mod('content/demands/XM-2026-001/index.yml')], 'miit-liaison')).toEqual([
      ['content/demands/XM-2026-001/index.yml', 'modify'],
    ]);
    // Like anyone, they may add one new submission.
    expect(rules([add('content/applications/XM-2026-001-A05.yml')], 'miit-liaison')).toEqual([]);
    // An officer whose validity ended is nobody.
    expect(rules([mod('content/demands/XM-2026-001/index.yml')], 'xm-former')).toEqual([
      ['content/demands/XM-2026-001/index.yml', 'modify'],
    ]);
  });

  it('keeps submissions to their own files: no edits of others’ entries, no deletions, one subject, no other paths', () => {
    expect(rules([mod('content/demands/XM-2026-001/index.yml')], 'someone')).toEqual([
      ['content/demands/XM-2026-001/index.yml', 'modify'],
    ]);
    expect(rules([{ path: 'content/applications/XM-2026-001-A01.yml', status: 'deleted' }], 'someone')).toEqual([
      ['content/applications/XM-2026-001-A01.yml', 'delete'],
    ]);
    expect(
      rules(
        [add('content/applications/XM-2026-001-A05.yml'), add('content/applications/XM-2026-001-A06.yml')],
        'someone',
      ),
    ).toEqual([['content/applications/XM-2026-001-A06.yml', 'one-subject']]);
    expect(rules([add('content/applications/XM-2026-001-A05.yml'), mod('site/pages/index.astro')], 'someone')).toEqual([
      ['site/pages/index.astro', 'not-submission'],
    ]);
    expect(rules([add('content/rounds/XM-2027.yml')], 'someone')).toEqual([
      ['content/rounds/XM-2027.yml', 'not-submission'],
    ]);
  });

  it('lets the intake’s own branch change the submission its issue was accepted as, and nothing else', () => {
    expect(rules([mod('content/applications/XM-2026-001-A02.yml')], 'github-actions[bot]', 'XM-2026-001-A02')).toEqual(
      [],
    );
    expect(rules([mod('content/applications/XM-2026-001-A01.yml')], 'github-actions[bot]', 'XM-2026-001-A02')).toEqual([
      ['content/applications/XM-2026-001-A01.yml', 'modify'],
      ['content/applications/XM-2026-001-A01.yml', 'not-own'],
    ]);
  });

  it('leaves code-only pull requests to the maintainers, and officers free in the catalogue', () => {
    expect(rules([mod('pipeline/intake/comment.ts')], 'someone')).toEqual([]);
    expect(
      rules([mod('content/demands/XM-2026-001/index.yml'), mod('content/rounds/XM-2026.yml')], 'xm-officer'),
    ).toEqual([]);
  });
});
