/**
 * Scan files for the hostile corpus, made in the test (no binary blobs): well-formed PDFs of
 * any page count, with or without active content, a PDF/HTML polyglot, an SVG with script,
 * a PNG decompression bomb, a phone photo with GPS EXIF and a rotation flag.
 */
import sharp, { type Create } from 'sharp';
import { deflateSync } from 'node:zlib';

/** A PDF with `pages` pages; `extra` objects are added and `catalogExtra` goes into the catalog. */
/** `images`: one JPEG per page (a scanned document), each its own image object. */
export function makePdf(pages: number, o: { catalogExtra?: string; extra?: string[]; head?: string; tail?: string; images?: Buffer[] } = {}): Buffer {
  const objects: Array<string | Buffer> = [];
  const add = (body: string | Buffer) => { objects.push(body); return objects.length; };
  const catalog = add('');
  const tree = add('');
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  const imageObject = (jpeg: Buffer) => add(Buffer.concat([Buffer.from(`<< /Type /XObject /Subtype /Image /Width 1200 /Height 1700 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${jpeg.length} >>\nstream\n`, 'latin1'), jpeg, Buffer.from('\nendstream', 'latin1')]));
  const kids: number[] = [];
  for (let i = 0; i < pages; i++) {
    const jpeg = o.images?.[i % o.images.length];
    const image = jpeg ? imageObject(jpeg) : 0;
    const text = `BT /F1 24 Tf 72 720 Td (Page ${i + 1}) Tj ET${image ? ' q 451 0 0 640 72 72 cm /Im1 Do Q' : ''}`;
    const content = add(`<< /Length ${text.length} >>\nstream\n${text}\nendstream`);
    kids.push(add(`<< /Type /Page /Parent ${tree} 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 ${font} 0 R >>${image ? ` /XObject << /Im1 ${image} 0 R >>` : ''} >> /Contents ${content} 0 R >>`));
  }
  for (const e of o.extra ?? []) add(e);
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${tree} 0 R ${o.catalogExtra ?? ''}>>`;
  objects[tree - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${pages} >>`;
  const parts: Buffer[] = [Buffer.from(`%PDF-1.7\n${o.head ?? '%\u00e2\u00e3\u00cf\u00d3'}\n`, 'latin1')];
  let at = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(at);
    const b = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), typeof body === 'string' ? Buffer.from(body, 'latin1') : body, Buffer.from('\nendobj\n', 'latin1')]);
    parts.push(b);
    at += b.length;
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((n) => `${String(n).padStart(10, '0')} 00000 n \n`).join('')}`;
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${at}\n%%EOF\n${o.tail ?? ''}`, 'latin1'));
  return Buffer.concat(parts);
}

/** An object stream (compressed) holding `dict` as its one object. */
export function objectStream(dict: string, objectNumber = 900): string {
  const header = `${objectNumber} 0 `;
  const data = deflateSync(Buffer.from(header + dict, 'latin1'));
  return `<< /Type /ObjStm /N 1 /First ${header.length} /Filter /FlateDecode /Length ${data.length} >>\nstream\n${data.toString('latin1')}\nendstream`;
}

export const PDF_ACTIVE = {
  'JavaScript action': makePdf(1, { catalogExtra: '/OpenAction << /S /JavaScript /JS (app.alert(1)) >>' }),
  'hex-escaped name': makePdf(1, { catalogExtra: '/OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >>' }),
  'launch action': makePdf(1, { catalogExtra: '/OpenAction << /S /Launch /F (cmd.exe) >>' }),
  'embedded file': makePdf(1, { catalogExtra: '/Names << /EmbeddedFiles << /Names [(a.exe) 99 0 R] >> >>' }),
  'rich media': makePdf(1, { extra: ['<< /Type /Annot /Subtype /RichMedia >>'] }),
  'script in an object stream': makePdf(1, { extra: [objectStream('<< /S /JavaScript /JS (app.alert(1)) >>')] }),
};

export const POLYGLOT_PDF_HTML = makePdf(1, { head: '%<html><body><script>alert(document.domain)</script></body></html>' });
export const PDF_WITH_TAIL = makePdf(1, { tail: 'PK\u0003\u0004 a zip after the end' });
export const SVG_WITH_SCRIPT = Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><script>alert(1)</script><rect width="100" height="100"/></svg>');
export const HTML_PAGE = Buffer.from('<!doctype html><html><body><script>alert(1)</script>盖章扫描件</body></html>');

/** A 1-bit PNG declaring 20000×20000 pixels (400 megapixels) whose data inflates from ~50 KB to 50 MB. */
export function pngBomb(side = 20000): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
  const crc = (b: Buffer) => { let c = 0xffffffff; for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
  const chunk = (type: string, data: Buffer) => {
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const c = Buffer.alloc(4); c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0); ihdr.writeUInt32BE(side, 4); ihdr[8] = 1; ihdr[9] = 0;
  const raw = Buffer.alloc(side * (1 + Math.ceil(side / 8)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

export const GPS = { latitude: '24/1 28/1 3012/100', longitude: '118/1 5/1 4488/100' };

/** A phone photo: `mp` megapixels of noise-free gradient, EXIF with GPS, held sideways (orientation 6). */
export async function phonePhoto(width = 4000, height = 2500, o: { noise?: boolean } = {}): Promise<Buffer> {
  // Noise makes the JPEG as heavy as a real photo (several MB for 10 megapixels).
  const create: Create = o.noise
    ? { width, height, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 200, sigma: 25 } }
    : { width, height, channels: 3, background: { r: 235, g: 232, b: 225 } };
  const flat = await sharp({ create }).png({ compressionLevel: 0 }).toBuffer();
  const base = sharp(flat)
    .composite([{ input: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><circle cx="${width / 2}" cy="${height / 2}" r="${height / 4}" fill="none" stroke="#c00" stroke-width="40"/><rect x="200" y="200" width="${width / 2}" height="300" fill="#222"/></svg>`) }]);
  return base.jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: 'PhoneMaker', Model: 'Phone X' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: GPS.latitude, GPSLongitudeRef: 'E', GPSLongitude: GPS.longitude },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}
