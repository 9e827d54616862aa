/**
 * How big a sealed application is, and whether it fits the forge's issue body (65,536
 * characters on GitHub). Applications of 5,000, 15,000 and 30,000 characters (and the most
 * the schema allows) are written with the bench's prose generator, their restricted part
 * compressed three ways for comparison (gzip and deflate: what CompressionStream offers in
 * every browser; brotli: Node only) and then sealed for real (seal.ts: gzip, age, armor)
 * to the sample officers plus one issuer representative; the issue body is rendered from
 * the sealed record as the helper does. Run alone: `node bench/run.ts --only sealed`.
 *
 * The bench's sentence templates come from a finite pool and repeat, so their text
 * compresses far better than anyone's own prose; the sizes that count are those of
 * `markov` text: an order-1 character chain trained on the guides and notices in
 * content/pages (real programme Chinese): its characters follow one another as in real text, and it repeats
 * no sentence, so it compresses a little worse than real prose (a safe estimate). docs/intake.md gives both.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, deflateRawSync, gzipSync } from 'node:zlib';
import { parse } from 'yaml';
import type { Application, Officers } from '../../pipeline/generated/types.ts';
import { bodyFromRecord } from '../../pipeline/forms/render-body.ts';
import { recipientsFor } from '../../pipeline/seal/recipients.ts';
import { restrictedFields } from '../../pipeline/privacy/visibility.ts';
import { seal } from '../../pipeline/seal/seal.ts';
import { Random } from '../random.ts';
import { BASICS, CAPABILITY, clamp, COOPERATION, PLAN, Prose, RESULTS, SAFEGUARDS, UNDERSTANDING } from '../text.ts';
import { FIELDS } from '../vocab.ts';

import { FORGE_BODY_LIMIT } from '../../pipeline/forms/parse-body.ts';
import { SEALED_ATTACHMENT } from '../../pipeline/intake/sealed-attachment.ts';

export { FORGE_BODY_LIMIT };

export interface SealedSize {
  /** Characters of the application's text (chapters and indicator responses). */
  chars: number;
  utf8: number;
  gzip: number;
  deflate: number;
  brotli: number;
  /** Characters of the armored, sealed blob (gzip inside). */
  sealed: number;
  /** Characters of the whole issue body carrying it. */
  body: number;
  fits: boolean;
}

const MAXIMA = {
  basics: 5000,
  capability: 10000,
  understanding: 5000,
  plan: 15000,
  cooperation: 5000,
  outcomes: 5000,
  safeguards: 5000,
} as const;
const SHARES = {
  basics: 0.12,
  capability: 0.2,
  understanding: 0.12,
  plan: 0.3,
  cooperation: 0.08,
  outcomes: 0.1,
  safeguards: 0.08,
} as const;
const POOLS = {
  basics: BASICS,
  capability: CAPABILITY,
  understanding: UNDERSTANDING,
  plan: PLAN,
  cooperation: COOPERATION,
  outcomes: RESULTS,
  safeguards: SAFEGUARDS,
} as const;

/** An application to the sample demand XM-2026-001 with `total` characters of chapters (or every chapter at its maximum). */
export function applicationOf(total: number | 'max', seed = 1): Application {
  const rng = new Random(`sealed-${total}-${seed}`);
  const v = FIELDS.ngit;
  const indicators = ['识别准确率', '检测速度', '端到端时延', '并发接入数', '定位精度', '传输速率'];
  const prose = new Prose(rng, {
    applicant: '厦门芯感微电子科技有限公司',
    established: '2016',
    city: '厦门市',
    tech: v.techs,
    product: v.objects,
    scene: v.scenes,
    ind: indicators,
    obj: '工业视觉检测系统',
    mode: '联合攻关',
  });
  const chapters = Object.fromEntries(
    Object.entries(MAXIMA).map(([c, max]) => {
      const want = total === 'max' ? max : Math.min(max, Math.floor(total * SHARES[c as keyof typeof SHARES]));
      return [c, clamp(prose.paragraphs(POOLS[c as keyof typeof POOLS], want), max)];
    }),
  );
  return {
    id: 'XM-2026-001-A09',
    demandId: 'XM-2026-001',
    applicant: { uscc: '913502000000056G3N', name: '厦门芯感微电子科技有限公司' },
    directed: false,
    chapters: { ...chapters, declaration: true } as Application['chapters'],
    indicatorResponses: (total === 'max' ? Array.from({ length: 30 }, (_, i) => `指标${i + 1}`) : indicators).map(
      (indicator) => ({
        indicator,
        committedValue: `≥${rng.int(10, 999)}`,
        note: clamp(prose.paragraph(UNDERSTANDING, total === 'max' ? 500 : 120), total === 'max' ? 500 : 200),
      }),
    ) as Application['indicatorResponses'],
  };
}

