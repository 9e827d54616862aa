/**
 * Stamped scans that arrive with an issue are kept (pipeline/intake/keep-scans.ts), end to
 * end against the fake GitHub API: the job with an officer's key fetches the issue's
 * attachments through the Forge, processes them (a phone photo with GPS comes out upright,
 * re-encoded, without metadata) and commits them beside the registered record on the
 * issue's submission branch, the record's sealed list naming each by its hash; a hostile
 * file is left out; a second run writes nothing.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitHubForge } from '../../pipeline/forge/github.ts';
import { parseYamlText } from '../../pipeline/content/parse.ts';
import { formatYaml } from '../../pipeline/content/format.ts';
import { subjectMarker, INTAKE_MARKER } from '../../pipeline/intake/comment.ts';
import { keepIssueScans } from '../../pipeline/intake/keep-scans.ts';
import { run } from '../../pipeline/actions/keep-scans/main.ts';
import { parseIdentities, seal, unseal } from '../../pipeline/seal/seal.ts';
import { recipientsFor } from '../../pipeline/seal/recipients.ts';
import type { Officers } from '../../pipeline/generated/types.ts';
import { FakeGitHub } from '../fixtures/fake-github/server.ts';
import { GPS, PDF_ACTIVE, phonePhoto } from '../security/corpus/scans.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const USCC = '91350203MA2XT9L15Q';
const PATH = `content/enterprises/${USCC}/index.yml`;
const KEY = parseIdentities(readFileSync(join(ROOT, 'test/fixtures/keys/xm-gxj-chenyh.key'), 'utf8'));
const NOW = new Date('2026-08-03T02:00:00Z');
const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');

let fake: FakeGitHub;
const forge = () =>
  new GitHubForge({ apiUrl: fake.url, token: fake.token, owner: fake.owner, repo: fake.repo, webUrl: fake.url });

beforeAll(async () => {
  // The 对接表 as the intake registered it: sealed to the officers in office.
  const officers = parseYamlText(read('content/officers.yml')) as { data: Officers };
  const record = (parseYamlText(read(PATH)) as { data: Record<string, unknown> }).data;
  const sealed = await seal('enterprise', record, recipientsFor(officers.data, 'enterprise', record, NOW));
  fake = new FakeGitHub({
    files: {
      'content/site.yml': read('content/site.yml'),
      'content/officers.yml': read('content/officers.yml'),
      [PATH]: formatYaml('enterprise', sealed),
    },
  });
  await fake.start();
  fake.refs.set('submission/issue-7', fake.refs.get('main')!);
});
afterAll(async () => {
  await fake?.stop();
});

describe('stamped scans that arrive with an issue', () => {
  let body = '';
  it('are processed and committed beside the registered record, listed in its sealed attachments', async () => {
    const photo = await phonePhoto(2000, 1250);
    const good = fake.attach('对接表盖章件.jpg', photo);
    const bad = fake.attach('对接表.pdf', PDF_ACTIVE['JavaScript action']);
    body = `### 企业名称\n\n厦门某公司\n\n盖章扫描件：![对接表盖章件](${good}) 和 [对接表.pdf](${bad})\n`;
    fake.addIssue({ number: 7, title: '对接表', body, user: { login: 'sme', type: 'User' } });
    fake.addComment(7, `${INTAKE_MARKER}\n${subjectMarker(USCC)}\n已受理。`, { login: fake.botLogin, type: 'Bot' });
    const before = fake.refs.get('submission/issue-7');

    const kept = await keepIssueScans(forge(), { issue: 7, body, identities: KEY, now: NOW });
    expect(kept.subject).toBe(USCC);
    expect(kept.skipped).toEqual([{ index: 2, reason: 'scan:active' }]);
    expect(kept.kept).toHaveLength(1);
    expect(kept.kept[0]).toMatch(new RegExp(`^content/enterprises/${USCC}/${USCC}-盖章扫描件-[0-9a-f]{12}\\.jpg$`));
    expect(fake.refs.get('submission/issue-7')).toBe(kept.commit);
    expect(fake.refs.get('main')).toBe(before); // only the submission branch

    const files = fake.filesAt('submission/issue-7');
    const tree = fake.trees.get(fake.commits.get(fake.refs.get('submission/issue-7')!)!.tree)!;
    const stored = fake.blobs.get(tree.get(kept.kept[0]!)!)!;
    const meta = await sharp(stored).metadata();
    expect(meta.exif).toBeUndefined();
    expect(stored.includes(GPS.latitude)).toBe(false);
    expect(meta.width! > meta.height!).toBe(false); // turned upright (the photo was held sideways)
    // The list is restricted: sealed in the record, opened with the officer's key.
    const record = (parseYamlText(files[PATH]!) as { data: Record<string, unknown> }).data;
    expect(record.attachments).toBeUndefined();
    const opened = await unseal('enterprise', record, KEY);
    const listedBefore = (parseYamlText(read(PATH)) as { data: { attachments?: unknown[] } }).data.attachments ?? [];
    expect(opened.record.attachments).toEqual([
      ...listedBefore,
      expect.objectContaining({ name: kept.kept[0]!.split('/').pop(), mime: 'image/jpeg', size: stored.length }),
    ]);
  });

  it('writes nothing on a second run', async () => {
    const head = fake.refs.get('submission/issue-7');
    const kept = await keepIssueScans(forge(), { issue: 7, body, identities: KEY, now: NOW });
    expect(kept.kept).toEqual([]);
    expect(fake.refs.get('submission/issue-7')).toBe(head);
  });

  it('keeps nothing for an issue the intake did not register', async () => {
    fake.addIssue({ number: 8, title: '对接表', body, user: { login: 'sme', type: 'User' } });
    const kept = await keepIssueScans(forge(), { issue: 8, body, identities: KEY, now: NOW });
    expect(kept).toMatchObject({ kept: [], skipped: [{ reason: 'no-record' }, { reason: 'no-record' }] });
  });

  it('runs as the workflow step does: the recorded event, the token and the key from the environment', async () => {
    fake.refs.set('submission/issue-9', fake.refs.get('main')!);
    const link = fake.attach('盖章件.jpg', await phonePhoto(1200, 800));
    const issueBody = `盖章扫描件：![盖章件](${link})`;
    fake.addIssue({ number: 9, title: '对接表', body: issueBody, user: { login: 'sme', type: 'User' } });
    fake.addComment(9, `${INTAKE_MARKER}\n${subjectMarker(USCC)}`, { login: fake.botLogin, type: 'Bot' });
    const dir = mkdtempSync(join(tmpdir(), 'jiebang-keep-'));
    const event = join(dir, 'event.json');
    writeFileSync(
      event,
      JSON.stringify({
        action: 'opened',
        issue: { number: 9, title: '对接表', body: issueBody, user: { login: 'sme', type: 'User' }, labels: [] },
        repository: { full_name: 'xm-gxj/jiebang', default_branch: 'main' },
      }),
    );
    const head = fake.refs.get('submission/issue-9');
    await run({
      GITHUB_EVENT_NAME: 'issues',
      GITHUB_EVENT_PATH: event,
      GITHUB_REPOSITORY: 'xm-gxj/jiebang',
      GITHUB_TOKEN: fake.token,
      GITHUB_API_URL: fake.url,
      GITHUB_SERVER_URL: fake.url,
      JIEBANG_OFFICER_KEY: readFileSync(join(ROOT, 'test/fixtures/keys/xm-gxj-chenyh.key'), 'utf8'),
    });
    rmSync(dir, { recursive: true, force: true });
    expect(process.exitCode ?? 0).toBe(0);
    expect(fake.refs.get('submission/issue-9')).not.toBe(head);
    expect(Object.keys(fake.filesAt('submission/issue-9')).filter((p) => p.includes('盖章扫描件'))).toHaveLength(1);
  });
});
