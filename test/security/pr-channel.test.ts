/**
 * The pull-request channel (issue 20), on a real git repository through the check the
 * trusted report runs: a pull request that changes no content gets a status that says no
 * content was checked (never "内容检查通过"); an issuer's representative's pull request
 * changing another issuer's demand, an SME profile, a page or the site settings is refused
 * while one changing its own demand passes; a pull request adding a decision is refused
 * whoever opens it, the administrator included.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalGitForge } from '../../pipeline/forge/local-git.ts';
import { checkPullRequest, checkStatus } from '../../pipeline/intake/pull-request.ts';
import { pullRequestEvent } from '../fixtures/intake/events.ts';
import { OPEN_DEMAND, SME_CLEAR, writeIntakeRepo } from '../fixtures/intake/repo.ts';

const root = mkdtempSync(join(tmpdir(), 'jiebang-pr-channel-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const dir = join(root, 'repo');
writeIntakeRepo(dir);
const forge = new LocalGitForge(dir, { baseUrl: 'https://github.com/xm-gxj/jiebang' });
const text = async (path: string) => new TextDecoder().decode((await forge.readFile(path, 'main'))!);

let n = 800;
async function pullRequest(login: string, files: Array<{ path: string; content: string | Uint8Array }>) {
  const number = n++;
  const base = (await forge.head('main'))!;
  const branch = `pr-${number}`;
  await forge.createBranch(branch, base);
  const r = await forge.commit({ branch, expectedHead: base, message: 'change', files });
  if (!r.ok) throw new Error('could not build the branch');
  const payload = pullRequestEvent({
    number,
    login,
    headRef: branch,
    at: '2026-08-03T02:00:00Z',
    baseSha: base,
    headSha: r.sha,
  });
  return checkPullRequest({
    name: 'pull_request',
    payload,
    forge,
    branch: 'main',
    now: new Date('2026-08-03T02:00:00Z'),
  });
}

describe('the pull-request channel', () => {
  it('a code-only pull request is not told its content passed', async () => {
    const outcome = await pullRequest('someone', [
      { path: 'site/pages/extra.astro', content: '---\n---\n<p>hi</p>\n' },
    ]);
    expect(outcome.verdict).toBe('valid');
    const status = checkStatus(outcome);
    expect(status.description).not.toBe('内容检查通过');
    expect(status.description).toContain('未做内容检查');
    // A real content change still reads as checked.
    expect(
      checkStatus({ verdict: 'valid', errors: [], checked: [`content/demands/${OPEN_DEMAND}/index.yml`] }).description,
    ).toBe('内容检查通过');
  });

  it('an issuer’s representative changes its own demand only; pages and settings are the administrator’s', async () => {
    // The registry on main lists no issuer: add one through the administrator's own pull request… merged by hand here.
    const registry = await text('content/officers.yml');
    const withIssuer = registry.replace(
      /officers:\n/,
      `officers:\n  - login: issuer-rep\n    name: 王代表\n    role: issuer\n    validFrom: "2023-01-01"\n    demands:\n      - ${OPEN_DEMAND}\n`,
    );
    const head = (await forge.head('main'))!;
    expect(
      (
        await forge.commit({
          branch: 'main',
          expectedHead: head,
          message: 'registry',
          files: [{ path: 'content/officers.yml', content: withIssuer }],
        })
      ).ok,
    ).toBe(true);

    const own = await text(`content/demands/${OPEN_DEMAND}/index.yml`);
    const mine = await pullRequest('issuer-rep', [
      {
        path: `content/demands/${OPEN_DEMAND}/index.yml`,
        content: own.replace(/^completionMonths: \d+$/m, 'completionMonths: 20'),
      },
    ]);
    expect(mine.errors).toEqual([]);

    const other = await text('content/demands/XM-2023-001/index.yml');
    const theirs = await pullRequest('issuer-rep', [
      {
        path: 'content/demands/XM-2023-001/index.yml',
        content: other.replace(/^completionMonths: \d+$/m, 'completionMonths: 20'),
      },
    ]);
    expect(theirs.verdict).toBe('refused');
    const profile = await text(`content/enterprises/${SME_CLEAR.uscc}/index.yml`);
    const sme = await pullRequest('issuer-rep', [
      { path: `content/enterprises/${SME_CLEAR.uscc}/index.yml`, content: profile.replace('吴海', '吴海涛') },
    ]);
    expect(sme.verdict).toBe('refused');
    const site = await text('content/site.yml');
    const settings = await pullRequest('issuer-rep', [{ path: 'content/site.yml', content: `${site}\n` }]);
    expect(settings.errors.map((e) => e.keyword)).toContain('path:guarded');
    const page = await pullRequest('xm-officer', [
      {
        path: 'content/pages/evil.mdx',
        content: '---\ntitle: x\n---\nexport const x = process.env;\n\n{JSON.stringify(x)}\n',
      },
    ]);
    expect(page.errors.map((e) => e.keyword)).toContain('path:guarded');
  });

  it('an image is checked by its bytes: a symlink (its target path) or a renamed file is refused', async () => {
    const id = 'XM-2026-004';
    const demand = await text(`content/demands/${OPEN_DEMAND}/index.yml`);
    const files = (image: string | Uint8Array) => [
      { path: `content/demands/${id}/index.yml`, content: demand.replace(`id: ${OPEN_DEMAND}`, `id: ${id}`) },
      { path: `content/demands/${id}/logo.png`, content: image },
    ];
    const symlink = await pullRequest('someone', files('../XM-2026-002/logo.png'));
    expect(symlink.errors.find((e) => e.keyword === 'image')?.path).toBe(`content/demands/${id}/logo.png#`);
    const renamed = await pullRequest('someone', files(new TextEncoder().encode('GIF89a not a png at all')));
    expect(renamed.errors.map((e) => e.keyword)).toContain('image');
    const sharp = (await import('sharp')).default;
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#0a0' } })
      .png()
      .toBuffer();
    const real = await pullRequest('someone', files(new Uint8Array(png)));
    expect(real.errors.map((e) => e.keyword)).not.toContain('image');
  });

  it('a decision in a pull request is refused, the administrator’s included', async () => {
    const first = await text(`content/decisions/${OPEN_DEMAND}/0001.yml`);
    for (const login of ['someone', 'xm-officer', 'xm-admin', 'miit-liaison']) {
      const outcome = await pullRequest(login, [{ path: `content/decisions/${OPEN_DEMAND}/0009.yml`, content: first }]);
      expect(outcome.verdict, login).toBe('refused');
      expect(
        outcome.errors.map((e) => e.keyword),
        login,
      ).toContain('path:guarded');
    }
  });
});
