import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from './static.ts';

const dir = mkdtempSync(join(tmpdir(), 'jiebang-static-'));
const script = `console.log(${JSON.stringify('发榜揭榜'.repeat(20000))});\n`;
let url = '';
let close = () => {};

beforeAll(async () => {
  mkdirSync(join(dir, 'admin'));
  mkdirSync(join(dir, 'pagefind'));
  writeFileSync(join(dir, 'admin/cms.js'), script);
  writeFileSync(join(dir, 'pagefind/x.pf_index'), 'already compressed');
  const s = await serveStatic(dir, '/', 0);
  url = s.url;
  close = () => s.server.close();
});
afterAll(() => {
  close();
  rmSync(dir, { recursive: true, force: true });
});

function get(path: string, acceptEncoding?: string): Promise<{ headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(new URL(path, url), { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

describe('the static server (npm start)', () => {
  it('sends JavaScript compressed as the browser accepts: brotli, else gzip, else as it is', async () => {
    const br = await get('admin/cms.js', 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.body.length).toBeLessThan(script.length / 10);
    expect(brotliDecompressSync(br.body).toString()).toBe(script);
    const gz = await get('admin/cms.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(script);
    const plain = await get('admin/cms.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
  });

  it("leaves Pagefind's files, compressed already, as they are", async () => {
    const r = await get('pagefind/x.pf_index', 'br');
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.body.toString()).toBe('already compressed');
  });
});
