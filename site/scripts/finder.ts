/**
 * The catalogue's filters and the site search, on top of the static page (see
 * components/Finder.astro). Filter state lives in the URL. Pagefind is imported only when a
 * query or filter is used, so the catalogue costs a few KB of JavaScript until then.
 *
 * The round menu sets the scope: by default the current rounds (the index at pagefind/),
 * 全部轮次 or a past round merges the other rounds' index (pagefind/archive/) into the search
 * (integration/search.ts explains why the archive is not searched by default).
 */
import { words } from '../render/segment.ts';
import { cardFacts, cardHtml, regionText, type FactLabels } from '../render/card-html.ts';
import { esc } from '../render/escape.ts';
import { unpackCard, type CardMeta } from '../render/card-meta.ts';
import { ALL_ROUNDS } from '../render/filters.ts';

interface PagefindResult { id: string; data: () => Promise<{ url: string; excerpt: string; meta: Record<string, string> }> }
interface Pagefind {
  search: (q: string | null, o: object) => Promise<{ results: PagefindResult[] }>;
  mergeIndex: (url: string) => Promise<void>;
}


const PAGE = 20;
/** A demand's number, typed whole: it is looked up (the JSON API), not searched for (it is not in the index). */
const DEMAND_ID = /^[A-Za-z]{2,4}-\d{4}-\d{3}$/;

