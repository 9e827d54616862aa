/**
 * The hostile corpus (corpus/payloads.ts) through every channel that takes text from
 * outside, on real git repositories and the real CLI:
 *
 * - issues: each payload in a one-line field and in a Markdown chapter of a 揭榜 form;
 * - comments: each payload as a comment by a non-officer, and as an officer's `/return`
 *   reason (the reason enters the ledger);
 * - pull requests: each payload in a content file, and each traversal/Unicode name as a
 *   file name;
 * - CMS entries: each payload in a record as Decap writes it (formatYaml = yaml@1), and
 *   every hostile file where an entry goes;
 * - the CLI: `jiebang validate` over a folder of all of it, `jiebang seal` on hostile files.
 *
 * Each gets a clear answer (a Chinese message naming the field) or is kept as inert text;
 * nothing throws, answers carry no active markup, nothing is written outside its place,
 * and whatever is written reads back valid.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatYaml } from '../../pipeline/content/format.ts';
import { recordFromBytes } from '../../pipeline/content/load.ts';
import { route } from '../../pipeline/handlers/route.ts';
import { gitText } from '../../pipeline/forge/git.ts';
import { LocalGitForge } from '../../pipeline/forge/local-git.ts';
import type { Decision } from '../../pipeline/generated/types.ts';
import { bodyFromRecord } from '../../pipeline/forms/render-body.ts';
import { handleComment } from '../../pipeline/handlers/commands.ts';
import { jiebang } from '../cli/run-cli.ts';
import { issueEvent, pullRequestEvent } from '../fixtures/intake/events.ts';
import { DURING_APPLY, OPEN_DEMAND, SME_SEALED, writeIntakeRepo } from '../fixtures/intake/repo.ts';
import { applicationSubmission, demandSubmission, SEALED } from '../fixtures/intake/samples.ts';
import { makeRepo } from '../helpers/git-repo.ts';
import { commentPayload, context } from '../review/events.ts';
import { fixtureFiles } from '../review/fixture.ts';
import { hostileFiles, PAYLOADS, TRAVERSAL, UNICODE, type Payload } from './corpus/payloads.ts';

const root = mkdtempSync(join(tmpdir(), 'jiebang-channels-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const SAFE_PATH =
  /^content\/(?:demands\/[A-Z]{2,4}-\d{4}-\d{3}\/index\.yml|applications\/[A-Z]{2,4}-\d{4}-\d{3}-A\d{2}\.yml|enterprises\/[0-9A-Z]{18}\/index\.yml|decisions\/[A-Z]{2,4}-\d{4}-\d{3}(?:-A\d{2})?\/\d{4}\.yml)$/;
const OFFICERS = new Set(['bureau-li', 'xm-officer']);

/** An answer a forge will render: no markup but the pipeline's own markers, no hostile links, mentions only of officers. */
function expectInert(text: string, where: string): void {
  const rest = text.replace(/<!-- jiebang:[a-z-]+(?:[:=][A-Za-z0-9.:-]+)? -->/g, '').replace(/<\/?sub>/g, '');
  expect(rest, where).not.toMatch(/<[A-Za-z!/?]/);
  expect(rest, where).not.toMatch(/\]\(\s*(?:javascript|data|vbscript):/i);
  for (const m of rest.matchAll(/(?<![\w.])@([A-Za-z0-9-]+)/g))
    expect(OFFICERS.has(m[1]!), `${where}: mentions @${m[1]}`).toBe(true);
  expect(rest, where).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u202a-\u202e\u2066-\u2069]/);
  expect(rest.isWellFormed(), where).toBe(true);
  expect(rest, where).not.toMatch(/^::[a-z-]+/m); // no workflow command at the start of a line (it would run in a log)
}

const oneLine = (p: Payload) => !/[\n\r]/.test(p.text) && p.text.length <= 200;

