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
import { lstatSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import sharp from 'sharp';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PublicDemand } from '../data/model.ts';

/** Per process, so builds running side by side (tests, the benchmark) do not share it. */
export const IMAGE_STAGE = join(tmpdir(), `jiebang-images-${process.pid}`);

export function removeStage(stage = IMAGE_STAGE): void {
  rmSync(stage, { recursive: true, force: true });
}

const cleanup = new Set<string>();

/** A listed demand's public images: its folder and the file names its public view names. */
export interface DemandImageFiles {
  id: string;
  dir: string;
  names: string[];
}

/** The images of these demands' public views: an illustration, and a logo unless the issuer hid its name. */
export function publicImageFiles(
  demands: ReadonlyArray<{
    id: string;
    dir: string;
    data: Pick<PublicDemand, 'illustration' | 'anonymousIssuer' | 'issuer'>;
  }>,
): DemandImageFiles[] {
  const out: DemandImageFiles[] = [];
  for (const d of demands) {
    const names = [d.data.illustration?.src, d.data.anonymousIssuer ? undefined : d.data.issuer?.logo?.src].filter(
      (s): s is string => !!s,
    );
    if (names.length) out.push({ id: d.id, dir: d.dir, names });
  }
  return out;
}

/**
 * Stage the public images. Each distinct picture is re-encoded once (an issuer's logo sits
 * beside each of its demands: at 10,000 demands some 600 files are a few dozen pictures),
 * the encodings run side by side, and the copies are written from the result.
 */
export async function stagePublicImages(
  files: readonly DemandImageFiles[],
  stage = IMAGE_STAGE,
  warn: (message: string) => void = (m) => console.warn(m),
): Promise<number> {
  removeStage(stage);
  mkdirSync(stage, { recursive: true });
  if (!cleanup.has(stage)) {
    cleanup.add(stage);
    process.once('exit', () => removeStage(stage));
  }
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
      const key = createHash('sha256').update(bytes).digest('hex');
      // rotate(): keep the EXIF orientation's effect; the output keeps the input's format.
      if (!encoded.has(key)) {
        encoded.set(
          key,
          sharp(bytes)
            .rotate()
            .toBuffer()
            .catch(() => {
              warn(
                `图片 ${from} 无法解码（文件损坏或不是 PNG/JPEG/WebP 图片），未发布该图片；请更换该文件。 / ${from} cannot be decoded (corrupt, or not an image); the image is left out.`,
              );
              return undefined;
            }),
        );
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
  return (await Promise.all(writes)).filter(Boolean).length;
}
