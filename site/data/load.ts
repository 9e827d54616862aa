/**
 * Build the site's model (model.ts) from a content folder, once per process: the build
 * script, Astro's prerendering and the output integration all ask for it, so it is cached
 * on globalThis (Astro evaluates this module more than once, in different module graphs).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Application, External } from '../../pipeline/face/core.ts';
import {
  buildCatalog,
  publicView,
  computeStatuses,
  type State,
  phaseAt,
  type Phases,
  SCHEMAS,
  demandOfId,
  byCodeUnits,
} from '../../pipeline/face/core.ts';
import { revisionOf, type LoadedRecord } from '../../pipeline/face/node.ts';
import { buildNow, contentDir, UserError } from '../env.ts';
import { loadSiteContent, type LoadHooks, type SiteContent } from './parallel-load.ts';
import { collectSecrets, secretImages } from './secrets.ts';
import type { Demand, DemandView, IssuerView, Page, PublicDemand, Round, RoundView, SiteData } from './model.ts';

/** States in which a demand is in the public catalogue (catalogued or later). */
export const LISTED_STATES: ReadonlySet<State> = new Set<State>([
  'catalogued',
  'published',
  'closed',
  'matched',
  'unmatched',
  'in_progress',
  'accepted',
  'archived',
]);
/** States after which the selected SMEs are announced. */
const ANNOUNCED_STATES: ReadonlySet<State> = new Set<State>(['matched', 'in_progress', 'accepted', 'archived']);
const SELECTED_STATES: ReadonlySet<State> = new Set<State>([
  'selected',
  'contracted',
  'in_progress',
  'accepted',
  'acceptance_failed',
  'supplier_listed',
  'cooperation_deepened',
]);

/** Invalid content: every problem with its file, in Chinese (and English). */
export class ContentError extends UserError {
  readonly problems: Array<{ file: string; message: string; messageEn: string }>;
  constructor(problems: Array<{ file: string; message: string; messageEn: string }>) {
    super(
      `内容有 ${problems.length} 处错误，网站未生成 (${problems.length} problem(s) in the content; the site was not built):\n` +
        problems.map((p) => `  ${p.file}: ${p.message}`).join('\n'),
    );
    this.problems = problems;
  }
}

/** A catalogued demand's public view, or undefined when it is withheld: what decides that it is listed. */
export function listedView(record: LoadedRecord): PublicDemand | undefined {
  return record.kind === 'demand' && record.data
    ? (publicView('demand', record.data as never) as PublicDemand | undefined)
    : undefined;
}

/** What reads the content: the selective loader by default; the oracle test passes one that reads everything. */
export type ContentReader = (dir: string, now: Date, hooks: LoadHooks) => Promise<SiteContent>;

