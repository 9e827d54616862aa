/**
 * The submission helper in the browser: reads the answers from the form (as text shaped
 * like an issue body's), hands them to compose.ts (the pipeline's own reading, rules,
 * sealing and rendering), and shows either every problem by its field or the issue text and
 * the prefilled link. Nothing here or in what it imports makes a request.
 */
import type { Issue } from '../../pipeline/face/core.ts';
import { type FormField, answerFor, readSubmission } from '../../pipeline/face/browser.ts';
import type { Answers, SealedFile } from './compose.ts';
import { allFieldsForm, helperForm, type HelperConfig } from './model.ts';
import { sizeVerdict } from './size.ts';
import { saveFile } from './save-file.ts';

const form = document.querySelector<HTMLFormElement>('[data-helper]');
if (form) {
  const config = JSON.parse(document.getElementById('helper-config')!.textContent!) as HelperConfig;
  const text = JSON.parse(document.getElementById('helper-text')!.textContent!) as Record<string, string>;
  const h = helperForm(config.template)!;
  const fields = [...h.publicFields, ...h.restrictedFields];
  const summary = form.querySelector<HTMLElement>('[data-summary]')!;
  const status = form.querySelector<HTMLElement>('[data-status]')!;
  const output = document.querySelector<HTMLElement>('[data-output]')!;
  const fill = (s: string, v: Record<string, string | number>) =>
    s.replace(/\{(\w+)\}/g, (_, k: string) => String(v[k] ?? ''));

  // The checking and sealing code (validators, age: most of the script) loads from this
  // site once the person starts filling in the form, not with the page.
  let loading: Promise<typeof import('./compose.ts')> | undefined;
  const sealing = () => (loading ??= import('./compose.ts'));
  form.addEventListener(
    'focusin',
    () => {
      void sealing();
    },
    { once: true },
  );

  const named = (name: string) => [
    ...form.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(
      `[name="${CSS.escape(name)}"]`,
    ),
  ];

  /** The rows of a table field, empty rows left out. */
  function rows(field: FormField): Array<Record<string, string>> {
    const table = form!.querySelector(`[data-table="${CSS.escape(field.id)}"]`)!;
    return [...table.querySelectorAll('tbody tr')]
      .map((tr) =>
        Object.fromEntries(
          [...tr.querySelectorAll<HTMLInputElement>('input')].map((i) => [i.dataset.col!, i.value.trim()]),
        ),
      )
      .filter((row) => Object.values(row).some((v) => v !== ''))
      .map((row) => Object.fromEntries(Object.entries(row).filter(([, v]) => v !== '')));
  }

  /** Every answer as the issue body would carry it. */
  function answers(): Answers {
    const out: Answers = {};
    for (const f of fields) {
      const els = named(f.id);
      switch (f.valueKind) {
        case 'declaration':
          out[f.id] = answerFor(f, (els[0] as HTMLInputElement | undefined)?.checked === true);
          break;
        case 'enum-list': {
          const picked = els.filter((e) => (e as HTMLInputElement).checked).map((e) => e.value);
          if (picked.length) out[f.id] = picked.join(', ');
          break;
        }
        case 'table': {
          const r = rows(f);
          if (r.length) out[f.id] = answerFor(f, r);
          break;
        }
        default:
          if (els[0] && els[0].value.trim() !== '') out[f.id] = els[0].value;
      }
    }
    return out;
  }

  /** The field a problem belongs to: the one whose pointer is the longest prefix of its path. */
  function fieldOf(issue: Issue): FormField | undefined {
    return fields
      .filter((f) => issue.path === f.pointer || issue.path.startsWith(`${f.pointer}/`))
      .sort((a, b) => b.pointer.length - a.pointer.length)[0];
  }

  function showProblems(issues: Issue[]): void {
    for (const el of form!.querySelectorAll<HTMLElement>('[data-error-for]')) {
      el.hidden = true;
      el.textContent = '';
    }
    for (const el of form!.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    const message = (i: Issue) => (config.lang === 'zh' ? i.message : i.messageEn);
    summary.replaceChildren();
    const head = document.createElement('p');
    head.textContent = fill(text.problems!, { n: issues.length });
    const list = document.createElement('ul');
    for (const i of issues) {
      const f = fieldOf(i);
      const li = document.createElement('li');
      if (f) {
        const a = document.createElement('a');
        a.href = `#f-${f.id}`;
        a.textContent = message(i);
        li.append(a);
        const slot = form!.querySelector<HTMLElement>(`[data-error-for="${CSS.escape(f.id)}"]`)!;
        slot.textContent = slot.textContent ? `${slot.textContent} ${message(i)}` : message(i);
        slot.hidden = false;
        for (const el of named(f.id)) el.setAttribute('aria-invalid', 'true');
      } else li.textContent = message(i);
      list.append(li);
    }
    summary.append(head, list);
    summary.hidden = false;
    summary.focus();
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    output.hidden = true;
    status.textContent = text.sealing!;
    const { compose } = await sealing();
    const result = await compose(
      h,
      answers(),
      { officers: config.recipients, ...(config.issuerRecipients ? { issuersByDemand: config.issuerRecipients } : {}) },
      config.newIssueUrl,
    );
    if (!result.ok) {
      status.textContent = '';
      showProblems(result.issues);
      return;
    }
    summary.hidden = true;
    showProblems([]);
    summary.hidden = true;
    dirty = false;
    status.textContent = fill(text.done!, { n: config.recipients.length });
    checked = result.record;
    paper.hidden = true;
    const link = output.querySelector<HTMLAnchorElement>('[data-issue-link]')!;
    link.href = result.url;
    // One primary action: the link when it carries everything; otherwise copying the sealed data first.
    const sealedSteps = output.querySelector<HTMLElement>('[data-sealed-steps]')!;
    const blob = typeof result.sealed.sealed === 'string' ? result.sealed.sealed : '';
    // Too long for the body: the file to drag into the form, whose 密封信息 names its hash.
    sealedFile = result.attachment;
    const attachSteps = output.querySelector<HTMLElement>('[data-attach-steps]')!;
    attachSteps.hidden = !sealedFile;
    output.querySelector<HTMLElement>('[data-sealed-sha]')!.textContent = sealedFile
      ? `sha256:${sealedFile.sha256}`
      : '';
    const pasteSealed = !sealedFile && result.unfilled.length > 0 && blob !== '';
    sealedSteps.hidden = !pasteSealed;
    output.querySelector<HTMLTextAreaElement>('[data-sealed-text]')!.value = sealedFile ? '' : blob;
    link.className = pasteSealed || sealedFile ? 'button' : 'button-primary';
    output.querySelector<HTMLTextAreaElement>('[data-body]')!.value = result.body;
    const unfilled = output.querySelector<HTMLElement>('[data-unfilled]')!;
    unfilled.hidden = result.unfilled.length === 0;
    unfilled.textContent = fill(text.partial!, { fields: result.unfilled.join(config.lang === 'zh' ? '、' : ', ') });
    output.hidden = false;
    output.querySelector<HTMLElement>('#helper-output-title')!.focus();
  });

  // The checked record, for 打印申报表: printed in full on this computer (print-view.ts, loaded on the first click).
  let checked: Record<string, unknown> | undefined;
  const paper = output.querySelector<HTMLElement>('[data-paper]')!;
  output.querySelector('[data-print]')!.addEventListener('click', async () => {
    if (!checked) return;
    const { printRecord } = await import('./print-view.ts');
    printRecord(paper, h.form.kind, checked);
  });
  output.querySelector('[data-docx]')!.addEventListener('click', async () => {
    if (!checked) return;
    const { downloadDocx } = await import('./docx-download.ts');
    await downloadDocx(h.form.kind, checked);
  });

  let sealedFile: SealedFile | undefined;
  output.querySelector('[data-download-sealed]')!.addEventListener('click', () => {
    if (sealedFile) saveFile(new Blob([sealedFile.text], { type: 'text/plain' }), sealedFile.name);
  });

  output.querySelector('[data-copy-sealed]')!.addEventListener('click', async (e) => {
    const sealedText = output.querySelector<HTMLTextAreaElement>('[data-sealed-text]')!;
    sealedText.select();
    try {
      await navigator.clipboard.writeText(sealedText.value);
    } catch {
      document.execCommand('copy');
    }
    (e.target as HTMLButtonElement).textContent = text.copied!;
  });

  output.querySelector('[data-copy]')!.addEventListener('click', async (e) => {
    const body = output.querySelector<HTMLTextAreaElement>('[data-body]')!;
    body.select();
    try {
      await navigator.clipboard.writeText(body.value);
    } catch {
      document.execCommand('copy');
    }
    (e.target as HTMLButtonElement).textContent = text.copied!;
  });

  // Tables grow a row at a time.
  for (const button of form.querySelectorAll<HTMLButtonElement>('[data-add-row]')) {
    button.addEventListener('click', () => {
      const tbody = form.querySelector(`[data-table="${CSS.escape(button.dataset.addRow!)}"] tbody`)!;
      const last = tbody.lastElementChild!;
      const row = last.cloneNode(true) as HTMLElement;
      const n = tbody.children.length;
      for (const input of row.querySelectorAll('input')) {
        input.value = '';
        input.name = input.name.replace(/\.\d+\./, `.${n}.`);
      }
      tbody.append(row);
    });
  }

  // 揭榜: choosing a demand fills its number and the indicators to answer.
  const picker = form.querySelector<HTMLSelectElement>('[data-demand-picker]');
  const pick = (id: string) => {
    const demand = config.demands?.find((d) => d.id === id);
    if (!demand) return;
    const idInput = named('demandId')[0];
    if (idInput) idInput.value = demand.id;
    const table = form.querySelector('[data-table="indicatorResponses"] tbody');
    if (!table) return;
    while (table.children.length < demand.indicators.length)
      form.querySelector<HTMLButtonElement>('[data-add-row="indicatorResponses"]')!.click();
    [...table.children].forEach((tr, i) => {
      const cell = tr.querySelector<HTMLInputElement>('input[data-col="indicator"]');
      if (cell) cell.value = demand.indicators[i] ?? '';
    });
  };
  if (picker) {
    picker.addEventListener('change', () => pick(picker.value));
    const wanted = new URLSearchParams(location.search).get('demand');
    if (wanted && config.demands?.some((d) => d.id === wanted)) {
      picker.value = wanted;
      pick(wanted);
    }
  }

  // Live counts against each long text's bounds.
  const counted = [...form.querySelectorAll<HTMLTextAreaElement>('textarea[data-max]')];
  const count = (el: HTMLTextAreaElement) => {
    const out = form.querySelector<HTMLElement>(`[data-count-for="${CSS.escape(el.name)}"]`);
    if (!out) return;
    const n = [...el.value].length;
    const max = Number(el.dataset.max);
    const min = Number(el.dataset.min ?? 0);
    out.textContent =
      config.lang === 'zh'
        ? `${n} / ${max} 字${min > 0 ? `（至少 ${min} 字）` : ''}${n > max ? `，超出 ${n - max} 字` : ''}`
        : `${n} / ${max} characters${min > 0 ? ` (at least ${min})` : ''}${n > max ? `, ${n - max} too many` : ''}`;
    out.dataset.state = n > max ? 'over' : n < min && n > 0 ? 'under' : 'ok';
  };

  // 对接表: the size class and whether the enterprise may take part, as soon as it can be computed.
  const sizeOut = form.querySelector<HTMLElement>('[data-size]');
  const updateSize = () => {
    if (!sizeOut) return;
    const v = sizeVerdict(
      readSubmission(allFieldsForm(h), new Map(Object.entries(answers()).filter(([, a]) => a.trim() !== ''))).record,
    );
    sizeOut.dataset.state = v.state;
    sizeOut.textContent =
      v.state === 'incomplete' ? text.sizeIncomplete! : config.lang === 'zh' ? v.message : v.messageEn;
  };

  // The draft: every control's value, kept in this browser as the person types.
  const DRAFT_KEY = `jiebang-helper-draft:${config.template}`;
  const controls = () => [
    ...form.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(
      'input[name], select[name], textarea[name]',
    ),
  ];
  const snapshot = () => {
    const values: Record<string, string | boolean> = {};
    for (const el of controls()) {
      if (el instanceof HTMLInputElement && el.type === 'checkbox') {
        if (el.checked) values[`${el.name}=${el.value}`] = true;
      } else if (el.value !== '') values[el.name] = el.value;
    }
    return {
      savedAt: new Date().toISOString(),
      demand: picker?.value ?? '',
      rows: Object.fromEntries(
        [...form.querySelectorAll<HTMLElement>('[data-table]')].map((t) => [
          t.dataset.table!,
          t.querySelectorAll('tbody tr').length,
        ]),
      ),
      values,
    };
  };
  const restore = (draft: ReturnType<typeof snapshot>) => {
    if (picker && draft.demand) {
      picker.value = draft.demand;
      pick(draft.demand);
    }
    for (const [table, n] of Object.entries(draft.rows ?? {})) {
      const tbody = form.querySelector(`[data-table="${CSS.escape(table)}"] tbody`);
      while (tbody && tbody.children.length < n)
        form.querySelector<HTMLButtonElement>(`[data-add-row="${CSS.escape(table)}"]`)!.click();
    }
    for (const el of controls()) {
      if (el instanceof HTMLInputElement && el.type === 'checkbox')
        el.checked = draft.values[`${el.name}=${el.value}`] === true;
      else if (typeof draft.values[el.name] === 'string') el.value = draft.values[el.name] as string;
    }
    counted.forEach(count);
    updateSize();
  };
  let dirty = false;
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    try {
      localStorage.setItem(DRAFT_KEY, JSON.stringify(snapshot()));
      status.textContent = text.draftSaved!;
    } catch {
      /* storage full or disabled: nothing to do */
    }
  };
  const banner = document.querySelector<HTMLElement>('[data-draft]');
  let stored: ReturnType<typeof snapshot> | undefined;
  try {
    stored = JSON.parse(localStorage.getItem(DRAFT_KEY) ?? 'null') ?? undefined;
  } catch {
    stored = undefined;
  }
  if (banner && stored && Object.keys(stored.values ?? {}).length > 0) {
    const draft = stored;
    banner.querySelector('[data-draft-text]')!.textContent = fill(text.draftFound!, {
      time: new Date(draft.savedAt).toLocaleString(config.lang === 'zh' ? 'zh-CN' : 'en-GB'),
    });
    banner.hidden = false;
    banner.querySelector('[data-draft-restore]')!.addEventListener('click', () => {
      restore(draft);
      banner.hidden = true;
    });
    banner.querySelector('[data-draft-discard]')!.addEventListener('click', () => {
      localStorage.removeItem(DRAFT_KEY);
      banner.hidden = true;
    });
  }
  const onEdit = (event: Event) => {
    dirty = true;
    if (event.target instanceof HTMLTextAreaElement && event.target.dataset.max) count(event.target);
    updateSize();
    // Only once there is something of the person's own: a restored or discarded draft is not overwritten by an empty form.
    if (banner && !banner.hidden) return;
    clearTimeout(saveTimer);
    saveTimer = setTimeout(save, 400);
  };
  form.addEventListener('input', onEdit);
  form.addEventListener('change', onEdit);
  addEventListener('beforeunload', (event) => {
    if (!dirty) return;
    clearTimeout(saveTimer);
    save();
    event.preventDefault();
    event.returnValue = text.leave!;
  });
  counted.forEach(count);
}
