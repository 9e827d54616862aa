/**
 * Everything about a withheld record is withheld with it, in a repository stored in public
 * (site.yml `privacy.sealAtRest`): an officer's act on a directed application to a
 * non-public demand is written with its reason sealed (review/seal-act.ts), the file at
 * rest holds none of it, officers open it with their key, and the ledger's audit — which
 * holds no key — still re-judges the act and its chain.
 */
import { appendFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { formatYaml } from '../../pipeline/content/format.ts';
import type { Officers } from '../../pipeline/generated/types.ts';
import { officerRecipients } from '../../pipeline/seal/recipients.ts';
import { seal } from '../../pipeline/seal/seal.ts';
import { jiebang, ROOT } from '../cli/run-cli.ts';
import { makeRepo } from '../helpers/git-repo.ts';

const keyFile = (login: string) => join(ROOT, 'test/fixtures/keys', `${login}.key`);
// The sample content, committed as its acts judged it.
const sample = join(ROOT, 'content');
const {
  dir: repo,
  git,
  cleanup,
} = makeRepo(
  Object.fromEntries(
    readdirSync(sample, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => [relative(ROOT, join(e.parentPath, e.name)), readFileSync(join(e.parentPath, e.name))]),
  ),
);
afterAll(cleanup);

/** A directed application to the sample's non-public demand XM-2026-007, passed by the bureau. */
const SUBJECT = 'XM-2026-007-A01';
const REASON = '方案未达到该不公开需求的耐温指标一千二百度哨兵';

describe('acts on a withheld record in a public repository', () => {
  appendFileSync(join(repo, 'content/site.yml'), 'privacy:\n  sealAtRest: true\n');
  const sealed = jiebang(['reseal', '--identity', keyFile('xm-jiebang-admin')], { cwd: repo });
  git('commit', '-qam', 'a public repository: every record sealed at rest');
  const decided = jiebang(
    ['decide', SUBJECT, `/不予推荐 ${REASON}`, '--as', 'xm-gxj-chenyh', '--now', '2026-09-10T10:00:00+08:00'],
    { cwd: repo },
  );
  const file = join(repo, `content/decisions/${SUBJECT}/0003.yml`);

  it('records the act with its reason sealed: nothing of the reason at rest', () => {
    expect(sealed.code, sealed.stderr).toBe(0);
    expect(decided.code, decided.stdout + decided.stderr).toBe(0);
    expect(decided.stdout).toContain('理由和目录编号已加密记入台账');
    const text = readFileSync(file, 'utf8');
    const record = parse(text);
    expect(record).toMatchObject({ subject: SUBJECT, action: 'reject', to: 'bureau_rejected' });
    expect(record.reason).toBeUndefined();
    expect(record.sealed).toMatch(/^-----BEGIN AGE ENCRYPTED FILE-----/);
    expect(text).not.toContain('哨兵');
    expect(git('show', '--stat', 'HEAD')).toContain(`content/decisions/${SUBJECT}/0003.yml`);
  });

  it('an officer opens the reason; nobody writes the opened act back', () => {
    const opened = jiebang(['unseal', file, '--identity', keyFile('xm-gxj-linzw')]);
    expect(opened.code, opened.stderr).toBe(0);
    expect(parse(opened.stdout).reason).toBe(REASON);
    const outsider = jiebang(['unseal', file, '--identity', keyFile('outsider')]);
    expect(outsider.code).toBe(1);
    const before = readFileSync(file, 'utf8');
    const inPlace = jiebang(['unseal', file, '--in-place', '--identity', keyFile('xm-gxj-linzw')]);
    expect(inPlace.code).toBe(2);
    expect(inPlace.stderr).toContain('台账中的决定写入后不能修改');
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('the content checks and the keyless audit accept the sealed act; reseal leaves the ledger alone', () => {
    const validate = jiebang(['validate', 'content'], { cwd: repo });
    expect(validate.code, validate.stdout).toBe(0);
    // The sample's acts written in the clear before the ledger sealed such acts are said, never errors.
    expect(validate.stdout).toContain('! content/decisions/XM-2026-017/0004.yml（提示）');
    expect(validate.stdout).toContain('以明文存放在公开仓库中');
    expect(validate.stdout).not.toContain(`${SUBJECT}/0003.yml（提示）`);
    const audit = jiebang(['audit'], { cwd: repo });
    expect(audit.code, audit.stdout + audit.stderr).toBe(0);
    const before = readFileSync(file, 'utf8');
    const reseal = jiebang(['reseal', '--identity', keyFile('xm-jiebang-admin')], { cwd: repo });
    expect(reseal.code, reseal.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(before);
    git('checkout', '--', 'content'); // the other records' fresh ciphertext is not what this test is about
  });

  it('refuses a scan in the clear for an act on a withheld record, writing nothing', () => {
    const before = git('rev-parse', 'HEAD');
    const r = jiebang(
      [
        'decide',
        SUBJECT,
        '/撤回 代=申报单位 文号=撤回函 日期=2026-09-09 文件=content/decisions/XM-2026-007-A01/evidence/letter.pdf',
        '--as',
        'xm-gxj-chenyh',
        '--now',
        '2026-09-10T12:00:00+08:00',
      ],
      { cwd: repo },
    );
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain('不能以明文存放在仓库中');
    expect(git('rev-parse', 'HEAD')).toBe(before);
  });

  it('an act on a public record keeps its reason in the clear; a sealed one is reported by the audit', async () => {
    const returned = jiebang(
      [
        'decide',
        'XM-2026-013',
        '/退回 请补充技术指标的测试方法',
        '--as',
        'xm-gxj-chenyh',
        '--now',
        '2026-09-10T11:00:00+08:00',
      ],
      { cwd: repo },
    );
    expect(returned.code, returned.stdout + returned.stderr).toBe(0);
    const path = join(repo, 'content/decisions/XM-2026-013/0002.yml');
    const act = parse(readFileSync(path, 'utf8'));
    expect(act.reason).toBe('请补充技术指标的测试方法');
    expect(act.sealed).toBeUndefined();

    // A writer that hides a public act's reason (the same commit, sealed): the audit names it.
    const registry = parse(readFileSync(join(repo, 'content/officers.yml'), 'utf8')) as Officers;
    const hidden = await seal('decision', act, officerRecipients(registry, new Date(act.at)), true);
    writeFileSync(path, formatYaml('decision', hidden));
    git('commit', '-q', '--amend', '-a', '--no-edit');
    const audit = jiebang(['audit'], { cwd: repo });
    expect(audit.code).toBe(1);
    expect(audit.stdout + audit.stderr).toContain('只有关于不公开记录的决定才加密存放');
  });
});
