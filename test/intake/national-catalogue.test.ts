/**
 * Applying to an entry of the national catalogue through the issue form and a pull request,
 * and the bureau's area, on a real git repository (the intake fixture plus a catalogue
 * entry, site.yml's area and an SME registered in another city), through the same route()
 * the action and the CLI use.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatYaml } from '../../pipeline/content/format.ts';
import { eventNameOf, eventTime } from '../../pipeline/events/context.ts';
import { route } from '../../pipeline/handlers/route.ts';
import type { EventName } from '../../pipeline/events/types.ts';
import { LocalGitForge } from '../../pipeline/forge/local-git.ts';
import { bodyFromRecord } from '../../pipeline/forms/render-body.ts';
import { parseContent } from '../../pipeline/content/parse.ts';
import { orgCodeCheckChar, usccCheckChar } from '../../pipeline/rules/uscc.ts';
import { issueEvent, pullRequestEvent } from '../fixtures/intake/events.ts';
import { intakeFiles, SME_CLEAR, SME_SEALED, writeIntakeRepo } from '../fixtures/intake/repo.ts';
import { applicationIssue, applicationSubmission, enterpriseSubmission } from '../fixtures/intake/samples.ts';

const AUGUST = '2026-08-03T02:00:00Z';
const ENTRY = 'QG-2026-001';
/** An SME registered in 福州市 (its credit code issued there too). */
const FUZHOU = (() => {
  const org = 'MA31Y1Y6';
  const first17 = `91350102${org}${orgCodeCheckChar(org)}`;
  return { uscc: first17 + usccCheckChar(first17), name: '福州闽江精测科技有限公司' };
})();

