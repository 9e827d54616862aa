/**
 * Horizontal bar charts drawn at build time as inline SVG: readable without JavaScript,
 * with a title and a description that lists every value (the text alternative), and the
 * numbers written beside the bars. One or more series (legend shown for more than one).
 */
import { esc } from './escape.ts';

export interface ChartItem {
  label: string;
  values: number[];
}
export interface ChartOptions {
  id: string;
  title: string;
  series: string[];
  items: ChartItem[];
  lang: 'zh' | 'en';
  labelLang?: string;
}

const COLORS = ['#b3121b', '#0b4f9c', '#1a6b2f'];
const ROW = 22;
const GAP = 10;
const LABEL_W = 150;
const BAR_W = 380;
const WIDTH = LABEL_W + BAR_W + 70;

export function barChart(o: ChartOptions): string {
  const max = Math.max(1, ...o.items.flatMap((i) => i.values));
  const groupH = o.series.length * ROW + GAP;
  const legendH = o.series.length > 1 ? 28 : 0;
  const height = legendH + o.items.length * groupH + 4;
  const sep = o.lang === 'zh' ? '；' : '; ';
  const desc = o.items
    .map(
      (i) =>
        `${i.label}${o.lang === 'zh' ? '：' : ': '}${i.values.map((v, k) => (o.series.length > 1 ? `${o.series[k]} ${v}` : v)).join(o.lang === 'zh' ? '，' : ', ')}`,
    )
    .join(sep);
  let body = '';
  if (legendH) {
    body += o.series
      .map(
        (s, k) =>
          `<rect x="${LABEL_W + k * 130}" y="6" width="14" height="14" fill="${COLORS[k]}"/><text x="${LABEL_W + k * 130 + 20}" y="18">${esc(s)}</text>`,
      )
      .join('');
  }
  o.items.forEach((item, i) => {
    const y0 = legendH + i * groupH;
    body += `<text x="${LABEL_W - 8}" y="${y0 + (o.series.length * ROW) / 2 + 5}" text-anchor="end"${o.labelLang ? ` lang="${o.labelLang}"` : ''}>${esc(item.label)}</text>`;
    item.values.forEach((v, k) => {
      const w = Math.round((v / max) * BAR_W);
      const y = y0 + k * ROW;
      body += `<rect x="${LABEL_W}" y="${y + 3}" width="${Math.max(w, v > 0 ? 2 : 0)}" height="${ROW - 6}" fill="${COLORS[k]}"/><text x="${LABEL_W + w + 6}" y="${y + ROW / 2 + 5}">${v}</text>`;
    });
  });
  return (
    `<figure class="chart"><svg role="img" aria-labelledby="${o.id}-t ${o.id}-d" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" font-size="13" fill="#1b1f24">` +
    `<title id="${o.id}-t">${esc(o.title)}</title><desc id="${o.id}-d">${esc(desc)}</desc>${body}</svg></figure>`
  );
}
