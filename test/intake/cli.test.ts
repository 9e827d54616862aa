/**
 * `jiebang intake` as a user runs it: a recorded event against a local git repository, the
 * JSON shape, the text output, exit codes, and usage errors that say what is wrong.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gitText } from '../../pipeline/forge/git.ts';
import { jiebang, ROOT } from '../cli/run-cli.ts';
import { issueEvent } from '../fixtures/intake/events.ts';
import { writeIntakeRepo } from '../fixtures/intake/repo.ts';

const tmp = mkdtempSync(join(tmpdir(), 'jiebang-intake-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const EVENT = join(ROOT, 'test/fixtures/events/issue-opened-jiebang.json');

describe('jiebang intake', () => {
  it('handles a recorded issue event: commits, prints the JSON outcome, exit 0; the same event again writes nothing', async () => {
    const repo = join(tmp, 'repo');
    writeIntakeRepo(repo, { writeMode: 'commit' });
    const r = jiebang(['intake', '--event', EVENT, '--repo', repo, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['verdict', 'comment', 'labels', 'written', 'errors']);
    expect(out).toMatchObject({
      verdict: 'valid',
      labels: ['揭榜', '待初审'],
      written: ['content/applications/XM-2026-001-A02.yml', 'content/decisions/XM-2026-001-A02/0001.yml'],
      errors: [],
    });
    expect(await gitText(['log', '-1', '--format=%s'], { cwd: repo })).toBe(
      'intake: 受理揭榜 XM-2026-001-A02 (issue #101)',
    );
    // The work tree follows the branch, and what would be posted is in the outbox.
    expect(readFileSync(join(repo, 'content/applications/XM-2026-001-A02.yml'), 'utf8')).toMatch(
      /^id: XM-2026-001-A02/,
    );
    const outbox = JSON.parse(readFileSync(join(repo, '.git/jiebang/outbox.json'), 'utf8')) as {
      issues: Record<string, { comments: unknown[]; labels: string[] }>;
    };
    expect(outbox.issues['101']!.comments).toHaveLength(1);
    const again = JSON.parse(jiebang(['intake', '--event', EVENT, '--repo', repo, '--json']).stdout) as {
      written: string[];
    };
    expect(again.written).toEqual([]);
  });

  it('prints the answer as text, and exits 1 for a submission with problems', () => {
    const repo = join(tmp, 'repo2');
    writeIntakeRepo(repo);
    const event = join(tmp, 'bad.json');
    writeFileSync(
      event,
      JSON.stringify(
        issueEvent({
          number: 9,
          body: '### 揭榜需求编号\n\nXM-2026-001\n\n### 企业名称\n\n厦门',
          labels: ['揭榜'],
          at: '2026-08-03T02:00:00Z',
        }),
      ),
    );
    const r = jiebang(['intake', '--event', event, '--repo', repo]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^结果 \/ verdict: invalid（需要修改）/);
    expect(r.stdout).toMatch(/标签 \/ labels: 揭榜、待修改/);
    expect(r.stdout).toContain('## ⚠️ 需要修改');
  });

  it('takes --now over the event’s own time', () => {
    const repo = join(tmp, 'repo3');
    writeIntakeRepo(repo);
    const r = jiebang(['intake', '--event', EVENT, '--repo', repo, '--json', '--now', '2028-01-05T10:00:00+08:00']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).errors[0].message).toMatch(/揭榜申请已经截止/);
  });

  it.each([
    [['intake'], /--event <event\.json> is required/],
    [['intake', '--event', join(tmp, 'missing.json')], /读不到事件文件/],
    [['intake', '--event', 'BAD_JSON'], /不是有效的 JSON/],
    [['intake', '--event', 'BAD_UTF8'], /不是有效的 UTF-8/],
    [['intake', '--event', 'EMPTY_OBJECT'], /无法从事件内容判断事件类型/],
    [['intake', '--event', EVENT, '--event-name', 'push'], /--event-name must be one of/],
    [['intake', '--event', EVENT, '--repo', 'NOT_A_REPO'], /不是 git 仓库/],
    [['intake', '--event', EVENT, '--now', '2026-08-03 10:00'], /--now 需要带时区的 ISO 时间/],
    [['intake', '--event', EVENT, '--bogus'], /Unknown option/],
  ])('usage errors exit 2 with a message, never a stack trace: %j', (args, message) => {
    writeFileSync(join(tmp, 'bad-json.json'), '{ "issue": ');
    writeFileSync(join(tmp, 'bad-utf8.json'), Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d]));
    writeFileSync(join(tmp, 'empty.json'), '{}');
    const real = args.map(
      (a) =>
        ({
          BAD_JSON: join(tmp, 'bad-json.json'),
          BAD_UTF8: join(tmp, 'bad-utf8.json'),
          EMPTY_OBJECT: join(tmp, 'empty.json'),
          NOT_A_REPO: tmp,
        })[a] ?? a,
    );
    const r = jiebang(real);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
