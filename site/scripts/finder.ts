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
import { AMOUNT_SCALE, cardFacts, cardHtml, regionText, type FactLabels } from '../render/card-html.ts';
import { esc } from '../render/escape.ts';
import { unpackCard, type CardMeta } from '../render/card-meta.ts';
import { ALL_ROUNDS } from '../render/filters.ts';
import { DEMAND_ID_ANY_CASE } from '../../pipeline/face/core.ts';

interface PagefindResult {
  id: string;
  data: () => Promise<{ url: string; excerpt: string; meta: Record<string, string> }>;
}
interface Pagefind {
  search: (q: string | null, o: object) => Promise<{ results: PagefindResult[] }>;
  mergeIndex: (url: string) => Promise<void>;
  init: () => Promise<void>;
  preload: (q: string, o?: object) => Promise<void>;
  options: (o: { noWorker?: boolean }) => Promise<void>;
}

/**
 * Cards drawn per page of results: each is a request for its fragment (~0.7 KB gzip) on a
 * phone's link, so the first page is a screenful or two; 加载更多 draws the next.
 */
const PAGE = 10;
/** A demand's number, typed whole: it is looked up (the JSON API), not searched for (it is not in the index). */

/** The part of the API's demand document (integration/open-data.ts) a card shows. */
interface DemandDocument {
  id: string;
  title: string;
  status: { state: string };
  anonymousIssuer?: boolean;
  issuer?: { name?: string; region?: { province?: string; city?: string; district?: string } };
  deadline: string | null;
  field?: string;
  demandType?: string;
  plannedInvestment?: number | null;
}
const root = document.querySelector<HTMLElement>('[data-finder]');
if (root) {
  const form = root.querySelector('form')!;
  const status = root.querySelector<HTMLElement>('[data-status]')!;
  const list = root.querySelector<HTMLUListElement>('[data-results]')!;
  const more = root.querySelector<HTMLButtonElement>('[data-more]')!;
  const notice = root.querySelector<HTMLElement>('[data-notice]')!;
  const scope = root.querySelector<HTMLElement>('[data-scope]')!;
  const widen = root.querySelector<HTMLButtonElement>('[data-all-rounds]')!;
  const toggle = root.querySelector<HTMLButtonElement>('[data-filters-toggle]')!;
  const exporter = root.querySelector<HTMLButtonElement>('[data-export]')!;
  // On a phone the filters fold behind one 筛选 (n) button (CSS shows it only there), closed by default.
  const setOpen = (open: boolean) => {
    form.classList.toggle('filters-open', open);
    toggle.setAttribute('aria-expanded', String(open));
  };
  const countFilters = () => {
    let n = 0;
    for (const [k, v] of new FormData(form)) if (k !== 'q' && k !== 'sort' && String(v)) n++;
    toggle.textContent = n ? `${text.filters} (${n})` : text.filters!;
  };
  toggle.addEventListener('click', () => setOpen(!form.classList.contains('filters-open')));
  const full = document.querySelector<HTMLElement>('[data-full-list]');
  const { lang, base, mode } = root.dataset as { lang: 'zh' | 'en'; base: string; mode: string };
  const current = JSON.parse(root.dataset.current!) as string[];
  const hasArchive = root.dataset.archive === 'true';
  const labels = JSON.parse(root.dataset.labels!) as Omit<FactLabels, 'number'> & { state: Record<string, string> };
  // As render/format.ts formats amounts (万元; millions in English).
  const numberFormat = new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: 2 });
  const facts: FactLabels = { ...labels, number: (n) => numberFormat.format(n / AMOUNT_SCALE[lang]) };
  let merged: Promise<void> | undefined;
  const text = JSON.parse(root.dataset.strings!) as Record<string, string>;
  let pagefind: Promise<Pagefind> | undefined;
  let results: PagefindResult[] = [];
  let shown = 0;
  let run = 0;

  // Without Pagefind's worker: its script (12 KB gzip) would repeat what pagefind.js holds,
  // and on a phone the search is as quick on the page's thread (docs/performance.md).
  const load = () =>
    (pagefind ??= (import(/* @vite-ignore */ `${base}pagefind/pagefind.js`) as Promise<Pagefind>).then(async (pf) => {
      await pf.options({ noWorker: true });
      return pf;
    }));
  const fill = (s: string, v: Record<string, string | number>) =>
    s.replace(/\{(\w+)\}/g, (_, k: string) => String(v[k] ?? ''));

  // A value a menu does not offer (an old link, a typo) is said, not silently dropped.
  const unknown: string[] = [];
  for (const [k, v] of new URLSearchParams(location.search)) {
    const el = form.elements.namedItem(k) as HTMLInputElement | HTMLSelectElement | null;
    if (!el) continue;
    el.value = v;
    if (el.value !== v) unknown.push(fill(text.unknown!, { name: k, value: v }));
  }
  if (unknown.length) {
    notice.textContent = unknown.join(' ');
    notice.hidden = false;
    setOpen(true);
  }
  countFilters();
  form.hidden = false;

  function demandCard(c: CardMeta): string {
    return cardHtml({
      href: `${base}${lang === 'en' ? 'en/' : ''}demands/${c.id}/`,
      id: c.id,
      title: c.title,
      state: c.state,
      stateLabel: labels.state[c.state] ?? c.state,
      issuer: c.issuer || text.anonymous!,
      region: c.region,
      facts: cardFacts(c, facts),
      deadline: c.deadline || undefined,
      deadlineLabel: text.deadline!,
      // As the build writes it (render/format.ts shownDay): 年月日 on Chinese pages.
      ...(c.deadline && lang === 'zh'
        ? { deadlineText: c.deadline.replace(/^(\d{4})-0?(\d{1,2})-0?(\d{1,2})$/, '$1年$2月$3日') }
        : {}),
      contentLang: lang === 'en' ? 'zh-CN' : undefined,
    });
  }

  /** The demand with this number, if it is public: one card, or none. */
  async function lookUp(number: string, id: number): Promise<void> {
    const response = await fetch(`${base}api/demands/${encodeURIComponent(number.toUpperCase())}.json`);
    const d = response.ok ? ((await response.json()) as DemandDocument) : undefined;
    if (id !== run) return;
    results = [];
    list.replaceChildren();
    if (full) full.hidden = true;
    list.hidden = false;
    more.hidden = true;
    status.textContent = d ? fill(text.count!, { n: 1 }) : fill(text.none!, { q: number });
    if (d) {
      list.insertAdjacentHTML(
        'beforeend',
        demandCard({
          id: d.id,
          title: d.title,
          state: d.status.state,
          issuer: d.anonymousIssuer ? '' : (d.issuer?.name ?? ''),
          region: regionText(d.issuer?.region),
          deadline: d.deadline ?? '',
          field: d.field ?? '',
          type: d.demandType ?? '',
          invest: d.plannedInvestment ?? null,
        }),
      );
    }
  }

  async function showMore(): Promise<void> {
    const id = run;
    const page = await Promise.all(results.slice(shown, shown + PAGE).map((r) => r.data()));
    if (id !== run) return;
    list.insertAdjacentHTML(
      'beforeend',
      page
        .map(({ url, meta: m }) =>
          m.card
            ? demandCard(unpackCard(m.card))
            : `<li class="card"><h3><a href="${esc(url)}">${esc(m.title ?? url)}</a></h3><p class="card-facts">${esc(m.description ?? '')}</p></li>`,
        )
        .join(''),
    );
    shown += page.length;
    more.hidden = shown >= results.length;
    exporter.hidden = results.length === 0;
  }

  async function update(): Promise<void> {
    const id = ++run;
    exporter.hidden = true;
    scope.hidden = true;
    widen.hidden = true;
    const params = new URLSearchParams();
    // Demand records serve both languages; only policy pages carry a `page` filter (their language).
    const filters: Record<string, unknown> =
      mode === 'catalogue'
        ? { none: [{ page: 'zh' }, { page: 'en' }] }
        : { not: { page: lang === 'en' ? 'zh' : 'en' } };
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
      full.hidden = false;
      list.hidden = true;
      more.hidden = true;
      status.textContent = '';
      return;
    }
    if (!q && mode === 'search') {
      list.replaceChildren();
      status.textContent = '';
      more.hidden = true;
      return;
    }
    status.textContent = text.loading!;
    if (DEMAND_ID_ANY_CASE.test(q)) return lookUp(q, id);
    const pf = await load();
    // Past rounds are in the archive index, merged in once asked for; after that the current
    // scope is a filter on the round.
    if (hasArchive && (round === ALL_ROUNDS || (round && !current.includes(round))))
      await (merged ??= pf.mergeIndex(`${base}pagefind/archive/`));
    if (round && round !== ALL_ROUNDS) filters.round = round;
    else if (!round && merged) filters.any = [{ round: { any: current } }, { page: lang }];
    const options = {
      filters,
      sort: sort === 'deadline' ? { deadline: 'asc' } : q ? undefined : { published: 'desc' },
    };
    const terms = q ? words(q).split(' ') : [];
    const found = await pf.search(q ? terms.join(' ') : null, options);
    // Every word must be found: Pagefind leaves out a word no page has (固态电解质 would list
    // pages with 电解 alone), so each word is also searched alone (the index chunks are in
    // by now) and only pages found for all of them are kept, in the whole query's order.
    const each = terms.length > 1 ? await Promise.all(terms.map((t) => pf.search(t, options))) : [];
    if (id !== run) return;
    const sets = each.map((r) => new Set(r.results.map((x) => x.id)));
    results = found.results.filter((r) => sets.every((set) => set.has(r.id)));
    shown = 0;
    list.replaceChildren();
    if (full) full.hidden = true;
    list.hidden = false;
    status.textContent = results.length ? fill(text.count!, { n: results.length }) : fill(text.none!, { q });
    // Nothing found: say what was searched, and offer the other years in one click.
    scope.hidden = results.length > 0 || !q;
    scope.textContent = fill(text.scope!, {
      scope: round === ALL_ROUNDS ? text.scopeAll! : round ? text.scopeRound! : text.scopeCurrent!,
    });
    widen.hidden = scope.hidden || !hasArchive || round === ALL_ROUNDS;
    await showMore();
  }

  // On a phone each of Pagefind's files is a round trip: its script, WebAssembly and index
  // metadata load as the visitor starts typing, and the words' index chunks as they are
  // typed, so submitting waits only for what is left (bench/measure/phone-search.ts).
  const query = form.elements.namedItem('q') as HTMLInputElement | null;
  query?.addEventListener(
    'focus',
    () => {
      void load()
        .then((pf) => pf.init())
        .catch(() => {});
    },
    { once: true },
  );
  query?.addEventListener('input', () => {
    const q = query.value.trim();
    if (q && !DEMAND_ID_ANY_CASE.test(q))
      void load()
        .then((pf) => pf.preload(words(q)))
        .catch(() => {});
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void update();
  });
  form.addEventListener('change', () => {
    notice.hidden = true;
    countFilters();
    void update();
  });
  form.addEventListener('reset', () =>
    setTimeout(() => {
      countFilters();
      void update();
    }),
  );
  more.addEventListener('click', () => void showMore());
  exporter.addEventListener('click', () => void exportCsv());

  /** What the filters show, as a CSV the visitor's spreadsheet opens (UTF-8 with a BOM, as the site's downloads). */
  async function exportCsv(): Promise<void> {
    const all = await Promise.all(results.map((r) => r.data()));
    const cell = (v: string | number | null) => {
      let s = v === null ? '' : String(v);
      if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
      return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    };
    const lines = [text.exportHeaders!.split('|')];
    for (const { url, meta } of all) {
      if (!meta.card) continue;
      const c = unpackCard(meta.card);
      lines.push([
        c.id,
        c.title,
        c.issuer || text.anonymous!,
        c.region,
        labels.field[c.field] ?? c.field,
        labels.type[c.type] ?? c.type,
        typeof c.invest === 'number' ? String(c.invest) : '',
        typeof c.invest === 'number' ? '' : labels.negotiable,
        c.deadline,
        labels.state[c.state] ?? c.state,
        new URL(url, location.href).href,
      ]);
    }
    const csv = `\uFEFF${lines.map((l) => l.map(cell).join(',')).join('\r\n')}\r\n`;
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    a.download = `${text.exportName}.csv`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 0);
  }
  widen.addEventListener('click', () => {
    (form.elements.namedItem('round') as HTMLSelectElement).value = ALL_ROUNDS;
    void update();
  });
  if (location.search) void update();
}
