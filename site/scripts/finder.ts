/**
 * The catalogue's filters and the site search, on top of the static page (see
 * components/Finder.astro). Filter state lives in the URL. Pagefind is imported only when a
 * query or filter is used, so the catalogue costs a few KB of JavaScript until then.
 */
import { words } from '../render/segment.ts';
import { cardHtml } from '../render/card-html.ts';
import { esc } from '../render/escape.ts';

interface PagefindResult { id: string; data: () => Promise<{ url: string; excerpt: string; meta: Record<string, string> }> }
interface Pagefind { search: (q: string | null, o: object) => Promise<{ results: PagefindResult[] }> }

const PAGE = 20;
const root = document.querySelector<HTMLElement>('[data-finder]');
if (root) {
  const form = root.querySelector('form')!;
  const status = root.querySelector<HTMLElement>('[data-status]')!;
  const list = root.querySelector<HTMLUListElement>('[data-results]')!;
  const more = root.querySelector<HTMLButtonElement>('[data-more]')!;
  const full = document.querySelector<HTMLElement>('[data-full-list]');
  const { lang, base, mode } = root.dataset as { lang: string; base: string; mode: string };
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

  async function showMore(): Promise<void> {
    const id = run;
    const page = await Promise.all(results.slice(shown, shown + PAGE).map((r) => r.data()));
    if (id !== run) return;
    list.insertAdjacentHTML('beforeend', page.map(({ url, meta: m }) => (m.id
      ? cardHtml({
        href: `${base}${lang === 'en' ? 'en/' : ''}demands/${m.id}/`, id: m.id, title: m.title!, state: m.state!, stateLabel: m[`state_${lang}`]!,
        issuer: m.issuer || text.anonymous!, region: m.region!, facts: m[`facts_${lang}`]!, deadline: m.deadline || undefined, deadlineLabel: text.deadline!,
        contentLang: lang === 'en' ? 'zh-CN' : undefined,
      })
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
    for (const [k, v] of new FormData(form)) {
      const value = String(v).trim();
      if (!value) continue;
      params.set(k, value);
      if (k === 'q') q = value;
      else if (k === 'sort') sort = value;
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
    const pf = await load();
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
