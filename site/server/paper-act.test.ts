/**
 * The local routes the CMS uses on `npm start`'s server (static.ts with paper-act.ts and its
 * siblings): only a same-origin JSON POST is taken, and a request naming a wrong field is
 * answered with a Chinese and English message naming that field, before anything is read or
 * written. (The acts themselves are tested in Chromium: test/cms/paper-act.test.ts.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from './static.ts';
import { paperActRoute } from './paper-act.ts';
import { scanRoute } from './scan-route.ts';
import { submitRoute } from './submit-route.ts';

let dir: string;
let server: Awaited<ReturnType<typeof serveStatic>>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jiebang-routes-'));
  const routes = [paperActRoute(dir, '/'), scanRoute(dir, '/'), submitRoute(dir, '/')];
  server = await serveStatic(dir, '/', 0, '127.0.0.1', (req, res) => routes.some((r) => r(req, res)));
});
afterAll(() => {
  server.server.close();
  rmSync(dir, { recursive: true, force: true });
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}admin/api/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('the CMS routes of the local server', () => {
  it('take only a same-origin JSON POST', async () => {
    expect((await fetch(`${server.url}admin/api/submit`)).status).toBe(405);
    expect((await post('submit', { id: 'XM-2026-019' }, { origin: 'https://elsewhere.example' })).status).toBe(405);
    const form = await fetch(`${server.url}admin/api/paper-act`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(form.status).toBe(405);
    expect(((await form.json()) as { zh: string }).zh).toBe('只接受本页面提交的登记。');
  });

  it('name the field and the rule of a wrong request, in Chinese and English', async () => {
    const cases: Array<[string, unknown, RegExp, RegExp]> = [
      [
        'paper-act',
        { subject: 'XM-26-1', action: 'catalogue', party: 'miit', login: 'a', documentNo: 'x', date: '2026-06-18' },
        /^“对象编号”应为需求或申请编号/,
        /^"Subject"/,
      ],
      [
        'paper-act',
        { subject: 'XM-2026-001', action: 'approve', party: 'miit', login: 'a', documentNo: 'x', date: '2026-06-18' },
        /^“行为”须从列表中选择/,
        /^"Act"/,
      ],
      [
        'paper-act',
        {
          subject: 'XM-2026-001',
          action: 'catalogue',
          party: 'miit',
          login: 'a',
          documentNo: '函 1 号',
          date: '2026-06-18',
        },
        /^“文号”必填，且不能含空格或等号/,
        /^"Document number"/,
      ],
      [
        'paper-act',
        { subject: 'XM-2026-001', action: 'catalogue', party: 'miit', login: 'a', documentNo: 'x', date: '6月18日' },
        /^“成文日期”应为 年-月-日/,
        /^"Document date"/,
      ],
      ['attach-scan', { id: 'abc', revision: 'deadbeef' }, /^“编号”应为需求、申请编号或统一社会信用代码/, /^"Id"/],
      ['submit', { id: 'XM-2026-19' }, /^“需求编号”格式不对/, /^"Demand id"/],
      ['submit', { id: 'XM-2026-019' }, /^找不到需求 XM-2026-019/, /^No demand/],
    ];
    for (const [path, body, zh, en] of cases) {
      const res = await post(path, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      const answer = (await res.json()) as { ok: boolean; zh: string; en: string };
      expect(answer.ok).toBe(false);
      expect(answer.zh).toMatch(zh);
      expect(answer.en).toMatch(en);
    }
  });

  it('refuses a body that is not JSON', async () => {
    const res = await fetch(`${server.url}admin/api/submit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { zh: string }).zh).toBe('请求无法读取。');
  });
});
