/**
 * The public 附件1 of a demand, printed in the browser: the demand's public document from the
 * JSON API (already a public view), laid out by the same form model and print HTML as
 * `jiebang print` (pipeline/paper/) in the page itself (its rules scoped to the form), and
 * printed alone: the print style hides the rest of the page. Restricted fields print as
 * “（不公开）”; the revision on the verification line is the API's `revision`. Every value is
 * escaped by the renderer before it reaches the page.
 */
import { beijingMinute, formBody, formModel } from '../../pipeline/face/browser.ts';
import { DEMAND_ID } from '../../pipeline/face/core.ts';
import { showPaperForm } from '../render/paper-in-page.ts';

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
  const url = new URL(`${root.dataset.base}demands/${id}/`, location.href).href;
  showPaperForm(
    form,
    formBody(formModel('demand', record, 'public'), {
      id,
      revision: typeof doc.revision === 'string' ? doc.revision : '',
      url,
      printedAt: beijingMinute(new Date()),
    }),
  );
  button.hidden = false;
  button.addEventListener('click', () => window.print());
}
