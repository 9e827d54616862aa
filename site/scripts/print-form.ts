/**
 * The public 附件1 of a demand, printed in the browser: the demand's public document from the
 * JSON API (already a public view), laid out by the same form model and print HTML as
 * `jiebang print` (pipeline/paper/) in the page itself (its rules scoped to the form), and
 * printed alone: the print style hides the rest of the page. Restricted fields print as
 * “（不公开）”; the revision on the verification line is the API's `revision`. Every value is
 * escaped by the renderer before it reaches the page.
 */
import { formModel, FONT_STACKS, formBody, formCss } from '../../pipeline/face/browser.ts';
import { DEMAND_ID } from '../../pipeline/face/core.ts';

const SCOPE = '.paper-form ';
const PAGE_CSS = `@page { size: A4 portrait; margin: 30mm 26mm 28mm 28mm; }
.paper-form { font-family: ${FONT_STACKS.body}; font-size: 12pt; line-height: 1.6; color: #000; background: #fff; padding: 8mm; border: 1px solid #ccc; max-width: 170mm; }
@media print {
  body * { visibility: hidden; }
  .paper-form, .paper-form * { visibility: visible; }
  .paper-form { position: absolute; left: 0; top: 0; width: 100%; max-width: none; padding: 0; border: 0; }
}
`;

const root = document.querySelector<HTMLElement>('[data-print-form]');
if (root) void show(root);

/** Fields the API adds to the record (status, timeline …): not the form's. */
const API_ONLY = ['status', 'timeline', 'selected', 'publishedAt', 'deadline', 'revision'];

async function show(root: HTMLElement): Promise<void> {
  const form = root.querySelector<HTMLElement>('.paper-form')!;
  const message = root.querySelector<HTMLElement>('[data-message]')!;
  const button = root.querySelector<HTMLButtonElement>('button')!;
  const id = new URLSearchParams(location.search).get('id') ?? '';
  const fail = (text: string) => {
    message.textContent = text;
    message.hidden = false;
    button.hidden = true;
  };
  if (!DEMAND_ID.test(id)) return fail(root.dataset.badId!);
  const res = await fetch(`${root.dataset.base}api/demands/${id}.json`).catch(() => undefined);
  if (!res?.ok) return fail(root.dataset.notFound!);
  const doc = (await res.json()) as Record<string, unknown>;
  const record = Object.fromEntries(Object.entries(doc).filter(([k]) => !API_ONLY.includes(k)));
  const printedAt = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
  const url = new URL(`${root.dataset.base}demands/${id}/`, location.href).href;
  const style = document.createElement('style');
  style.textContent = PAGE_CSS + formCss(SCOPE);
  document.head.append(style);
  form.innerHTML = formBody(formModel('demand', record, 'public'), {
    id,
    revision: typeof doc.revision === 'string' ? doc.revision : '',
    url,
    printedAt,
  });
  form.hidden = false;
  button.hidden = false;
  button.addEventListener('click', () => window.print());
}
