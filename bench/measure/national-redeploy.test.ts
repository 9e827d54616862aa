/**
 * The national redeploy's archive is put under git beside the content, once per generated
 * archive, and the content folder itself is left as the generator wrote it (the builds
 * measured need real archives: `npm run bench -- --only national`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generate } from '../generate.ts';
import { archiveUnderGit, formatNationalRedeploy } from './national-redeploy.ts';
import type { BuildResult } from './build.ts';

const out = mkdtempSync(join(tmpdir(), 'jiebang-national-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const build = (wallMs: number, load: number): BuildResult => ({
  ok: true,
  code: 0,
  wallMs,
  cpuMs: wallMs * 1.5,
  peakRss: 1e9,
  peakProcesses: 5,
  byProgram: {},
  phases: { load },
  demandPages: 6_535,
  out: '',
  tail: '',
});

describe('a national redeploy', () => {
  it('versions the archive in a git folder beside its content, once, leaving the content as it was', async () => {
    const manifest = await generate({ n: 3, out });
    const content = manifest.content;
    const before = readdirSync(content).sort();
    const logged: string[] = [];
    const env = archiveUnderGit(content, (s) => logged.push(s));
    expect(env.GIT_DIR).toBe(join(out, 'git'));
    expect(readdirSync(content).sort()).toEqual(before);
    const tracked = execFileSync('git', ['ls-files', '-s'], { cwd: content, env: { ...process.env, ...env } })
      .toString()
      .trim()
      .split('\n');
    const files = readdirSync(content, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(tracked.length).toBe(files.length);
    expect(execFileSync('git', ['ls-files', '-m'], { cwd: content, env: { ...process.env, ...env } }).toString()).toBe(
      '',
    );

    const made = statSync(join(out, 'git', 'index')).mtimeMs;
    archiveUnderGit(content, (s) => logged.push(s));
    expect(statSync(join(out, 'git', 'index')).mtimeMs).toBe(made);
    expect(logged).toHaveLength(1);
    expect(existsSync(join(content, '.git'))).toBe(false);
  });

  it('prints the medians of the cold and warm builds, with the content load', () => {
    const text = formatNationalRedeploy({
      n: 10_000,
      cold: build(40_000, 12_000),
      warm: [build(30_000, 6_000), build(28_000, 5_500)],
      warmWithoutRecords: [build(33_000, 11_000), build(34_000, 11_500)],
    });
    expect(text).toMatch(/cold \(no caches\): wall 40\.0 s .*content load 12\.0 s/);
    expect(text).toMatch(
      /warm, parsed records kept: wall 30\.0 s \[30\.0 s, 28\.0 s\], CPU 45\.0 s, content load 6\.0 s/,
    );
    expect(text).toMatch(/warm, records parsed again: wall 34\.0 s/);
  });
});
