/**
 * `jiebang audit` on real repositories holding the fixture ledger: it passes on the ledger
 * the pipeline wrote, and names the broken link when a record is tampered with, deleted,
 * reordered, forged with valid hashes but an illegal transition or an actor who was not
 * entitled, or when an invariant is broken. The registry is read as it was at each
 * decision's commit.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatYaml } from '../../pipeline/content/format.ts';
import type { Decision } from '../../pipeline/generated/types.ts';
import { auditDirectory } from '../../pipeline/review/audit.ts';
import { decisionPath, sha256 } from '../../pipeline/review/ledger.ts';
import { replayActs } from '../../pipeline/review/replay.ts';
import { jiebang } from '../cli/run-cli.ts';
import { makeRepo, type TestRepo } from '../helpers/git-repo.ts';
import { fixtureFiles } from './fixture.ts';
import { parse } from 'yaml';

let base: Map<string, Uint8Array>;
const repos: TestRepo[] = [];
beforeAll(async () => {
  base = await fixtureFiles();
});
afterAll(() => repos.forEach((r) => r.cleanup()));

function repoOf(files = base): TestRepo {
  const r = makeRepo(Object.fromEntries(files));
  repos.push(r);
  return r;
}
const read = (r: TestRepo, p: string) => readFileSync(join(r.dir, p), 'utf8');
const commitAll = (r: TestRepo, message: string) => {
  r.git('add', '-A');
  r.git('commit', '-q', '-m', message);
};
const audit = (r: TestRepo, ...args: string[]) => jiebang(['audit', '--json', ...args, join(r.dir, 'content')]);
const problems = (r: TestRepo, ...args: string[]) => {
  const out = audit(r, ...args);
  return {
    code: out.code,
    ...(JSON.parse(out.stdout) as {
      ok: boolean;
      gitSince?: string;
      first?: { file: string; code: string };
      problems: Array<{ file: string; code: string; message: string }>;
    }),
  };
};

/** Append a hand-made decision to a chain with correct seq and prev hash. */
function forge(r: TestRepo, subject: string, fields: Partial<Decision>): string {
  const dir = join(r.dir, 'content/decisions', subject);
  const existing = r.git('ls-files', `content/decisions/${subject}`).split('\n').filter(Boolean);
  const seq = existing.length + 1;
  const last = parse(read(r, existing.at(-1)!)) as Decision;
  const record: Decision = {
    subject,
    seq,
    action: 'approve',
    from: last.to,
    to: 'prechecked',
    actor: { login: 'bureau-li', role: 'bureau' },
    at: '2026-08-20T10:00:00+08:00',
    revision: last.revision,
    prev: sha256(readFileSync(join(r.dir, existing.at(-1)!))),
    source: { kind: 'cli', id: `forged-${seq}` },
    ...fields,
  } as Decision;
  const path = decisionPath(subject, seq);
  writeFileSync(join(r.dir, path), formatYaml('decision', record));
  void dir;
  return path;
}

