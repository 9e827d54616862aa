/**
 * The demand article: one pure function from a demand's public view to HTML, used by the
 * demand pages of the build, the dev server and the CMS preview (shared, not a second
 * design; its look is site/styles/site.css). No Astro import; every value is escaped and
 * every Markdown field goes through render/markdown.ts.
 *
 * Keep the signature stable: renderDemandArticle(publicDemand, options) → HTML string.
 */
import type { Site } from '../../pipeline/face/core.ts';
import { type State, stateLabel } from '../../pipeline/face/core.ts';
import { enumLabel, fieldTitle, nullLabel } from '../i18n/labels.ts';
import { LANG_TAG, t, type Lang } from '../i18n/ui.ts';
import { esc, html, raw, type SafeHtml } from './escape.ts';
import { amountNumber, day, number, shownDay } from './format.ts';
import { renderMarkdown } from './markdown.ts';
import { href, issuerPath, pagePath } from './paths.ts';
import { regionText } from './card-html.ts';

export { regionText };
import type { ExternalMark, PublicDemand } from '../data/model.ts';

export interface DemandArticleOptions {
  lang: Lang;
  /** The site's base path ('/' or '/jiebang/'). */
  base?: string;
  /** Where the 揭榜 issue form lives; without it no 我要揭榜 button is drawn. */
  forge?: Pick<Site['forge'], 'url' | 'repo'>;
  /** The demand's derived status; the CMS preview may leave it out. */
  status?: { state: State; since?: string };
  /** Whether 揭榜 is open (the button shows only then). */
  open?: boolean;
  /** Last day of the application phase (YYYY-MM-DD). */
  deadline?: string;
  /** The public timeline (states and when). */
  timeline?: Array<{ at: string; state: State }>;
  /** Names of the selected SMEs, once announced; undefined = not announced yet. */
  selected?: string[];
  /** Slug of the issuer's page, when the issuer shows its name. */
  issuerSlug?: string;
  /** Slug of the SME guide page (content/pages/<slug>.mdx), if there is one. */
  guideSlug?: string;
  /** For an entry of the national catalogue: where it is from, its provenance, whom this bureau recommends to. */
  external?: ExternalMark & { bureau: string; upstream: string };
  /** Renders an image field (illustration, logo) to HTML; without it images are left out. */
  image?: (which: 'illustration' | 'logo', image: { src: string; alt: string }) => string | undefined;
}

const FACTS = [
  '/demandType',
  '/field',
  '/industrialBase',
  '/cooperationModes',
  '/deliverables',
  '/plannedInvestment',
  '/completionMonths',
  '/ipArrangement',
] as const;

/**
 * The 我要揭榜 link: the site's submission helper for this demand (site/submit/), which
 * explains what is needed, checks, seals the application (对接双方可见) and hands over what
 * to submit — the forge's bare form cannot seal the chapters.
 */
export function applyUrl(base: string, lang: Lang, demand: Pick<PublicDemand, 'id'>): string {
  return `${href(base, lang, 'submit/jiebang/')}?demand=${encodeURIComponent(demand.id)}`;
}

/** The value of a demand field as text (enum labels, 面议, months), or '' when empty. */
export function factText(d: PublicDemand, pointer: (typeof FACTS)[number], lang: Lang): string {
  const key = pointer.slice(1) as keyof PublicDemand;
  const value = d[key];
  // The titles of these two carry the unit (拟投入资金（万元）), so the value is the bare number.
  if (pointer === '/plannedInvestment')
    return value === null ? nullLabel('demand', pointer, lang) : typeof value === 'number' ? number(value, lang) : '';
  if (pointer === '/completionMonths') return typeof value === 'number' ? String(value) : '';
  if (Array.isArray(value))
    return value.map((code) => enumLabel('demand', pointer, String(code), lang)).join(lang === 'zh' ? '、' : ', ');
  return typeof value === 'string' ? enumLabel('demand', pointer, value, lang) : '';
}

/** 面议 / "300 万元" etc. */
export function investmentText(d: PublicDemand, lang: Lang): string {
  const v = d.plannedInvestment;
  return typeof v === 'number'
    ? t(lang, 'amountUnit', { n: amountNumber(v, lang) })
    : nullLabel('demand', '/plannedInvestment', lang);
}

