/** The form as DOCX bytes in Node: the layout (docx-layout.ts) with the QR code drawn by sharp. */
import { Packer } from 'docx';
import { formDocument } from './docx-layout.ts';
import type { FormModel } from './form-model.ts';
import { qrPng } from './revision.ts';
import type { Verification } from './verification.ts';

export async function renderDocx(model: FormModel, v: Verification): Promise<Buffer> {
  return Packer.toBuffer(formDocument(model, v, await qrPng(v.url)));
}
