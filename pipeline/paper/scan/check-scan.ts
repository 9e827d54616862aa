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
 *   what is kept is the new file, never the upload. It is not deskewed or cropped: no simple
 *   approach did that reliably enough on phone photos of stamped pages to apply it blind.
 *
 * Every refusal says what is wrong and what to do, in Chinese and English.
 */
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { inspectPdf } from './pdf-inspect.ts';

export const SCAN_LIMITS = {
  /** Bytes of one upload. */
  bytes: 20 * 1024 * 1024,
  /** Pages of a PDF scan: a form with its attachments, not an archive. */
  pages: 50,
  /** Pixels of an image before decoding (a 50-megapixel camera fits; a bomb does not). */
  pixels: 60_000_000,
  /** The kept image fits in A4 at 300 dpi. */
  width: 2480,
  height: 3508,
} as const;

export type ScanMime = 'application/pdf' | 'image/jpeg' | 'image/png';

export interface ScanOk {
  ok: true;
  bytes: Buffer;
  mime: ScanMime;
  ext: 'pdf' | 'jpg' | 'png';
  sha256: string;
  size: number;
  pages?: number;
  width?: number;
  height?: number;
  /** What was done to the upload (rotated, scaled, metadata removed). */
  changes: string[];
}
export interface ScanRefused {
  ok: false;
  rule: 'empty' | 'size' | 'type' | 'polyglot' | 'active' | 'encrypted' | 'pages' | 'pixels' | 'corrupt';
  message: string;
  messageEn: string;
}
export type ScanResult = ScanOk | ScanRefused;

const refuse = (rule: ScanRefused['rule'], message: string, messageEn: string): ScanRefused => ({ ok: false, rule, message, messageEn });
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const MB = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

export function sniff(bytes: Uint8Array): ScanMime | undefined {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 16));
  if (b.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return undefined;
}

/** Markup a browser would render: a PDF or image carrying it is a polyglot. */
const MARKUP = /<\s*(?:script|html|svg|iframe|body|object|embed|!doctype)\b/i;

export async function checkScan(input: Uint8Array): Promise<ScanResult> {
  if (input.byteLength === 0) return refuse('empty', '文件是空的，请重新扫描后上传。', 'The file is empty; scan the page again and upload it.');
  if (input.byteLength > SCAN_LIMITS.bytes) {
    return refuse('size', `文件有 ${MB(input.byteLength)}，超过 ${MB(SCAN_LIMITS.bytes)} 的上限；请降低扫描分辨率（300 dpi 足够）或分成几个文件。`, `The file is ${MB(input.byteLength)}, over the ${MB(SCAN_LIMITS.bytes)} limit; scan at 300 dpi or split it.`);
  }
  const mime = sniff(input);
  if (!mime) {
    const head = Buffer.from(input.buffer, input.byteOffset, Math.min(input.byteLength, 512)).toString('latin1');
    const what = /<\s*svg\b/i.test(head) ? 'SVG 图形' : MARKUP.test(head) || /^\s*</.test(head) ? '网页（HTML/XML）' : '无法识别的格式';
    return refuse('type', `扫描件只接受 PDF、JPEG 或 PNG 文件，这个文件是${what}；请用扫描仪或手机拍照另存为 PDF 或 JPEG。`, `A scan must be a PDF, JPEG or PNG file; this one is ${what === 'SVG 图形' ? 'an SVG image' : what === '无法识别的格式' ? 'of an unknown format' : 'a web page (HTML/XML)'}.`);
  }
  return mime === 'application/pdf' ? checkPdf(Buffer.from(input)) : processImage(Buffer.from(input), mime);
}

