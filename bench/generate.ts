#!/usr/bin/env node
/**
 * `node bench/generate.ts [--n 10000] [--seed jiebang-bench] [--out bench/out/content-<n>] [--now <ISO>]`
 *
 * Writes a synthetic archive of N demands into a folder of its own (never the repository's
 * content/), laid out like a repository: `<out>/content/` holds rounds of several regions
 * and years, demands, SME profiles, applications and the decision ledger putting records
 * in every state, site.yml, officers.yml and a few pages; `<out>/manifest.json` records
 * what was made and the moment the archive is set at (give it to the site build as
 * JIEBANG_NOW). Deterministic: the same seed, N and now give the same bytes. Records are
 * written as they are made, so 50,000 demands fit in Node's default heap.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Officers } from '../pipeline/generated/types.ts';
import { formatYaml } from '../pipeline/content/format.ts';
import type { Kind } from '../pipeline/schema/registry.ts';
import { coverJpeg, logoPng } from './images.ts';
import {
  Chain,
  atLeast,
  bureauFate,
  demandFate,
  leadingOutcome,
  playBureau,
  playDemand,
  playWork,
  roleActor,
  workFate,
  type Actors,
  type Numbers,
} from './lifecycle.ts';
import { Materializer } from './materialize.ts';
import { Identities } from './people.ts';
import { Random } from './random.ts';
import {
  makeApplication,
  makeDemand,
  makeIssuer,
  makePages,
  makeRound,
  makeSite,
  makeSme,
  type Issuer,
  type Sme,
} from './records.ts';
import { planRounds, type RoundPlan } from './schedule.ts';
import type { Region } from './vocab.ts';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_NOW = '2026-06-15T10:00:00+08:00';
export const DEFAULT_SEED = 'jiebang-bench';
/** Marks a folder as the generator's, so it may be emptied and rewritten. */
export const MARKER = '.bench-generated';

const ISSUERS_PER_REGION = 24;
const MAX_OFFICERS = 500;
const MAX_DEMANDS_PER_OFFICER = 500;

export interface GenerateOptions {
  n: number;
  seed?: string;
  out?: string;
  now?: string;
  /** Share of issuers (not hiding their name) with a logo; of demands with an illustration. */
  logoShare?: number;
  illustrationShare?: number;
  /** Worker threads writing files (0: write on the main thread); one more than the machine's cores by default, so a thread waiting on the disk leaves none idle. */
  workers?: number;
}

export interface Manifest {
  generator: string;
  /** Digest of the generator's sources and the schemas: an archive made by other code is made again. */
  sourceHash: string;
  seed: string;
  n: number;
  now: string;
  /** The archive folder and the content folder in it. */
  out: string;
  content: string;
  rounds: Array<{ id: string; stage: string; demands: number }>;
  files: Record<Kind | 'image', number>;
  bytes: number;
  seconds: number;
  /** CPU time of the generator (every thread, user + system): steadier than `seconds` on a busy machine. */
  cpuSeconds: number;
}

export const defaultOut = (n: number) => join(REPO_ROOT, 'bench', 'out', `content-${n}`);

/** The sources an archive depends on: the generator's modules, the canonical format and the schemas. */
export function sourceHash(): string {
  const hash = createHash('sha256');
  const generator = [
    'generate',
    'images',
    'lifecycle',
    'materialize',
    'materialize-worker',
    'people',
    'random',
    'records',
    'schedule',
    'text',
    'vocab',
  ].map((m) => `bench/${m}.ts`);
  const schemas = readdirSync(join(REPO_ROOT, 'schemas'))
    .sort()
    .map((f) => `schemas/${f}`);
  for (const f of [...generator, ...schemas, 'pipeline/content/format.ts', 'pipeline/review/ledger.ts'])
    hash.update(f).update(readFileSync(join(REPO_ROOT, f)));
  return hash.digest('hex').slice(0, 16);
}

/** The manifest of the archive at `out` if it was made with these settings by this code. */
export function existingArchive(out: string, settings: { n: number; seed: string; now: string }): Manifest | undefined {
  try {
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
    return m.n === settings.n &&
      m.seed === settings.seed &&
      m.now === settings.now &&
      m.sourceHash === sourceHash() &&
      existsSync(m.content)
      ? m
      : undefined;
  } catch {
    return undefined;
  }
}