const root = mkdtempSync(join(tmpdir(), 'jiebang-national-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let forge: LocalGitForge;

beforeAll(async () => {
  const dir = join(root, 'repo');
  writeIntakeRepo(dir, { writeMode: 'pr' });
  forge = new LocalGitForge(dir, { baseUrl: 'https://github.com/xm-gxj/jiebang' });
  const site = parseContent(new TextEncoder().encode(intakeFiles()['content/site.yml']!), 'site.yml');
  const settings = {
    ...(site.ok ? (site.data as object) : {}),
    area: { divisions: [{ code: '3502', province: '福建省', city: '厦门市' }] },
    upstream: { name: '工业和信息化部' },
  };
  const head = (await forge.head('main'))!;
  const r = await forge.commit({
    branch: 'main',
    expectedHead: head,
    message: 'national catalogue, area, an SME from 福州',
    files: [
      { path: 'content/site.yml', content: formatYaml('site', settings) },
      {
        path: `content/catalogue/${ENTRY}.yml`,
        content: formatYaml('external', {
          id: ENTRY,
          round: 'XM-2026',
          catalogueNo: 'MIIT-2026-0107',
          serial: 2,
          title: '高速光模块用硅光调制器芯片',
          anonymousIssuer: true,
          region: { province: '广东省', city: '深圳市' },
          field: '新一代信息技术',
          demandType: '技术攻关',
          source: {
            file: 'national-catalogue-2026.csv',
            sha256: 'c'.repeat(64),
            importedAt: '2026-07-02T02:00:00.000Z',
            row: 4,
          },
        }),
      },
      {
        path: `content/enterprises/${MOVED.uscc}/index.yml`,
        content: formatYaml('enterprise', {
          ...enterpriseSubmission(12, MOVED.name),
          uscc: MOVED.uscc,
          sealed: undefined,
          legalRepresentative: '林迁',
          contact: { name: '林迁', mobile: '13906001288', email: 'linqian@example.cn' },
          employees: 40,
          revenueLastYear: 3100,
        }),
      },
      {
        path: `content/enterprises/${FUZHOU.uscc}/index.yml`,
        content: formatYaml('enterprise', {
          ...enterpriseSubmission(11, FUZHOU.name),
          uscc: FUZHOU.uscc,
          sealed: undefined,
          region: { province: '福建省', city: '福州市', district: '鼓楼区' },
          legalRepresentative: '陈闽',
          contact: { name: '陈闽', mobile: '13906001299', email: 'chenmin@example.cn' },
          employees: 60,
          revenueLastYear: 5200,
        }),
      },
    ],
  });
  if (!r.ok) throw new Error('could not set up the repository');
});

const handle = (payload: Record<string, unknown>) => {
  const name = eventNameOf(payload) as EventName;
  return route({
    name,
    payload,
    forge,
    branch: 'main',
    now: eventTime(name, payload, new Date('2100-01-01T00:00:00Z')),
  });
};
/** The issue form's body: the chapters and indicator responses travel sealed (only the officers and the issuer read them). */
const applyTo = (demandId: string, applicant: { uscc: string; name: string }) =>
  bodyFromRecord('application', applicationIssue(demandId, applicant));

/** An SME that declares itself in 厦门 but whose credit code was issued in 福州 (it moved). */
const MOVED = (() => {
  const org = 'MA31Y1Y7';
  const first17 = `91350102${org}${orgCodeCheckChar(org)}`;
  return { uscc: first17 + usccCheckChar(first17), name: '厦门迁入精密科技有限公司' };
})();

describe('an application to an entry of the national catalogue', () => {
  it('is accepted from the issue form, numbered after the entry, and told whom the bureau recommends to', async () => {
    const outcome = await handle(
      issueEvent({ number: 701, body: applyTo(ENTRY, SME_SEALED), labels: ['揭榜'], at: AUGUST }),
    );
    expect(outcome.errors).toEqual([]);
    expect(outcome.verdict).toBe('valid');
    expect(outcome.written).toContain(`content/applications/${ENTRY}-A01.yml`);
    expect(outcome.comment).toContain(`已受理：${ENTRY}-A01`);
    expect(outcome.comment).toContain('通过后推荐至工业和信息化部');
  });

  it('is accepted from a pull request adding the application file', async () => {
    const base = (await forge.head('main'))!;
    await forge.createBranch('apply-qg', base);
    const file = formatYaml('application', {
      id: `${ENTRY}-A05`,
      ...applicationSubmission(ENTRY, SME_CLEAR),
      indicatorResponses: [{ indicator: '调制带宽', committedValue: '≥65 GHz' }],
    });
    const r = await forge.commit({
      branch: 'apply-qg',
      expectedHead: base,
      message: 'pull request',
      files: [{ path: `content/applications/${ENTRY}-A05.yml`, content: file }],
    });
    if (!r.ok) throw new Error('no branch');
    const outcome = await handle(
      pullRequestEvent({
        number: 702,
        login: 'haichuang',
        headRef: 'apply-qg',
        at: AUGUST,
        baseSha: base,
        headSha: r.sha,
      }),
    );
    expect(outcome.errors).toEqual([]);
    expect(outcome.verdict).toBe('valid');
  });

  it('from an SME registered in another city is refused, kindly, pointing to its own bureau, and nothing is written', async () => {
    const outcome = await handle(
      issueEvent({ number: 703, body: applyTo(ENTRY, FUZHOU), labels: ['揭榜'], at: AUGUST }),
    );
    expect(outcome.verdict).toBe('invalid');
    expect(outcome.written).toEqual([]);
    expect(outcome.comment).toContain('不在厦门市工业和信息化局的受理范围（福建省厦门市）内');
    expect(outcome.comment).toContain('请通过福建省福州市的中小企业主管部门申请揭榜');
  });

  it('from an SME registered in another city is refused in a pull request too', async () => {
    const base = (await forge.head('main'))!;
    await forge.createBranch('apply-fz', base);
    const file = formatYaml('application', {
      id: `${ENTRY}-A06`,
      ...applicationSubmission(ENTRY, FUZHOU),
      indicatorResponses: [{ indicator: '调制带宽', committedValue: '≥60 GHz' }],
    });
    const r = await forge.commit({
      branch: 'apply-fz',
      expectedHead: base,
      message: 'pull request',
      files: [{ path: `content/applications/${ENTRY}-A06.yml`, content: file }],
    });
    if (!r.ok) throw new Error('no branch');
    const outcome = await handle(
      pullRequestEvent({
        number: 704,
        login: 'minjiang',
        headRef: 'apply-fz',
        at: AUGUST,
        baseSha: base,
        headSha: r.sha,
      }),
    );
    expect(outcome.verdict).toBe('invalid');
    expect(JSON.stringify(outcome.errors)).toContain('请通过福建省福州市的中小企业主管部门申请揭榜');
  });

  it('from a local SME whose credit code was issued elsewhere is accepted, with a note for the officer', async () => {
    const outcome = await handle(
      issueEvent({ number: 706, body: applyTo(ENTRY, MOVED), labels: ['揭榜'], at: AUGUST }),
    );
    expect(outcome.verdict).toBe('valid');
    expect(outcome.comment).toContain('登记管理机关行政区划码 350102');
    expect(outcome.comment).toContain('请经办人员核实');
  });

  it("may not add or change an entry of the national catalogue from a submitter's pull request", async () => {
    const base = (await forge.head('main'))!;
    await forge.createBranch('sneaky-qg', base);
    const r = await forge.commit({
      branch: 'sneaky-qg',
      expectedHead: base,
      message: 'pull request',
      files: [{ path: 'content/catalogue/QG-2026-002.yml', content: 'id: QG-2026-002\n' }],
    });
    if (!r.ok) throw new Error('no branch');
    const outcome = await handle(
      pullRequestEvent({
        number: 705,
        login: 'xinsense-ltd',
        headRef: 'sneaky-qg',
        at: AUGUST,
        baseSha: base,
        headSha: r.sha,
      }),
    );
    expect(outcome.verdict).toBe('refused');
    expect(JSON.stringify(outcome.errors)).toContain('全国需求目录条目由经办人员用 jiebang import-catalogue');
  });
});
