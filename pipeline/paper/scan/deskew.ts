/**
 * The skew of a photographed or scanned page, found from its text lines (a projection
 * profile): the dark pixels of a small grey copy are projected onto the vertical axis at
 * each candidate angle; at the page's true angle the lines fall into few rows, so the sum of
 * squared row counts peaks. Only a clear peak is trusted: a page with too little text, a
 * photo of something else, or a page already straight is left as it is (angle 0).
 *
 * Cropping to the page's edge is not done: a phone photo's background varies too much for a
 * simple rule, and cutting into a stamp would do more harm than a margin.
 */
import sharp, { type Sharp } from 'sharp';

/** The largest tilt corrected (a hand-held photo of a page on a desk). */
export const MAX_SKEW_DEG = 10;
/** Below this, a correction would only blur the text. */
export const MIN_SKEW_DEG = 0.3;
/** The width of the grey copy the angle is measured on. */
const PROBE_WIDTH = 1000;
/** The best angle must beat the unrotated page's score by this factor to count as a skew. */
const MIN_GAIN = 1.15;

export interface Skew {
  /** Degrees the text lines slope (clockwise positive, as sharp's rotate counts); 0 when none is trusted. */
  angle: number;
  /** How much sharper the lines are at `angle` than at 0 (1 = not at all). */
  gain: number;
}

/** The page's skew, measured on a small grey copy of `image` (any format sharp reads). */
export async function measureSkew(image: Buffer | Sharp): Promise<Skew> {
  const input = Buffer.isBuffer(image) ? sharp(image) : image.clone();
  const { data, info } = await input
    .rotate()
    .resize({ width: PROBE_WIDTH, withoutEnlargement: true })
    .greyscale()
    .normalise()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const points = darkPixels(data, info.width, info.height);
  // Too little ink to tell lines from noise.
  if (points.length < 200) return { angle: 0, gain: 1 };
  const score = (deg: number) => profileScore(points, deg, info.height + info.width);
  const flat = score(0);
  // Coarse, then fine around the best coarse angle.
  let best = { angle: 0, value: flat };
  for (let a = -MAX_SKEW_DEG; a <= MAX_SKEW_DEG; a += 0.5) {
    const v = score(a);
    if (v > best.value) best = { angle: a, value: v };
  }
  for (let a = best.angle - 0.5; a <= best.angle + 0.5; a += 0.05) {
    const v = score(a);
    if (v > best.value) best = { angle: a, value: v };
  }
  const gain = flat > 0 ? best.value / flat : 1;
  const angle = Math.round(best.angle * 100) / 100;
  if (gain < MIN_GAIN || Math.abs(angle) < MIN_SKEW_DEG) return { angle: 0, gain };
  return { angle, gain };
}

/** Coordinates of the pixels darker than the page (a fixed share below the image's mean). */
function darkPixels(grey: Buffer, width: number, height: number): Float64Array {
  let sum = 0;
  for (const v of grey) sum += v;
  const threshold = Math.min(128, (sum / grey.length) * 0.6);
  const out: number[] = [];
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) if (grey[y * width + x]! < threshold) out.push(x, y);
  return Float64Array.from(out);
}

/** Sum of squared row counts after projecting the points along lines sloping `deg` degrees. */
function profileScore(points: Float64Array, deg: number, span: number): number {
  const t = Math.tan((deg * Math.PI) / 180);
  const rows = new Float64Array(2 * span + 1);
  for (let i = 0; i < points.length; i += 2) {
    const row = Math.round(points[i + 1]! - points[i]! * t) + span;
    rows[row]! += 1;
  }
  let s = 0;
  for (const c of rows) s += c * c;
  return s;
}