/** Empty `out` if it is ours; refuse the repository or anyone else's folder. */
function prepare(out: string): void {
  const inside = (dir: string, parent: string) =>
    !relative(parent, dir).startsWith('..') && !isAbsolute(relative(parent, dir));
  if (inside(REPO_ROOT, out) || inside(out, join(REPO_ROOT, 'content')))
    throw new Error(`refusing to write into ${out}`);
  if (existsSync(out) && readdirSync(out).length > 0) {
    if (!existsSync(join(out, MARKER)))
      throw new Error(`${out} is not empty and was not made by the generator; choose another --out`);
    rmSync(out, { recursive: true, force: true });
  }
  mkdirSync(out, { recursive: true });
}

/** Issue and comment numbers of the (imagined) forge, in the order acts are planned. */
class Forge implements Numbers {
  private issue = 0;
  private comment = 1_000_000;
  readonly repoUrl: string;

  constructor(repoUrl: string) {
    this.repoUrl = repoUrl;
  }

  nextIssue(): number {
    return ++this.issue;
  }
  nextComment(): number {
    return ++this.comment;
  }
}

/** Applications per demand: 0–15, median 3 (a rounded exponential). */
export function applicationCount(rng: Random): number {
  return Math.min(15, Math.round(-Math.log(1 - rng.next()) * (3 / Math.LN2)));
}

