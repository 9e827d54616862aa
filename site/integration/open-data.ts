/**
 * Open data: the static JSON API (/api/rounds.json, /api/demands.json, /api/demands/<id>.json)
 * and each round's catalogue as CSV and XLSX under /downloads/. Everything is built from the
 * public model: a field that is not in a demand's public view cannot appear here.
 */
import type { DemandView, SiteData } from '../data/model.ts';
import { stateLabel } from '../../pipeline/face/core.ts';
import { demandPath, href, fileHref } from '../render/paths.ts';
import { catalogueCsv, rows } from './rows.ts';
import { catalogueWorkbook } from './workbook.ts';
import type { OutputWriter } from './writer.ts';

export interface OpenDataOptions {
  out: OutputWriter;
  base: string;
  origin: string;
  generatedAt: string;
}

const json = (v: unknown) => `${JSON.stringify(v, null, 1)}\n`;

function demandSummary(d: DemandView, o: OpenDataOptions) {
  return {
    id: d.id,
    round: d.data.round,
    title: d.data.title,
    issuer: d.data.anonymousIssuer ? null : (d.data.issuer?.name ?? null),
    region: d.data.issuer?.region ?? null,
    field: d.data.field,
    demandType: d.data.demandType,
    cooperationModes: d.data.cooperationModes,
    plannedInvestment: d.data.plannedInvestment ?? null,
    status: d.status.state,
    statusLabel: stateLabel(d.status.state, 'zh'),
    publishedAt: d.publishedAt,
    deadline: d.deadline ?? null,
    origin: d.external ? 'national' : 'local',
    url: `${o.origin}${href(o.base, 'zh', demandPath(d.id))}`,
    api: fileHref(o.base, `api/demands/${d.id}.json`),
  };
}

/** The full public record of a demand, with its status, timeline and announced selections. */
export function demandDocument(d: DemandView) {
  return {
    ...d.data,
    status: {
      state: d.status.state,
      since: d.status.since ?? null,
      label: stateLabel(d.status.state, 'zh'),
      labelEn: stateLabel(d.status.state, 'en'),
    },
    timeline: d.timeline,
    selected: d.selected,
    publishedAt: d.publishedAt,
    deadline: d.deadline ?? null,
    origin: d.external ? 'national' : 'local',
    ...(d.external ? { national: d.external } : {}),
    // The sha256 of the demand's file, as the ledger and printed forms name a revision (docs/paper.md);
    // the model gives it to local demands only.
    ...(d.revision ? { revision: d.revision } : {}),
  };
}

export async function writeOpenData(data: SiteData, o: OpenDataOptions): Promise<number> {
  let files = 0;
  const meta = { generatedAt: o.generatedAt, site: data.site.name };
  o.out.write(
    'api/rounds.json',
    json({
      ...meta,
      rounds: data.rounds.map((r) => ({
        ...r.round,
        phaseNow: r.phaseNow,
        demands: r.demands.length,
        applications: r.applications,
        selections: r.selections,
      })),
    }),
  );
  o.out.write(
    'api/demands.json',
    json({ ...meta, count: data.demands.length, demands: data.demands.map((d) => demandSummary(d, o)) }),
  );
  files += 2;
  for (const d of data.demands) {
    o.out.write(`api/demands/${d.id}.json`, json(demandDocument(d)));
    files++;
  }
  for (const r of data.rounds) {
    if (!r.demands.length) continue;
    const table = rows(r.demands, (d) => `${o.origin}${href(o.base, 'zh', demandPath(d.id))}`);
    o.out.write(`downloads/${r.round.id}.csv`, catalogueCsv(table));
    const buffer = await catalogueWorkbook(table, `${r.round.title}需求目录`, new Date(o.generatedAt), r.round.id);
    o.out.write(`downloads/${r.round.id}.xlsx`, buffer);
    files += 2;
  }
  return files;
}
