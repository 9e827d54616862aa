#!/usr/bin/env node
/**
 * `npm run bench [-- --n 1000,10000] [--json out.json] [--only build,validate,intake,weights,search,paper,sealed,editor,redeploy,national]
 *   [--runs 9] [--profile] [--seed jiebang-bench] [--echo]`
 *
 * Measures what users wait for, at national scale, on this machine, and prints a table
 * (with the machine's cores, Node version and load) and, with --json, the same as JSON:
 *   - build:    the full site build of a generated archive at each N: wall time, peak RSS of
 *               the whole process tree, each phase from the build's own timings, the marginal
 *               cost per demand page; `--n 50000` checks a build of 50,000 completes without
 *               raising Node's heap limit;
 *   - validate: bulk validation of every record of the largest archive (up to 10,000) on one
 *               thread — records/s for parse+validate and for validate alone — then the
 *               CLI over the whole folder as users run it: `jiebang validate` (streaming, on
 *               every core) and `jiebang audit --no-git`, wall time and peak RSS;
 *   - intake:   one 揭榜 issue event from process start to verdict, cold, median of --runs,
 *               against a bare `node -e 0`; then the bundled action against the fake GitHub
 *               server answering each REST call after 150 ms and 30 ms: start to the answer
 *               comment, to the last write, and the number of calls (measure/intake-latency.ts);
 *   - paper:    printing each form (DOCX; PDF in a warm Chromium) and processing a stamped
 *               scan: a 10-megapixel phone photo and a 20-page PDF (targets ≤ 1 s, ≤ 2 s);
 *   - editor:   /admin on the local server with real decap-server, in Chromium: cold (fresh
 *               browser) from navigation to logged in and the entries listed, and warm (target ≤ 3 s);
 *   - search:   on the 10,000 build (or the largest built), search on a phone: Chromium with
 *               the CPU slowed 4× and 1.6 Mbps / 150 ms, first results after submitting, bytes
 *               (measure/phone-search.ts);
 *   - redeploy: a city's redeploy, `npm run build` of the sample content, cold and warm
 *               (median of 3 warm runs; measure/redeploy.ts);
 *   - national: a national redeploy (not by default): the archive of the largest N up to 10,000
 *               under git, one cold build, then 2 warm ones with and 2 without the parsed
 *               records kept (measure/national-redeploy.ts);
 *   - weights:  on the 10,000 build (or the largest built): demand page HTML, JavaScript before
 *               interaction on each template, and a search session of three queries, gzip, in
 *               Debian's Chromium.
 * Archives are generated once per (N, seed, generator version) under bench/out/ and reused.
 * Timings are for people to compare; no number here fails anything but the 50,000 check.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  DEFAULT_NOW,
  DEFAULT_SEED,
  REPO_ROOT,
  defaultOut,
  existingArchive,
  generate,
  type Manifest,
} from './generate.ts';
import { buildSite, type BuildResult } from './measure/build.ts';
import { measureIntake, type IntakeTiming } from './measure/intake.ts';
import { measureIntakeLatency } from './measure/intake-latency.ts';
import { measureEditor } from './measure/editor.ts';
import { measurePaper, type PaperTiming } from './measure/paper.ts';
import { summarizeProfiles, type ProfileSummary } from './measure/profile.ts';
import { measure } from './measure/proctree.ts';
import { machineSpeed, type MachineSpeed } from './measure/speed.ts';
import type { BulkValidation } from './measure/validate-bulk.ts';
import { measureWeights, type Weights } from './measure/weights.ts';
import { measureSealed, type SealedRow } from './measure/sealed-size.ts';
import { measureRedeploy } from './measure/redeploy.ts';
import { measureNationalRedeploy } from './measure/national-redeploy.ts';
import { measurePhoneSearch } from './measure/phone-search.ts';
import { formatReport } from './report.ts';
import type { ArchiveInfo, BuildRun, CliRun, Machine, Report } from './report-model.ts';

function machine(): Machine {
  const heapLimit = Number(
    execFileSync(process.execPath, ['-p', 'require("node:v8").getHeapStatistics().heap_size_limit'], {
      env: { ...process.env, NODE_OPTIONS: '' },
    }).toString(),
  );
  return {
    cores: availableParallelism(),
    cpu: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    memory: totalmem(),
    heapLimit,
    loadAtStart: loadavg(),
    speed: machineSpeed(),
  };
}

async function archive(
  n: number,
  seed: string,
  now: string,
  log: (s: string) => void,
): Promise<{ manifest: Manifest; info: ArchiveInfo }> {
  const out = defaultOut(n);
  const found = existingArchive(out, { n, seed, now });
  if (found)
    return {
      manifest: found,
      info: {
        n,
        generatedNow: false,
        generateSeconds: found.seconds,
        ...(found.cpuSeconds === undefined ? {} : { generateCpuSeconds: found.cpuSeconds }),
        files: found.files,
        bytes: found.bytes,
        content: found.content,
      },
    };
  log(`generating ${n} demands into ${out} …`);
  const m = await generate({ n, seed, now, out });
  return {
    manifest: m,
    info: {
      n,
      generatedNow: true,
      generateSeconds: m.seconds,
      generateCpuSeconds: m.cpuSeconds,
      files: m.files,
      bytes: m.bytes,
      content: m.content,
    },
  };
}

function marginal(builds: BuildRun[]): Report['marginal'] {
  const ok = builds.filter((b) => b.ok && b.demandPages > 0).sort((a, b) => a.n - b.n);
  if (ok.length < 2) return undefined;
  const [a, b] = [ok[0]!, ok.at(-1)!];
  const pages = b.demandPages - a.demandPages;
  if (pages <= 0) return undefined;
  const phases = Object.fromEntries(
    Object.keys(b.phases)
      .filter((k) => k !== 'total')
      .map((k) => [k, ((b.phases[k] ?? 0) - (a.phases[k] ?? 0)) / pages]),
  );
  return { from: a.n, to: b.n, wallMsPerPage: (b.wallMs - a.wallMs) / pages, phasesMsPerPage: phases };
}

/** The largest archive of at most 10,000 demands (else the smallest): what validation and the national redeploy use. */
const largestUpTo10k = (manifests: Map<number, Manifest>) =>
  Math.max(...[...manifests.keys()].filter((k) => k <= 10_000), 0) || Math.min(...manifests.keys());

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        n: { type: 'string', default: '1000,10000' },
        json: { type: 'string' },
        only: { type: 'string' },
        runs: { type: 'string', default: '9' },
        profile: { type: 'boolean' },
        seed: { type: 'string', default: DEFAULT_SEED },
        now: { type: 'string', default: DEFAULT_NOW },
        echo: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    }));
  } catch (e) {
    process.stderr.write(`bench: ${(e as Error).message}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(
      'usage: npm run bench [-- --n 1000,10000] [--json out.json] [--only build,validate,intake,weights,search,paper,sealed,editor,redeploy,national] [--runs 9] [--profile] [--seed s] [--echo]\n',
    );
    return 0;
  }
  const sizes = values.n.split(',').map((s) => Number(s.trim()));
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) {
    process.stderr.write('bench: --n takes positive integers, e.g. 1000,10000\n');
    return 2;
  }
  const parts = new Set(
    (values.only ?? 'build,validate,intake,weights,search,paper,sealed,editor,redeploy')
      .split(',')
      .map((s) => s.trim()),
  );
  const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);
  const report: Report = {
    date: new Date().toISOString(),
    machine: machine(),
    seed: values.seed,
    now: values.now,
    archives: [],
    builds: [],
  };
  const work = join(REPO_ROOT, 'bench', 'out');
  mkdirSync(work, { recursive: true });

  const manifests = new Map<number, Manifest>();
  const needArchives = [...new Set(sizes)]
    .sort((a, b) => a - b)
    .filter(
      (n) =>
        parts.has('build') ||
        parts.has('validate') ||
        parts.has('weights') ||
        parts.has('search') ||
        parts.has('national'),
    );
  for (const n of needArchives) {
    const { manifest, info } = await archive(n, values.seed, values.now, log);
    manifests.set(n, manifest);
    report.archives.push(info);
  }

  if (parts.has('build') || parts.has('weights') || parts.has('search')) {
    for (const n of [...manifests.keys()]) {
      log(`building the site of ${n} demands …`);
      const result = await buildSite(manifests.get(n)!.content, values.now, join(work, `build-${n}`), {
        profile: !!values.profile,
        echo: !!values.echo,
      });
      const run: BuildRun = { ...result, n };
      if (result.profileDir && existsSync(result.profileDir)) run.profile = summarizeProfiles(result.profileDir);
      report.builds.push(run);
      log(
        `  ${result.ok ? 'done' : `FAILED (exit ${result.code})`} in ${(result.wallMs / 1000).toFixed(1)} s, peak ${(result.peakRss / 1e9).toFixed(2)} GB`,
      );
    }
    report.marginal = marginal(report.builds);
  }

  if (parts.has('validate')) {
    const n = largestUpTo10k(manifests);
    const content = manifests.get(n)?.content;
    if (content) {
      log(`bulk validation of the ${n} archive …`);
      const bulk = await measure(process.execPath, [join(REPO_ROOT, 'bench/measure/validate-bulk.ts'), content], {
        cwd: REPO_ROOT,
      });
      log('jiebang validate over the whole archive …');
      const cliRun = async (args: string[]): Promise<CliRun> => {
        const m = await measure(process.execPath, [join(REPO_ROOT, 'pipeline/cli/jiebang.ts'), ...args], {
          cwd: REPO_ROOT,
          pollMs: 100,
        });
        return { ms: m.wallMs, cpuMs: m.cpuMs, peakRss: m.peakRss, code: m.code };
      };
      const cli = await cliRun(['validate', content]);
      log('jiebang audit --no-git over the whole archive …');
      const audit = await cliRun(['audit', '--no-git', content]);
      if (bulk.code === 0)
        report.validation = {
          n,
          bulk: { ...(JSON.parse(bulk.stdout) as BulkValidation), peakRss: bulk.peakRss },
          cli,
          audit,
        };
      else log(`bulk validation failed: ${bulk.stderr.slice(-500)}`);
    }
  }

  if (parts.has('intake')) {
    log(`intake, ${values.runs} cold runs each …`);
    report.intake = await measureIntake(Number(values.runs));
    // An answer on a real forge: each REST call held back as a round trip to GitHub would be.
    report.intakeLatency = [];
    for (const latencyMs of [150, 30]) {
      log(`intake with ${latencyMs} ms per REST call, 3 runs …`);
      report.intakeLatency.push(await measureIntakeLatency(latencyMs, 3));
    }
  }

  if (parts.has('paper')) {
    log(`printed forms and stamped scans, median of ${values.runs} runs …`);
    report.paper = await measurePaper(Number(values.runs));
  }

  if (parts.has('editor')) {
    const runs = Math.min(Number(values.runs), 5);
    log(`the editor (/admin with decap-server) in Chromium, ${runs} cold runs …`);
    report.editor = await measureEditor(runs);
  }

  if (parts.has('weights')) {
    const built = report.builds.filter((b) => b.ok).sort((a, b) => Math.abs(a.n - 10_000) - Math.abs(b.n - 10_000))[0];
    if (built) {
      log(`page weights of the ${built.n} build in Chromium …`);
      report.weights = { n: built.n, ...(await measureWeights(built.out)) };
    } else log('no successful build to weigh');
  }

  if (parts.has('search')) {
    const built = report.builds.filter((b) => b.ok).sort((a, b) => Math.abs(a.n - 10_000) - Math.abs(b.n - 10_000))[0];
    if (built) {
      log(`search on a phone (CPU ÷4, 1.6 Mbps / 150 ms) over the ${built.n} build …`);
      report.phoneSearch = await measurePhoneSearch(built.out, built.n);
    } else log('no successful build to search (search needs build: --only build,search)');
  }

  if (parts.has('redeploy')) {
    log("a city's redeploy: the sample content, one cold build and 3 warm …");
    report.redeploy = await measureRedeploy(join(work, 'redeploy'), 3);
  }

  if (parts.has('national')) {
    const n = largestUpTo10k(manifests);
    report.nationalRedeploy = await measureNationalRedeploy(
      n,
      manifests.get(n)!.content,
      values.now,
      join(work, `national-${n}`),
      2,
      log,
    );
  }

  if (parts.has('sealed')) {
    log('sealed application sizes (5k, 15k, 30k characters, every field at its maximum) …');
    report.sealed = await measureSealed(join(REPO_ROOT, 'content'));
  }

  report.machine.loadAtEnd = loadavg();
  process.stdout.write(formatReport(report));
  if (values.json) writeFileSync(resolve(values.json), `${JSON.stringify(report, null, 2)}\n`);
  const big = report.builds.find((b) => b.n >= 50_000);
  return big && !big.ok ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(REPO_ROOT, 'bench/run.ts')) {
  process.exitCode = await main(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`bench: ${(e as Error).message}\n`);
    return 1;
  });
}