export async function loadSiteData(
  dir = contentDir(),
  now = buildNow(),
  hooks: LoadHooks = {},
  read: ContentReader = loadSiteContent,
): Promise<SiteData> {
  if (!existsSync(join(dir, 'site.yml')))
    throw new UserError(
      `内容目录 ${dir} 不存在或其中没有 site.yml；请检查 JIEBANG_CONTENT（默认为 content）。 / The content folder ${dir} does not exist or has no site.yml; check JIEBANG_CONTENT (default: content).`,
    );
  // Every record read is validated; relations between records are `jiebang validate`'s (CI).
  const { records, applicationIds } = await read(dir, now, hooks);
  const problems = records.flatMap((r) =>
    r.issues.map((i) => ({ file: r.file, message: i.message, messageEn: i.messageEn })),
  );
  if (problems.length) throw new ContentError(problems);
  const catalog = buildCatalog(records);
  if (!catalog.site)
    throw new ContentError([
      { file: `${dir}/site.yml`, message: '缺少网站设置文件 site.yml。', messageEn: 'site.yml is missing.' },
    ]);
  const statuses = computeStatuses(catalog, now);

  const demands: DemandView[] = [];
  for (const raw of catalog.demands.values() as Iterable<Demand>) {
    const status = statuses.demands.get(raw.id)!;
    if (!LISTED_STATES.has(status.state)) continue;
    const source = catalog.sources.get(raw.id)!;
    const data = listedView(source);
    if (!data) continue;
    // From the reader that dropped the bytes, or from the bytes a reader kept; never the digest of none.
    const revision = source.revision ?? (source.bytes.length ? revisionOf(source.bytes) : undefined);
    const round = catalog.rounds.get(raw.round);
    const timeline = (statuses.timelines.get(raw.id) ?? []).map(({ at, state }) => ({ at, state }));
    const apps: Application[] = catalog.applicationsByDemand.get(raw.id) ?? [];
    const selected = ANNOUNCED_STATES.has(status.state)
      ? apps
          .filter((a) => SELECTED_STATES.has(statuses.applications.get(a.id)?.state ?? 'draft'))
          .map((a) => a.applicant.name)
      : [];
    const catalogued = (catalog.decisions.get(raw.id) ?? []).find((d) => d.to === 'catalogued');
    demands.push({
      id: raw.id,
      // MIIT's 目录编号 as recorded with the catalogue act is the number of record.
      data: catalogued?.catalogueNo ? { ...data, catalogueNo: catalogued.catalogueNo } : data,
      status,
      timeline,
      selected,
      ...(raw.anonymousIssuer ? {} : { issuerSlug: raw.issuer.uscc }),
      publishedAt: catalogued?.at ?? status.since ?? now.toISOString(),
      ...(round?.phases.apply ? { deadline: round.phases.apply.end } : {}),
      open: status.state === 'published',
      dir: dirname(source.file),
      ...(revision ? { revision } : {}),
    });
  }
  for (const entry of catalog.externals.values()) {
    const status = statuses.externals.get(entry.id)!;
    if (!LISTED_STATES.has(status.state)) continue;
    const record = catalog.sources.get(entry.id)!;
    const round = catalog.rounds.get(entry.round);
    demands.push({
      id: entry.id,
      data: externalAsDemand(publicView('external', record.data as never) as unknown as External),
      status,
      timeline: [
        { at: entry.source.importedAt, state: 'catalogued' as State },
        ...(status.state === 'catalogued' ? [] : [{ at: status.since!, state: status.state }]),
      ],
      selected: [],
      publishedAt: entry.source.importedAt,
      ...(round?.phases.apply ? { deadline: round.phases.apply.end } : {}),
      open: status.state === 'published',
      dir: dirname(record.file),
      external: {
        province: entry.region.province,
        ...(entry.region.city ? { city: entry.region.city } : {}),
        ...(entry.summary ? { summary: entry.summary } : {}),
        ...(entry.contact ? { contact: entry.contact } : {}),
        ...(entry.source.notice ? { notice: entry.source.notice } : {}),
        ...(entry.withdrawn ? { withdrawnAt: entry.withdrawn.at } : {}),
      },
    });
  }
  demands.sort((a, b) => byCodeUnits(a.id, b.id));
  const byId = new Map(demands.map((d) => [d.id, d]));

  const rounds: RoundView[] = ([...catalog.rounds.values()] as Round[])
    .sort((a, b) => b.year - a.year || byCodeUnits(b.id, a.id))
    .map((round: Round) => {
      const list = demands.filter((d) => d.data.round === round.id);
      const listed = new Set(list.map((d) => d.id));
      return {
        round,
        phaseNow: phaseAt(round.phases as Partial<Phases>, now),
        demands: list,
        applications: applicationIds.filter((id) => listed.has(demandOfId(id))).length,
        selections: list.reduce((n, d) => n + d.selected.length, 0),
      };
    });
  const currentRound = rounds.find((r) => r.phaseNow !== 'before' && r.phaseNow !== 'after') ?? rounds[0];

  const issuerMap = new Map<string, IssuerView>();
  for (const d of demands) {
    if (!d.issuerSlug || !d.data.issuer?.name) continue;
    const issuer = issuerMap.get(d.issuerSlug) ?? { slug: d.issuerSlug, name: d.data.issuer.name, demands: [] };
    issuer.demands.push(d);
    issuerMap.set(d.issuerSlug, issuer);
  }
  const issuers = [...issuerMap.values()].sort(
    (a, b) => b.demands.length - a.demands.length || a.name.localeCompare(b.name, 'zh'),
  );

  return {
    site: catalog.site,
    now,
    contentDir: dir,
    rounds,
    ...(currentRound ? { currentRound } : {}),
    demands,
    byId,
    issuers,
    pages: catalog.pages.map((p) => ({ slug: p.slug, lang: p.lang, data: p.data as Page, body: p.body, file: p.file })),
    catalog: { ...(catalog.officers ? { officers: catalog.officers } : {}) },
    secrets: collectSecrets(records, (id) => byId.has(id)),
    secretImages: secretImages(records, (id) => byId.has(id)),
  };
}

