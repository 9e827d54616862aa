/**
 * Restricted images are compared with the output's by a perceptual hash (issue 20): a
 * non-public demand's logo re-encoded to WebP and resized (what a staged symlink would
 * have published) is found, though no byte of it matches; a different picture and a
 * blank one are not; the same picture published on purpose elsewhere is not a leak.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import type { SiteData } from '../../site/data/model.ts';
import { dHash, dHashFiles, hamming } from '../../site/images/dhash.ts';
import { PrivacyScan, scanOutput, scanOutputWithImages } from '../../site/integration/privacy-scan.ts';

const root = mkdtempSync(join(tmpdir(), 'jiebang-image-leaks-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A picture with structure: a gradient and a few blocks, seeded so pictures differ. */
async function picture(seed: number, width = 240, height = 160): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const block = ((Math.floor(x / (20 + seed * 7)) + Math.floor(y / (15 + seed * 5))) % 2) * 120;
      raw[i] = (x * (seed + 1) + block) % 256;
      raw[i + 1] = (y * 2 + block) % 256;
      raw[i + 2] = (x + y * seed + block) % 256;
    }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

/** A site with no demands, whose one restricted picture is the file at `path` (of the record `file`). */
function withSecretImage(file: string, path: string): SiteData {
  return {
    secrets: [],
    demands: [],
    rounds: [],
    pages: [],
    site: { name: '站点' },
    secretImages: new Map([['sha', { file, kind: 'demand', pointer: '', value: path }]]),
  } as unknown as SiteData;
}

describe('restricted images, perceptually', () => {
  it('finds a re-encoded, resized copy; not another picture, not a blank one; not one published on purpose', async () => {
    const secretDir = join(root, 'content/demands/XM-2026-002');
    mkdirSync(secretDir, { recursive: true });
    const secret = await picture(1);
    writeFileSync(join(secretDir, 'logo.png'), secret);
    const data = withSecretImage('content/demands/XM-2026-002/index.yml', join(secretDir, 'logo.png'));

    const out = join(root, 'out');
    mkdirSync(join(out, '_astro'), { recursive: true });
    writeFileSync(
      join(out, '_astro/logo.abc123.webp'),
      await sharp(secret).resize(120).webp({ quality: 60 }).toBuffer(),
    );
    writeFileSync(
      join(out, '_astro/other.webp'),
      await sharp(await picture(4))
        .webp()
        .toBuffer(),
    );
    writeFileSync(
      join(out, '_astro/blank.png'),
      await sharp({ create: { width: 50, height: 50, channels: 3, background: '#fff' } })
        .png()
        .toBuffer(),
    );
    // By bytes, nothing matches.
    expect(scanOutput(out, data).leaks).toEqual([]);
    const report = await scanOutputWithImages(out, data);
    expect(report.leaks.map((l) => l.output)).toEqual(['_astro/logo.abc123.webp']);
    expect(report.leaks[0]!.file).toBe('content/demands/XM-2026-002/index.yml');

    // The distances the threshold stands between.
    const [a, b, c] = await Promise.all([
      dHash(secret),
      dHash(await sharp(secret).resize(120).webp({ quality: 60 }).toBuffer()),
      dHash(await picture(4)),
    ]);
    expect(hamming(a!, b!)).toBeLessThanOrEqual(4);
    expect(hamming(a!, c!)).toBeGreaterThan(16);

    // The same picture shown on purpose on a public demand: not a leak.
    const publicDir = join(root, 'content/demands/XM-2026-001');
    mkdirSync(publicDir, { recursive: true });
    writeFileSync(join(publicDir, 'logo.png'), secret);
    const withPublic = {
      ...data,
      demands: [
        {
          id: 'XM-2026-001',
          dir: publicDir,
          data: { anonymousIssuer: false, issuer: { logo: { src: 'logo.png', alt: '' } } },
          selected: [],
        },
      ],
    } as unknown as SiteData;
    expect((await scanOutputWithImages(out, withPublic)).leaks).toEqual([]);
  });

  it('compares the images scanned since the last comparison, and an image written again after it', async () => {
    // The build compares Astro's images beside the demand pages, then at the end any image scanned since.
    const dir = join(root, 'later');
    const secretPath = join(dir, 'secret.png');
    mkdirSync(join(dir, 'out/_astro'), { recursive: true });
    const secret = await picture(2);
    writeFileSync(secretPath, secret);
    const data = withSecretImage('content/demands/XM-2026-009/index.yml', secretPath);
    const out = join(dir, 'out');
    const copy = await sharp(secret).resize(100).webp().toBuffer();
    writeFileSync(
      join(out, '_astro/a.webp'),
      await sharp(await picture(5))
        .webp()
        .toBuffer(),
    );
    writeFileSync(
      join(out, '_astro/b.webp'),
      await sharp(await picture(6))
        .webp()
        .toBuffer(),
    );

    const scan = new PrivacyScan(data);
    scan.scanRest(out);
    await scan.scanImages(out);
    expect(scan.report().leaks).toEqual([]);

    // Written after the first comparison: a new image, and one of the compared ones again.
    writeFileSync(join(out, '_astro/c.webp'), copy);
    writeFileSync(join(out, '_astro/b.webp'), Buffer.concat([copy]));
    scan.scanRest(out); // b.webp's size changed: scanned again
    await scan.scanImages(out);
    expect(
      scan
        .report()
        .leaks.map((l) => l.output)
        .sort(),
    ).toEqual(['_astro/b.webp', '_astro/c.webp']);
  });

  it('hashes each distinct content once and gives every path its hash; none for a missing or broken file', async () => {
    const dir = join(root, 'same');
    mkdirSync(dir, { recursive: true });
    const logo = await picture(3);
    for (const name of ['one.png', 'two.png']) writeFileSync(join(dir, name), logo);
    writeFileSync(join(dir, 'broken.png'), 'not a picture');
    const hashes = await dHashFiles(['one.png', 'missing.png', 'two.png', 'broken.png'].map((n) => join(dir, n)));
    expect(hashes[0]).toBe(await dHash(logo));
    expect(hashes[2]).toBe(hashes[0]);
    expect(hashes[1]).toBeUndefined();
    expect(hashes[3]).toBeUndefined();
  });
});
