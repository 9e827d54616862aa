/**
 * The benchmark's table, for people: each measurement beside its target, with how far a
 * missed target was missed.
 */
import type { CliRun, Report } from './report-model.ts';
import { formatSealed } from './measure/sealed-size.ts';
import { formatRedeploy } from './measure/redeploy.ts';
import { formatNationalRedeploy } from './measure/national-redeploy.ts';
import { formatPhoneSearch } from './measure/phone-search.ts';

/** The targets of issues 3, 4 and 7 on this 2-core machine. */
export const TARGETS = {
  buildWallMs: 20_000,
  buildRss: 1.2e9,
  validatePerSecond: 50_000,
  intakeMs: 250,
  intakeAboveNodeMs: 200,
  /** Start to the answer comment with 150 ms per REST call. */
  intakeAnswerAt150Ms: 2000,
  searchBytes: 150_000,
  demandHtml: 12_000,
  catalogueJs: 15_000,
  helperJs: 140_000,
  editorMs: 3000,
};

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const ms = (x: number) => `${Math.round(x)} ms`;
const bytes = (b: number) =>
  b >= 1e9
    ? `${(b / 1e9).toFixed(2)} GB`
    : b >= 1e6
      ? `${(b / 1e6).toFixed(1)} MB`
      : b >= 1e3
        ? `${(b / 1e3).toFixed(1)} KB`
        : `${b} B`;

/** ✓, or ✗ with the overshoot. */
function verdict(value: number, limit: number, show: (x: number) => string, atLeast = false): string {
  const ok = atLeast ? value >= limit : value <= limit;
  return ok ? '✓' : `✗ missed by ${show(Math.abs(value - limit))}`;
}

function row(label: string, cells: string[], width = 16): string {
  // A space before every cell, so a cell as wide as its column still stands apart.
  return `  ${label.padEnd(28)}${cells.map((c) => ` ${c.padStart(width - 1)}`).join('')}`;
}

