/**
 * 下载 Word 版: the same form as print-view.ts prints, as a DOCX (WPS, Word) written in the page
 * with the layout `jiebang print` uses (paper/docx-layout.ts) and saved by the browser:
 * nothing is sent. Loaded on the first click (the docx package is most of it).
 */
import { Packer } from 'docx';
import { formDocument, formModel, qrMatrix, type FormKind } from '../../pipeline/face/browser.ts';
import { pending } from './print-view.ts';
import { saveFile } from './save-file.ts';

/** The same form as a DOCX (WPS, Word), written in the page and saved by the browser: nothing is sent. */
export async function downloadDocx(kind: FormKind, record: Record<string, unknown>): Promise<void> {
  const model = formModel(kind, record, 'full');
  const v = pending(kind, record);
  const blob = await Packer.toBlob(formDocument(model, v, await qrPng(v.url)));
  saveFile(blob, `${model.title}${model.unit ? `-${model.unit}` : ''}-提交前打印.docx`);
}

/** The QR code as a PNG, drawn on a canvas (the browser's counterpart of paper/revision.ts's sharp). */
async function qrPng(text: string, scale = 6): Promise<Uint8Array> {
  const m = qrMatrix(text);
  const canvas = Object.assign(document.createElement('canvas'), { width: m.length * scale, height: m.length * scale });
  const g = canvas.getContext('2d')!;
  g.fillStyle = '#fff';
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.fillStyle = '#000';
  m.forEach((row, y) => row.forEach((dark, x) => dark && g.fillRect(x * scale, y * scale, scale, scale)));
  const blob = await new Promise<Blob>((done) => canvas.toBlob((b) => done(b!), 'image/png'));
  return new Uint8Array(await blob.arrayBuffer());
}