describe('issues', () => {
  const dir = join(root, 'issues');
  writeIntakeRepo(dir);
  const forge = new LocalGitForge(dir, { baseUrl: 'https://github.com/xm-gxj/jiebang' });
  let n = 3000;
  const cases = [
    // The chapters' one channel now: a sealed blob, accepted without being read here.
    { name: 'a valid application, its chapters sealed', put: () => {} },
    ...PAYLOADS.flatMap((p) => [
      ...(oneLine(p)
        ? [
            {
              name: `${p.name} in the applicant's name`,
              put: (a: Record<string, unknown>) => {
                (a.applicant as Record<string, unknown>).name = p.text;
              },
            },
          ]
        : []),
      // The chapters travel sealed: a chapter typed into the issue in the clear anyway.
      { name: `${p.name} in a chapter`, put: () => {}, clear: `\n\n### 四、技术攻关方案\n\n${p.text}` },
    ]),
  ];

  it.each(cases)('$name', async ({ put, clear }: { put: (a: Record<string, unknown>) => void; clear?: string }) => {
    const app = { ...applicationSubmission(OPEN_DEMAND, SME_SEALED), sealed: SEALED };
    put(app);
    const number = n++;
    const outcome = await route({
      name: 'issues',
      payload: issueEvent({
        number,
        body: bodyFromRecord('application', app) + (clear ?? ''),
        labels: ['揭榜'],
        at: '2026-08-03T02:00:00Z',
      }),
      forge,
      branch: 'main',
      now: new Date(DURING_APPLY),
    });
    if (clear) expect(outcome.verdict).toBe('invalid');
    expect(['valid', 'invalid']).toContain(outcome.verdict);
    expectInert(outcome.comment!, 'comment');
    if (outcome.verdict === 'invalid') {
      expect(outcome.written).toEqual([]);
      for (const e of outcome.errors) expect(e.message).toMatch(/\p{Script=Han}/u);
    }
    for (const path of outcome.written) {
      expect(path).toMatch(SAFE_PATH);
      const bytes = (await forge.readFile(path, 'main')) ?? (await forge.readFile(path, `submission/issue-${number}`));
      expect(recordFromBytes(path, path.includes('/decisions/') ? 'decision' : 'application', bytes!).issues).toEqual(
        [],
      );
    }
  });

  it('wrote nothing outside content/ on any branch', async () => {
    const first = (await gitText(['rev-list', '--max-parents=0', 'main'], { cwd: dir })).trim();
    // Every file any commit on any branch touched since the fixture.
    const touched = (await gitText(['log', '--branches', '--name-only', '--pretty=format:', `^${first}`], { cwd: dir }))
      .split('\n')
      .filter(Boolean);
    expect(touched.length).toBeGreaterThan(0);
    for (const p of new Set(touched)) expect(p).toMatch(SAFE_PATH);
  });
});

describe('comments', async () => {
  const files = Object.fromEntries(await fixtureFiles());
  const shared = makeRepo(files);
  afterAll(() => shared.cleanup());
  let id = 80000;
  const sharedForge = new LocalGitForge(shared.dir);

  it.each(PAYLOADS)('$name as a comment by a non-officer', async (p) => {
    const before = await sharedForge.head('main');
    const outcome = await handleComment(
      context(
        shared.dir,
        'issue_comment',
        commentPayload({ issue: 2, author: 'random-user', body: p.text, at: '2026-08-10T10:00:00+08:00', id: id++ }),
      ),
    );
    expect(['refused', 'ignored']).toContain(outcome.verdict);
    expect(await sharedForge.head('main')).toBe(before);
    if (outcome.comment) expectInert(outcome.comment, 'reply');
  });

  // One repository for every reason: each case starts from the same commit (TS-2026-002 submitted).
  const reasons = makeRepo(files);
  afterAll(() => reasons.cleanup());
  const reasonsForge = new LocalGitForge(reasons.dir);
  const start = reasons.git('rev-parse', 'HEAD');

  it.each(PAYLOADS.filter((p) => p.category !== 'size'))('$name as an officer’s /return reason', async (p) => {
    reasons.git('reset', '-q', '--hard', start);
    const outcome = await handleComment(
      context(
        reasons.dir,
        'issue_comment',
        commentPayload({
          issue: 2,
          author: 'bureau-li',
          body: `/return ${p.text}`,
          at: '2026-08-10T10:00:00+08:00',
          id: id++,
        }),
      ),
    );
    expect(['valid', 'refused']).toContain(outcome.verdict);
    if (outcome.comment) expectInert(outcome.comment, 'reply');
    for (const path of outcome.written) {
      expect(path).toMatch(SAFE_PATH);
      const r = recordFromBytes(path, 'decision', (await reasonsForge.readFile(path, 'main'))!);
      expect(r.issues).toEqual([]);
      // The reason is kept as text (no YAML or HTML interpretation).
      expect(typeof (r.data as unknown as Decision).reason).toBe('string');
    }
    if (outcome.verdict === 'refused') expect(outcome.written).toEqual([]);
  });
});

