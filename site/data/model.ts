/**
 * What the site publishes, computed once per build from the pipeline:
 * loadPaths → buildCatalog → computeStatuses(catalog, now) → publicView. Pages, the demand
 * page renderer, search, feeds, the API and the exports all read this model and nothing
 * else, so a field that is not in it cannot reach the output.
 */
import type { Demand, Page, Round, Site, Catalog, Status, TimelineEvent, PhaseId } from '../../pipeline/face/core.ts';
import type { Secret } from './secrets.ts';

export type { Demand, Page, Round };

/** A demand as the public may see it: restricted fields (and the issuer, when hidden) removed. */
export type PublicDemand = Partial<Demand> & Pick<Demand, 'id' | 'round' | 'title'>;

export interface DemandView {
  id: string;
  data: PublicDemand;
  status: Status;
  /** The public timeline: states and when they were entered (never who acted, never reasons). */
  timeline: Array<Pick<TimelineEvent, 'at' | 'state'>>;
  /** Names of the SMEs selected, once the selection is announced (the demand is matched or later). */
  selected: string[];
  /** The issuer page's slug (its credit code), when the issuer shows its name. */
  issuerSlug?: string;
  /** When the demand entered the catalogue (ISO), for "newest" and the feeds. */
  publishedAt: string;
  /** Last day of the round's application phase (YYYY-MM-DD, Beijing). */
  deadline?: string;
  /** Whether 揭榜 is open now (the 我要揭榜 button shows only then). */
  open: boolean;
  /** The folder of the demand's file (its images live there). */
  dir: string;
  /** The revision of the demand's file as the build read it (a local demand; docs/paper.md). */
  revision?: string;
  /** Set for an entry of the national catalogue (a demand from elsewhere, content/catalogue/). */
  external?: ExternalMark;
}

/** What marks an entry of the national catalogue on the site: where it is from and its provenance. */
export interface ExternalMark {
  province: string;
  city?: string;
  summary?: string;
  contact?: string;
  /** The notice that published the catalogue (文号), when the import named it. */
  notice?: string;
  /** When a later list left it out (ISO). */
  withdrawnAt?: string;
}

export interface RoundView {
  round: Round;
  /** The phase the build's `now` falls in. */
  phaseNow: PhaseId | 'before' | 'between' | 'after';
  demands: DemandView[];
  applications: number;
  selections: number;
}

export interface IssuerView {
  slug: string;
  name: string;
  demands: DemandView[];
}

export interface PageView {
  slug: string;
  lang: 'zh' | 'en';
  data: Page;
  /** The MDX source (for the search index). */
  body: string;
  file: string;
}

export interface SiteData {
  site: Site;
  /** The moment statuses are computed at (JIEBANG_NOW or the clock). */
  now: Date;
  contentDir: string;
  /** Newest round first. */
  rounds: RoundView[];
  /** The round in progress (or the newest one). */
  currentRound?: RoundView;
  /** Every public demand, by id. */
  demands: DemandView[];
  byId: Map<string, DemandView>;
  issuers: IssuerView[];
  pages: PageView[];
  /** The officers' registry (the submission form seals to their keys). */
  catalog: Pick<Catalog, 'officers'>;
  /** What the privacy scan looks for in the output (secrets.ts); the records themselves are not kept. */
  secrets: Secret[];
  secretImages: Map<string, Secret>;
}