/** The part of the API's demand document (integration/open-data.ts) a card shows. */
interface DemandDocument {
  id: string; title: string; status: { state: string }; anonymousIssuer?: boolean; issuer?: { name?: string; region?: { province?: string; city?: string; district?: string } };
  deadline: string | null; field?: string; demandType?: string; plannedInvestment?: number | null;
}
const root = document.querySelector<HTMLElement>('[data-finder]');
if (root) {
  const form = root.querySelector('form')!;
  const status = root.querySelector<HTMLElement>('[data-status]')!;
  const list = root.querySelector<HTMLUListElement>('[data-results]')!;
  const more = root.querySelector<HTMLButtonElement>('[data-more]')!;
  const full = document.querySelector<HTMLElement>('[data-full-list]');
  const { lang, base, mode } = root.dataset as { lang: 'zh' | 'en'; base: string; mode: string };
  const current = JSON.parse(root.dataset.current!) as string[];
  const hasArchive = root.dataset.archive === 'true';
  const labels = JSON.parse(root.dataset.labels!) as Omit<FactLabels, 'number'> & { state: Record<string, string> };
  // As render/format.ts formats amounts.
  const numberFormat = new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: 2 });
  const facts: FactLabels = { ...labels, number: (n) => numberFormat.format(n) };
  let merged: Promise<void> | undefined;
  const text = JSON.parse(root.dataset.strings!) as Record<string, string>;
  let pagefind: Promise<Pagefind> | undefined;
  let results: PagefindResult[] = [];
  let shown = 0;
  let run = 0;

  const load = () => (pagefind ??= import(/* @vite-ignore */ `${base}pagefind/pagefind.js`) as Promise<Pagefind>);
  const fill = (s: string, v: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (_, k: string) => String(v[k] ?? ''));

  for (const [k, v] of new URLSearchParams(location.search)) {
    const el = form.elements.namedItem(k) as HTMLInputElement | HTMLSelectElement | null;
    if (el) el.value = v;
  }
  form.hidden = false;

  function demandCard(c: CardMeta): string {
    return cardHtml({
      href: `${base}${lang === 'en' ? 'en/' : ''}demands/${c.id}/`, id: c.id, title: c.title, state: c.state, stateLabel: labels.state[c.state] ?? c.state,
      issuer: c.issuer || text.anonymous!, region: c.region, facts: cardFacts(c, facts), deadline: c.deadline || undefined, deadlineLabel: text.deadline!,
      // As the build writes it (render/format.ts shownDay): 年月日 on Chinese pages.
      ...(c.deadline && lang === 'zh' ? { deadlineText: c.deadline.replace(/^(\d{4})-0?(\d{1,2})-0?(\d{1,2})$/, '$1年$2月$3日') } : {}),
      contentLang: lang === 'en' ? 'zh-CN' : undefined,
    });
  }

  /** The demand with this number, if it is public: one card, or none. */
  async function lookUp(number: string, id: number): Promise<void> {
    const response = await fetch(`${base}api/demands/${encodeURIComponent(number.toUpperCase())}.json`);
    const d = response.ok ? (await response.json()) as DemandDocument : undefined;
    if (id !== run) return;
    results = [];
    list.replaceChildren();
    if (full) full.hidden = true;
    list.hidden = false;
    more.hidden = true;
    status.textContent = d ? fill(text.count!, { n: 1 }) : fill(text.none!, { q: number });
    if (d) {
      list.insertAdjacentHTML('beforeend', demandCard({
        id: d.id, title: d.title, state: d.status.state, issuer: d.anonymousIssuer ? '' : d.issuer?.name ?? '', region: regionText(d.issuer?.region),
        deadline: d.deadline ?? '', field: d.field ?? '', type: d.demandType ?? '', invest: d.plannedInvestment ?? null,
      }));
    }
  }

  async function showMore(): Promise<void> {
    const id = run;
    const page = await Promise.all(results.slice(shown, shown + PAGE).map((r) => r.data()));
    if (id !== run) return;
    list.insertAdjacentHTML('beforeend', page.map(({ url, meta: m }) => (m.card
      ? demandCard(unpackCard(m.card))
      : `<li class="card"><h3><a href="${esc(url)}">${esc(m.title ?? url)}</a></h3><p class="card-facts">${esc(m.description ?? '')}</p></li>`)).join(''));
    shown += page.length;
    more.hidden = shown >= results.length;
  }

  async function update(): Promise<void> {
    const id = ++run;
    const params = new URLSearchParams();
    // Demand records serve both languages; only policy pages carry a `page` filter (their language).
    const filters: Record<string, unknown> = mode === 'catalogue' ? { none: [{ page: 'zh' }, { page: 'en' }] } : { not: { page: lang === 'en' ? 'zh' : 'en' } };
    let q = '';
    let sort = '';
    let round = '';
    for (const [k, v] of new FormData(form)) {
      const value = String(v).trim();
      if (!value) continue;
      params.set(k, value);
      if (k === 'q') q = value;
      else if (k === 'sort') sort = value;
      else if (k === 'round') round = value;
      else filters[k] = value;
    }
    history.replaceState(null, '', params.size ? `?${params}` : location.pathname);
    const idle = params.size === 0 || (params.size === 1 && sort && !full);
    if (idle && full) {
      full.hidden = false; list.hidden = true; more.hidden = true; status.textContent = '';
      return;
    }
    if (!q && mode === 'search') { list.replaceChildren(); status.textContent = ''; more.hidden = true; return; }
    status.textContent = text.loading!;
    if (DEMAND_ID.test(q)) return lookUp(q, id);
    const pf = await load();
    // Past rounds are in the archive index, merged in once asked for; after that the current
    // scope is a filter on the round.
    if (hasArchive && (round === ALL_ROUNDS || (round && !current.includes(round)))) await (merged ??= pf.mergeIndex(`${base}pagefind/archive/`));
    if (round && round !== ALL_ROUNDS) filters.round = round;
    else if (!round && merged) filters.any = [{ round: { any: current } }, { page: lang }];
    const found = await pf.search(q ? words(q) : null, { filters, sort: sort === 'deadline' ? { deadline: 'asc' } : q ? undefined : { published: 'desc' } });
    if (id !== run) return;
    results = found.results;
    shown = 0;
    list.replaceChildren();
    if (full) full.hidden = true;
    list.hidden = false;
    status.textContent = results.length ? fill(text.count!, { n: results.length }) : fill(text.none!, { q });
    await showMore();
  }

  form.addEventListener('submit', (e) => { e.preventDefault(); void update(); });
  form.addEventListener('change', () => void update());
  form.addEventListener('reset', () => setTimeout(() => void update()));
  more.addEventListener('click', () => void showMore());
  if (location.search) void update();
}