/** An order-1 character chain over the Chinese pages of `pagesDir`: text with real Chinese statistics. */
export function markovProse(pagesDir: string): (rng: Random, length: number) => string {
  const corpus = readdirSync(pagesDir)
    .filter((f) => f.endsWith('.mdx'))
    .map((f) => readFileSync(join(pagesDir, f), 'utf8').replace(/^---[\s\S]*?\n---\n/, ''))
    .join('\n\n');
  const K = 1;
  const next = new Map<string, string[]>();
  const chars = [...corpus];
  for (let i = K; i < chars.length; i++) {
    const key = chars.slice(i - K, i).join('');
    (next.get(key) ?? next.set(key, []).get(key)!).push(chars[i]!);
  }
  const starts = [...next.keys()].filter((k) => /^[\u4e00-\u9fff]{1}$/.test(k));
  return (rng, length) => {
    let key = rng.pick(starts);
    const out: string[] = [...key];
    while (out.length < length) {
      const options = next.get(key);
      const c = options ? rng.pick(options) : undefined;
      if (c === undefined) {
        key = rng.pick(starts);
        out.push('。', ...key);
        continue;
      }
      out.push(c);
      key = out.slice(-K).join('');
    }
    return out.slice(0, length).join('');
  };
}

/** The same application with every text replaced by Markov text of the same length. */
function withMarkovText(app: Application, prose: (rng: Random, length: number) => string, rng: Random): Application {
  const chapters = Object.fromEntries(
    Object.entries(app.chapters).map(([k, v]) => [k, typeof v === 'string' ? prose(rng, v.length) : v]),
  ) as Application['chapters'];
  const indicatorResponses = app.indicatorResponses.map((r) => ({
    ...r,
    ...(r.note ? { note: prose(rng, r.note.length) } : {}),
  })) as Application['indicatorResponses'];
  return { ...app, chapters, indicatorResponses };
}

export type SealedRow = SealedSize & { target: number | 'max'; text: 'markov' | 'templates' };

export async function measureSealed(
  contentDir: string,
  sizes: ReadonlyArray<number | 'max'> = [5000, 15000, 30000, 'max'],
): Promise<SealedRow[]> {
  const officers = parse(readFileSync(join(contentDir, 'officers.yml'), 'utf8')) as Officers;
  const markov = markovProse(join(contentDir, 'pages'));
  const out: SealedRow[] = [];
  for (const [kind, target] of (['markov', 'templates'] as const).flatMap((t) => sizes.map((n) => [t, n] as const))) {
    const generated = applicationOf(target);
    const app = (kind === 'markov'
      ? withMarkovText(generated, markov, new Random(`markov-${target}`))
      : generated) as unknown as Record<string, unknown>;
    const json = JSON.stringify(restrictedFields('application', app));
    const text =
      Object.values(app.chapters as Record<string, unknown>)
        .filter((c): c is string => typeof c === 'string')
        .join('') +
      (app.indicatorResponses as Array<Record<string, string>>).map((r) => r.committedValue + (r.note ?? '')).join('');
    const bytes = Buffer.from(json);
    const sealed = await seal(
      'application',
      app,
      recipientsFor(officers, 'application', app, new Date('2026-08-01T00:00:00+08:00')),
    );
    const { id: _id, ...submitted } = sealed;
    const body = bodyFromRecord('application', submitted);
    out.push({
      target,
      text: kind,
      chars: [...text].length,
      utf8: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      deflate: deflateRawSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes).length,
      sealed: String(sealed.sealed).length,
      body: body.length,
      fits: body.length <= FORGE_BODY_LIMIT,
    });
  }
  return out;
}

export function formatSealed(rows: readonly SealedRow[]): string {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const pct = (a: number, b: number) => `${Math.round((100 * a) / b)}%`;
  const lines = [
    '### Sealed applications (issue body limit 65,536 characters; beyond it a sealed .txt attachment, cap 200,000 bytes)',
    '',
    '| application | text | characters | UTF-8 JSON | gzip | deflate | brotli | sealed blob (chars) | issue body (chars) | carried |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows.map(
      (r) =>
        `| ${r.target === 'max' ? 'every field at its maximum' : `${r.target / 1000}k`} | ${r.text} | ${r.chars} | ${kb(r.utf8)} | ${kb(r.gzip)} (${pct(r.gzip, r.utf8)}) | ${kb(r.deflate)} (${pct(r.deflate, r.utf8)}) | ${kb(r.brotli)} (${pct(r.brotli, r.utf8)}) | ${r.sealed} | ${r.body} | ${r.fits ? 'in the body' : r.sealed <= SEALED_ATTACHMENT.maxBytes ? `attachment (${pct(r.sealed, SEALED_ATTACHMENT.maxBytes)} of the cap)` : '**too large**'} |`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

if (import.meta.main) {
  process.stdout.write(formatSealed(await measureSealed(process.argv[2] ?? 'content')));
}
