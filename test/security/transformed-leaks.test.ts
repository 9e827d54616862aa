/**
 * The build's leak scan against transformed copies of restricted values (issue 20): the
 * scan is a backstop, and it reads text outputs a second time as a reader takes them in
 * (site/integration/reader-form.ts). Each sentinel is written into an
 * output file under each transformation; the test reports how many of the corpus the scan
 * catches, and requires the ones normalisation is meant for. A control file holding none
 * of them gives no finding.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SiteData } from '../../site/data/model.ts';
import { scanOutput } from '../../site/integration/privacy-scan.ts';

const root = mkdtempSync(join(tmpdir(), 'jiebang-transformed-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const SENTINELS: Array<{ pointer: string; value: string }> = [
  { pointer: '/contact/mobile', value: '13912340001' },
  { pointer: '/contact/email', value: 'Ouyang.Secret@example.cn' },
  { pointer: '/contact/name', value: '欧阳秘密' },
  { pointer: '/employees', value: '5321' },
  { pointer: '/legalRepresentative', value: 'Zhang Mimi' },
];

const fullWidth = (s: string) => s.replace(/[0-9A-Za-z@.]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const insertAt = (s: string, what: string) => {
  const chars = [...s];
  const i = Math.max(1, Math.floor(chars.length / 2));
  return chars.slice(0, i).join('') + what + chars.slice(i).join('');
};

/** [name, transformation, meant to be caught] */
const TRANSFORMS: Array<[string, (s: string) => string, boolean]> = [
  ['as is', (s) => s, true],
  ['upper case', (s) => s.toUpperCase(), true],
  ['lower case', (s) => s.toLowerCase(), true],
  ['spaces inside numbers', (s) => (/^\d+$/.test(s) ? s.replace(/(\d{3})(?=\d)/g, '$1 ') : s), true],
  ['decimal entities', (s) => [...s].map((c) => `&#${c.codePointAt(0)};`).join(''), true],
  ['hex entities', (s) => [...s].map((c) => `&#x${c.codePointAt(0)!.toString(16)};`).join(''), true],
  ['full-width', fullWidth, true],
  ['a tag inside', (s) => insertAt(s, '<b></b>'), true],
  ['a soft hyphen inside', (s) => insertAt(s, '\u00ad'), true],
  ['&shy; inside', (s) => insertAt(s, '&shy;'), true],
  ['a zero-width space inside', (s) => insertAt(s, '\u200b'), true],
  ['line break inside a number', (s) => (/^\d+$/.test(s) ? insertAt(s, '\n') : s), true],
  // Beyond what the scan claims: reversed, or spelled out by digit names.
  ['reversed', (s) => [...s].reverse().join(''), false],
];

describe('the leak scan catches transformed copies', () => {
  it('reports how many of the transformed-leak corpus it catches', () => {
    const data = {
      secrets: SENTINELS.map((s) => ({
        file: 'content/enterprises/X/index.yml',
        kind: 'enterprise',
        pointer: s.pointer,
        value: s.value,
      })),
      secretImages: new Map(),
      demands: [],
      rounds: [],
      pages: [],
      site: { name: '站点' },
    } as unknown as SiteData;
    let caught = 0;
    let total = 0;
    const missed: string[] = [];
    for (const [name, transform, meant] of TRANSFORMS) {
      for (const s of SENTINELS) {
        const dir = join(root, `${total}`);
        mkdirSync(dir);
        writeFileSync(join(dir, 'page.html'), `<p>联系方式：${transform(s.value)} 。</p>`);
        const found = scanOutput(dir, data).leaks.length > 0;
        total++;
        if (found) caught++;
        else if (meant) missed.push(`${name}: ${s.pointer}`);
      }
    }
    const control = join(root, 'control');
    mkdirSync(control);
    writeFileSync(join(control, 'page.html'), '<p>联系方式：请见通知。评分 85 分，5 家企业。</p>');
    expect(scanOutput(control, data).leaks).toEqual([]);
    console.log(`transformed-leak corpus: ${caught} of ${total} caught`);
    expect(missed).toEqual([]);
    expect(caught).toBeGreaterThanOrEqual(total - SENTINELS.length);
  });
});
