/**
 * Phase timings of a build (like Eleventy's and Starlight's): each phase's wall time in ms
 * and when it ran, printed at the end and written as JSON to JIEBANG_TIMINGS for the
 * benchmark, which reads the critical path from the spans.
 */
import { writeFileSync } from 'node:fs';

/** Now, in ms since the epoch: comparable between threads (each has its own performance.timeOrigin). */
const epochNow = () => performance.timeOrigin + performance.now();

export class Timings {
  readonly phases: Record<string, number> = {};
  /** Resident memory (MB) of this process at the end of each phase. */
  readonly rss: Record<string, number> = {};
  /** When each phase began and (last) ended, in ms since the epoch. */
  readonly spans: Record<string, [number, number]> = {};
  readonly started = performance.now();

  async time<T>(phase: string, fn: () => Promise<T> | T): Promise<T> {
    const t0 = performance.now();
    const begun = epochNow();
    try {
      return await fn();
    } finally {
      this.phases[phase] = Math.round((this.phases[phase] ?? 0) + performance.now() - t0);
      this.rss[phase] = Math.round(process.memoryUsage().rss / 1048576);
      this.spans[phase] = [this.spans[phase]?.[0] ?? begun, epochNow()];
    }
  }

  mark(phase: string, ms: number): void {
    this.phases[phase] = Math.round(ms);
    this.rss[phase] = Math.round(process.memoryUsage().rss / 1048576);
    const end = epochNow();
    this.spans[phase] = [end - ms, end];
  }

  /** Take a phase measured elsewhere (the build thread), with its span. */
  adopt(phase: string, ms: number, span: [number, number] | undefined): void {
    this.phases[phase] = Math.round(ms);
    if (span) this.spans[phase] = span;
  }

  summary(): string {
    return Object.entries(this.phases)
      .map(([k, v]) => `${k} ${v} ms${this.rss[k] ? ` (${this.rss[k]} MB)` : ''}`)
      .join(', ');
  }

  /** Write the phases, memory and spans (in ms since this process started) as JSON. */
  write(path: string | undefined, extra: Record<string, unknown> = {}): void {
    if (!path) return;
    const since = (t: number) => Math.round(t - performance.timeOrigin);
    const spans = Object.fromEntries(Object.entries(this.spans).map(([k, [a, b]]) => [k, [since(a), since(b)]]));
    writeFileSync(path, `${JSON.stringify({ phases: this.phases, rssMB: this.rss, spans, ...extra }, null, 2)}\n`);
  }
}
