/**
 * A refused save's problems where the editor works: each under its field (found by the
 * title Decap shows as the field's label), the field outlined, the first one scrolled
 * into view, and all of them in a panel that stays until a save passes (Decap's own toast
 * goes after a few seconds).
 */
import type { SaveProblem } from './save.ts';

const PANEL = 'jiebang-problems';
const MARK = 'jiebang-field-problem';

export function clearProblems(): void {
  document.getElementById(PANEL)?.remove();
  for (const el of document.querySelectorAll(`.${MARK}`)) el.remove();
  for (const el of document.querySelectorAll('[data-jiebang-problem]')) {
    (el as HTMLElement).style.outline = '';
    el.removeAttribute('data-jiebang-problem');
  }
}

/** The label element of the field with this title in the editor (the last of its name). */
function labelFor(title: string): HTMLElement | undefined {
  if (!title) return undefined;
  return [...document.querySelectorAll<HTMLElement>('label')].find(
    (l) => (l.textContent ?? '').trim().replace(/[*＊\s]+$/u, '') === title,
  );
}

export function showProblems(problems: readonly SaveProblem[], summary: string): void {
  clearProblems();
  let first: HTMLElement | undefined;
  for (const p of problems) {
    const label = labelFor(p.title);
    // Decap draws a field as a label followed by its control in one wrapper.
    const box = label?.parentElement;
    if (!box) continue;
    const note = document.createElement('p');
    note.className = MARK;
    note.setAttribute('role', 'alert');
    note.textContent = p.message;
    note.style.cssText = 'color:#b3121b;font-weight:600;margin:.25rem 0;';
    box.append(note);
    box.dataset.jiebangProblem = '';
    box.style.outline = '2px solid #b3121b';
    first ??= box;
  }
  const panel = document.createElement('div');
  panel.id = PANEL;
  panel.setAttribute('role', 'alert');
  panel.style.cssText =
    'position:fixed;left:1rem;bottom:1rem;z-index:1000;max-width:32rem;background:#fff;border:2px solid #b3121b;border-radius:6px;padding:.75rem 1rem;box-shadow:0 2px 8px rgba(0,0,0,.2);font-size:14px;';
  const heading = document.createElement('strong');
  heading.textContent = summary;
  panel.append(heading);
  if (problems.length > 1) {
    const list = document.createElement('ul');
    list.style.margin = '.5rem 0 0';
    for (const p of problems) {
      const li = document.createElement('li');
      li.textContent = p.message;
      list.append(li);
    }
    panel.append(list);
  }
  document.body.append(panel);
  first?.scrollIntoView({ block: 'center' });
}
