/**
 * The bureau's emblem (site.yml `bureau.logo`, a file under content/media/) as the site and
 * the CMS show it: one PNG, LOGO_HEIGHT pixels high. Whatever the file is (PNG, JPEG, WebP
 * or SVG), it is decoded and re-encoded by sharp, so an SVG's script or a photo's metadata
 * never reaches a page. A missing, linked or undecodable file is the bureau's mistake: the
 * build and the CMS say so by field and file, and the neutral emblem stands in.
 */
import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Site } from '../../pipeline/face/core.ts';

/** Twice the masthead's 44 px, for high-density screens. */
export const LOGO_HEIGHT = 88;
/** A logo is a small file; anything larger is not what this field is for. */
export const LOGO_MAX_BYTES = 2 * 1024 * 1024;
/** The public address of the re-encoded emblem, under the site's base (site/pages/[logo].png.ts). */
export const LOGO_FILE = 'bureau-logo.png';

export type BureauLogo =
  { ok: true; png: Buffer; width: number; height: number } | { ok: false; message: string } | undefined;

const cache = new Map<string, Promise<BureauLogo>>();

/** The emblem named by `site`, re-encoded; undefined when none is named. Computed once per file content. */
export function bureauLogo(contentDir: string, site: Pick<Site, 'bureau'>): Promise<BureauLogo> {
  const name = site.bureau?.logo;
  if (!name) return Promise.resolve(undefined);
  const path = join(contentDir, name);
  const field = `site.yml 的 bureau.logo（机关标志）`;
  let info;
  try {
    info = lstatSync(path);
  } catch {
    return Promise.resolve({
      ok: false,
      message: `${field}：文件 content/${name} 不存在，页头显示中性标志。 / bureau.logo: content/${name} does not exist; the neutral emblem is shown.`,
    });
  }
  if (!info.isFile())
    return Promise.resolve({
      ok: false,
      message: `${field}：content/${name} 不是普通文件（${info.isSymbolicLink() ? '符号链接' : '特殊文件'}），页头显示中性标志。 / bureau.logo: content/${name} is not a regular file; the neutral emblem is shown.`,
    });
  if (info.size > LOGO_MAX_BYTES)
    return Promise.resolve({
      ok: false,
      message: `${field}：content/${name} 有 ${Math.ceil(info.size / 1024)} KB，超过 ${LOGO_MAX_BYTES / 1024 / 1024} MB 的上限，页头显示中性标志。 / bureau.logo: content/${name} is larger than ${LOGO_MAX_BYTES / 1024 / 1024} MB; the neutral emblem is shown.`,
    });
  const bytes = readFileSync(path);
  const key = `${path}\0${info.mtimeMs}\0${info.size}`;
  let done = cache.get(key);
  if (!done) {
    done = encode(bytes, name, field).catch(() => ({
      ok: false as const,
      message: `${field}：content/${name} 无法解码（文件损坏，或不是 PNG、JPEG、WebP、SVG 图片），页头显示中性标志。 / bureau.logo: content/${name} cannot be decoded (corrupt, or not a PNG, JPEG, WebP or SVG image); the neutral emblem is shown.`,
    }));
    cache.set(key, done);
  }
  return done;
}

/** A logo is small: a decompression bomb (a small file claiming a huge picture) stops here, before decoding. */
const MAX_PIXELS = 40_000_000;

async function encode(bytes: Buffer, name: string, field: string): Promise<BureauLogo> {
  const { width = 0, height = 0 } = await sharp(bytes, { limitInputPixels: false }).metadata();
  if (width * height > MAX_PIXELS)
    return {
      ok: false,
      message: `${field}：content/${name} 有 ${width}×${height} 像素，超过 ${MAX_PIXELS / 1_000_000} 百万像素的上限，页头显示中性标志。 / bureau.logo: content/${name} is ${width}×${height} pixels, over the ${MAX_PIXELS / 1_000_000}-megapixel cap; the neutral emblem is shown.`,
    };
  const { data, info } = await sharp(bytes, { limitInputPixels: MAX_PIXELS, density: 300 })
    .rotate()
    .resize({ height: LOGO_HEIGHT, width: LOGO_HEIGHT * 6, fit: 'inside', withoutEnlargement: false })
    .png({ compressionLevel: 9 })
    .toBuffer({ resolveWithObject: true });
  return { ok: true, png: data, width: info.width, height: info.height };
}
