/**
 * Sealed restricted fields through every channel, end to end on real git repositories:
 * an issue carrying a real sealed blob is accepted and its entry opens with an officer's
 * key; broken or passphrase blobs are refused; in a public repository (site.yml
 * `privacy.sealAtRest`) a pull request with restricted values in the clear is refused
 * field by field without repeating a value, and the same record sealed passes; the rules
 * that need restricted values (SME size) run only where the key is (`jiebang validate
 * --identity`), with redacted messages; `jiebang reseal` after a key change leaves every
 * record readable by the new officer and by no removed one.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Encrypter, armor } from 'age-encryption';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCatalog } from '../../pipeline/content/catalog.ts';
import { formatYaml } from '../../pipeline/content/format.ts';
import { loadPaths } from '../../pipeline/content/load.ts';
import { recordedStatus } from '../../pipeline/review/status.ts';
import { recordFromBytes } from '../../pipeline/content/load.ts';
import { route } from '../../pipeline/handlers/route.ts';
import { LocalGitForge } from '../../pipeline/forge/local-git.ts';
import type { Officers } from '../../pipeline/generated/types.ts';
import { bodyFromRecord } from '../../pipeline/forms/render-body.ts';
import { restrictedValues } from '../../pipeline/privacy/visibility.ts';
import { officerRecipients } from '../../pipeline/seal/recipients.ts';
import { unsealRecords } from '../../pipeline/seal/content.ts';
import { parseIdentities, seal, sealPayload, SEALED_FORMAT } from '../../pipeline/seal/seal.ts';
import { jiebang, ROOT } from '../cli/run-cli.ts';
import { issueEvent, pullRequestEvent } from '../fixtures/intake/events.ts';
import { DURING_APPLY, writeIntakeRepo } from '../fixtures/intake/repo.ts';
import { demandSubmission, enterpriseSubmission } from '../fixtures/intake/samples.ts';

const KEYS = join(ROOT, 'test/fixtures/keys');
const keyFile = (login: string) => join(KEYS, `${login}.key`);
const identity = (login: string) => parseIdentities(readFileSync(keyFile(login), 'utf8'));
const officers = parse(readFileSync(join(ROOT, 'content/officers.yml'), 'utf8')) as Officers;
const RECIPIENTS = officerRecipients(officers, new Date('2026-04-10T00:00:00+08:00'));

const root = mkdtempSync(join(tmpdir(), 'jiebang-sealed-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const CONTACT = { name: '欧阳秘密', position: '技术总监', mobile: '13912340001', email: 'ouyang.secret@example.cn' };
const APRIL = '2026-04-10T02:00:00Z';

async function sealedContact(): Promise<string> {
  return sealPayload({ format: SEALED_FORMAT, kind: 'demand', fields: { '/contact': CONTACT } }, RECIPIENTS);
}

describe('issues: a sealed blob is accepted, a broken one refused', () => {
  const dir = join(root, 'issues');
  writeIntakeRepo(dir, { writeMode: 'commit' });
  const forge = new LocalGitForge(dir, { baseUrl: 'https://github.com/xm-gxj/jiebang' });
  const submit = (number: number, record: Record<string, unknown>) =>
    route({
      name: 'issues',
      payload: issueEvent({ number, body: bodyFromRecord('demand', record), labels: ['发榜'], at: APRIL }),
      forge,
      branch: 'main',
      now: new Date(APRIL),
    });

  it('accepts a demand whose contact is sealed to the officers, and an officer opens the entry', async () => {
    const outcome = await submit(901, { ...demandSubmission(), sealed: await sealedContact() });
    expect(outcome.verdict).toBe('valid');
    expect(outcome.comment).not.toContain(CONTACT.mobile);
    const entryPath = outcome.written.find((p) => p.startsWith('content/demands/'))!;
    const bytes = (await forge.readFile(entryPath, 'main'))!;
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('-----BEGIN AGE ENCRYPTED FILE-----');
    for (const v of Object.values(CONTACT)) expect(text).not.toContain(v);

    const loaded = recordFromBytes(entryPath, 'demand', bytes);
    expect(loaded.issues).toEqual([]);
    const { records, opened } = await unsealRecords([loaded], identity('xm-gxj-linzw'));
    expect(opened).toBe(1);
    expect(records[0]!.data!.contact).toEqual(CONTACT);
    expect(records[0]!.issues).toEqual([]);
  });

  it('accepts the blob `jiebang seal --armor` prints for a CLI submitter, and `jiebang unseal` opens the entry', async () => {
    const file = join(root, 'my-demand.yml');
    const mine: Record<string, unknown> = { ...demandSubmission(), contact: CONTACT };
    delete mine.sealed;
    writeFileSync(file, formatYaml('demand', mine));
    const out = jiebang([
      'seal',
      file,
      '--kind',
      'demand',
      '--armor',
      '--recipients-from',
      join(ROOT, 'content/officers.yml'),
      '--now',
      '2026-04-10T10:00:00+08:00',
    ]);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/^-----BEGIN AGE ENCRYPTED FILE-----\n/);
    for (const v of Object.values(CONTACT)) expect(out.stdout).not.toContain(v);
    const outcome = await submit(904, { ...demandSubmission(), sealed: out.stdout });
    expect(outcome.verdict).toBe('valid');
    const entry = outcome.written.find((p) => p.startsWith('content/demands/'))!;
    const entryFile = join(root, 'entry.yml');
    writeFileSync(entryFile, (await forge.readFile(entry, 'main'))!);
    const opened = jiebang(['unseal', entryFile, '--kind', 'demand', '--identity', keyFile('miit-qyj-zhaol')]);
    expect(opened.code, opened.stderr).toBe(0);
    expect(parse(opened.stdout).contact).toEqual(CONTACT);
    const refused = jiebang(['unseal', entryFile, '--kind', 'demand', '--identity', keyFile('outsider')]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('不是加密给您的密钥的');
    expect(refused.stdout).toBe('');
  });

  it('refuses a passphrase-encrypted blob and a blob cut short, naming the sealed field', async () => {
    const e = new Encrypter();
    e.setScryptWorkFactor(10);
    e.setPassphrase('correct horse battery staple');
    const passphrase = armor.encode(await e.encrypt(JSON.stringify({ '/contact': CONTACT })));
    const good = await sealedContact();
    // Cut inside the header (a cut inside the payload keeps the structure: only the key finds it).
    const cut = good.split('\n').slice(0, 3).join('\n');
    for (const [n, blob, rule] of [
      [902, passphrase, 'recipients'],
      [903, `${cut}\n-----END AGE ENCRYPTED FILE-----\n`, 'mac'],
    ] as const) {
      const outcome = await submit(n, { ...demandSubmission(), sealed: blob });
      expect(outcome.verdict, rule).toBe('invalid');
      expect(outcome.errors.map((x) => x.path)).toContain('/sealed');
      expect(outcome.comment).toContain('密封信息');
      expect(outcome.written).toEqual([]);
    }
  });
});

describe('pull requests to a public repository (privacy.sealAtRest)', () => {
  const dir = join(root, 'public-repo');
  writeIntakeRepo(dir);
  const forge = new LocalGitForge(dir, { baseUrl: 'https://github.com/xm-gxj/jiebang' });
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: dir,
      stdio: 'pipe',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@example.invalid',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@example.invalid',
      },
    });
  const site = parse(readFileSync(join(dir, 'content/site.yml'), 'utf8'));
  writeFileSync(join(dir, 'content/site.yml'), formatYaml('site', { ...site, privacy: { sealAtRest: true } }));
  git('commit', '-qam', 'this repository is public: seal at rest');

  const profile: Record<string, unknown> = {
    ...enterpriseSubmission(60, '厦门明文测试科技有限公司'),
    sealed: undefined,
    legalRepresentative: '司马明文',
    contact: CONTACT,
    employees: 86,
    revenueLastYear: 9876.54,
  };
  const path = `content/enterprises/${profile.uscc}/index.yml`;

  async function pullRequest(number: number, branch: string, text: string) {
    const base = (await forge.head('main'))!;
    await forge.createBranch(branch, base);
    const r = await forge.commit({ branch, expectedHead: base, message: 'profile', files: [{ path, content: text }] });
    if (!r.ok) throw new Error('could not build the branch');
    const payload = pullRequestEvent({
      number,
      login: 'mingwen-ltd',
      headRef: branch,
      at: '2026-08-03T02:00:00Z',
      baseSha: base,
      headSha: r.sha,
    });
    return route({ name: 'pull_request', payload, forge, branch: 'main', now: new Date(DURING_APPLY) });
  }

  it('refuses a profile with restricted values in the clear, field by field, never repeating one', async () => {
    const outcome = await pullRequest(601, 'profile-clear', formatYaml('enterprise', profile));
    expect(outcome.verdict).toBe('invalid');
    const cleartext = outcome.errors.filter((e) => e.keyword === 'cleartext');
    expect(cleartext.map((e) => e.path.split('#')[1]).sort()).toEqual(
      ['/contact', '/employees', '/legalRepresentative', '/revenueLastYear'].sort(),
    );
    expect(cleartext.find((e) => e.path.endsWith('/employees'))!.message).toMatch(/^从业人员/);
    for (const v of [...Object.values(CONTACT), '司马明文', '9876.54']) expect(outcome.comment).not.toContain(v);
  });

  it('accepts the same profile sealed', async () => {
    const sealed = await seal('enterprise', profile, RECIPIENTS);
    expect(restrictedValues('enterprise', sealed)).toEqual([]);
    const outcome = await pullRequest(602, 'profile-sealed', formatYaml('enterprise', sealed));
    expect(outcome.errors).toEqual([]);
    expect(outcome.verdict).toBe('valid');
  });
});

describe('rules on restricted values run where the key is', () => {
  const content = join(root, 'content');
  cpSync(join(ROOT, 'content'), content, { recursive: true });

  it('a large enterprise hidden in a sealed profile is caught only with the key, without its figures in the message', async () => {
    // The applicant of a sample application under review, its profile made large and sealed.
    const { records } = await loadPaths([content], { validate: false });
    const catalog = buildCatalog(records);
    const app = [...catalog.applications.values()].find((a) =>
      ['submitted', 'returned'].includes(recordedStatus(catalog.decisions.get(a.id)).state),
    )!;
    expect(app, 'a sample application under review').toBeDefined();
    const profilePath = join(content, `enterprises/${app.applicant.uscc}/index.yml`);
    const profile = parse(readFileSync(profilePath, 'utf8'));
    const large = { ...profile, employees: 5321, revenueLastYear: 987654.32, totalAssets: 1234567.89 };
    writeFileSync(profilePath, formatYaml('enterprise', await seal('enterprise', large, RECIPIENTS)));

    const blind = jiebang(['validate', content, '--json']);
    expect(blind.code, blind.stdout + blind.stderr).toBe(0);

    const keyed = jiebang(['validate', content, '--json', '--identity', keyFile('xm-jiebang-admin')]);
    expect(keyed.code).toBe(1);
    const results = JSON.parse(keyed.stdout).results as Array<{
      file: string;
      errors: Array<{ keyword: string; params?: unknown; message: string }>;
    }>;
    const failing = results.filter((r) => r.errors.length);
    // Every application of that enterprise, and nothing else.
    expect(failing.map((r) => r.file)).toContainEqual(expect.stringContaining(`applications/${app.id}.yml`));
    for (const r of failing) {
      expect(parse(readFileSync(r.file, 'utf8')).applicant.uscc, r.file).toBe(app.applicant.uscc);
      expect(r.errors.map((e) => e.message)).toEqual([expect.stringContaining('大型企业')]);
    }
    for (const v of ['5321', '987654', '1234567']) expect(keyed.stdout + keyed.stderr).not.toContain(v);

    const wrong = jiebang(['validate', content, '--identity', keyFile('outsider')]);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toContain('不是加密给您的密钥的');
  });

  it('after a key change, reseal makes every record readable by the new officer and by no removed one', async () => {
    const repo = join(root, 'rotate');
    cpSync(join(ROOT, 'content'), join(repo, 'content'), { recursive: true });
    const sitePath = join(repo, 'content/site.yml');
    writeFileSync(
      sitePath,
      formatYaml('site', { ...parse(readFileSync(sitePath, 'utf8')), privacy: { sealAtRest: true } }),
    );
    // At rest in the clear where sealing is required: validate says so, reseal seals everything.
    expect(jiebang(['validate', 'content'], { cwd: repo }).code).toBe(1);
    const check = jiebang(['reseal', '--check'], { cwd: repo });
    expect(check.code).toBe(1);
    const first = jiebang(['reseal', '--identity', keyFile('xm-jiebang-admin')], { cwd: repo });
    expect(first.code, first.stderr).toBe(0);
    expect(jiebang(['validate', 'content'], { cwd: repo }).code).toBe(0);

    // Rotation: 林志伟 leaves the registry, a new officer (the outsider key) joins.
    const officersPath = join(repo, 'content/officers.yml');
    const registry = parse(readFileSync(officersPath, 'utf8')) as Officers;
    const outsider = /# public key: (age1\S+)/.exec(readFileSync(keyFile('outsider'), 'utf8'))![1]!;
    registry.officers = registry.officers.filter((o) => o.login !== 'xm-gxj-linzw') as Officers['officers'];
    registry.officers.push({
      login: 'xm-gxj-newcomer',
      name: '新任经办',
      role: 'bureau',
      validFrom: '2026-01-01',
      recipient: outsider,
    });
    writeFileSync(officersPath, formatYaml('officers', registry));
    expect(jiebang(['reseal', '--check'], { cwd: repo }).code).toBe(0); // same number of keys: the count cannot tell
    const second = jiebang(['reseal', '--identity', keyFile('miit-qyj-zhaol')], { cwd: repo });
    expect(second.code, second.stderr).toBe(0);

    const newcomer = jiebang(['validate', 'content', '--identity', keyFile('outsider')], { cwd: repo });
    expect(newcomer.code, newcomer.stdout).toBe(0);
    const departed = jiebang(['validate', 'content', '--identity', keyFile('xm-gxj-linzw')], { cwd: repo });
    expect(departed.code).toBe(1);
    expect(departed.stdout).toContain('不是加密给您的密钥的');
  });

  it('unseal will not write cleartext back into a repository that seals at rest', () => {
    const repo = join(root, 'rotate');
    const uscc = parse(readFileSync(join(repo, 'content/applications/XM-2023-001-A01.yml'), 'utf8')).applicant
      .uscc as string;
    const file = join(repo, `content/enterprises/${uscc}/index.yml`);
    const before = readFileSync(file, 'utf8');
    const r = jiebang(['unseal', file, '--in-place', '--identity', keyFile('xm-jiebang-admin')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('sealAtRest');
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('reseal with a key that cannot open everything changes no file', async () => {
    const repo = join(root, 'rotate');
    const before =
      readFileSync(join(repo, 'content/officers.yml'), 'utf8') +
      readFileSync(
        join(
          repo,
          `content/enterprises/${parse(readFileSync(join(repo, 'content/applications/XM-2023-001-A01.yml'), 'utf8')).applicant.uscc}/index.yml`,
        ),
        'utf8',
      );
    const r = jiebang(['reseal', '--identity', keyFile('xm-gxj-linzw')], { cwd: repo });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('没有改动任何文件');
    const after =
      readFileSync(join(repo, 'content/officers.yml'), 'utf8') +
      readFileSync(
        join(
          repo,
          `content/enterprises/${parse(readFileSync(join(repo, 'content/applications/XM-2023-001-A01.yml'), 'utf8')).applicant.uscc}/index.yml`,
        ),
        'utf8',
      );
    expect(after).toBe(before);
  });
});
