/**
 * Phase timings of a build (like Eleventy's and Starlight's): each phase's wall time in ms,
 * printed at the end and written as JSON to JIEBANG_TIMINGS for the benchmark.
 */
import { writeFileSync } from 'node:fs';

export class Timings {
  readonly phases: Record<string, number> = {};
  /** Resident memory (MB) of this process at the end of each phase. */
  readonly rss: Record<string, number> = {};
  readonly started = performance.now();

  async time<T>(phase: string, fn: () => Promise<T> | T): Promise<T> {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      this.phases[phase] = Math.round((this.phases[phase] ?? 0) + performance.now() - t0);
      this.rss[phase] = Math.round(process.memoryUsage().rss / 1048576);
    }
  }

  mark(phase: string, ms: number): void {
    this.phases[phase] = Math.round(ms);
    this.rss[phase] = Math.round(process.memoryUsage().rss / 1048576);
  }

  summary(): string {
    return Object.entries(this.phases).map(([k, v]) => `${k} ${v} ms${this.rss[k] ? ` (${this.rss[k]} MB)` : ''}`).join(', ');
  }

  write(path: string | undefined, extra: Record<string, unknown> = {}): void {
    if (!path) return;
    writeFileSync(path, `${JSON.stringify({ phases: this.phases, rssMB: this.rss, ...extra }, null, 2)}\n`);
  }
}
