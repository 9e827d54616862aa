/**
 * A printed form shown in the page itself and printed alone (the public 附件1 page,
 * scripts/print-form.ts, and the submission helper, submit/print-view.ts): the form's rules
 * scoped to its container, A4 pages, and a print style that hides the rest of the page.
 */
import { FONT_STACKS, formCss } from '../../pipeline/face/browser.ts';

const SCOPE = '.paper-form ';
const PAGE_CSS = `@page { size: A4 portrait; margin: 30mm 26mm 28mm 28mm; }
.paper-form { font-family: ${FONT_STACKS.body}; font-size: 12pt; line-height: 1.6; color: #000; background: #fff; padding: 8mm; border: 1px solid #ccc; max-width: 170mm; margin-top: 1rem; }
@media print {
  body * { visibility: hidden; }
  .paper-form, .paper-form * { visibility: visible; }
  .paper-form { position: absolute; left: 0; top: 0; width: 100%; max-width: none; padding: 0; border: 0; margin: 0; }
}
`;

/** Put the form's HTML (paper/html.ts formBody) into `target` (a `.paper-form`) and show it. */
export function showPaperForm(target: HTMLElement, html: string): void {
  if (!document.getElementById('paper-form-style')) {
    const style = Object.assign(document.createElement('style'), { id: 'paper-form-style' });
    style.textContent = PAGE_CSS + formCss(SCOPE);
    document.head.append(style);
  }
  target.innerHTML = html;
  target.hidden = false;
}
