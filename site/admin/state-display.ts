/**
 * Shows each demand's programme state (ledger-state.ts) where editors work: a badge on
 * every entry of the demands list, and a panel at the top of an open demand saying its
 * state and who acts next. Decap has no slot for either, so they are added beside its
 * own elements as they appear; a state is read once per page visit and entry.
 */
import { describeState, readLedgerState, sourceInUse, type LedgerSource, type LedgerState } from './ledger-state.ts';
import { paperActForm, scanForm, submitForm } from './paper-act-form.ts';
import { DEMAND_ID_BODY } from '../../pipeline/face/core.ts';

const ENTRY_LINK = new RegExp(`#/collections/demands/entries/(${DEMAND_ID_BODY})(?:/index)?$`);
const PANEL = 'jiebang-entry-state';
const known = new Map<string, Promise<LedgerState | undefined>>();

function stateOf(source: LedgerSource, id: string): Promise<LedgerState | undefined> {
  if (!source.proxy && !source.github) return Promise.resolve(undefined);
  let p = known.get(id);
  if (!p) known.set(id, (p = readLedgerState(source, id).catch(() => undefined)));
  return p;
}

function badge(state: LedgerState): HTMLElement {
  const el = document.createElement('span');
  el.className = 'jiebang-state';
  el.dataset.state = state.state;
  el.textContent = state.label.zh;
  el.title = `办理状态 / Programme state: ${state.label.zh} / ${state.label.en}`;
  el.style.cssText =
    'display:inline-block;margin:4px 0 0;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;background:#fdf0f0;color:#b3121b;border:1px solid #e8b4b7;';
  return el;
}

function panel(state: LedgerState | undefined, isNew: boolean, demand: string, local: boolean): HTMLElement {
  const box = document.createElement('div');
  box.id = PANEL;
  box.setAttribute('role', 'status');
  box.style.cssText =
    'margin:16px 0 0;padding:10px 14px;border-left:4px solid #b3121b;background:#fff;border-radius:4px;font-size:14px;line-height:1.6;color:#313d3e;';
  const shown = state ?? (isNew ? describeState('draft') : undefined);
  if (!shown) {
    box.textContent = '办理状态暂时读不到（台账无法访问）。 / The programme state cannot be read right now.';
    return box;
  }
  const title = document.createElement('strong');
  title.textContent = `办理状态：${shown.label.zh}${shown.since ? `（${shown.since.slice(0, 10)}）` : ''} / Programme state: ${shown.label.en}`;
  box.append(title);
  if (shown.next) {
    const next = document.createElement('p');
    next.style.margin = '4px 0 0';
    next.textContent = `${shown.next.zh} / ${shown.next.en}`;
    box.append(next);
  }
  const note = document.createElement('p');
  note.style.cssText = 'margin:4px 0 0;color:#798291;font-size:13px;';
  note.textContent =
    '状态只由审核台账决定，保存或发布条目不会改变它。 / Only the review ledger sets the state; saving or publishing the entry does not.';
  box.append(note);
  // A judged demand (or its applications) may have acts arriving on paper.
  if (!isNew && shown.state !== 'draft') box.append(paperActForm(demand, local));
  // Saved on this machine and never submitted: no pull request will register it, this does.
  if (!isNew && shown.state === 'draft' && local) box.append(submitForm(demand));
  if (!isNew) box.append(scanForm(demand, local));
  return box;
}

/** The open editor's demand: its id, or 'new' for a demand being created. */
function openDemand(): string | undefined {
  if (/^#\/collections\/demands\/new/.test(location.hash)) return 'new';
  return ENTRY_LINK.exec(location.hash)?.[1];
}

let panelFor: string | undefined;

async function decorate(sources: LedgerSource): Promise<void> {
  const source = sourceInUse(sources);
  for (const link of document.querySelectorAll<HTMLAnchorElement>(
    'a[href*="/collections/demands/entries/"]:not([data-jiebang-state])',
  )) {
    const id = ENTRY_LINK.exec(link.getAttribute('href') ?? '')?.[1];
    if (!id) continue;
    link.dataset.jiebangState = '';
    void stateOf(source, id).then((state) => {
      if (state) link.append(badge(state));
    });
  }
  const demand = openDemand();
  const pane = document.querySelector('[class*="ControlPaneContainer"]');
  const existing = document.getElementById(PANEL);
  if (!demand || !pane) {
    existing?.remove();
    panelFor = undefined;
    return;
  }
  if (existing && panelFor === demand && pane.contains(existing)) return;
  panelFor = demand;
  const state = demand === 'new' ? undefined : await stateOf(source, demand);
  if (panelFor !== demand) return;
  document.getElementById(PANEL)?.remove();
  pane.prepend(panel(state, demand === 'new', demand, !!source.proxy));
}

/** `sources`: every backend this page may edit through; each read goes through the one the editor is logged in with. */
export function showStates(sources: LedgerSource): void {
  let queued = false;
  const run = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      void decorate(sources);
    });
  };
  new MutationObserver(run).observe(document.body, { childList: true, subtree: true });
  addEventListener('hashchange', run);
}
