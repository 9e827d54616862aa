/**
 * The form as one self-contained print page (no script, no outside resource): the same
 * layout as the DOCX, for Chromium to print to PDF and for a browser to print directly.
 * Font stacks name the offices' fonts first (宋体/仿宋/黑体), then the free CJK fonts a
 * Linux machine has (Noto CJK, Source Han), then the generic family.
 */
import type { Block } from './markdown-blocks.ts';
import type { FormModel, Group, Row } from './form-model.ts';
import { qrSvg, shortRevision, verificationLine, type Verification } from './verification.ts';

export const FONT_STACKS = {
  body: '"Times New Roman", SimSun, "宋体", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", serif',
  heading: 'SimHei, "黑体", "Heiti SC", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif',
  pledge: 'FangSong, "仿宋", "STFangsong", "Noto Serif CJK SC", serif',
} as const;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function blocksHtml(blocks: Block[]): string {
  return blocks
    .map((b) => {
      if (b.type === 'table') {
        return `<table class="md">${b.rows.map((r, i) => `<tr>${r.map((c) => (i === 0 ? `<th>${esc(c)}</th>` : `<td>${esc(c)}</td>`)).join('')}</tr>`).join('')}</table>`;
      }
      const text = b.runs
        .map((r) => (r.text === '\n' ? '<br>' : r.bold ? `<b>${esc(r.text)}</b>` : esc(r.text)))
        .join('');
      if (b.type === 'heading') return `<p class="h">${text}</p>`;
      if (b.type === 'item') return `<p class="li"><span>${esc(b.marker)}</span> ${text}</p>`;
      return `<p>${text}</p>`;
    })
    .join('');
}

const rowHtml = (r: Row) =>
  `<tr class="${r.blocks ? 'long' : 'short'}"><th scope="row">${esc(r.label)}</th><td${r.withheld ? ' class="withheld"' : ''}>${r.blocks ? blocksHtml(r.blocks) : esc(r.value)}</td></tr>`;

function groupHtml(g: Group): string {
  if (g.table) {
    const n = g.table.columns.length;
    const rows = g.table.rows.length ? g.table.rows : [Array(n).fill('')];
    return (
      `<table class="grid"><thead><tr><th colspan="${n}" class="group">${esc(g.heading ?? '')}</th></tr><tr>${g.table.columns.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead>` +
      `<tbody>${rows.map((r) => `<tr>${r.map((v) => `<td>${esc(v)}</td>`).join('')}</tr>`).join('')}</tbody></table>`
    );
  }
  return `<table class="fields">${g.heading ? `<tr><th colspan="2" class="group">${esc(g.heading)}</th></tr>` : ''}${g.rows.map(rowHtml).join('')}</table>`;
}

/**
 * The form's rules, every selector under `scope` (the print page's own: none; a page of the
 * site that shows the form among its own content: the form's container class).
 */
export function formCss(scope = ''): string {
  return `${scope}.annex { font-family: ${FONT_STACKS.heading}; font-size: 16pt; margin: 0 0 4mm; }
${scope}h1 { font-family: ${FONT_STACKS.heading}; font-size: 18pt; text-align: center; margin: 0 0 6mm; font-weight: bold; }
${scope}.unit { display: flex; justify-content: space-between; margin: 0 0 3mm; }
${scope}.unit u { display: inline-block; min-width: 60mm; text-decoration: none; border-bottom: 1px solid #000; }
${scope}table { width: 100%; border-collapse: collapse; margin: 0; }
${scope}table + table { margin-top: -1px; }
${scope}th, ${scope}td { border: 1px solid #000; padding: 1.5mm 2mm; vertical-align: middle; }
${scope}.fields th { width: 26%; text-align: center; font-weight: bold; }
${scope}.fields tr.long td { vertical-align: top; }
${scope}.fields tr.short, ${scope}.grid tr, ${scope}table.pledge { break-inside: avoid; }
${scope}.grid th:first-child, ${scope}.grid td:first-child { width: 3em; white-space: nowrap; }
${scope}th.group { font-family: ${FONT_STACKS.heading}; background: #e7e6e6; text-align: center; }
${scope}.grid th, ${scope}.grid td { text-align: center; font-size: 10.5pt; }
${scope}td p { margin: 0; text-indent: 2em; }
${scope}td p.h { text-indent: 0; font-family: ${FONT_STACKS.heading}; }
${scope}td p.li { text-indent: 0; padding-left: 1.2em; }
${scope}td p.li span { margin-left: -1.2em; }
${scope}td.withheld { color: #555; }
${scope}table.md { margin: 1mm 0; font-size: 10.5pt; }
${scope}table.md th, ${scope}table.md td { padding: 0.5mm 1mm; }
${scope}.pledge td { font-family: ${FONT_STACKS.pledge}; }
${scope}.pledge .text { text-indent: 2em; padding: 3mm 4mm; }
${scope}.pledge .sign { height: 38mm; width: 50%; vertical-align: top; position: relative; }
${scope}.pledge .sign span { position: absolute; right: 4mm; bottom: 3mm; }
${scope}.verify { display: flex; align-items: center; gap: 4mm; margin-top: 5mm; border: 1px solid #000; padding: 2mm 3mm; font-size: 9pt; break-inside: avoid; }
${scope}.verify div { flex: 1; word-break: break-all; }
${scope}.verify p { margin: 0; }
`;
}

/** The form itself (no document around it): what the print page's body and the site's container hold. */
export function formBody(model: FormModel, v: Verification): string {
  return `<p class="annex">${esc(model.annex)}</p>
<h1>《${esc(model.title)}》</h1>
<p class="unit"><span>填报单位（盖章）：<u>${esc(model.unit)}</u></span><span>日期：　　　年　　月　　日</span></p>
${model.groups.map(groupHtml).join('\n')}
<table class="pledge">
<tr><th colspan="2" class="group">承　诺</th></tr>
<tr><td colspan="2" class="text">${esc(model.pledge)}</td></tr>
<tr><td class="sign">法定代表人（签字）：<span>年　　月　　日</span></td><td class="sign">单位（盖章）：<span>年　　月　　日</span></td></tr>
</table>
<div class="verify"><div>
<p>${esc(verificationLine(v))}</p>
<p>${v.pending ? '登记后的编号和版本见受理回复；主管部门可按登记内容打印正式版本。' : `完整版本摘要（sha256）：${esc(v.revision)}`}</p>
<p><b>${model.view === 'public' ? '本表为公开版，受限信息未打印。' : '本表含受限信息，仅供申报和审核使用，请勿公开。'}</b></p>
</div>${qrSvg(v.url)}</div>
`;
}

export function renderHtml(model: FormModel, v: Verification): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(model.title)} ${esc(model.id)}</title>
<style>
@page { size: A4 portrait; margin: 30mm 26mm 28mm 28mm; }
html { font-family: ${FONT_STACKS.body}; font-size: 12pt; line-height: 1.6; color: #000; }
body { margin: 0; }
${formCss()}</style></head>
<body>
${formBody(model, v)}</body></html>
`;
}

/** The footer Chromium prints on every page (its own small document: styles inline). */
export const footerTemplate = (model: FormModel, v: Verification) =>
  `<div style="width:100%;text-align:center;font-size:8pt;font-family:${esc(FONT_STACKS.body)};color:#000">${esc(model.id)} · 版本 ${esc(shortRevision(v.revision))} · 第 <span class="pageNumber"></span> 页 共 <span class="totalPages"></span> 页</div>`;
