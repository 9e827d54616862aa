import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { checkScan } from './check-scan.ts';
import { measureSkew } from './deskew.ts';

/** A page of "text": 28 lines of word-sized dark bars on white, A4 at 150 dpi, like a printed form. */
async function page(): Promise<Buffer> {
  const bars: string[] = [];
  for (let line = 0; line < 28; line++) {
    let x = 140;
    const y = 220 + line * 48;
    for (let word = 0; x < 1060; word++) {
      const w = 40 + ((line * 7 + word * 13) % 5) * 22;
      bars.push(`<rect x="${x}" y="${y}" width="${Math.min(w, 1100 - x)}" height="16" fill="#222"/>`);
      x += w + 18;
    }
  }
  // A round stamp over the last lines, as on a stamped form.
  bars.push('<circle cx="900" cy="1450" r="110" fill="none" stroke="#c00" stroke-width="10"/>');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1240" height="1754"><rect width="1240" height="1754" fill="#fff"/>${bars.join('')}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}
const tilted = async (deg: number) =>
  sharp(await page())
    .rotate(deg, { background: '#f4f1ea' })
    .jpeg({ quality: 85 })
    .toBuffer();

describe('measuring a page’s skew from its text lines', () => {
  it.each([3, -4.5, 1.2, 8])('finds a page turned %s° within 0.2°', async (deg) => {
    const skew = await measureSkew(await tilted(deg));
    expect(Math.abs(skew.angle - deg)).toBeLessThanOrEqual(0.2);
    expect(skew.gain).toBeGreaterThan(1.15);
  });

  it('leaves a straight page, a blank page and a picture without text lines at 0', async () => {
    expect((await measureSkew(await page())).angle).toBe(0);
    const blank = await sharp({ create: { width: 1240, height: 1754, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    expect((await measureSkew(blank)).angle).toBe(0);
    const blobs = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="800"><rect width="800" height="800" fill="#fff"/>${Array.from(
      { length: 40 },
      (_, i) =>
        `<circle cx="${((i * 137) % 760) + 20}" cy="${((i * 251) % 760) + 20}" r="${10 + (i % 4) * 6}" fill="#333"/>`,
    ).join('')}</svg>`;
    expect((await measureSkew(await sharp(Buffer.from(blobs)).png().toBuffer())).angle).toBe(0);
  });
});

describe('a stamped scan at a slant, as the intake keeps it', () => {
  it('is stored straight, and says so', async () => {
    const result = await checkScan(await tilted(3.5));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.changes.join(' ')).toContain('纠正倾斜 3.5°');
    expect(Math.abs((await measureSkew(result.bytes)).angle)).toBeLessThanOrEqual(0.3);
  });

  it('keeps a straight scan as it was scanned (no rotation)', async () => {
    const straight = await sharp(await page())
      .jpeg({ quality: 85 })
      .toBuffer();
    const result = await checkScan(straight);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.changes.join(' ')).not.toContain('纠正倾斜');
    expect([result.width, result.height]).toEqual([1240, 1754]);
  });
});
