/**
 * The CMS's state panel on a deployed site reads the ledger through GitHub's contents API
 * with the editor's own token (site/admin/ledger-state.ts, the `github` source), here
 * against the fake GitHub server: the folder listed, the last act read raw, the token sent;
 * no ledger is a draft, no token reads nothing, a refused token says so.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLedgerState } from '../../site/admin/ledger-state.ts';
import { FakeGitHub } from '../fixtures/fake-github/server.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const LEDGER = 'content/decisions/XM-2026-001';
const acts = readdirSync(join(ROOT, LEDGER)).filter((f) => /^\d{4}\.yml$/.test(f));
const files = Object.fromEntries(acts.map((f) => [`${LEDGER}/${f}`, readFileSync(join(ROOT, LEDGER, f), 'utf8')]));
// An evidence folder beside the acts is listed too, and is not an act.
files[`${LEDGER}/evidence/scan.txt`] = 'not an act';
const last = readFileSync(join(ROOT, LEDGER, acts.at(-1)!), 'utf8');
const lastTo = /^to: (\S+)$/m.exec(last)![1]!;

const fake = new FakeGitHub({ files });
let source: Parameters<typeof readLedgerState>[0];
const store = new Map<string, string>();

beforeAll(async () => {
  const url = await fake.start();
  source = { github: { repo: `${fake.owner}/${fake.repo}`, branch: 'main', apiRoot: url } };
  // What Decap keeps after a GitHub login; the panel reads the editor's token from it.
  (globalThis as { localStorage?: unknown }).localStorage = {
    getItem: (k: string) => store.get(k) ?? null,
  };
});
afterAll(async () => {
  delete (globalThis as { localStorage?: unknown }).localStorage;
  await fake.stop();
});

describe("the state panel's GitHub source", () => {
  it("reads the subject's last act with the editor's token", async () => {
    store.set('decap-cms-user', JSON.stringify({ token: fake.readOnlyToken }));
    const state = await readLedgerState(source, 'XM-2026-001');
    expect(state.state).toBe(lastTo);
    expect(state.since).toBe(/^at: '?([^'\n]+)'?$/m.exec(last)![1]);
    const reads = fake.calls.filter((c) => c.path.includes('/contents/'));
    expect(reads.map((c) => c.path)).toEqual([
      `/repos/xm-gxj/jiebang/contents/${LEDGER}`,
      `/repos/xm-gxj/jiebang/contents/${LEDGER}/${acts.at(-1)}`,
    ]);
  });

  it('says draft for a subject without a ledger', async () => {
    expect((await readLedgerState(source, 'XM-2026-099')).state).toBe('draft');
  });

  it('reads nothing before the editor has logged in, and names a refused token', async () => {
    store.clear();
    const before = fake.calls.length;
    expect((await readLedgerState(source, 'XM-2026-001')).state).toBe('draft');
    expect(fake.calls.length).toBe(before);
    store.set('decap-cms-user', JSON.stringify({ token: 'expired' }));
    await expect(readLedgerState(source, 'XM-2026-001')).rejects.toThrow('GitHub 401');
  });
});
