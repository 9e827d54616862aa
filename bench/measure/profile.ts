/**
 * What a build spent its CPU on, from the V8 profiles `--cpu-prof` wrote (one per process
 * and worker thread): self time summed by function and by where the code lives (a package
 * under node_modules, or a folder of ours), so a slow phase is read from data, not guessed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  profiles: number;
  /** ms of samples in all profiles (idle excluded). */
  busyMs: number;
  byFunction: Array<{ name: string; ms: number }>;
  byPlace: Array<{ name: string; ms: number }>;
}

/** node_modules/<pkg>, our top folders (site/…, pipeline/…), node: internals, or the VM's own. */
function placeOf(url: string): string {
  if (!url) return '(vm)';
  if (url.startsWith('node:')) return 'node internals';
  const path = url.replace(/^file:\/\//, '');
  const nm = path.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = path.slice(nm + 14).split('/');
    return `node_modules/${rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  const ours = /\/(site|pipeline|bench)\/([^/]+)/.exec(path);
  return ours ? `${ours[1]}/${ours[2]}` : path.split('/').slice(-2).join('/');
}

export function summarizeProfiles(dir: string, top = 15): ProfileSummary {
  const byFunction = new Map<string, number>();
  const byPlace = new Map<string, number>();
  let busy = 0;
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  for (const f of files) {
    const p = JSON.parse(readFileSync(join(dir, f), 'utf8')) as CpuProfile;
    const nodes = new Map(p.nodes.map((n) => [n.id, n]));
    p.samples.forEach((id, i) => {
      const n = nodes.get(id);
      if (!n) return;
      const { functionName, url, lineNumber } = n.callFrame;
      if (functionName === '(idle)' || functionName === '(program)') return;
      const ms = (p.timeDeltas[i] ?? 0) / 1000;
      busy += ms;
      const place = placeOf(url);
      const fn = `${functionName || '(anonymous)'} ${place}${url ? `:${lineNumber + 1}` : ''}`;
      byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
      byPlace.set(place, (byPlace.get(place) ?? 0) + ms);
    });
  }
  const sorted = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, ms: Math.round(ms) }));
  return { profiles: files.length, busyMs: Math.round(busy), byFunction: sorted(byFunction), byPlace: sorted(byPlace) };
}
