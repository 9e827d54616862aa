/**
 * A stamped scan (盖章扫描件) checked by its bytes, never by its name, and made safe to keep:
 *
 * - the type from the magic bytes: PDF, JPEG or PNG; anything else (SVG, HTML, a file that
 *   is two formats at once) is refused;
 * - a size cap, a page cap for a PDF, a pixel cap for an image (read from the header before
 *   anything is decoded, so a decompression bomb is refused unopened);
 * - a PDF with active content (JavaScript, launch actions, embedded files, rich media, XFA),
 *   encrypted, or with bytes after its end is refused; a clean PDF is kept as it came (there
 *   is nothing in it to strip that a scan needs);
 * - an image is decoded by sharp, turned upright from its EXIF orientation, scaled down to at
 *   most A4 at 300 dpi, and re-encoded without any metadata (EXIF, GPS, XMP, ICC comments):
 *   what is kept is the new file, never the upload. A page at a slant is turned straight when
 *   its text lines give a clear angle (deskew.ts); it is not cropped (a phone photo's
 *   background varies too much for a simple rule, and cutting into a stamp does harm).
 *
 * Every refusal says what is wrong and what to do, in Chinese and English.
 */
import sharp from 'sharp';
import { measureSkew } from './deskew.ts';
import { checkPdf, precheck, refuse, sha256, sniff, SCAN_LIMITS, type ScanResult } from './inspect-scan.ts';

export { SCAN_LIMITS, sniff, type ScanMime, type ScanOk, type ScanRefused, type ScanResult } from './inspect-scan.ts';

export async function checkScan(input: Uint8Array): Promise<ScanResult> {
  const refused = precheck(input);
  if (refused) return refused;
  const mime = sniff(input)!;
  return mime === 'application/pdf' ? checkPdf(Buffer.from(input)) : processImage(Buffer.from(input), mime);
}

async function processImage(bytes: Buffer, mime: 'image/jpeg' | 'image/png'): Promise<ScanResult> {
  let meta: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    return refuse(
      'corrupt',
      '图片无法读取，文件可能已损坏；请重新拍照或扫描。',
      'The image cannot be read; it may be damaged. Take or scan it again.',
    );
  }
  const w = meta.width ?? 0;
  const h = meta.height ?? 0;
  if (w * h > SCAN_LIMITS.pixels || w === 0 || h === 0) {
    return refuse(
      'pixels',
      `图片尺寸为 ${w}×${h} 像素，超过 ${SCAN_LIMITS.pixels / 1e6} 百万像素的上限；请用正常分辨率重新拍照或扫描。`,
      `The image is ${w}×${h} pixels, over the ${SCAN_LIMITS.pixels / 1e6}-megapixel limit; take or scan it again at a normal resolution.`,
    );
  }
  const changes: string[] = [];
  if (meta.orientation && meta.orientation !== 1) changes.push('按拍摄方向旋转 / turned upright');
  if (meta.exif || meta.xmp || meta.iptc || meta.icc || (meta.comments?.length ?? 0) > 0)
    changes.push('删除 EXIF/GPS 等元数据 / metadata removed');
  try {
    // A page photographed or fed at a slant is turned straight, when its text lines say by how much (deskew.ts).
    const skew = await measureSkew(sharp(bytes, { limitInputPixels: SCAN_LIMITS.pixels, failOn: 'error' }));
    if (skew.angle !== 0)
      changes.push(`纠正倾斜 ${Math.abs(skew.angle).toFixed(1)}° / deskewed by ${skew.angle.toFixed(1)}°`);
    const upright = sharp(bytes, { limitInputPixels: SCAN_LIMITS.pixels, failOn: 'error' }).rotate();
    const pipeline = (skew.angle ? upright.rotate(-skew.angle, { background: '#ffffff' }) : upright).resize({
      width: SCAN_LIMITS.width,
      height: SCAN_LIMITS.height,
      fit: 'inside',
      withoutEnlargement: true,
    });
    const out =
      mime === 'image/jpeg'
        ? await pipeline
            .jpeg({ quality: 82, mozjpeg: false, chromaSubsampling: '4:2:0' })
            .toBuffer({ resolveWithObject: true })
        : await pipeline.png({ compressionLevel: 6, adaptiveFiltering: false }).toBuffer({ resolveWithObject: true });
    const rotated = meta.orientation && meta.orientation >= 5;
    const shown = rotated ? [h, w] : [w, h];
    if (out.info.width < shown[0]!) changes.push(`缩小到 ${out.info.width}×${out.info.height} / scaled down`);
    changes.push('重新编码 / re-encoded');
    return {
      ok: true,
      bytes: out.data,
      mime,
      ext: mime === 'image/jpeg' ? 'jpg' : 'png',
      sha256: sha256(out.data),
      size: out.data.length,
      width: out.info.width,
      height: out.info.height,
      changes,
    };
  } catch {
    return refuse(
      'corrupt',
      '图片无法解码，文件可能已损坏或不完整；请重新拍照或扫描。',
      'The image cannot be decoded; it may be damaged or truncated. Take or scan it again.',
    );
  }
}
