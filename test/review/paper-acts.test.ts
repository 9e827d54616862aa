/**
 * Acts that arrive on paper, end to end in a real repository: an officer commits the scan
 * of MIIT's decision, records the act on MIIT's behalf with `jiebang decide` (the scan's
 * digest computed from the committed file), the audit finds the evidence and its digest;
 * a scan removed or altered afterwards, or an on-behalf act forged without evidence, is
 * named by the audit. Closing a round from the command line, and what a closed round takes.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { formatYaml } from '../../pipeline/content/format.ts';
import type { Decision } from '../../pipeline/generated/types.ts';
import { decisionPath, sha256 } from '../../pipeline/review/ledger.ts';
import { jiebang } from '../cli/run-cli.ts';
import { makeRepo, type TestRepo } from '../helpers/git-repo.ts';
import { fixtureFiles } from './fixture.ts';

const SCAN = 'content/decisions/TS-2026-004/evidence/miit-2026-120.pdf';
const scanBytes = Buffer.from('%PDF-1.4\n% a scan of 工信厅企业函〔2026〕120号\n%%EOF\n');
let base: Map<string, Uint8Array>;
const repos: TestRepo[] = [];
beforeAll(async () => {
  base = await fixtureFiles();
});
afterAll(() => repos.forEach((r) => r.cleanup()));

function repoWithScan(): TestRepo {
  const r = makeRepo(Object.fromEntries(base));
  repos.push(r);
  mkdirSync(join(r.dir, 'content/decisions/TS-2026-004/evidence'), { recursive: true });
  writeFileSync(join(r.dir, SCAN), scanBytes);
  r.git('add', '-A');
  r.git('commit', '-q', '-m', '收文：工信部目录决定扫描件');
  return r;
}
const decide = (r: TestRepo, ...args: string[]) => jiebang(['decide', ...args], { cwd: r.dir });
const audit = (r: TestRepo) => {
  const out = jiebang(['audit', '--json', join(r.dir, 'content')]);
  return {
    code: out.code,
    ...(JSON.parse(out.stdout) as { problems: Array<{ file: string; code: string; message: string }> }),
  };
};

describe('an act recorded on MIIT’s behalf from a committed scan', () => {
  it('is recorded with its evidence, the digest taken from the file, and the audit checks the scan', () => {
    const r = repoWithScan();
    const out = decide(
      r,
      'TS-2026-004',
      '/入选目录',
      '代=工信部',
      '文号=工信厅企业函〔2026〕120号',
      '日期=2026年5月20日',
      `文件=${SCAN}`,
      '--as',
      'bureau-li',
      '--now',
      '2026-05-25T10:00:00+08:00',
    );
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const d = parse(readFileSync(join(r.dir, decisionPath('TS-2026-004', 4)), 'utf8')) as Decision;
    expect(d).toMatchObject({
      action: 'catalogue',
      to: 'catalogued',
      actor: { login: 'bureau-li', role: 'bureau' },
      onBehalfOf: 'miit',
      evidence: { documentNo: '工信厅企业函〔2026〕120号', date: '2026-05-20', sha256: sha256(scanBytes), file: SCAN },
    });
    expect(audit(r)).toMatchObject({ code: 0, problems: [] });

    // The scan altered afterwards: the audit names the act and the digest.
    writeFileSync(join(r.dir, SCAN), Buffer.concat([scanBytes, Buffer.from('tampered')]));
    const altered = audit(r);
    expect(altered.code).toBe(1);
    expect(altered.problems[0]).toMatchObject({ file: decisionPath('TS-2026-004', 4), code: 'act-evidence-hash' });
    // …and removed.
    rmSync(join(r.dir, SCAN));
    expect(audit(r).problems[0]).toMatchObject({ file: decisionPath('TS-2026-004', 4), code: 'act-evidence-file' });
  });

  it('is refused without evidence or from the wrong role, and nothing is written', () => {
    const r = repoWithScan();
    const head = r.git('rev-parse', 'HEAD');
    const none = decide(
      r,
      'TS-2026-004',
      '/入选目录',
      '代=工信部',
      '--as',
      'bureau-li',
      '--now',
      '2026-05-25T10:00:00+08:00',
    );
    expect(none.code).toBe(1);
    expect(none.stdout).toContain('代为登记须附证明文件');
    const wrong = decide(
      r,
      'TS-2026-004',
      '/入选目录',
      '代=工信部',
      '文号=X',
      '日期=2026-05-20',
      `文件=${SCAN}`,
      '--as',
      'issuer-wang',
      '--now',
      '2026-05-25T10:00:00+08:00',
    );
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toContain('须由主管部门经办人员或系统管理员办理');
    const badDate = decide(r, 'TS-2026-004', '/入选目录', '代=工信部', '日期=2026-13-01', '--as', 'bureau-li');
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('不是有效日期');
    expect(r.git('rev-parse', 'HEAD')).toBe(head);
    expect(r.git('status', '--porcelain')).toBe('');
  });

  it('forged on behalf without evidence is named by the audit', () => {
    const r = repoWithScan();
    const existing = r
      .git('ls-files', 'content/decisions/TS-2026-004')
      .split('\n')
      .filter((p) => /\d{4}\.yml$/.test(p));
    const last = parse(readFileSync(join(r.dir, existing.at(-1)!), 'utf8')) as Decision;
    // Valid against the schema only if evidence were there: write it raw, as a hand edit would.
    const record = {
      ...last,
      seq: existing.length + 1,
      action: 'catalogue',
      from: 'recommended',
      to: 'catalogued',
      actor: { login: 'bureau-li', role: 'bureau' },
      onBehalfOf: 'miit',
      at: '2026-05-25T10:00:00+08:00',
      prev: sha256(readFileSync(join(r.dir, existing.at(-1)!))),
      source: { kind: 'cli', id: 'forged' },
    };
    writeFileSync(join(r.dir, decisionPath('TS-2026-004', record.seq)), formatYaml('decision', record as Decision));
    r.git('add', '-A');
    r.git('commit', '-q', '-m', 'forged');
    const out = audit(r);
    expect(out.code).toBe(1);
    expect(out.problems[0]!.file).toBe(decisionPath('TS-2026-004', record.seq));
    expect(out.problems[0]!.message).toMatch(/证明文件|evidence/);
  });
});

describe('closing a round', () => {
  it('is the bureau’s act on the round; afterwards only documented acts are taken, and the audit agrees', () => {
    const r = repoWithScan();
    const issuer = decide(r, 'TS-2026', '/批次办结', '--as', 'issuer-wang', '--now', '2026-08-09T10:00:00+08:00');
    expect(issuer.code).toBe(1);
    expect(issuer.stdout).toContain('须由主管部门经办人员或系统管理员执行');
    const closed = decide(
      r,
      'TS-2026',
      '/批次办结',
      '本批次工作办结',
      '--as',
      'bureau-li',
      '--now',
      '2026-08-09T10:00:00+08:00',
    );
    expect(closed.code).toBe(0);
    expect(parse(readFileSync(join(r.dir, 'content/decisions/TS-2026/0001.yml'), 'utf8'))).toMatchObject({
      subject: 'TS-2026',
      action: 'close_round',
      from: 'draft',
      to: 'round_closed',
      reason: '本批次工作办结',
    });
    expect(
      decide(r, 'TS-2026', '/批次办结', '--as', 'bureau-li', '--now', '2026-08-09T11:00:00+08:00').stdout,
    ).toContain('不能“批次办结”');
    const plain = decide(r, 'TS-2026-006-A01', '/签约', '--as', 'issuer-wang', '--now', '2026-08-10T10:00:00+08:00');
    expect(plain.code).toBe(1);
    expect(plain.stdout).toContain('批次 TS-2026 已于 2026-08-09T10:00:00+08:00 办结');
    const documented = decide(
      r,
      'TS-2026-006-A01',
      '/签约',
      '代=发榜企业',
      '文号=合同-2026-6-1',
      '日期=2026-08-09',
      `sha256=${'b'.repeat(64)}`,
      '--as',
      'bureau-li',
      '--now',
      '2026-08-10T10:00:00+08:00',
    );
    expect(documented.code).toBe(0);
    expect(audit(r)).toMatchObject({ code: 0, problems: [] });
  });
});
