/**
 * A stamped scan added in a pull request is checked by its bytes (the read-only check cannot
 * process it): hostile files are refused on their line with a Chinese answer, a photo still
 * carrying EXIF/GPS is sent back to the tools that clean it, a clean scan and a sealed one pass.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { route } from '../../pipeline/handlers/route.ts';
import { LocalGitForge } from '../../pipeline/forge/local-git.ts';
import { checkScan } from '../../pipeline/paper/scan/check-scan.ts';
import { pullRequestEvent } from '../fixtures/intake/events.ts';
import { DURING_APPLY, OPEN_DEMAND, writeIntakeRepo } from '../fixtures/intake/repo.ts';
import { makePdf, PDF_ACTIVE, phonePhoto, pngBomb, POLYGLOT_PDF_HTML, SVG_WITH_SCRIPT } from './corpus/scans.ts';

const root = mkdtempSync(join(tmpdir(), 'jiebang-paper-pr-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('scans in pull requests', () => {
  const dir = join(root, 'repo');
  writeIntakeRepo(dir);
  const forge = new LocalGitForge(dir, { baseUrl: 'https://github.com/xm-gxj/jiebang' });
  let n = 7000;
  const folder = `content/demands/${OPEN_DEMAND}`;

  async function pullRequest(path: string, content: Uint8Array | string) {
    const number = n++;
    const base = (await forge.head('main'))!;
    const branch = `scan-${number}`;
    await forge.createBranch(branch, base);
    const r = await forge.commit({ branch, expectedHead: base, message: 'scan', files: [{ path, content }] });
    if (!r.ok) throw new Error('could not build the branch');
    const payload = pullRequestEvent({
      number,
      login: 'xm-officer',
      headRef: branch,
      at: '2026-08-03T02:00:00Z',
      baseSha: base,
      headSha: r.sha,
    });
    return route({ name: 'pull_request', payload, forge, branch: 'main', now: new Date(DURING_APPLY) });
  }
  const scanProblems = (o: Awaited<ReturnType<typeof pullRequest>>) =>
    o.errors.filter((e) => e.keyword.startsWith('scan:'));

  const hostile: Array<[string, () => Buffer | Promise<Buffer>, string]> = [
    ['PDF/HTML polyglot', () => POLYGLOT_PDF_HTML, 'scan:polyglot'],
    ['PDF with JavaScript', () => PDF_ACTIVE['JavaScript action'], 'scan:active'],
    ['SVG named .pdf', () => SVG_WITH_SCRIPT, 'scan:type'],
    ['200-page PDF', () => makePdf(200), 'scan:pages'],
    ['PNG bomb', () => pngBomb(), 'scan:pixels'],
    ['photo with GPS EXIF', () => phonePhoto(1600, 1000), 'scan:metadata'],
  ];
  it.each(hostile)('refuses a %s', async (name, bytes, keyword) => {
    const ext = /PNG/.test(name) ? 'png' : /photo/.test(name) ? 'jpg' : 'pdf';
    const outcome = await pullRequest(`${folder}/${OPEN_DEMAND}-盖章扫描件-0123456789ab.${ext}`, await bytes());
    expect(outcome.verdict).toBe('invalid');
    const problems = scanProblems(outcome);
    expect(problems.map((p) => p.keyword)).toEqual([keyword]);
    expect(problems[0]!.message).toMatch(/\p{Script=Han}/u);
    expect(outcome.comment).toContain('盖章扫描件');
  });

  it('passes a clean PDF, a processed photo and a sealed scan', async () => {
    expect(scanProblems(await pullRequest(`${folder}/${OPEN_DEMAND}-盖章扫描件-0123456789ab.pdf`, makePdf(2)))).toEqual(
      [],
    );
    const processed = await checkScan(await phonePhoto(1600, 1000));
    if (!processed.ok) throw new Error('the photo should process');
    expect((await sharp(processed.bytes).metadata()).exif).toBeUndefined();
    expect(
      scanProblems(await pullRequest(`${folder}/${OPEN_DEMAND}-盖章扫描件-0123456789ab.jpg`, processed.bytes)),
    ).toEqual([]);
    const armored =
      '-----BEGIN AGE ENCRYPTED FILE-----\nYWdlLWVuY3J5cHRpb24ub3JnL3YxCg==\n-----END AGE ENCRYPTED FILE-----\n';
    expect(
      scanProblems(await pullRequest(`${folder}/${OPEN_DEMAND}-盖章扫描件-0123456789ab.pdf.age`, armored)),
    ).toEqual([]);
    const fake = await pullRequest(`${folder}/${OPEN_DEMAND}-盖章扫描件-0123456789ab.pdf.age`, makePdf(1));
    expect(scanProblems(fake).map((p) => p.keyword)).toEqual(['scan:not-sealed']);
  });
});