function checkPdf(bytes: Buffer): ScanResult {
  const facts = inspectPdf(bytes);
  if (facts.encrypted) return refuse('encrypted', 'PDF 设置了密码或加密，无法检查其内容；请导出一份未加密的 PDF 再上传。', 'The PDF is encrypted, so its content cannot be checked; export an unencrypted copy.');
  if (facts.active.length) {
    return refuse('active', `PDF 含有可执行或嵌入的内容（${facts.active.map((n) => `/${n}`).join('、')}），扫描件不应包含脚本、启动动作或嵌入文件；请直接用扫描仪生成 PDF，或打印为 PDF 后再上传。`,
      `The PDF holds active or embedded content (${facts.active.map((n) => `/${n}`).join(', ')}); a scan has no scripts, launch actions or embedded files. Scan it again or print it to a new PDF.`);
  }
  if (MARKUP.test(bytes.toString('latin1')) || facts.trailing > 0) {
    return refuse('polyglot', 'PDF 中夹带了网页代码或在文件结尾之后还有其他数据，不是单纯的扫描件；请重新扫描生成 PDF。', 'The PDF carries web markup or data after its end: it is not a plain scan. Scan it again.');
  }
  if (facts.pages === 0) return refuse('corrupt', '读不出 PDF 的页面，文件可能已损坏；请重新扫描。', 'No page could be read from the PDF; it may be damaged. Scan it again.');
  if (facts.pages > SCAN_LIMITS.pages) {
    return refuse('pages', `PDF 有 ${facts.pages} 页，超过 ${SCAN_LIMITS.pages} 页的上限；扫描件只需盖章的表格和必要附件，请分开上传。`, `The PDF has ${facts.pages} pages, over the limit of ${SCAN_LIMITS.pages}; upload the stamped form and the needed attachments only.`);
  }
  return { ok: true, bytes, mime: 'application/pdf', ext: 'pdf', sha256: sha256(bytes), size: bytes.length, pages: facts.pages, changes: [] };
}

async function processImage(bytes: Buffer, mime: 'image/jpeg' | 'image/png'): Promise<ScanResult> {
  let meta: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    return refuse('corrupt', '图片无法读取，文件可能已损坏；请重新拍照或扫描。', 'The image cannot be read; it may be damaged. Take or scan it again.');
  }
  const w = meta.width ?? 0;
  const h = meta.height ?? 0;
  if (w * h > SCAN_LIMITS.pixels || w === 0 || h === 0) {
    return refuse('pixels', `图片尺寸为 ${w}×${h} 像素，超过 ${SCAN_LIMITS.pixels / 1e6} 百万像素的上限；请用正常分辨率重新拍照或扫描。`, `The image is ${w}×${h} pixels, over the ${SCAN_LIMITS.pixels / 1e6}-megapixel limit; take or scan it again at a normal resolution.`);
  }
  const changes: string[] = [];
  if (meta.orientation && meta.orientation !== 1) changes.push('按拍摄方向旋转 / turned upright');
  if (meta.exif || meta.xmp || meta.iptc || meta.icc || (meta.comments?.length ?? 0) > 0) changes.push('删除 EXIF/GPS 等元数据 / metadata removed');
  try {
    const pipeline = sharp(bytes, { limitInputPixels: SCAN_LIMITS.pixels, failOn: 'error' })
      .rotate()
      .resize({ width: SCAN_LIMITS.width, height: SCAN_LIMITS.height, fit: 'inside', withoutEnlargement: true });
    const out = mime === 'image/jpeg'
      ? await pipeline.jpeg({ quality: 82, mozjpeg: false, chromaSubsampling: '4:2:0' }).toBuffer({ resolveWithObject: true })
      : await pipeline.png({ compressionLevel: 6, adaptiveFiltering: false }).toBuffer({ resolveWithObject: true });
    const rotated = meta.orientation && meta.orientation >= 5;
    const shown = rotated ? [h, w] : [w, h];
    if (out.info.width < shown[0]!) changes.push(`缩小到 ${out.info.width}×${out.info.height} / scaled down`);
    changes.push('重新编码 / re-encoded');
    return { ok: true, bytes: out.data, mime, ext: mime === 'image/jpeg' ? 'jpg' : 'png', sha256: sha256(out.data), size: out.data.length, width: out.info.width, height: out.info.height, changes };
  } catch {
    return refuse('corrupt', '图片无法解码，文件可能已损坏或不完整；请重新拍照或扫描。', 'The image cannot be decoded; it may be damaged or truncated. Take or scan it again.');
  }
}
