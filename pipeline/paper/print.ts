/**
 * Print one record as its form: read it (public view, or full with a key), build the form
 * model from the schema, and render the DOCX or the PDF with its verification line.
 */
import { renderDocx } from './docx.ts';
import { formModel, type FormModel } from './form-model.ts';
import { openPrinter, type Printer } from './pdf.ts';
import { readPrintable, readSite, type PrintableRecord } from './record.ts';
import { revisionOf } from './revision.ts';
import { beijingMinute, recordUrl, shortRevision, type Verification } from './verification.ts';

export type PrintFormat = 'docx' | 'pdf';

export interface Printed {
  fileName: string;
  bytes: Buffer;
  model: FormModel;
  verification: Verification;
  record: PrintableRecord;
}

export interface PrintOptions {
  contentDir: string;
  id: string;
  format: PrintFormat;
  identities?: readonly string[];
  now?: Date;
  /** A browser already open (a batch of PDFs); otherwise one is opened and closed. */
  printer?: Printer;
  env?: NodeJS.ProcessEnv;
}

export async function printRecord(o: PrintOptions): Promise<Printed> {
  const record = await readPrintable(o.contentDir, o.id, o.identities, o.env);
  const site = await readSite(o.contentDir);
  const model = formModel(record.kind, record.record, record.view);
  const revision = revisionOf(record.bytes);
  const verification: Verification = {
    id: record.id,
    revision,
    url: recordUrl(site ?? {}, record.kind, record.id, record.repoPath),
    printedAt: beijingMinute(o.now ?? new Date()),
  };
  let bytes: Buffer;
  if (o.format === 'docx') bytes = await renderDocx(model, verification);
  else {
    const printer = o.printer ?? (await openPrinter());
    try {
      bytes = await printer.pdf(model, verification);
    } finally {
      if (!o.printer) await printer.close();
    }
  }
  const fileName = `${record.id}-${model.title.replace(/[“”"]/g, '')}-${shortRevision(revision)}${record.view === 'public' ? '-公开版' : ''}.${o.format}`;
  return { fileName, bytes, model, verification, record };
}
