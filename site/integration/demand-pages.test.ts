import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SiteData } from '../data/model.ts';
import { makeDemandFolders } from './demand-pages.ts';
import { OutputWriter } from './writer.ts';

const dirs: string[] = [];
const outDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'jiebang-folders-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const data = (ids: string[]) => ({ demands: ids.map((id) => ({ id })) }) as unknown as SiteData;
const never = () => undefined;

describe('makeDemandFolders', () => {
  it('makes both languages’ folders in the order the pages are written', async () => {
    const out = outDir();
    const made = await makeDemandFolders(out, data(['HZ-2026-001', 'HZ-2026-002']), () => true, never);
    expect(made).toEqual([
      'demands/HZ-2026-001',
      'en/demands/HZ-2026-001',
      'demands/HZ-2026-002',
      'en/demands/HZ-2026-002',
    ]);
    for (const dir of made) expect(existsSync(join(out, dir))).toBe(true);
  });

  it('stops as soon as the thread has other work, and says what it made', async () => {
    const out = outDir();
    let asked = 0;
    const made = await makeDemandFolders(out, data(['A-1', 'A-2', 'A-3']), () => ++asked <= 3, never);
    expect(made).toEqual(['demands/A-1', 'en/demands/A-1', 'demands/A-2']);
    expect(readdirSync(join(out, 'demands')).sort()).toEqual(['A-1', 'A-2']);
    expect(readdirSync(join(out, 'en/demands'))).toEqual(['A-1']);
  });

  it('lets a pause in between, so the message that ends the wait can arrive', async () => {
    const out = outDir();
    let waiting = true;
    const pause = () => new Promise<void>((resolve) => setImmediate(resolve)).then(() => void (waiting = false));
    const made = await makeDemandFolders(out, data(['B-1', 'B-2', 'B-3']), () => waiting, pause);
    expect(made).toEqual(['demands/B-1', 'en/demands/B-1']);
  });
});

describe('OutputWriter with folders made already', () => {
  it('writes into them without making them again', async () => {
    const out = outDir();
    const made = await makeDemandFolders(out, data(['C-1']), () => true, never);
    const writer = new OutputWriter(out, undefined, made);
    writer.write('demands/C-1/index.html', '<p>页</p>');
    expect(existsSync(join(out, 'demands/C-1/index.html'))).toBe(true);
    // A folder it is told was made is taken at its word: proof that it does not make it again.
    const trusting = new OutputWriter(out, undefined, ['demands/missing']);
    expect(() => trusting.write('demands/missing/index.html', 'x')).toThrow(/ENOENT/);
  });
});
