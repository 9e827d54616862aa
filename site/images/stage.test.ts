import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { stagePublicImages } from './stage.ts';

const root = mkdtempSync(join(tmpdir(), 'jiebang-stage-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const png = (colour: string, comment?: string) =>
  sharp({ create: { width: 8, height: 8, channels: 3, background: colour } })
    .png()
    .withMetadata(comment ? { exif: { IFD0: { ImageDescription: comment } } } : {})
    .toBuffer();

describe('staging with a cache of re-encoded pictures', () => {
  it('re-encodes a picture once, takes it from the cache afterwards, and drops entries no build uses', async () => {
    const dir = join(root, 'content/demands/XM-2026-001');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'cover.png'), await png('#c00', 'phone 13800000000'));
    writeFileSync(join(dir, 'logo.png'), await png('#0c0'));
    const cache = join(root, 'cache');
    const stage = join(root, 'stage');
    const both = [{ id: 'XM-2026-001', dir, names: ['cover.png', 'logo.png'] }];

    expect(await stagePublicImages(both, { stage, cache })).toBe(2);
    const entries = readdirSync(cache).sort();
    expect(entries).toHaveLength(2);
    expect(readFileSync(join(dir, 'cover.png')).includes('13800000000')).toBe(true);
    const cover = readFileSync(join(stage, 'XM-2026-001', 'cover.png'));
    expect(cover.includes('13800000000')).toBe(false); // the copy is the re-encoded one, without the comment
    const coverEntry = entries.find((e) => readFileSync(join(cache, e)).equals(cover));
    expect(coverEntry).toBeDefined();

    // A second build takes the copy kept in the cache (planted here, so the reuse shows).
    const planted = await png('#00c');
    writeFileSync(join(cache, coverEntry!), planted);
    expect(await stagePublicImages(both, { stage, cache })).toBe(2);
    expect(readFileSync(join(stage, 'XM-2026-001', 'cover.png')).equals(planted)).toBe(true);

    // A build without the logo leaves only the cover's entry.
    expect(await stagePublicImages([{ id: 'XM-2026-001', dir, names: ['cover.png'] }], { stage, cache })).toBe(1);
    expect(readdirSync(cache)).toEqual([coverEntry]);
  });
});
