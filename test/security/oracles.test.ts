/**
 * Public answers are not oracles for restricted truth (issue 20): on a real git repository,
 * through the intake's own route, an application naming a non-public demand gets no
 * indicator of it quoted back; an id that does not exist, one that exists and is not
 * public, and one not yet published get the same answer; a registered large enterprise
 * gets the same answer as an SME (its size rests on restricted figures and is judged by
 * the officer). `jiebang validate --identity` (the key-holding job's log) still catches
 * what the public answer leaves out, without naming a non-public demand's indicators.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatYaml } from '../../pipeline/content/format.ts';
import { route } from '../../pipeline/handlers/route.ts';
import { LocalGitForge } from '../../pipeline/forge/local-git.ts';
import { bodyFromRecord } from '../../pipeline/forms/render-body.ts';
import { jiebang } from '../cli/run-cli.ts';
import { issueEvent } from '../fixtures/intake/events.ts';
import {
  DURING_APPLY,
  DURING_CALL,
  LARGE,
  OPEN_DEMAND,
  SME_SEALED,
  UNPUBLISHED_DEMAND,
  WITHHELD_DEMAND,
  writeIntakeRepo,
} from '../fixtures/intake/repo.ts';
import { applicationIssue, applicationSubmission } from '../fixtures/intake/samples.ts';

const root = mkdtempSync(join(tmpdir(), 'jiebang-oracles-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const dir = join(root, 'repo');
writeIntakeRepo(dir, { writeMode: 'commit' });
const forge = new LocalGitForge(dir, { baseUrl: 'https://github.com/xm-gxj/jiebang' });
let next = 700;
async function apply(record: Record<string, unknown>, at = DURING_APPLY) {
  const outcome = await route({
    name: 'issues',
    payload: issueEvent({ number: next++, body: bodyFromRecord('application', record), labels: ['揭榜'], at }),
    forge,
    branch: 'main',
    now: new Date(at),
  });
  return { verdict: outcome.verdict, comment: String(outcome.comment ?? '') };
}
/** The answer with what the applicant typed (ids, names, codes) and the issue's own numbers taken out. */
const shape = (text: string, ...typed: string[]) =>
  typed.reduce((t, s) => t.split(s).join('«typed»'), text).replace(/#\d+|issues\/\d+|`[0-9a-f]{7,40}`/g, '#n');

// The withheld demand's indicators (the fixture's demand text): restricted, as the demand is not public.
const WITHHELD_INDICATORS = ['零点温漂', '连续无故障运行时间'];

describe('answers built from another record carry none of its restricted values', () => {
  it('a directed application missing an indicator of a non-public demand is not told its names', async () => {
    const record = { ...applicationIssue(WITHHELD_DEMAND), directed: true };
    const { comment } = await apply(record);
    for (const name of WITHHELD_INDICATORS) expect(comment).not.toContain(name);
  });

  it('the key-holding check still finds it, and its log does not name the indicators either', () => {
    const content = join(root, 'validate');
    writeIntakeRepo(content);
    const app = {
      ...applicationSubmission(WITHHELD_DEMAND),
      id: `${WITHHELD_DEMAND}-A01`,
      directed: true,
      indicatorResponses: [{ indicator: '探针', committedValue: '1' }],
    };
    writeFileSync(join(content, `content/applications/${app.id}.yml`), formatYaml('application', app));
    const r = jiebang(['validate', join(content, 'content'), '--json']);
    expect(r.code).toBe(1);
    const errors = (JSON.parse(r.stdout).results as Array<{ file: string; errors: Array<{ message: string }> }>)
      .filter((x) => x.file.endsWith(`${app.id}.yml`))
      .flatMap((x) => x.errors);
    expect(errors.map((e) => e.message)).toContainEqual(expect.stringContaining('技术指标的响应与该需求的指标不一致'));
    for (const name of WITHHELD_INDICATORS) expect(r.stdout + r.stderr).not.toContain(name);

    // The trusted job's log is public for a public repository: there the problem is counted, and its file not named.
    const log = jiebang(['validate', join(content, 'content'), '--public-log']);
    expect(log.code).toBe(1);
    expect(log.stdout).not.toContain(app.id);
    expect(log.stdout).not.toContain('技术指标');
    expect(log.stdout).toContain('另有 1 处涉及不公开信息的问题');
  });
});

describe('answers are uniform where the truth is restricted', () => {
  it('a demand id that does not exist, one that is not public, and one not yet published get one answer', async () => {
    const answers = await Promise.all(
      [
        ['XM-2026-097', false],
        [WITHHELD_DEMAND, false],
        [UNPUBLISHED_DEMAND, false],
      ].map(async ([id, directed]) => {
        const a = await apply({ ...applicationIssue(id as string), directed });
        return { verdict: a.verdict, comment: shape(a.comment, id as string) };
      }),
    );
    expect(answers[0]!.verdict).toBe('invalid');
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    expect(answers[0]!.comment).not.toMatch(/不存在|不公开|尚未发布|审核|退回/);
  });

  it('a directed application to a non-public demand outside its window is answered as one to an id that does not exist', async () => {
    const a = await apply({ ...applicationIssue('XM-2026-098'), directed: true }, DURING_CALL);
    const b = await apply({ ...applicationIssue(WITHHELD_DEMAND), directed: true }, DURING_CALL);
    expect(shape(b.comment, WITHHELD_DEMAND)).toBe(shape(a.comment, 'XM-2026-098'));
  });

  it('a registered large enterprise is answered as an SME is: its size rests on restricted figures', async () => {
    const large = await apply(applicationIssue(OPEN_DEMAND, LARGE));
    const sme = await apply(applicationIssue(OPEN_DEMAND, SME_SEALED));
    expect(large.verdict).toBe(sme.verdict);
    const strip = (c: string) =>
      shape(c, LARGE.uscc, LARGE.name, SME_SEALED.uscc, SME_SEALED.name).replace(/XM-2026-001-A\d+/g, '«id»');
    expect(strip(large.comment)).toBe(strip(sme.comment));
    expect(large.comment).not.toContain('大型企业');
    // The officer's own check still refuses it.
    const r = jiebang(['validate', join(dir, 'content'), '--json']);
    expect(r.stdout).toContain('大型企业');
  });
});
