/**
 * 打印申报表（盖章用）: the record the person has just checked in the helper, laid out as the
 * notice's 附件 by the same form model and print HTML as `jiebang print` (pipeline/paper/),
 * in full — restricted fields included: this is the submitter's own browser and nothing
 * leaves it. Printed before registration, the form has no id or revision yet: its
 * verification line says so, and the stamped scan travels with the submission (attached to
 * its issue). Loaded on the first click, not with the helper.
 */
import {
  FONT_STACKS,
  formBody,
  formCss,
  formModel,
  type FormKind,
  type Verification,
} from '../../pipeline/face/browser.ts';

const SCOPE = '.paper-form ';
const PAGE_CSS = `@page { size: A4 portrait; margin: 30mm 26mm 28mm 28mm; }
.paper-form { font-family: ${FONT_STACKS.body}; font-size: 12pt; line-height: 1.6; color: #000; background: #fff; padding: 8mm; border: 1px solid #ccc; max-width: 170mm; margin-top: 1rem; }
@media print {
  body * { visibility: hidden; }
  .paper-form, .paper-form * { visibility: visible; }
  .paper-form { position: absolute; left: 0; top: 0; width: 100%; max-width: none; padding: 0; border: 0; margin: 0; }
}
`;

/** What the verification line says of a form printed before registration. */
export function pending(kind: FormKind, record: Record<string, unknown>): Verification {
  return {
    id: typeof record.id === 'string' ? record.id : kind === 'enterprise' ? String(record.uscc ?? '') : '',
    revision: '',
    url: location.href.split('#')[0]!,
    printedAt: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' '),
    pending: true,
  };
}

/** Lay the record out in `target` (shown) and open the browser's print dialog (print or save as PDF). */
export function printRecord(target: HTMLElement, kind: FormKind, record: Record<string, unknown>): void {
  if (!document.getElementById('paper-form-style')) {
    const style = Object.assign(document.createElement('style'), { id: 'paper-form-style' });
    style.textContent = PAGE_CSS + formCss(SCOPE);
    document.head.append(style);
  }
  target.innerHTML = formBody(formModel(kind, record, 'full'), pending(kind, record));
  target.hidden = false;
  window.print();
}