export function formatReport(r: Report): string {
  const out: string[] = [];
  const m = r.machine;
  out.push(`jiebang benchmark, ${r.date}`);
  out.push(
    `machine: ${m.cores} cores (${m.cpu}), Node ${m.node}, ${bytes(m.memory)} RAM, V8 heap limit ${bytes(m.heapLimit)} (the default; never raised)`,
  );
  out.push(
    `load average ${m.loadAtStart[0]!.toFixed(1)} at start, ${m.loadAtEnd?.[0]?.toFixed(1) ?? '?'} at end (anything else running slows every number)`,
  );
  if (m.speed)
    out.push(
      `speed now: 3·10⁸ additions in ${m.speed.loopMs} ms, a small cached file read in ${m.speed.smallReadUs} µs, a small file created in ${m.speed.createUs} µs, a fresh memory page in ${m.speed.faultUs} µs (compare runs by these: the same build is slower when they are)`,
    );
  out.push(`archive: seed ${r.seed}, set at ${r.now}`);

  if (r.archives.length) {
    out.push(
      '',
      row(
        'Archives (generated)',
        r.archives.map((a) => int(a.n)),
      ),
    );
    out.push(
      row(
        'records',
        r.archives.map((a) =>
          int(
            Object.entries(a.files)
              .filter(([k]) => k !== 'image')
              .reduce((s, [, v]) => s + v, 0),
          ),
        ),
      ),
    );
    out.push(
      row(
        'applications',
        r.archives.map((a) => int(a.files.application)),
      ),
    );
    out.push(
      row(
        'decisions',
        r.archives.map((a) => int(a.files.decision)),
      ),
    );
    out.push(
      row(
        'size',
        r.archives.map((a) => bytes(a.bytes)),
      ),
    );
    out.push(
      row(
        'generated in',
        r.archives.map((a) => `${a.generateSeconds.toFixed(1)} s${a.generatedNow ? '' : '*'}`),
      ),
    );
    out.push(
      row(
        '  CPU',
        r.archives.map((a) => (a.generateCpuSeconds === undefined ? '–' : `${a.generateCpuSeconds.toFixed(1)} s`)),
      ),
    );
    if (r.archives.some((a) => !a.generatedNow)) out.push('  * reused from an earlier run (time of that run)');
  }

  if (r.builds.length) {
    const bs = r.builds;
    out.push('', row('Full site build', [...bs.map((b) => int(b.n)), 'target'].map(String)));
    out.push(
      row(
        'result',
        bs.map((b) => (b.ok ? 'ok' : `FAILED (${b.code})`)),
      ),
    );
    out.push(
      row(
        'demand pages',
        bs.map((b) => int(b.demandPages)),
      ),
    );
    out.push(row('wall', [...bs.map((b) => secs(b.wallMs)), '≤ 20 s @10k']));
    out.push(
      row(
        'CPU (user + system)',
        bs.map((b) => secs(b.cpuMs)),
      ),
    );
    out.push(row('peak RSS, process tree', [...bs.map((b) => bytes(b.peakRss)), '≤ 1.2 GB @10k']));
    const programs = [...new Set(bs.flatMap((b) => Object.keys(b.byProgram ?? {})))].filter((p) =>
      bs.some((b) => (b.byProgram?.[p]?.cpuMs ?? 0) >= 100),
    );
    for (const p of programs)
      out.push(
        row(
          `  ${p}: CPU, largest RSS`,
          bs.map((b) => (b.byProgram?.[p] ? `${secs(b.byProgram[p].cpuMs)}, ${bytes(b.byProgram[p].peakRss)}` : '–')),
        ),
      );
    const phases = [...new Set(bs.flatMap((b) => Object.keys(b.phases)))];
    for (const p of phases)
      out.push(
        row(
          `  phase ${p}`,
          bs.map((b) => (b.phases[p] === undefined ? '–' : secs(b.phases[p]!))),
        ),
      );
    const ten = bs.find((b) => b.n === 10_000);
    if (ten) {
      out.push(
        `  10,000: wall ${verdict(ten.wallMs, TARGETS.buildWallMs, secs)}; peak RSS ${verdict(ten.peakRss, TARGETS.buildRss, bytes)}`,
      );
      if (ten.ok && ten.wallMs > TARGETS.buildWallMs) {
        const slowest = Object.entries(ten.phases)
          .filter(([k]) => k !== 'total')
          .sort((a, b) => b[1] - a[1])
          .slice(0, 3);
        out.push(`  slowest phases at 10,000: ${slowest.map(([k, v]) => `${k} ${secs(v)}`).join(', ')}`);
      }
      if (ten.spans) {
        const spans = Object.entries(ten.spans)
          .filter(([k]) => k !== 'total')
          .sort((a, b) => a[1][0] - b[1][0]);
        out.push(
          `  when, at 10,000 (s since Astro's process started): ${spans.map(([k, [a, b]]) => `${k} ${(a / 1000).toFixed(1)}–${(b / 1000).toFixed(1)}`).join(', ')}`,
        );
      }
    }
    const big = bs.find((b) => b.n >= 50_000);
    if (big)
      out.push(
        `  ${int(big.n)}: ${big.ok ? '✓ completes' : '✗ fails'} with Node's default heap limit (${bytes(m.heapLimit)}), peak RSS ${bytes(big.peakRss)}`,
      );
    for (const b of bs.filter((x) => !x.ok))
      out.push(`  build of ${int(b.n)} failed; its last lines:`, ...b.tail.split('\n').map((l) => `    ${l}`));
    if (r.marginal) {
      const mg = r.marginal;
      out.push(
        `  marginal cost per demand page (${int(mg.from)} → ${int(mg.to)}): ${mg.wallMsPerPage.toFixed(2)} ms wall; by phase ${Object.entries(
          mg.phasesMsPerPage,
        )
          .map(([k, v]) => `${k} ${v.toFixed(2)}`)
          .join(', ')} (ms)`,
      );
    }
    for (const b of bs.filter((x) => x.profile)) {
      const p = b.profile!;
      out.push(`  CPU profile of the ${int(b.n)} build (${p.profiles} threads, ${secs(p.busyMs)} busy):`);
      out.push(
        `    by place: ${p.byPlace
          .slice(0, 8)
          .map((x) => `${x.name} ${secs(x.ms)}`)
          .join('; ')}`,
      );
      out.push(...p.byFunction.slice(0, 10).map((x) => `    ${secs(x.ms).padStart(8)}  ${x.name}`));
    }
  }

  if (r.validation) {
    const v = r.validation;
    const b = v.bulk;
    const both = (b.records / (b.parseMs + b.validateMs)) * 1000;
    const only = (b.records / b.validateMs) * 1000;
    out.push(
      '',
      `Bulk validation, one thread: the ${int(v.n)} archive, ${int(b.records)} records, ${bytes(b.bytes)}, peak RSS ${bytes(b.peakRss)}`,
    );
    out.push(
      `  parse + validate            ${int(both).padStart(9)} records/s   (parse ${secs(b.parseMs)}, validate ${secs(b.validateMs)})`,
    );
    out.push(
      `  validate only               ${int(only).padStart(9)} records/s   target ≥ 50,000/s ${verdict(only, TARGETS.validatePerSecond, (x) => `${int(x)}/s`, true)}`,
    );
    out.push(
      `  cross-record rules          ${secs(b.crossMs).padStart(9)}             over the index; ${b.crossIssues} issues; ${int(b.invalid)} invalid records`,
    );
    const cli = (name: string, c: CliRun, what: string) =>
      out.push(
        `  ${name.padEnd(26)}  ${secs(c.ms).padStart(9)}   ${int((b.records / c.ms) * 1000).padStart(7)} records/s, CPU ${secs(c.cpuMs)}, peak RSS ${bytes(c.peakRss)}, exit ${c.code}; ${what}`,
      );
    cli('jiebang validate (CLI)', v.cli, 'streaming, worker threads');
    cli('jiebang audit --no-git', v.audit, 'every chain and act re-judged');
  }

  if (r.intake) {
    const i = r.intake;
    out.push('', `Intake: one 揭榜 issue event, process start to verdict, cold, median of ${i.runs} runs`);
    out.push(`  node -e 0                   ${ms(i.bareNode).padStart(9)}`);
    out.push(
      `  bundled action              ${ms(i.action).padStart(9)}   +${ms(i.action - i.bareNode)} over node; target ≤ 250 ms ${verdict(i.action, TARGETS.intakeMs, ms)}, ≤ +200 ms ${verdict(i.action - i.bareNode, TARGETS.intakeAboveNodeMs, ms)}`,
    );
    out.push(`  jiebang intake (TS CLI)     ${ms(i.cli).padStart(9)}   +${ms(i.cli - i.bareNode)} over node`);
    out.push(`  verdicts: action ${i.verdicts.action}, CLI ${i.verdicts.cli}`);
  }
  if (r.intakeLatency?.length) {
    out.push('', 'Intake on a slow forge: the bundled action, fake GitHub answering each REST call after a delay');
    for (const l of r.intakeLatency) {
      const target = l.latencyMs === 150 ? `; target ≤ 2 s ${verdict(l.answer, TARGETS.intakeAnswerAt150Ms, ms)}` : '';
      out.push(
        `  ${`${l.latencyMs} ms per call`.padEnd(18)} answer ${ms(l.answer).padStart(8)}${target}; final comment ${ms(l.finalComment)}, last write ${ms(l.lastWrite)}, exit ${ms(l.exit)}; ${l.calls} calls (${l.reads} reads, ${l.writes} writes), median of ${l.runs}`,
      );
    }
  }

  if (r.editor) {
    const e = r.editor;
    out.push(
      '',
      `Editor: /admin on the local server (npm start's static server, real decap-server), Chromium, median of ${e.runs} runs`,
    );
    out.push(`  cold: page → 登录 shown      ${ms(e.cold.loginShown).padStart(9)}`);
    out.push(`  cold: 登录 → entries listed  ${ms(e.cold.listed).padStart(9)}`);
    out.push(
      `  cold: usable                ${ms(e.cold.usable).padStart(9)}   target ≤ 3 s ${verdict(e.cold.usable, TARGETS.editorMs, ms)}`,
    );
    out.push(`  warm (cached, logged in)    ${ms(e.warm.listed).padStart(9)}`);
    out.push(
      `  received ${bytes(e.transferred.bytes)} in ${e.transferred.files} files; bundle: entry ${bytes(e.bundle.entryBytes)}, ${e.bundle.files} files ${bytes(e.bundle.totalBytes)} (the rest loads with an entry or a save)`,
    );
  }

  if (r.paper) {
    const p = r.paper;
    out.push('', `Paper: printed forms and stamped scans, median of ${p.runs} runs`);
    out.push(`  Chromium start (once)       ${ms(p.browserStartMs).padStart(9)}`);
    for (const f of p.forms)
      out.push(
        `  print ${f.id.padEnd(19)} ${f.format.padEnd(4)} ${ms(f.ms).padStart(7)}   ${bytes(f.bytes)}; target ≤ 1 s ${verdict(f.ms, 1000, ms)}`,
      );
    out.push(
      `  10 MP phone photo           ${ms(p.photo.ms).padStart(9)}   ${bytes(p.photo.inBytes)} → ${bytes(p.photo.outBytes)}; target ≤ 2 s ${verdict(p.photo.ms, 2000, ms)}`,
    );
    out.push(
      `  ${String(p.pdf.pages).padStart(2)}-page PDF scan           ${ms(p.pdf.ms).padStart(9)}   ${bytes(p.pdf.inBytes)}; target ≤ 2 s ${verdict(p.pdf.ms, 2000, ms)}`,
    );
  }

  if (r.weights) {
    const w = r.weights;
    out.push('', `Page weights of the ${int(w.n)} build, gzip (level 6, as served), Chromium`);
    out.push(
      `  demand page HTML, ${int(w.demandHtml.pages)} pages: median ${bytes(w.demandHtml.median)}, p95 ${bytes(w.demandHtml.p95)}, max ${bytes(w.demandHtml.max)}; budget ≤ 12 KB ${verdict(w.demandHtml.max, TARGETS.demandHtml, bytes)}`,
    );
    out.push(`  JavaScript before interaction, by template (page HTML in brackets):`);
    for (const t of w.templates) {
      const budget = t.template.startsWith('demand')
        ? `  budget none ${t.js === 0 ? '✓' : '✗'}`
        : t.template === 'catalogue'
          ? `  budget ≤ 15 KB ${verdict(t.js, TARGETS.catalogueJs, bytes)}`
          : t.template === 'submit form'
            ? `  budget ≤ 140 KB ${verdict(t.js, TARGETS.helperJs, bytes)}`
            : '';
      out.push(
        `    ${t.template.padEnd(18)}${bytes(t.js).padStart(10)} in ${t.jsFiles} file(s)  [${bytes(t.html)}]  /${t.path}${budget}`,
      );
    }
    const s = w.search;
    out.push(
      `  search session (/${s.path}, ${s.queries.length} queries typed): ${bytes(s.bytes)} in ${s.requests} requests, after ${bytes(s.pageBytes)} for the page   ≤ 150 KB ${verdict(s.bytes, TARGETS.searchBytes, bytes)}`,
    );
    for (const q of s.queries) {
      out.push(
        `    ${q.query.padEnd(14)} ${q.status.padEnd(14)} ${bytes(q.bytes).padStart(10)} in ${q.requests} requests`,
      );
      // What the bytes were: Pagefind's files grouped by kind (wasm, meta, index chunks, fragments, filters).
      const kinds = new Map<string, number>();
      for (const f of q.files ?? []) {
        const kind =
          /\/pagefind\/(index|fragment|filter)\//.exec(f.path)?.[1] ??
          (/wasm/.test(f.path) ? 'wasm' : /pf_meta/.test(f.path) ? 'meta' : f.path.split('/').pop()!);
        kinds.set(kind, (kinds.get(kind) ?? 0) + f.bytes);
      }
      if (kinds.size) out.push(`      ${[...kinds].map(([k, b]) => `${k} ${bytes(b)}`).join(', ')}`);
    }
  }
  if (r.phoneSearch) out.push('', formatPhoneSearch(r.phoneSearch).trimEnd());
  if (r.redeploy) out.push('', formatRedeploy(r.redeploy).trimEnd());
  if (r.nationalRedeploy) out.push('', formatNationalRedeploy(r.nationalRedeploy).trimEnd());
  if (r.sealed) out.push('', formatSealed(r.sealed).trimEnd());
  out.push('');
  return out.join('\n');
}