describe('jiebang audit', () => {
  it('passes on the ledger the pipeline wrote, with and without git history', () => {
    const r = repoOf();
    const out = audit(r);
    expect(out.code).toBe(0);
    const json = JSON.parse(out.stdout);
    expect(json).toMatchObject({ ok: true, git: true, problems: [] });
    expect(json.decisions).toBeGreaterThan(60);
    expect(problems(r, '--no-git')).toMatchObject({ code: 0, ok: true });
    const text = jiebang(['audit', join(r.dir, 'content')]);
    expect(text.stdout).toMatch(/^✓ 台账完好：\d+ 个审核对象，\d+ 条决定，已核对 git 历史。/);
  });

  it('a tampered record breaks the next link; committed, the history shows it too', () => {
    const r = repoOf();
    const p = 'content/decisions/TS-2026-007-A01/0003.yml';
    writeFileSync(join(r.dir, p), read(r, p).replace('actor:\n  login: bureau-li', 'actor:\n  login: admin-zheng'));
    const loose = problems(r, '--no-git');
    expect(loose.code).toBe(1);
    // The altered record no longer agrees with the registry, and the next one no longer links to it.
    expect(loose.first).toMatchObject({ file: p, code: 'mismatch' });
    expect(loose.problems).toContainEqual(
      expect.objectContaining({ file: 'content/decisions/TS-2026-007-A01/0004.yml', code: 'chain-prev' }),
    );
    expect(problems(r).problems.map((x) => x.code)).toEqual(
      expect.arrayContaining(['worktree-modified', 'chain-prev']),
    );
    commitAll(r, 'tamper');
    const committed = problems(r);
    expect(committed.problems).toContainEqual(expect.objectContaining({ file: p, code: 'history-modified' }));
    const text = jiebang(['audit', '--lang', 'en', join(r.dir, 'content')]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('✗ First broken link: content/decisions/TS-2026-007-A01/0003.yml');
  });

  it('the last record of a chain tampered with and committed is found in the history', () => {
    const r = repoOf();
    const p = 'content/decisions/TS-2026-003/0002.yml';
    writeFileSync(join(r.dir, p), read(r, p).replace('at: 2026-04-10T09:02:00+08:00', 'at: 2026-04-11T09:02:00+08:00'));
    expect(problems(r, '--no-git').ok).toBe(true); // nothing after it links to it …
    commitAll(r, 'tamper last');
    expect(problems(r).first).toMatchObject({ file: p, code: 'history-modified' }); // … but git remembers
  });

  it('a ledger rewritten before the commit site.yml names as its start passes; a change after it is found', () => {
    const r = repoOf();
    // A sample ledger regenerated: a record changed in place, in a commit of its own.
    const p = 'content/decisions/TS-2026-003/0002.yml';
    writeFileSync(join(r.dir, p), read(r, p).replace('at: 2026-04-10T09:02:00+08:00', 'at: 2026-04-11T09:02:00+08:00'));
    commitAll(r, 'regenerate the sample ledger');
    expect(problems(r).first).toMatchObject({ file: p, code: 'history-modified' });
    const start = r.git('rev-parse', 'HEAD').trim();
    // (The review fixture has no site settings; only ledgerSince matters here.)
    writeFileSync(join(r.dir, 'content/site.yml'), `ledgerSince: ${start}\n`);
    commitAll(r, 'the ledger starts here');
    expect(problems(r)).toMatchObject({ code: 0, ok: true, gitSince: start });
    expect(jiebang(['audit', join(r.dir, 'content')]).stdout).toContain(
      `已核对 git 历史（自提交 ${start.slice(0, 12)} 起）`,
    );
    // After the start, the ledger is append-only again.
    const later = 'content/decisions/TS-2026-007-A01/0003.yml';
    writeFileSync(
      join(r.dir, later),
      read(r, later).replace('actor:\n  login: bureau-li', 'actor:\n  login: admin-zheng'),
    );
    commitAll(r, 'tamper after the start');
    expect(problems(r).problems).toContainEqual(expect.objectContaining({ file: later, code: 'history-modified' }));
    // A start that is not in this history (content copied from elsewhere) is ignored: the whole history is checked.
    writeFileSync(join(r.dir, 'content/site.yml'), read(r, 'content/site.yml').replace(start, 'f'.repeat(40)));
    commitAll(r, 'a start from elsewhere');
    const whole = problems(r);
    expect(whole.gitSince).toBeUndefined();
    expect(whole.problems).toContainEqual(expect.objectContaining({ file: p, code: 'history-modified' }));
  });

  it('a deleted record: a gap in the middle, the history at the end', () => {
    const r = repoOf();
    rmSync(join(r.dir, 'content/decisions/TS-2026-001-A04/0002.yml'));
    expect(problems(r, '--no-git').first).toMatchObject({
      file: 'content/decisions/TS-2026-001-A04/0002.yml',
      code: 'chain-missing',
    });
    commitAll(r, 'delete');
    expect(problems(r).problems).toContainEqual(
      expect.objectContaining({ file: 'content/decisions/TS-2026-001-A04/0002.yml', code: 'history-deleted' }),
    );
    const r2 = repoOf();
    rmSync(join(r2.dir, 'content/decisions/TS-2026-001-A04/0004.yml'));
    expect(problems(r2).problems).toContainEqual(
      expect.objectContaining({ file: 'content/decisions/TS-2026-001-A04/0004.yml', code: 'worktree-deleted' }),
    );
  });

  it('reordered records', () => {
    const r = repoOf();
    const dir = join(r.dir, 'content/decisions/TS-2026-006-A02');
    renameSync(join(dir, '0003.yml'), join(dir, 'tmp'));
    renameSync(join(dir, '0004.yml'), join(dir, '0003.yml'));
    renameSync(join(dir, 'tmp'), join(dir, '0004.yml'));
    const out = problems(r, '--no-git');
    expect(out.first).toMatchObject({ file: 'content/decisions/TS-2026-006-A02/0003.yml', code: 'chain-seq' });
  });

  it('an illegal transition with valid hashes', () => {
    const r = repoOf();
    const p = forge(r, 'TS-2026-002', {
      action: 'accept',
      to: 'accepted',
      actor: { login: 'issuer-wang', role: 'issuer' },
    });
    commitAll(r, 'forged accept');
    const out = problems(r);
    expect(out.code).toBe(1);
    expect(out.first).toMatchObject({ file: p, code: 'chain-transition' });
  });

  it('an actor who was not entitled at the time, with valid hashes and a legal transition', () => {
    const r = repoOf();
    const p = forge(r, 'TS-2026-002', { actor: { login: 'miit-zhao', role: 'bureau' } });
    commitAll(r, 'forged approval');
    expect(problems(r).first).toMatchObject({ file: p, code: 'act-wrong-role' });
    const r2 = repoOf();
    const p2 = forge(r2, 'TS-2026-002', { actor: { login: 'bureau-old', role: 'bureau' } });
    commitAll(r2, 'approval by an expired officer');
    expect(problems(r2).first).toMatchObject({ file: p2, code: 'act-expired' });
  });

  it('the registry as it was at each decision’s commit', async () => {
    const files = new Map(base);
    const result = await replayActs(files, [
      { subject: 'TS-2026-002', action: 'approve', actor: 'bureau-li', at: '2026-04-12T10:00:00+08:00' },
    ]);
    expect(result.refused).toEqual([]);
    const r = repoOf(files);
    // Later, bureau-li leaves the registry.
    const officers = read(r, 'content/officers.yml').replace(/  - login: bureau-li\n(    .*\n)+/, '');
    expect(officers).not.toContain('bureau-li');
    writeFileSync(join(r.dir, 'content/officers.yml'), officers);
    commitAll(r, 'bureau-li leaves');
    expect(problems(r)).toMatchObject({ code: 0, ok: true });
    // Without history only the current registry is known, and her acts are questioned.
    expect(problems(r, '--no-git').first).toMatchObject({ code: 'act-not-officer' });
  });

  it('a broken invariant: a fourth selection forged with valid hashes', () => {
    const r = repoOf();
    const scores = { team: 90, rd: 90, plan: 90, match: 90 };
    for (const [i, app] of ['A04', 'A05', 'A06', 'A07'].entries()) {
      forge(r, `TS-2026-001-${app}`, {
        action: 'select',
        from: 'forwarded',
        to: 'selected',
        actor: { login: 'issuer-wang', role: 'issuer' },
        at: `2026-08-0${5 + i}T10:00:00+08:00`,
        scores,
      });
    }
    commitAll(r, 'four selections');
    const out = problems(r);
    expect(out.first).toMatchObject({
      file: 'content/decisions/TS-2026-001-A07/0005.yml',
      code: 'act-selection-closed',
    });
    expect(out.problems).toContainEqual(expect.objectContaining({ code: 'invariant-max-three' }));
  });

  it('a revision that is not the submission in the decision’s commit', () => {
    const r = repoOf();
    const p = forge(r, 'TS-2026-002', { revision: 'f'.repeat(64) });
    commitAll(r, 'forged revision');
    expect(problems(r).first).toMatchObject({ file: p, code: 'revision' });
    expect(problems(r, '--no-git').ok).toBe(true); // outside git the audit cannot know the judged file
  });
});

describe('the audit at scale: demand by demand, in batches, on worker threads', () => {
  it('finds the same problems in one batch on this thread as in batches of one demand on two threads', async () => {
    const r = repoOf();
    const tampered = 'content/decisions/TS-2026-007-A01/0003.yml';
    writeFileSync(
      join(r.dir, tampered),
      read(r, tampered).replace('actor:\n  login: bureau-li', 'actor:\n  login: admin-zheng'),
    );
    rmSync(join(r.dir, 'content/decisions/TS-2026-006-A02/0002.yml'));
    forge(r, 'TS-2026-002', { action: 'accept', to: 'accepted', actor: { login: 'issuer-wang', role: 'issuer' } });
    const scores = { team: 90, rd: 90, plan: 90, match: 90 };
    for (const [i, app] of ['A04', 'A05', 'A06', 'A07'].entries()) {
      forge(r, `TS-2026-001-${app}`, {
        action: 'select',
        from: 'forwarded',
        to: 'selected',
        actor: { login: 'issuer-wang', role: 'issuer' },
        at: `2026-08-0${5 + i}T10:00:00+08:00`,
        scores,
      });
    }
    commitAll(r, 'tampered');
    rmSync(join(r.dir, 'content/decisions/TS-2026-003/0002.yml'));
    const content = join(r.dir, 'content');
    for (const git of [true, false]) {
      const one = await auditDirectory(content, { git, threads: 0 });
      const many = await auditDirectory(content, { git, threads: 2, batch: 1 });
      expect(many).toEqual(one);
      const codes = [...new Set(one.problems.map((p) => p.code))].sort();
      expect(codes).toEqual(
        [
          'act-selection-closed',
          'act-transition',
          'chain-missing',
          'chain-prev',
          'chain-transition',
          'invariant-max-three',
          'mismatch',
          ...(git ? ['history-deleted', 'history-modified', 'worktree-deleted'] : []),
        ].sort(),
      );
    }
  });
});