export async function generate(options: GenerateOptions): Promise<Manifest> {
  const n = options.n;
  if (!Number.isInteger(n) || n < 1) throw new Error('--n must be a positive integer');
  const seed = options.seed ?? DEFAULT_SEED;
  const nowText = options.now ?? DEFAULT_NOW;
  const now = new Date(nowText);
  if (Number.isNaN(now.getTime()) || !/(Z|[+-]\d{2}:?\d{2})$/.test(nowText))
    throw new Error('--now needs an ISO time with an offset');
  const out = resolve(options.out ?? defaultOut(n));
  const logoShare = options.logoShare ?? 0.1;
  const illustrationShare = options.illustrationShare ?? 0.01;
  prepare(out);
  // Timed from here: removing an earlier archive is not generating this one.
  const started = performance.now();
  const cpuStart = process.cpuUsage();

  const rng = new Random(seed);
  const ids = new Identities();
  const plans = planRounds(rng.fork('rounds'), n, now);
  const regions = [...new Map(plans.map((p) => [p.region.code, p.region])).values()];
  const site = makeSite(regions);
  const forge = new Forge(`${site.forge.url}/${site.forge.repo}`);
  const content = join(out, 'content');
  const m = new Materializer(content, options.workers ?? availableParallelism() + 1);
  writeFileSync(join(out, MARKER), `generated by bench/generate.ts: seed ${seed}, n ${n}, now ${nowText}\n`);

  // Officers: two bureau officers a region, MIIT liaisons, an administrator; issuer representatives as issuers appear.
  const officerRng = rng.fork('officers');
  const officers: Array<Officers['officers'][number]> = [];
  const bureauByRegion = new Map<string, Actors['bureau']>();
  for (const region of regions) {
    const list = [0, 1].map(() => ids.person(officerRng, true).login);
    for (const login of list) officers.push({ login, name: ids.person(officerRng).name, role: 'bureau' });
    bureauByRegion.set(
      region.code,
      list.map((l) => roleActor(l, 'bureau')),
    );
  }
  const miit = [0, 1].map(() => ids.person(officerRng, true).login);
  for (const login of miit) officers.push({ login, name: ids.person(officerRng).name, role: 'miit' });
  const admin = ids.person(officerRng, true).login;
  officers.push({ login: admin, name: ids.person(officerRng).name, role: 'admin' });

  // Issuers and SMEs are drawn from pools per region, made on first use from their own streams.
  const issuers = new Map<string, Issuer & { rep: string; demands: string[] }>();
  const issuerOf = (region: Region, i: number) => {
    const key = `${region.code}:${i}`;
    let issuer = issuers.get(key);
    if (!issuer) {
      const r = rng.fork(`issuer:${key}`);
      issuer = { ...makeIssuer(r, ids, region, logoShare), rep: ids.person(r, true).login, demands: [] };
      issuers.set(key, issuer);
    }
    return issuer;
  };
  const demandsByRegion = new Map<string, number>();
  for (const p of plans) demandsByRegion.set(p.region.code, (demandsByRegion.get(p.region.code) ?? 0) + p.demands);
  const smes = new Map<string, Sme>();
  const smeOf = async (region: Region, i: number, year: number) => {
    const key = `${region.code}:${i}`;
    let sme = smes.get(key);
    if (!sme) {
      sme = makeSme(rng.fork(`sme:${key}`), ids, region, year);
      smes.set(key, sme);
      await m.add(
        { kind: 'record', record: 'enterprise', path: `enterprises/${sme.profile.uscc}/index.yml`, data: sme.profile },
        'enterprise',
      );
    }
    return sme;
  };
  const logos = new Map<string, Buffer>();

  for (const page of makePages())
    await m.add(
      { kind: 'file', path: page.path, bytes: `---\n${formatYaml('page', page.data)}---\n\n${page.body}` },
      'page',
    );

  for (const plan of plans) {
    const roundRng = rng.fork(`round:${plan.id}`);
    await m.add(
      { kind: 'record', record: 'round', path: `rounds/${plan.id}.yml`, data: makeRound(plan, ids, roundRng) },
      'round',
    );
    const actors: Actors = {
      system: roleActor('jiebang[bot]', 'system'),
      submitter: roleActor('shenbao-qiye', 'submitter'),
      bureau: bureauByRegion.get(plan.region.code)!,
      miit: miit.map((l) => roleActor(l, 'miit')),
    };
    const smePool = Math.max(20, Math.ceil(demandsByRegion.get(plan.region.code)! * 1.2));
    let appIndex = 0;
    let selecting = 0;
    let catalogued = 0;
    for (let seq = 1; seq <= plan.demands; seq++) {
      const r = roundRng.fork(seq);
      const issuer = issuerOf(plan.region, r.int(0, ISSUERS_PER_REGION - 1));
      const draft = makeDemand(r, ids, plan, seq, issuer, illustrationShare);
      const { demand } = draft;
      const fate = demandFate(r, plan.stage, seq - 1);
      const dir = `demands/${demand.id}`;
      const chain = new Chain(plan, now, r, forge);
      playDemand(chain, fate, r, actors, plan.stage);
      // The catalogue number is the pipeline's, added after MIIT's act: the file judged had none.
      // Each round has a demand catalogued for directed applications only (and others by chance).
      if (fate === 'catalogued' && ++catalogued === 2) demand.isPublic = false;
      // Editors add the issuer's logo when a demand is published: a withheld demand has none.
      if (!(fate === 'catalogued' && demand.isPublic)) delete demand.issuer.logo;
      const judged = { ...demand };
      if (fate === 'catalogued') {
        demand.catalogueNo = `${plan.year}-${plan.region.code}-${String(seq).padStart(3, '0')}`;
        issuer.demands.push(demand.id);
      }
      await m.add(
        {
          kind: 'record',
          record: 'demand',
          path: `${dir}/index.yml`,
          data: demand,
          chain: {
            subject: demand.id,
            acts: chain.acts,
            final: judged,
            first: { ...judged, background: draft.firstBackground },
          },
        },
        'demand',
      );
      if (demand.issuer.logo) {
        let logo = logos.get(issuer.uscc);
        if (!logo) logos.set(issuer.uscc, (logo = await logoPng(rng.fork(`logo:${issuer.uscc}`))));
        await m.add({ kind: 'file', path: `${dir}/logo.png`, bytes: logo }, 'image');
      }
      if (demand.illustration)
        await m.add({ kind: 'file', path: `${dir}/cover.jpg`, bytes: await coverJpeg(r.fork('cover')) }, 'image');

      if (fate !== 'catalogued' || !atLeast(plan.stage, 'apply')) continue;
      // The round's first selecting demands walk through every outcome: they get applicants and choose one.
      const leading = atLeast(plan.stage, 'selection') ? leadingOutcome(plan.stage, selecting) : undefined;
      const drawn = demand.isPublic ? applicationCount(r) : Math.min(3, applicationCount(r));
      const count = leading ? Math.max(3, drawn) : drawn;
      const taken = new Set<number>();
      const apps: Array<{ made: ReturnType<typeof makeApplication>; chain: Chain }> = [];
      const forwarded: Chain[] = [];
      for (let a = 1; a <= count; a++) {
        let pick = r.int(0, smePool - 1);
        while (taken.has(pick)) pick = r.int(0, smePool - 1);
        taken.add(pick);
        const sme = await smeOf(plan.region, pick, plan.year);
        const id = `${demand.id}-A${String(a).padStart(2, '0')}`;
        const made = makeApplication(r, id, demand, draft.field, sme, !demand.isPublic);
        const appChain = new Chain(plan, now, r, forge);
        const bf = leading && a === 1 ? 'forwarded' : bureauFate(r, plan.stage, appIndex++);
        playBureau(appChain, bf, r, actors);
        apps.push({ made, chain: appChain });
        if (bf === 'forwarded') forwarded.push(appChain);
      }
      // The issuer selects 1–3 of the forwarded applications (or, sometimes, none).
      if (
        atLeast(plan.stage, 'selection') &&
        forwarded.length > 0 &&
        (leading || r.chance(plan.stage === 'selection' ? 0.6 : 0.85))
      ) {
        selecting++;
        const rep = roleActor(issuer.rep, 'issuer');
        if (leading === 'undecided') {
          /* the issuer is still choosing */
        } else if (leading) playWork(forwarded[0]!, leading, r, rep);
        else {
          const wanted = Math.min(forwarded.length, Number(r.weighted({ 1: 50, 2: 35, 3: 15 })));
          for (const appChain of r.sample(forwarded, wanted)) playWork(appChain, workFate(r, plan.stage), r, rep);
        }
      }
      for (const { made, chain: appChain } of apps) {
        await m.add(
          {
            kind: 'record',
            record: 'application',
            path: `applications/${made.app.id}.yml`,
            data: made.app,
            chain: { subject: made.app.id, acts: appChain.acts, first: made.first },
          },
          'application',
        );
      }
    }
  }

  for (const issuer of issuers.values()) {
    if (issuer.demands.length === 0) continue;
    if (issuer.demands.length > MAX_DEMANDS_PER_OFFICER)
      throw new Error(
        `issuer ${issuer.name} has ${issuer.demands.length} catalogued demands, more than an officer may list (${MAX_DEMANDS_PER_OFFICER}); add issuers per region`,
      );
    officers.push({ login: issuer.rep, name: ids.person(officerRng).name, role: 'issuer', demands: issuer.demands });
  }
  if (officers.length > MAX_OFFICERS)
    throw new Error(`${officers.length} officers, more than the registry holds (${MAX_OFFICERS})`);
  await m.add({ kind: 'record', record: 'officers', path: 'officers.yml', data: { officers } }, 'officers');
  await m.add({ kind: 'record', record: 'site', path: 'site.yml', data: site }, 'site');
  await m.close();

  const manifest: Manifest = {
    generator: 'bench/generate.ts',
    sourceHash: sourceHash(),
    seed,
    n,
    now: nowText,
    out,
    content,
    rounds: plans.map((p: RoundPlan) => ({ id: p.id, stage: p.stage, demands: p.demands })),
    files: m.files,
    bytes: m.bytes,
    seconds: Math.round((performance.now() - started) / 10) / 100,
    cpuSeconds: (() => {
      const c = process.cpuUsage(cpuStart);
      return Math.round((c.user + c.system) / 1e4) / 100;
    })(),
  };
  writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

async function main(argv: string[]): Promise<number> {
  const { parseArgs } = await import('node:util');
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        n: { type: 'string', default: '1000' },
        seed: { type: 'string' },
        out: { type: 'string' },
        now: { type: 'string' },
        logos: { type: 'string' },
        illustrations: { type: 'string' },
        workers: { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (e) {
    process.stderr.write(`generate: ${(e as Error).message}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(
      'usage: node bench/generate.ts [--n 1000] [--seed jiebang-bench] [--out bench/out/content-<n>] [--now 2026-06-15T10:00:00+08:00] [--logos 0.1] [--illustrations 0.01] [--workers <cores>]\n',
    );
    return 0;
  }
  try {
    const m = await generate({
      n: Number(values.n),
      ...(values.seed ? { seed: values.seed } : {}),
      ...(values.out ? { out: values.out } : {}),
      ...(values.now ? { now: values.now } : {}),
      ...(values.logos ? { logoShare: Number(values.logos) } : {}),
      ...(values.illustrations ? { illustrationShare: Number(values.illustrations) } : {}),
      ...(values.workers ? { workers: Number(values.workers) } : {}),
    });
    const total = Object.values(m.files).reduce((a, b) => a + b, 0);
    process.stdout.write(
      `${m.out}: ${m.n} demands, ${total} files (${Object.entries(m.files)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}), ${(m.bytes / 1e6).toFixed(1)} MB in ${m.seconds} s (CPU ${m.cpuSeconds} s)\n`,
    );
    return 0;
  } catch (e) {
    process.stderr.write(`generate: ${(e as Error).message}\n`);
    return 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  process.exitCode = await main(process.argv.slice(2));