describe('pull requests', () => {
  const dir = join(root, 'prs');
  writeIntakeRepo(dir);
  const forge = new LocalGitForge(dir, { baseUrl: 'https://github.com/xm-gxj/jiebang' });
  let n = 5000;

  async function pullRequest(files: Array<{ path: string; content: string }>) {
    const number = n++;
    const base = (await forge.head('main'))!;
    const branch = `hostile-${number}`;
    await forge.createBranch(branch, base);
    const r = await forge.commit({ branch, expectedHead: base, message: 'hostile', files });
    if (!r.ok) throw new Error('could not build the branch');
    const payload = pullRequestEvent({
      number,
      login: 'attacker',
      headRef: branch,
      at: '2026-08-03T02:00:00Z',
      baseSha: base,
      headSha: r.sha,
    });
    const before = await forge.head('main');
    const outcome = await route({ name: 'pull_request', payload, forge, branch: 'main', now: new Date(DURING_APPLY) });
    expect(await forge.head('main')).toBe(before); // a pull request check never writes the catalogue
    return outcome;
  }

  it.each(PAYLOADS.filter((p) => p.text.length < 100_000))('$name in a submitted file', async (p) => {
    const app: Record<string, unknown> = {
      ...applicationSubmission(OPEN_DEMAND, SME_SEALED),
      id: `${OPEN_DEMAND}-A09`,
    };
    (app.chapters as Record<string, unknown>).plan =
      `${String((app.chapters as Record<string, unknown>).plan)}\n\n${p.text}`;
    (app.applicant as Record<string, unknown>).name = p.text.slice(0, 60);
    const outcome = await pullRequest([
      { path: `content/applications/${OPEN_DEMAND}-A09.yml`, content: formatYaml('application', app) },
    ]);
    expect(['valid', 'invalid', 'refused']).toContain(outcome.verdict);
    expectInert(outcome.comment!, 'comment');
    for (const e of outcome.errors) expect(e.message).toMatch(/\p{Script=Han}/u);
  });

  // Names git itself accepts in a tree (it refuses NUL, absolute paths and `..` segments outright).
  // (and the local forge refuses control characters and backslashes, as a guard of its own).
  const names = [...TRAVERSAL, ...UNICODE].filter(
    (p) => !/[\u0000-\u001f]|^\/|(^|\/)\.\.(\/|$)|^\.git/.test(p.text) && p.text.isWellFormed() && p.text.length < 200,
  );
  it.each(names)('$name as a file name', async (p) => {
    const outcome = await pullRequest([
      {
        path: `content/applications/${p.text.replace(/[\\/]/g, '_')}.yml`,
        content: formatYaml('application', applicationSubmission(OPEN_DEMAND, SME_SEALED)),
      },
    ]);
    expect(['invalid', 'refused']).toContain(outcome.verdict);
    expectInert(outcome.comment!, 'comment');
  });
});

