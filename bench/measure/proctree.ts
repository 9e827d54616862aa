/**
 * Run a command and measure what it costs: wall time, and the peak resident memory of its
 * whole process tree (the build runs Pagefind's binary and worker threads), found by polling
 * /proc and summing the RSS of the process and all its descendants.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { basename } from 'node:path';

export interface Measured {
  code: number;
  wallMs: number;
  /** Peak of the summed RSS of the process and its descendants, in bytes (0 where /proc is missing). */
  peakRss: number;
  /** Most processes seen alive at once. */
  peakProcesses: number;
  /** CPU time (user + system) of the tree's processes as last seen alive, ms: steadier than wall time on a busy machine. */
  cpuMs: number;
  /** The same by program (node, pagefind …): CPU ms and the largest RSS one process of it reached. */
  byProgram: Record<string, { cpuMs: number; peakRss: number }>;
  stdout: string;
  stderr: string;
}

const PAGE = 4096;

/** pid → parent pid of every process. */
function parents(): Map<number, number> {
  const out = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces: fields follow the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      out.set(Number(name), ppid);
    } catch {
      /* gone */
    }
  }
  return out;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** User + system CPU of one process (all its threads), ms. */
function cpuOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return -1;
  }
}

/** The program a process runs (its executable's name: node, pagefind_extended, git …). */
function programOf(pid: number): string {
  try {
    return basename(readlinkSync(`/proc/${pid}/exe`));
  } catch {
    return '?';
  }
}

function rssOf(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE;
  } catch {
    return 0;
  }
}

/** The summed RSS of `root` and its descendants, how many there are, and who they are. */
export function treeRss(root: number): { rss: number; processes: number; pids: number[] } {
  const byParent = new Map<number, number[]>();
  for (const [pid, ppid] of parents()) byParent.set(ppid, [...(byParent.get(ppid) ?? []), pid]);
  let rss = 0;
  const pids: number[] = [];
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    rss += rssOf(pid);
    pids.push(pid);
    stack.push(...(byParent.get(pid) ?? []));
  }
  return { rss, processes: pids.length, pids };
}

export function measure(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; pollMs?: number; echo?: boolean } = {},
): Promise<Measured> {
  const hasProc = (() => {
    try {
      readdirSync('/proc');
      return true;
    } catch {
      return false;
    }
  })();
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => {
      stdout += b;
      if (options.echo) process.stderr.write(b);
    });
    child.stderr.on('data', (b: Buffer) => {
      stderr += b;
      if (options.echo) process.stderr.write(b);
    });
    let peakRss = 0;
    let peakProcesses = 0;
    const cpu = new Map<number, number>();
    const program = new Map<number, string>();
    const programRss = new Map<string, number>();
    const poll = () => {
      if (!hasProc || child.pid === undefined) return;
      const { rss, processes, pids } = treeRss(child.pid);
      peakRss = Math.max(peakRss, rss);
      peakProcesses = Math.max(peakProcesses, processes);
      for (const pid of pids) {
        const t = cpuOf(pid);
        if (t >= 0) cpu.set(pid, Math.max(t, cpu.get(pid) ?? 0));
        let name = program.get(pid);
        if (!name) program.set(pid, (name = programOf(pid)));
        programRss.set(name, Math.max(programRss.get(name) ?? 0, rssOf(pid)));
      }
    };
    const timer = setInterval(poll, options.pollMs ?? 50);
    child.on('error', (e) => {
      clearInterval(timer);
      reject(e);
    });
    child.on('exit', (code, signal) => {
      const wallMs = performance.now() - started;
      clearInterval(timer);
      const cpuMs = [...cpu.values()].reduce((a, b) => a + b, 0);
      const byProgram: Measured['byProgram'] = {};
      for (const [pid, ms] of cpu) {
        const name = program.get(pid) ?? '?';
        byProgram[name] ??= { cpuMs: 0, peakRss: programRss.get(name) ?? 0 };
        byProgram[name].cpuMs += ms;
      }
      resolve({ code: code ?? (signal ? 128 : 1), wallMs, peakRss, peakProcesses, cpuMs, byProgram, stdout, stderr });
    });
  });
}
