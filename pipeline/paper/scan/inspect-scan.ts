/**
 * A scan judged from its bytes alone, without decoding anything (no native module, so the
 * read-only pull-request check bundles it): the type from the magic bytes, the size, a PDF's
 * pages and active content, an image's declared dimensions (PNG IHDR, JPEG SOF) and whether
 * it still carries metadata (EXIF, XMP, text chunks). check-scan.ts adds the processing.
 */
import { createHash } from 'node:crypto';
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
  rule: 'empty' | 'size' | 'type' | 'polyglot' | 'active' | 'encrypted' | 'pages' | 'pixels' | 'corrupt' | 'metadata';
  message: string;
  messageEn: string;
}
export type ScanResult = ScanOk | ScanRefused;

export const refuse = (rule: ScanRefused['rule'], message: string, messageEn: string): ScanRefused => ({
  ok: false,
  rule,
  message,
  messageEn,
});
export const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
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

/** The refusal any upload gets before its type's own checks (empty, too large, not PDF/JPEG/PNG), or undefined. */
export function precheck(input: Uint8Array): ScanRefused | undefined {
  if (input.byteLength === 0)
    return refuse('empty', '文件是空的，请重新扫描后上传。', 'The file is empty; scan the page again and upload it.');
  if (input.byteLength > SCAN_LIMITS.bytes) {
    return refuse(
      'size',
      `文件有 ${MB(input.byteLength)}，超过 ${MB(SCAN_LIMITS.bytes)} 的上限；请降低扫描分辨率（300 dpi 足够）或分成几个文件。`,
      `The file is ${MB(input.byteLength)}, over the ${MB(SCAN_LIMITS.bytes)} limit; scan at 300 dpi or split it.`,
    );
  }
  if (!sniff(input)) {
    const head = Buffer.from(input.buffer, input.byteOffset, Math.min(input.byteLength, 512)).toString('latin1');
    const what = /<\s*svg\b/i.test(head)
      ? 'SVG 图形'
      : MARKUP.test(head) || /^\s*</.test(head)
        ? '网页（HTML/XML）'
        : '无法识别的格式';
    return refuse(
      'type',
      `扫描件只接受 PDF、JPEG 或 PNG 文件，这个文件是${what}；请用扫描仪或手机拍照另存为 PDF 或 JPEG。`,
      `A scan must be a PDF, JPEG or PNG file; this one is ${what === 'SVG 图形' ? 'an SVG image' : what === '无法识别的格式' ? 'of an unknown format' : 'a web page (HTML/XML)'}.`,
    );
  }
  return undefined;
}

export function checkPdf(bytes: Buffer): ScanResult {
  const facts = inspectPdf(bytes);
  if (facts.encrypted)
    return refuse(
      'encrypted',
      'PDF 设置了密码或加密，无法检查其内容；请导出一份未加密的 PDF 再上传。',
      'The PDF is encrypted, so its content cannot be checked; export an unencrypted copy.',
    );
  if (facts.active.length) {
    return refuse(
      'active',
      `PDF 含有可执行或嵌入的内容（${facts.active.map((n) => `/${n}`).join('、')}），扫描件不应包含脚本、启动动作或嵌入文件；请直接用扫描仪生成 PDF，或打印为 PDF 后再上传。`,
      `The PDF holds active or embedded content (${facts.active.map((n) => `/${n}`).join(', ')}); a scan has no scripts, launch actions or embedded files. Scan it again or print it to a new PDF.`,
    );
  }
  if (MARKUP.test(bytes.toString('latin1')) || facts.trailing > 0) {
    return refuse(
      'polyglot',
      'PDF 中夹带了网页代码或在文件结尾之后还有其他数据，不是单纯的扫描件；请重新扫描生成 PDF。',
      'The PDF carries web markup or data after its end: it is not a plain scan. Scan it again.',
    );
  }
  if (facts.pages === 0)
    return refuse(
      'corrupt',
      '读不出 PDF 的页面，文件可能已损坏；请重新扫描。',
      'No page could be read from the PDF; it may be damaged. Scan it again.',
    );
  if (facts.pages > SCAN_LIMITS.pages) {
    return refuse(
      'pages',
      `PDF 有 ${facts.pages} 页，超过 ${SCAN_LIMITS.pages} 页的上限；扫描件只需盖章的表格和必要附件，请分开上传。`,
      `The PDF has ${facts.pages} pages, over the limit of ${SCAN_LIMITS.pages}; upload the stamped form and the needed attachments only.`,
    );
  }
  return {
    ok: true,
    bytes,
    mime: 'application/pdf',
    ext: 'pdf',
    sha256: sha256(bytes),
    size: bytes.length,
    pages: facts.pages,
    changes: [],
  };
}

