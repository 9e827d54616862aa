/**
 * Files (issue 20): the build stages a public image only when it is a regular file whose
 * bytes decode as an image. A symlink (which could publish a non-public demand's logo) and
 * a corrupt file are left out with a message naming the file, and the rest of the images
 * are staged: the build goes on instead of crashing on a message naming nothing.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { stagePublicImages } from '../../site/images/stage.ts';
import { bureauLogo } from '../../site/images/bureau-logo.ts';
import { pngBomb } from './corpus/scans.ts';

const root = mkdtempSync(join(tmpdir(), 'jiebang-files-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('staging public images', () => {
  it('leaves out a symlink and a corrupt image, naming each, and stages the rest', async () => {
    const secret = join(root, 'content/demands/XM-2026-002');
    const open = join(root, 'content/demands/XM-2026-001');
    mkdirSync(secret, { recursive: true });
    mkdirSync(open, { recursive: true });
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#c00' } })
      .png()
      .toBuffer();
    writeFileSync(join(secret, 'logo.png'), png);
    writeFileSync(join(open, 'photo.png'), png);
    symlinkSync(join(secret, 'logo.png'), join(open, 'logo.png'));
    writeFileSync(join(open, 'broken.png'), Buffer.concat([png.subarray(0, 24), Buffer.from('not the rest of a png')]));

    const stage = join(root, 'stage');
    const warnings: string[] = [];
    const staged = await stagePublicImages(
      [{ id: 'XM-2026-001', dir: open, names: ['photo.png', 'logo.png', 'broken.png'] }],
      { stage, warn: (m) => warnings.push(m) },
    );
    expect(staged).toBe(1);
    expect(readdirSync(join(stage, 'XM-2026-001'))).toEqual(['photo.png']);
    expect(warnings).toHaveLength(2);
    expect(warnings.find((w) => w.includes('logo.png'))).toContain('符号链接');
    expect(warnings.find((w) => w.includes('broken.png'))).toContain('无法解码');
    expect(existsSync(join(stage, 'XM-2026-001', 'logo.png'))).toBe(false);
  });
});

describe('jiebang validate', () => {
  it('refuses a symlink inside content/, naming it, and reads no record through it', async () => {
    const { jiebang } = await import('../cli/run-cli.ts');
    const { cpSync } = await import('node:fs');
    const { ROOT } = await import('../cli/run-cli.ts');
    const content = join(root, 'validate/content');
    cpSync(join(ROOT, 'content'), content, { recursive: true });
    const outside = join(root, 'outside.yml');
    writeFileSync(outside, 'id: XM-2026-999\n');
    symlinkSync(outside, join(content, 'rounds/XM-2099.yml'));
    const r = jiebang(['validate', content, '--json']);
    expect(r.code).toBe(1);
    const results = JSON.parse(r.stdout).results as Array<{ file: string; errors: Array<{ message: string }> }>;
    const bad = results.filter((x) => x.errors.length);
    expect(bad.map((x) => x.file)).toEqual([expect.stringContaining('rounds/XM-2099.yml')]);
    expect(bad[0]!.errors[0]!.message).toContain('不是普通文件');
  });
});

describe("the bureau's emblem (site.yml bureau.logo)", () => {
  it('refuses a decompression bomb without filling memory; the neutral emblem stands in', async () => {
    mkdirSync(join(root, 'logo/media'), { recursive: true });
    // A small PNG that claims 20,000 × 20,000 pixels (400 megapixels).
    writeFileSync(join(root, 'logo/media/bomb.png'), pngBomb());
    const logo = await bureauLogo(join(root, 'logo'), {
      bureau: { name: '示例局', nameEn: 'Bureau', phone: '', email: '', logo: 'media/bomb.png' },
    });
    expect(logo).toMatchObject({
      ok: false,
      message: expect.stringMatching(/20000×20000 像素，超过 40 百万像素的上限.*中性标志/),
    });
  });
});