/**
 * An entry of the national catalogue as the public view of a demand, so every list, page,
 * feed, export and the search read it like any other: its published field and type map to
 * the demand's codes where they name one (else they stay as published).
 */
export function externalAsDemand(e: External): PublicDemand {
  return {
    id: e.id,
    round: e.round,
    title: e.title,
    catalogueNo: e.catalogueNo,
    anonymousIssuer: e.anonymousIssuer === true || !e.issuerName,
    isPublic: true,
    issuer: {
      ...(e.issuerName ? { name: e.issuerName } : {}),
      region: { province: e.region.province, ...(e.region.city ? { city: e.region.city } : {}) },
    } as Demand['issuer'],
    ...(e.field ? { field: codeFor('/field', e.field) as Demand['field'] } : {}),
    ...(e.demandType ? { demandType: codeFor('/demandType', e.demandType) as Demand['demandType'] } : {}),
    ...(e.technicalIndicators ? { technicalIndicators: e.technicalIndicators } : {}),
  };
}

/** The enum code whose Chinese label is `text` (产品配套/采购 → supply), or the text itself. */
function codeFor(pointer: '/field' | '/demandType', text: string): string {
  const labels = (SCHEMAS.demand.properties?.[pointer.slice(1)]?.['x-enum-labels'] ?? {}) as Record<string, string>;
  const squeeze = (s: string) => s.replace(/[\s/／、]/g, '');
  return (
    Object.entries(labels).find(
      ([, label]) => squeeze(label) === squeeze(text) || squeeze(label).startsWith(squeeze(text)),
    )?.[0] ?? text
  );
}

interface Cache {
  key: string;
  data: Promise<SiteData>;
}
const CACHE = Symbol.for('jiebang.siteData');
type WithCache = typeof globalThis & { [CACHE]?: Cache };

/** The model for the configured content folder and moment, loaded once per process. */
export function getSiteData(): Promise<SiteData> {
  const g = globalThis as WithCache;
  const key = `${contentDir()}|${process.env.JIEBANG_NOW ?? ''}`;
  if (!g[CACHE] || g[CACHE].key !== key) {
    const entry: Cache = { key, data: loadSiteData() };
    // A failed load is not kept: the next request loads again. In the dev server an editor's
    // save can be caught half-written, and its page must not stay broken until the next edit.
    entry.data.catch(() => {
      if (g[CACHE] === entry) delete g[CACHE];
    });
    g[CACHE] = entry;
  }
  return g[CACHE].data;
}

/** Hand the model being loaded elsewhere (the build's second thread) to everyone in this process who asks for it. */
export function provideSiteData(data: Promise<SiteData>): void {
  (globalThis as WithCache)[CACHE] = { key: `${contentDir()}|${process.env.JIEBANG_NOW ?? ''}`, data };
}

/** Forget the cached model (the dev server calls this when content changes). */
export function invalidateSiteData(): void {
  delete (globalThis as WithCache)[CACHE];
}