/** The colon after a label: full-width in Chinese. */
export const colon = (lang: Lang) => (lang === 'zh' ? '：' : ': ');

export function renderDemandArticle(d: PublicDemand, options: DemandArticleOptions): string {
  const { lang } = options;
  const base = options.base ?? '/';
  // Content is Chinese: on English pages it carries its own lang so screen readers switch voice.
  const zhAttr = lang === 'en' ? raw(` lang="${LANG_TAG.zh}"`) : '';
  const title = (pointer: string) => fieldTitle('demand', pointer, lang);
  const status = options.status;

  const issuerName =
    d.anonymousIssuer || !d.issuer?.name
      ? html`<span class="muted">${t(lang, 'anonymousIssuer')}</span>`
      : options.issuerSlug
        ? html`<a href="${href(base, lang, issuerPath(options.issuerSlug))}"${zhAttr}>${d.issuer.name}</a>`
        : html`<span${zhAttr}>${d.issuer.name}</span>`;
  const logo = !d.anonymousIssuer && d.issuer?.logo && options.image ? options.image('logo', d.issuer.logo) : undefined;
  const illustration = d.illustration && options.image ? options.image('illustration', d.illustration) : undefined;

  const facts = FACTS.map((p) => [p, factText(d, p, lang)] as const).filter(([, v]) => v);
  const markdownSection = (pointer: string, value: string | undefined) =>
    value
      ? html`<section class="demand-section" aria-labelledby="s-${pointer.slice(1)}"><h2 id="s-${pointer.slice(1)}">${title(pointer)}</h2><div class="prose"${zhAttr}>${raw(renderMarkdown(value))}</div></section>`
      : '';

  const ext = options.external;
  const where = ext ? regionText({ province: ext.province, ...(ext.city ? { city: ext.city } : {}) }) : '';
  const externalBox = ext
    ? html`<section class="demand-section external-note" aria-label="${t(lang, 'nationalCatalogue')}"><p>${t(lang, 'externalNote', { where, bureau: ext.bureau, upstream: ext.upstream })}</p>${ext.withdrawnAt ? html`<p class="muted">${t(lang, 'externalWithdrawn', { at: day(ext.withdrawnAt) })}</p>` : ''}<dl class="facts">${ext.contact ? html`<div><dt>${t(lang, 'externalContact')}</dt><dd${zhAttr}>${ext.contact}</dd></div>` : ''}${ext.notice ? html`<div><dt>${t(lang, 'externalSource')}</dt><dd${zhAttr}>${ext.notice}</dd></div>` : ''}</dl></section>`
    : '';
  const summarySection = ext?.summary
    ? html`<section class="demand-section" aria-labelledby="s-summary"><h2 id="s-summary">${t(lang, 'externalSummary')}</h2><p${zhAttr}>${ext.summary}</p></section>`
    : '';

  const applyBox = ((): SafeHtml | '' => {
    if (!status) return '';
    if (options.open && options.forge) {
      return html`<section class="apply-box" aria-label="${t(lang, 'apply')}">
<a class="button button-primary" href="${applyUrl(base, lang, d)}">${t(lang, 'apply')}</a>
<p class="hint">${t(lang, 'applyHint')}${options.deadline ? html` ${t(lang, 'deadline')}${colon(lang)}<time datetime="${options.deadline}">${shownDay(options.deadline, lang)}</time>` : ''}</p>
${options.guideSlug ? html`<p><a href="${href(base, lang, pagePath(options.guideSlug))}">${t(lang, 'smeGuide')}</a></p>` : ''}
</section>`;
    }
    const notYet = status.state === 'catalogued';
    return html`<section class="apply-box apply-closed" aria-label="${t(lang, 'apply')}"><p>${t(lang, notYet ? 'applyNotOpen' : 'applyClosed')}</p>${options.guideSlug ? html`<p><a href="${href(base, lang, pagePath(options.guideSlug))}">${t(lang, 'smeGuide')}</a></p>` : ''}</section>`;
  })();

  const indicators = d.technicalIndicators ?? [];
  const indicatorTable = indicators.length
    ? html`<section class="demand-section" aria-labelledby="s-technicalIndicators"><h2 id="s-technicalIndicators">${title('/technicalIndicators')}</h2>
<div class="table-wrap"><table class="indicators"><thead><tr><th scope="col">${t(lang, 'indicatorNo')}</th><th scope="col">${fieldTitle('demand', '/technicalIndicators/0/name', lang)}</th><th scope="col">${fieldTitle('demand', '/technicalIndicators/0/target', lang)}</th><th scope="col">${fieldTitle('demand', '/technicalIndicators/0/unit', lang)}</th></tr></thead>
<tbody${zhAttr}>${indicators.map((ind, i) => html`<tr><td>${i + 1}</td><td>${ind.name}</td><td>${ind.target}</td><td>${ind.unit ?? ''}</td></tr>`)}</tbody></table></div></section>`
    : '';

  const selected = options.selected
    ? html`<section class="demand-section" aria-labelledby="s-selected"><h2 id="s-selected">${t(lang, 'selectedSmes')}</h2>${
        options.selected.length
          ? html`<ul class="selected"${zhAttr}>${options.selected.map((name) => html`<li>${name}</li>`)}</ul>`
          : html`<p class="muted">${t(lang, 'noneSelected')}</p>`
      }</section>`
    : '';

  const timeline = options.timeline?.length
    ? html`<section class="demand-section" aria-labelledby="s-timeline"><h2 id="s-timeline">${t(lang, 'timeline')}</h2><ol class="timeline">${options.timeline.map((e, i, all) => html`<li${i === all.length - 1 ? raw(' class="current" aria-current="step"') : ''}><time datetime="${day(e.at)}">${shownDay(e.at, lang)}</time> <span>${stateLabel(e.state, lang)}</span></li>`)}</ol></section>`
    : '';

  return String(html`<article class="demand">
<header class="demand-head">
<p class="demand-meta">${status ? html`<span class="badge state-${status.state}">${stateLabel(status.state, lang)}</span> ` : ''}${ext ? html`<span class="tag tag-national">${t(lang, 'nationalCatalogue')}</span> ` : ''}<span>${title('/id')} <strong>${d.id}</strong></span>${d.catalogueNo ? html` <span>${title('/catalogueNo')} ${d.catalogueNo}</span>` : ''}</p>
<h1${zhAttr}>${d.title}</h1>
<p class="demand-issuer">${logo ? raw(`<span class="logo">${logo}</span>`) : ''}${issuerName}${d.issuer?.region ? html` · <span${zhAttr}>${regionText(d.issuer.region)}</span>` : ''}${d.issuer?.chainLeader && !d.anonymousIssuer ? html` · <span class="tag">${t(lang, 'chainLeader')}</span>` : ''}</p>
</header>
${applyBox}
${externalBox}
${ext ? '' : html`<p class="print-link"><a href="${href(base, lang, `print/?id=${d.id}`)}">${lang === 'en' ? 'Print the demand form (Annex 1)' : '打印/下载需求表（附件1）'}</a></p>`}
${illustration ? raw(`<figure class="illustration">${illustration}</figure>`) : ''}
<section class="demand-section" aria-labelledby="s-facts"><h2 id="s-facts">${t(lang, 'basicInfo')}</h2>
<dl class="facts">${facts.map(([p, v]) => html`<div><dt>${title(p)}</dt><dd>${v}</dd></div>`)}${options.deadline ? html`<div><dt>${t(lang, 'deadline')}</dt><dd><time datetime="${options.deadline}">${shownDay(options.deadline, lang)}</time></dd></div>` : ''}${d.issuer?.ownership ? html`<div><dt>${fieldTitle('demand', '/issuer/ownership', lang)}</dt><dd>${enumLabel('demand', '/issuer/ownership', d.issuer.ownership, lang)}</dd></div>` : ''}</dl></section>
${summarySection}
${markdownSection('/background', d.background)}
${markdownSection('/keyProblems', d.keyProblems)}
${indicatorTable}
${markdownSection('/expectedOutcome', d.expectedOutcome)}
${markdownSection('/solverRequirements', d.solverRequirements)}
${selected}
${timeline}
</article>`);
}

export { esc };
