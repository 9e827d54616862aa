/**
 * All records of a content folder, indexed the ways the rules, the ledger and the site
 * look them up. Built from loaded records; records that failed to parse are left out
 * (their issues are reported by whoever loaded them).
 */
import type { Application, Decision, Demand, Enterprise, External, Officers, Page, Round, Site } from '../generated/types.ts';
import type { LoadedRecord } from './load.ts';
import { byCodeUnits } from '../domain/order.ts';

export interface Catalog {
  site?: Site;
  officers?: Officers;
  rounds: Map<string, Round>;
  demands: Map<string, Demand>;
  /** Entries of the national catalogue (content/catalogue/): demands from elsewhere local SMEs may apply to. */
  externals: Map<string, External>;
  enterprises: Map<string, Enterprise>;
  applications: Map<string, Application>;
  /** Each subject's decisions in ledger order (by seq). */
  decisions: Map<string, Decision[]>;
  pages: Array<{ slug: string; lang: 'zh' | 'en'; data: Page; body: string; file: string }>;
  applicationsByDemand: Map<string, Application[]>;
  /** The loaded record behind each id (demand, application, enterprise, round) and decision file. */
  sources: Map<string, LoadedRecord>;
}

export function buildCatalog(records: LoadedRecord[]): Catalog {
  const c: Catalog = {
    rounds: new Map(), demands: new Map(), externals: new Map(), enterprises: new Map(), applications: new Map(),
    decisions: new Map(), pages: [], applicationsByDemand: new Map(), sources: new Map(),
  };
  for (const r of records) {
    if (!r.data) continue;
    const d = r.data as never;
    switch (r.kind) {
      case 'site': c.site = d; c.sources.set('site.yml', r); break;
      case 'officers': c.officers = d; break;
      case 'round': c.rounds.set(String(r.data.id), d); c.sources.set(String(r.data.id), r); break;
      case 'demand': c.demands.set(String(r.data.id), d); c.sources.set(String(r.data.id), r); break;
      case 'external': c.externals.set(String(r.data.id), d); c.sources.set(String(r.data.id), r); break;
      case 'enterprise': c.enterprises.set(String(r.data.uscc), d); c.sources.set(String(r.data.uscc), r); break;
      case 'application': {
        const app = d as Application;
        c.applications.set(app.id, app);
        c.sources.set(app.id, r);
        const list = c.applicationsByDemand.get(app.demandId) ?? [];
        list.push(app);
        c.applicationsByDemand.set(app.demandId, list);
        break;
      }
      case 'decision': {
        const dec = d as Decision;
        const list = c.decisions.get(dec.subject) ?? [];
        list.push(dec);
        c.decisions.set(dec.subject, list);
        c.sources.set(`${dec.subject}#${dec.seq}`, r);
        break;
      }
      case 'page': {
        const lang = /(^|\/)pages\/en\//.test(r.file) ? 'en' : 'zh';
        c.pages.push({ slug: r.locationId, lang, data: d, body: r.body ?? '', file: r.file });
        break;
      }
    }
  }
  for (const list of c.decisions.values()) list.sort((a, b) => a.seq - b.seq);
  for (const list of c.applicationsByDemand.values()) list.sort((a, b) => byCodeUnits(a.id, b.id));
  return c;
}
