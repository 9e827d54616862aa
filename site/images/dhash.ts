/**
 * A small perceptual hash (dHash): the picture reduced to 9×8 grey pixels, one bit per pair
 * of neighbours (is the left one brighter). Re-encoding, resizing, a format change or
 * stripped metadata leave it nearly the same; a different picture differs in about half
 * its 64 bits. The leak scan compares restricted images with the output's by it.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
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
 * each distinct content decoded once: an issuer's logo is the same file in every demand it
 * publishes, and Astro writes one output per source path (at 10,000 demands the archive's
 * 873 images hold 114 distinct pictures). The files are read at once, synchronously: some
 * thousands of small files (many of the paths asked about do not exist) take a tenth of a
 * second so, but seconds as callbacks when the build's threads hold their event loops.
 * The decoding is done several at once on libvips's threads.
 */
export async function dHashFiles(paths: readonly string[]): Promise<Array<bigint | undefined>> {
  const digests: Array<string | undefined> = [];
  const contents = new Map<string, Buffer>();
  for (const path of paths) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch {
      digests.push(undefined);
      continue;
    }
    const digest = createHash('sha256').update(bytes).digest('base64');
    digests.push(digest);
    if (!contents.has(digest)) contents.set(digest, bytes);
  }
  const unique = [...contents];
  const hashes = new Map<string, bigint | undefined>();
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < unique.length; i = next++) hashes.set(unique[i]![0], await dHash(unique[i]![1]));
  };
  await Promise.all(Array.from({ length: Math.min(unique.length, availableParallelism() * 2) }, worker));
  return digests.map((d) => (d === undefined ? undefined : hashes.get(d)));
}

/** How many of the 64 bits differ (a bit count of each half: the scan compares every output image with every restricted picture). */
export function hamming(a: bigint, b: bigint): number {
  const x = BigInt.asUintN(64, a ^ b);
  return bitCount(Number(x & 0xffffffffn)) + bitCount(Number(x >> 32n));
}

/** The set bits of a 32-bit number (the classic SWAR count). */
function bitCount(v: number): number {
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
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
