/** The demand card of lists (home, catalogue, issuer and round pages), as an HTML string. */
import { stateLabel } from '../../pipeline/review/machines.ts';
import type { DemandView } from '../data/model.ts';
import { enumLabel } from '../i18n/labels.ts';
import { LANG_TAG, t, type Lang } from '../i18n/ui.ts';
import { html, raw } from './escape.ts';
import { investmentText, regionText } from './demand.ts';
import { demandPath, href } from './paths.ts';

export function demandCard(d: DemandView, lang: Lang, base: string): string {
  const zhAttr = lang === 'en' ? raw(` lang="${LANG_TAG.zh}"`) : '';
  const data = d.data;
  const issuer = data.anonymousIssuer || !data.issuer?.name ? t(lang, 'anonymousIssuer') : data.issuer.name;
  return String(html`<li class="card"><article>
<h3${zhAttr}><a href="${href(base, lang, demandPath(d.id))}">${data.title}</a></h3>
<p class="card-meta"><span class="badge state-${d.status.state}">${stateLabel(d.status.state, lang)}</span> <span>${d.id}</span> · <span${zhAttr}>${issuer}</span> · <span${zhAttr}>${regionText(data.issuer?.region)}</span></p>
<p class="card-facts">${data.field ? enumLabel('demand', '/field', data.field, lang) : ''} · ${data.demandType ? enumLabel('demand', '/demandType', data.demandType, lang) : ''} · ${investmentText(data, lang)}${d.deadline ? html` · ${t(lang, 'deadline')} <time datetime="${d.deadline}">${d.deadline}</time>` : ''}</p>
</article></li>`);
}