export interface ImageHeader {
  width: number;
  height: number;
  metadata: string[];
}

/** An image's declared size and the metadata it carries, from its chunks or markers (nothing decoded). */
export function imageHeader(bytes: Buffer, mime: 'image/jpeg' | 'image/png'): ImageHeader | undefined {
  const metadata = new Set<string>();
  if (mime === 'image/png') {
    if (bytes.length < 33 || bytes.toString('latin1', 12, 16) !== 'IHDR') return undefined;
    for (let at = 8; at + 8 <= bytes.length;) {
      const len = bytes.readUInt32BE(at);
      const type = bytes.toString('latin1', at + 4, at + 8);
      if (['eXIf', 'tEXt', 'iTXt', 'zTXt', 'iCCP'].includes(type)) metadata.add(type);
      if (type === 'IEND') break;
      at += 12 + len;
    }
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), metadata: [...metadata] };
  }
  let size: { width: number; height: number } | undefined;
  for (let at = 2; at + 4 <= bytes.length;) {
    if (bytes[at] !== 0xff) return size ? { ...size, metadata: [...metadata] } : undefined;
    const marker = bytes[at + 1]!;
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01 || marker === 0xff) {
      at += marker === 0xff ? 1 : 2;
      continue;
    }
    const len = bytes.readUInt16BE(at + 2);
    if (marker === 0xe1) metadata.add(bytes.toString('latin1', at + 4, at + 8) === 'Exif' ? 'EXIF' : 'XMP');
    if (marker === 0xed) metadata.add('IPTC');
    if (marker === 0xfe) metadata.add('COM');
    if (
      marker >= 0xc0 &&
      marker <= 0xcf &&
      marker !== 0xc4 &&
      marker !== 0xc8 &&
      marker !== 0xcc &&
      at + 9 <= bytes.length
    ) {
      size = { height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
    }
    if (marker === 0xda) break; // the image data: no more headers
    at += 2 + len;
  }
  return size ? { ...size, metadata: [...metadata] } : undefined;
}

/**
 * A scan as it may stand in a pull request (the check is read-only and cannot process it):
 * a PDF passes the PDF checks; an image must already be processed — within the pixel cap,
 * and without EXIF/GPS or other metadata (as `jiebang attach-scan` and the helper keep it).
 */
export function checkStoredScan(input: Uint8Array, o: { allowMetadata?: boolean } = {}): ScanResult {
  const refused = precheck(input);
  if (refused) return refused;
  const bytes = Buffer.from(input);
  const mime = sniff(bytes)!;
  if (mime === 'application/pdf') return checkPdf(bytes);
  const header = imageHeader(bytes, mime);
  if (!header)
    return refuse(
      'corrupt',
      '图片无法读取，文件可能已损坏；请重新拍照或扫描。',
      'The image cannot be read; it may be damaged.',
    );
  if (header.width * header.height > SCAN_LIMITS.pixels) {
    return refuse(
      'pixels',
      `图片尺寸为 ${header.width}×${header.height} 像素，超过 ${SCAN_LIMITS.pixels / 1e6} 百万像素的上限；请用正常分辨率重新拍照或扫描。`,
      `The image is ${header.width}×${header.height} pixels, over the ${SCAN_LIMITS.pixels / 1e6}-megapixel limit.`,
    );
  }
  if (header.metadata.length && !o.allowMetadata) {
    return refuse(
      'metadata',
      `图片仍带有元数据（${header.metadata.join('、')}，可能含拍摄地点等信息）；请用 jiebang attach-scan 或提交助手上传，它们会去除元数据后再保存。`,
      `The image still carries metadata (${header.metadata.join(', ')}, which may include where it was taken); upload it with jiebang attach-scan or the helper, which remove it.`,
    );
  }
  return {
    ok: true,
    bytes,
    mime,
    ext: mime === 'image/jpeg' ? 'jpg' : 'png',
    sha256: sha256(bytes),
    size: bytes.length,
    width: header.width,
    height: header.height,
    changes: [],
  };
}
