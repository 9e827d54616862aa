/**
 * What the verification line needs from Node: the revision (sha256 of the record file's
 * bytes, as the ledger's `revision`) and the QR code as a PNG for the DOCX (sharp).
 */
import sharp from 'sharp';
import { qrMatrix } from './verification.ts';

export { revisionOf } from '../content/load.ts';

/** The QR code as a PNG, `scale` pixels a module (for the DOCX). */
export async function qrPng(text: string, scale = 6): Promise<Buffer> {
  const m = qrMatrix(text);
  const n = m.length * scale;
  const pixels = Buffer.alloc(n * n, 255);
  m.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (!dark) return;
      for (let dy = 0; dy < scale; dy++)
        pixels.fill(0, (y * scale + dy) * n + x * scale, (y * scale + dy) * n + (x + 1) * scale);
    }),
  );
  return sharp(pixels, { raw: { width: n, height: n, channels: 1 } })
    .png()
    .toBuffer();
}
