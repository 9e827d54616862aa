/**
 * A small perceptual hash (dHash): the picture reduced to 9×8 grey pixels, one bit per pair
 * of neighbours (is the left one brighter). Re-encoding, resizing, a format change or
 * stripped metadata leave it nearly the same; a different picture differs in about half
 * its 64 bits. The leak scan compares restricted images with the output's by it.
 */
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import sharp from 'sharp';

/** The 64-bit dHash of an image's bytes, or undefined when they do not decode. */
export async function dHash(bytes: Uint8Array): Promise<bigint | undefined> {
  try {
    const px = await sharp(bytes, { limitInputPixels: 1e8 })
      .rotate()
      .flatten({ background: '#fff' })
      .grayscale()
      .resize(9, 8, { fit: 'fill' })
      .raw()
      .toBuffer();
    let h = 0n;
    for (let y = 0; y < 8; y++)
      for (let x = 0; x < 8; x++) h = (h << 1n) | (px[y * 9 + x]! > px[y * 9 + x + 1]! ? 1n : 0n);
    return h;
  } catch {
    return undefined;
  }
}

/**
 * The dHash of each file (undefined for one that is missing or does not decode), in order,
 * several at once: the build's image check is its last phase, alone on the machine
 * (4.2 → 3.6 s at 10,000 demands; docs/performance.md).
 */
export async function dHashFiles(paths: readonly string[]): Promise<Array<bigint | undefined>> {
  const out: Array<bigint | undefined> = new Array(paths.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < paths.length; i = next++) {
      const bytes = await readFile(paths[i]!).catch(() => undefined);
      out[i] = bytes && (await dHash(bytes));
    }
  };
  await Promise.all(Array.from({ length: Math.min(paths.length, availableParallelism() * 2) }, worker));
  return out;
}

/** How many of the 64 bits differ. */
export function hamming(a: bigint, b: bigint): number {
  let x = a ^ b;
  let n = 0;
  while (x) {
    n += Number(x & 1n);
    x >>= 1n;
  }
  return n;
}

/**
 * Is a hash informative enough to compare? A blank or near-uniform picture (a plain logo
 * background) hashes to almost all zeros or ones, like every other such picture.
 */
export function informative(h: bigint): boolean {
  const ones = hamming(h, 0n);
  return ones >= 6 && ones <= 58;
}

/** Two images are the same picture when at most this many bits differ. */
export const SAME_PICTURE = 10;
