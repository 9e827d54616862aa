import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize } from 'node:v8';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_NOW, writeFixtureContent } from '../../test/site/fixture.ts';
import { UserError } from '../env.ts';
import { publicImageFiles, type DemandImageFiles } from '../images/stage.ts';
import { loadSiteData } from './load.ts';
import { loadSiteDataInProcess } from './load-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'jiebang-loader-'));
const saved = { content: process.env.JIEBANG_CONTENT, now: process.env.JIEBANG_NOW };
beforeAll(async () => {
  await writeFixtureContent(dir);
  process.env.JIEBANG_CONTENT = dir;
  process.env.JIEBANG_NOW = FIXTURE_NOW;
});
afterAll(() => {
  for (const [key, value] of [['JIEBANG_CONTENT', saved.content], ['JIEBANG_NOW', saved.now]] as const) {
    if (value === undefined) delete process.env[key]; else process.env[key] = value;
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('the content loader process', () => {
  it('delivers the same model as loading in this process, its bytes included, and the images first', async () => {
    const images: DemandImageFiles[][] = [];
    const loaded = await loadSiteDataInProcess((files) => images.push(files));
    const here = await loadSiteData(dir, new Date(FIXTURE_NOW));
    expect(loaded.data).toEqual(here);
    expect(deserialize(loaded.bytes)).toEqual(here);
    expect(loaded.bytes.byteLength).toBe(loaded.bytes.buffer.byteLength); // transferable as it is
    // Posted once, before the model: every listed demand's public images.
    expect(images).toEqual([publicImageFiles(here.demands)]);
    expect(images[0]!.length).toBeGreaterThan(0);
  });

  it('reports a mistake in the content as a user error, in Chinese, without a stack', async () => {
    const file = join(dir, 'demands/XM-2026-004/index.yml');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace(/^completionMonths: .*$/m, 'completionMonths: 99'));
    try {
      const error = await loadSiteDataInProcess(() => {}).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(UserError);
      expect((error as Error).message).toMatch(/内容有 1 处错误[\s\S]*XM-2026-004\/index\.yml: 完成时限（月）/);
      expect((error as Error).message).not.toMatch(/^\s+at /m);
    } finally {
      writeFileSync(file, original);
    }
  });
});