describe('CMS entries', () => {
  const demand = () => ({
    ...demandSubmission(),
    id: 'XM-2026-050',
    round: 'XM-2026',
    sealed: undefined,
    contact: { name: '林晓', mobile: '13906001234', email: 'linxiao@example.cn' },
  });

  it.each(PAYLOADS)('$name in an entry as Decap writes it', (p) => {
    const d: Record<string, unknown> = demand();
    d.background = p.text;
    d.title = p.text.slice(0, 50);
    const text = formatYaml('demand', d);
    const r = recordFromBytes('content/demands/XM-2026-050/index.yml', 'demand', new TextEncoder().encode(text));
    for (const i of r.issues) expect(i.message, i.path).toMatch(/\p{Script=Han}/u);
    if (r.data) expect(r.data.background).toBe(p.text.toWellFormed()); // what the editor typed (a lone surrogate cannot be UTF-8)
  });

  it.each([
    [
      'an attachment over the size limit',
      { name: '盖章扫描件.pdf', sha256: 'a'.repeat(64), mime: 'application/pdf', size: 30 * 1024 * 1024 },
      '/attachments/0/size',
    ],
    [
      'an attachment of an impossible size',
      { name: '盖章扫描件.pdf', sha256: 'a'.repeat(64), mime: 'application/pdf', size: 2 ** 60 },
      '/attachments/0/size',
    ],
    [
      'an executable attachment',
      { name: 'setup.exe', sha256: 'a'.repeat(64), mime: 'application/x-msdownload', size: 1000 },
      '/attachments/0/name',
    ],
    [
      'an attachment named with a path',
      { name: '../../content/officers.yml', sha256: 'a'.repeat(64), mime: 'application/pdf', size: 1000 },
      '/attachments/0/name',
    ],
    ['twenty-one attachments', undefined, '/attachments'],
  ] as const)('%s is refused by its field', (_name, attachment, path) => {
    const d: Record<string, unknown> = demand();
    d.attachments = attachment
      ? [attachment]
      : Array.from({ length: 21 }, (_, i) => ({
          name: `附件${i}.pdf`,
          sha256: 'a'.repeat(64),
          mime: 'application/pdf',
          size: 1000,
        }));
    const r = recordFromBytes(
      'content/demands/XM-2026-050/index.yml',
      'demand',
      new TextEncoder().encode(formatYaml('demand', d)),
    );
    expect(r.issues.map((i) => i.path)).toContain(path);
  });

  const valid = formatYaml('demand', demand());
  it.each(hostileFiles(valid))('$name where an entry goes', ({ bytes }) => {
    const started = performance.now();
    const r = recordFromBytes('content/demands/XM-2026-050/index.yml', 'demand', bytes);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(r.issues.length).toBeGreaterThan(0);
    for (const i of r.issues) expect(i.message).toMatch(/\p{Script=Han}/u);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('the CLI', () => {
  const dir = join(root, 'cli', 'content');
  const valid = formatYaml('demand', {
    ...demandSubmission(),
    id: 'XM-2026-050',
    round: 'XM-2026',
    sealed: undefined,
    contact: { name: '林晓', mobile: '13906001234', email: 'linxiao@example.cn' },
  });
  const hostile = hostileFiles(valid);
  hostile.forEach((f, i) => {
    const id = `XM-2026-${String(100 + i).padStart(3, '0')}`;
    mkdirSync(join(dir, 'demands', id), { recursive: true });
    writeFileSync(join(dir, 'demands', id, 'index.yml'), f.bytes);
  });
  PAYLOADS.filter((p) => p.text.length < 100_000).forEach((p, i) => {
    const app: Record<string, unknown> = {
      ...applicationSubmission(OPEN_DEMAND, SME_SEALED),
      id: `XM-2026-${String(900 + i).slice(-3)}-A01`,
    };
    (app.applicant as Record<string, unknown>).name = p.text;
    mkdirSync(join(dir, 'applications'), { recursive: true });
    writeFileSync(
      join(dir, 'applications', `XM-2026-${String(900 + i).slice(-3)}-A01.yml`),
      formatYaml('application', app),
    );
  });

  it('validate reports every hostile file, in JSON, without an internal error', () => {
    const out = jiebang(['validate', '--json', dir]);
    expect(out.code).toBe(1);
    expect(out.stderr).not.toMatch(/内部错误|internal error|at .*\.ts:\d+/);
    const results = (
      JSON.parse(out.stdout) as { results: Array<{ file: string; valid: boolean; errors: Array<{ message: string }> }> }
    ).results;
    const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
    expect(results).toHaveLength(files);
    const byFile = new Map(
      results.map((r) => [relative(dir, r.file.startsWith('/') ? r.file : join(process.cwd(), r.file)), r]),
    );
    hostile.forEach((f, i) => {
      const r = byFile.get(`demands/XM-2026-${String(100 + i).padStart(3, '0')}/index.yml`);
      expect(r?.valid, f.name).toBe(false);
      for (const e of r!.errors) expect(e.message).toMatch(/\p{Script=Han}/u);
    });
  });

  it('seal refuses hostile files with a message, never a trace', () => {
    for (const f of readdirSync(join(dir, 'demands')).slice(0, 8)) {
      const out = jiebang([
        'seal',
        join(dir, 'demands', f, 'index.yml'),
        '--recipients-from',
        join(process.cwd(), 'content/officers.yml'),
      ]);
      expect([1, 2]).toContain(out.code);
      expect(out.stderr).not.toMatch(/内部错误|internal error/);
      expect(out.stderr).toMatch(/\p{Script=Han}/u);
    }
  });

  it('validate and seal take a traversal path as a missing file, not a crash', () => {
    for (const args of [
      ['validate', '../../../../etc/passwd-nope'],
      ['seal', '/etc/shadow-nope'],
      ['unseal', '../x.yml', '--identity', '/dev/null'],
    ]) {
      const out = jiebang(args);
      expect(out.code).toBe(2);
      expect(out.stderr).not.toMatch(/内部错误|internal error/);
    }
  });
});
