import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { bureauLogo, LOGO_HEIGHT } from './bureau-logo.ts';

const dir = mkdtempSync(join(tmpdir(), 'jiebang-logo-'));
mkdirSync(join(dir, 'media'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const withLogo = (name: string) => ({ bureau: { name: '示例局', nameEn: 'Bureau', phone: '', email: '', logo: name } });
function put(name: string, bytes: Buffer | string): string {
  writeFileSync(join(dir, 'media', name), bytes);
  return `media/${name}`;
}

describe('the bureau emblem (site.yml bureau.logo)', () => {
  it('is nothing when site.yml names none', async () => {
    expect(await bureauLogo(dir, { bureau: { name: '示例局', nameEn: 'B', phone: '', email: '' } })).toBeUndefined();
  });

  it('re-encodes an SVG to a PNG of the masthead height, without what the SVG carried', async () => {
    const name = put(
      'seal.svg',
      '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><script>alert(1)</script><rect width="40" height="20" fill="#0b4a8b"/></svg>',
    );
    const logo = await bureauLogo(dir, withLogo(name));
    expect(logo?.ok).toBe(true);
    if (!logo?.ok) return;
    const meta = await sharp(logo.png).metadata();
    expect(meta.format).toBe('png');
    expect(logo.height).toBe(LOGO_HEIGHT);
    // Twice as wide as high, give or take the rasteriser's rounding.
    expect(Math.abs(logo.width - 2 * LOGO_HEIGHT)).toBeLessThanOrEqual(1);
    expect(logo.png.includes('alert')).toBe(false);
    // The picture itself survived: the centre is the SVG's blue.
    const { data } = await sharp(logo.png)
      .extract({ left: LOGO_HEIGHT, top: LOGO_HEIGHT / 2, width: 1, height: 1 })
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect([...data.subarray(0, 3)]).toEqual([0x0b, 0x4a, 0x8b]);
  });

  it('drops a photo’s metadata (GPS and all) and keeps its orientation', async () => {
    const jpeg = await sharp({ create: { width: 300, height: 100, channels: 3, background: '#b3121b' } })
      .jpeg()
      .withExif({ IFD0: { Copyright: 'secret-sentinel' }, IFD3: { GPSLatitudeRef: 'N' } })
      .toBuffer();
    const logo = await bureauLogo(dir, withLogo(put('photo.jpg', jpeg)));
    expect(logo?.ok).toBe(true);
    if (!logo?.ok) return;
    expect(logo.png.includes('secret-sentinel')).toBe(false);
    expect((await sharp(logo.png).metadata()).exif).toBeUndefined();
    expect(logo.width).toBe(3 * LOGO_HEIGHT);
  });

  it.each([
    ['a missing file', () => 'media/none.png', /bureau\.logo（机关标志）：文件 content\/media\/none\.png 不存在/],
    [
      'a symbolic link',
      () => {
        symlinkSync('/etc/hostname', join(dir, 'media', 'link.png'));
        return 'media/link.png';
      },
      /不是普通文件（符号链接）/,
    ],
    [
      'a file that is no image',
      () => put('fake.png', '<html><script>alert(1)</script></html>'),
      /无法解码（文件损坏，或不是 PNG、JPEG、WebP、SVG 图片）/,
    ],
    ['a file over the size cap', () => put('huge.png', Buffer.alloc(3 * 1024 * 1024)), /超过 2 MB 的上限/],
  ])(
    'refuses %s by field and file, in Chinese and English, and the neutral emblem stands in',
    async (_, make, message) => {
      const logo = await bureauLogo(dir, withLogo(make()));
      expect(logo?.ok).toBe(false);
      if (logo?.ok !== false) return;
      expect(logo.message).toMatch(message);
      expect(logo.message).toMatch(/中性标志。 \/ bureau\.logo: .+neutral emblem is shown\.$/);
    },
  );
});
