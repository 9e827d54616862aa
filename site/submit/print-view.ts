/**
 * 打印申报表（盖章用）: the record the person has just checked in the helper, laid out as the
 * notice's 附件 by the same form model and print HTML as `jiebang print` (pipeline/paper/),
 * in full — restricted fields included: this is the submitter's own browser and nothing
 * leaves it. Printed before registration, the form has no id or revision yet: its
 * verification line says so, and the stamped scan travels with the submission (attached to
 * its issue). Loaded on the first click, not with the helper.
 */
import { beijingMinute, formBody, formModel, type FormKind, type Verification } from '../../pipeline/face/browser.ts';
import { showPaperForm } from '../render/paper-in-page.ts';

/** What the verification line says of a form printed before registration. */
export function pending(kind: FormKind, record: Record<string, unknown>): Verification {
  return {
    id: typeof record.id === 'string' ? record.id : kind === 'enterprise' ? String(record.uscc ?? '') : '',
    revision: '',
    url: location.href.split('#')[0]!,
    printedAt: beijingMinute(new Date()),
    pending: true,
  };
}

/** Lay the record out in `target` (shown) and open the browser's print dialog (print or save as PDF). */
export function printRecord(target: HTMLElement, kind: FormKind, record: Record<string, unknown>): void {
  showPaperForm(target, formBody(formModel(kind, record, 'full'), pending(kind, record)));
  window.print();
}
