/**
 * Pictures for the synthetic archive, so the site's image pipeline works on real files:
 * issuer logos (PNG) and demand illustrations (JPEG), drawn as SVG shapes from the random
 * stream and rasterised by sharp. No text in them (no fonts needed), distinct per owner.
 */
import sharp from 'sharp';
import type { Random } from './random.ts';

const hue = (rng: Random) => rng.int(0, 359);

export async function logoPng(rng: Random): Promise<Buffer> {
  const h = hue(rng);
  const shapes = Array.from(
    { length: rng.int(2, 4) },
    () =>
      `<circle cx="${rng.int(60, 196)}" cy="${rng.int(60, 196)}" r="${rng.int(30, 80)}" fill="hsl(${(h + rng.int(0, 90)) % 360},70%,${rng.int(35, 60)}%)" fill-opacity="0.85"/>`,
  ).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256"><rect width="256" height="256" rx="40" fill="hsl(${h},60%,92%)"/>${shapes}</svg>`;
  return sharp(Buffer.from(svg)).png({ compressionLevel: 9 }).toBuffer();
}

export async function coverJpeg(rng: Random): Promise<Buffer> {
  const h = hue(rng);
  const shapes = Array.from({ length: rng.int(6, 14) }, () => {
    const x = rng.int(0, 1100);
    const y = rng.int(0, 700);
    return rng.chance(0.5)
      ? `<rect x="${x}" y="${y}" width="${rng.int(80, 400)}" height="${rng.int(60, 300)}" rx="12" fill="hsl(${(h + rng.int(0, 120)) % 360},55%,${rng.int(30, 70)}%)" fill-opacity="0.7"/>`
      : `<circle cx="${x}" cy="${y}" r="${rng.int(40, 220)}" fill="hsl(${(h + rng.int(0, 120)) % 360},65%,${rng.int(30, 70)}%)" fill-opacity="0.6"/>`;
  }).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${h},50%,85%)"/><stop offset="1" stop-color="hsl(${(h + 60) % 360},50%,45%)"/></linearGradient></defs><rect width="1200" height="800" fill="url(#g)"/>${shapes}</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
}
