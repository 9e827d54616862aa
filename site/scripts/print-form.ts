/**
 * The public 附件1 of a demand, printed in the browser: the demand's public document from the
 * JSON API (already a public view), laid out by the same form model and print HTML as
 * `jiebang print` (pipeline/paper/), shown in a frame and printed from it. Restricted fields
 * print as “（不公开）”; the revision on the verification line is the API's `revision`.
 */
import { formModel } from '../../pipeline/paper/form-model.ts';
import { renderHtml } from '../../pipeline/paper/html.ts';

const root = document.querySelector<HTMLElement>('[data-print-form]');
if (root) void show(root);

/** Fields the API adds to the record (status, timeline …): not the form's. */
const API_ONLY = ['status', 'timeline', 'selected', 'publishedAt', 'deadline', 'revision'];

async function show(root: HTMLElement): Promise<void> {
  const frame = root.querySelector<HTMLIFrameElement>('iframe')!;
  const message = root.querySelector<HTMLElement>('[data-message]')!;
  const button = root.querySelector<HTMLButtonElement>('button')!;
  const id = new URLSearchParams(location.search).get('id') ?? '';
  const fail = (text: string) => { message.textContent = text; message.hidden = false; frame.hidden = true; button.hidden = true; };
  if (!/^[A-Z]{2,4}-\d{4}-\d{3}$/.test(id)) return fail(root.dataset.badId!);
  const res = await fetch(`${root.dataset.base}api/demands/${id}.json`).catch(() => undefined);
  if (!res?.ok) return fail(root.dataset.notFound!);
  const doc = (await res.json()) as Record<string, unknown>;
  const record = Object.fromEntries(Object.entries(doc).filter(([k]) => !API_ONLY.includes(k)));
  const printedAt = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
  const url = new URL(`${root.dataset.base}demands/${id}/`, location.href).href;
  frame.srcdoc = renderHtml(formModel('demand', record, 'public'), { id, revision: typeof doc.revision === 'string' ? doc.revision : '', url, printedAt });
  frame.addEventListener('load', () => {
    // The frame is as tall as the form, so the page scrolls as one.
    const body = frame.contentDocument?.documentElement;
    if (body) frame.style.height = `${body.scrollHeight + 16}px`;
  });
  frame.title = `${root.dataset.frameTitle} ${id}`;
  button.hidden = false;
  button.addEventListener('click', () => frame.contentWindow?.print());
}
