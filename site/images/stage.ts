/**
 * Only public images may enter the build: before Astro starts, the images that public views
 * name (a listed demand's illustration, its issuer's logo unless the issuer hid its name)
 * are copied to a staging folder, and Astro's asset pipeline sees that folder only
 * (`@jiebang-images`, resolved in astro.config.mjs). Everything else in content/ is out of reach.
 * Copies are re-encoded by sharp, which drops metadata (EXIF, XMP, PNG text chunks: a
 * camera's GPS position, an author's name, a phone number in a comment), because Astro
 * also publishes the staged original.
 */
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import sharp from 'sharp';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DemandImageFiles } from './public-images.ts';

/** Per process, so builds running side by side (tests, the benchmark) do not share it. */
export const IMAGE_STAGE = join(tmpdir(), `jiebang-images-${process.pid}`);

export function removeStage(stage = IMAGE_STAGE): void {
  rmSync(stage, { recursive: true, force: true });
}

const cleanup = new Set<string>();

export interface StageOptions {
  /** The staging folder (default IMAGE_STAGE). */
  stage?: string;
  /** Where a left-out file is reported. */
  warn?: (message: string) => void;
  /**
   * A folder keeping each picture's re-encoded copy between builds, named by the SHA-256 of
   * the original's bytes and sharp's libvips version: a redeploy re-encodes only new pictures.
   * Entries no picture of this build uses are removed.
   */
  cache?: string;
}

/**
 * Stage the public images. Each distinct picture is re-encoded once (an issuer's logo sits
 * beside each of its demands: at 10,000 demands some 600 files are a few dozen pictures),
 * or taken from the cache; the encodings run side by side, and the copies are written from
 * the result.
 */
export async function stagePublicImages(
  files: readonly DemandImageFiles[],
  { stage = IMAGE_STAGE, warn = (m) => console.warn(m), cache }: StageOptions = {},
): Promise<number> {
  removeStage(stage);
  mkdirSync(stage, { recursive: true });
  if (!cleanup.has(stage)) {
    cleanup.add(stage);
    process.once('exit', () => removeStage(stage));
  }
  if (cache) mkdirSync(cache, { recursive: true });
  const encoded = new Map<string, Promise<Buffer | undefined>>();
  const writes: Array<Promise<boolean>> = [];
  for (const { id, dir, names } of files) {
    for (const name of names) {
      const from = join(dir, name);
      // A symlink could publish another file (a non-public demand's logo); a device or FIFO could hang the build.
      const info = (() => {
        try {
          return lstatSync(from);
        } catch {
          return undefined;
        }
      })();
      if (!info) continue;
      if (!info.isFile()) {
        warn(
          `图片 ${from} 不是普通文件（${info.isSymbolicLink() ? '符号链接' : '特殊文件'}），未发布该图片。 / ${from} is not a regular file; the image is left out.`,
        );
        continue;
      }
      const bytes = readFileSync(from);
      const key = `${createHash('sha256').update(bytes).digest('hex')}-${ENCODER}`;
      if (!encoded.has(key)) {
        const onFailure = () => {
          warn(
            `图片 ${from} 无法解码（文件损坏或不是 PNG/JPEG/WebP 图片），未发布该图片；请更换该文件。 / ${from} cannot be decoded (corrupt, or not an image); the image is left out.`,
          );
          return undefined;
        };
        encoded.set(key, reencoded(bytes, cache && join(cache, key)).catch(onFailure));
      }
      mkdirSync(join(stage, id), { recursive: true });
      writes.push(
        encoded.get(key)!.then((out) => {
          if (out) writeFileSync(join(stage, id, name), out);
          return !!out;
        }),
      );
    }
  }
  const staged = (await Promise.all(writes)).filter(Boolean).length;
  if (cache) {
    for (const entry of readdirSync(cache)) if (!encoded.has(entry)) rmSync(join(cache, entry), { force: true });
  }
  return staged;
}

/** The encoder's identity in a cache entry's name: another libvips may encode differently. */
const ENCODER = `vips${sharp.versions.vips}`;

/**
 * The picture re-encoded, without its metadata: from the cache when it holds this picture,
 * else by sharp (and then kept there, written whole before it takes its name).
 */
async function reencoded(bytes: Buffer, cached: string | undefined): Promise<Buffer> {
  if (cached) {
    try {
      return readFileSync(cached);
    } catch {
      // not kept yet (or removed by a build beside this one): encoded below
    }
  }
  // rotate(): keep the EXIF orientation's effect; the output keeps the input's format.
  const out = await sharp(bytes).rotate().toBuffer();
  if (cached) {
    writeFileSync(`${cached}.${process.pid}`, out);
    renameSync(`${cached}.${process.pid}`, cached);
  }
  return out;
}
