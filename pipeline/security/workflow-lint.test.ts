import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lintWorkflows, lintWorkflowText, type Finding } from './workflow-lint.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const lint = (name: string) => lintWorkflowText(name, readFileSync(`${FIXTURES}${name}`, 'utf8'));
const rules = (f: Finding[]) => f.map((x) => `${x.rule}:${x.line}`);

describe('workflow-lint', () => {
  it('passes a workflow that follows every rule', () => {
    expect(lint('good.yml')).toEqual([]);
  });

  // [fixture, the findings it must give as rule:line]
  const BAD: Array<[string, string[]]> = [
    ['bad-expression.yml', ['expression:12', 'expression:15']],
    ['bad-permissions.yml', ['permissions:6', 'permissions:12']],
    ['bad-target-checkout.yml', ['untrusted-checkout:11']],
    ['bad-workflow-run.yml', ['untrusted-checkout:14']],
    ['bad-unpinned.yml', ['unpinned:12', 'unpinned:13']],
    ['bad-secrets.yml', ['secrets:7', 'secrets:9', 'secrets:23', 'secrets:30']],
    ['bad-comment-checkout.yml', ['untrusted-checkout:14', 'untrusted-checkout:23']],
    ['bad-artifact-exec.yml', ['untrusted-artifact:21', 'untrusted-artifact:32']],
    ['bad-concurrency.yml', ['dropped-events:7', 'dropped-events:15']],
  ];

  it.each(BAD)('%s', (name, expected) => {
    const findings = lint(name);
    expect(rules(findings)).toEqual(expected);
    for (const f of findings) expect(f.message.length).toBeGreaterThan(20);
  });

  it('covers every bad fixture on disk', () => {
    const onDisk = readdirSync(FIXTURES)
      .filter((n) => n.startsWith('bad-'))
      .sort();
    expect(BAD.map(([n]) => n).sort()).toEqual(onDisk);
  });

  it('allows fixed runner facts in a shell but not event text, outputs or env', () => {
    const wf = (run: string) =>
      `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions: {}\n    steps:\n      - run: ${JSON.stringify(run)}\n`;
    expect(
      lintWorkflowText('x', wf('cd ${{ github.workspace }} && echo ${{ runner.temp }} ${{ github.sha }}')),
    ).toEqual([]);
    for (const expr of [
      'github.head_ref',
      'github.event.comment.body',
      'steps.parse.outputs.title',
      'needs.check.outputs.verdict',
      'env.TITLE',
      'inputs.ref',
      'secrets.TOKEN',
      'toJSON(github.event)',
    ]) {
      expect(rules(lintWorkflowText('x', wf(`echo \${{ ${expr} }}`))), expr).toEqual(['expression:7']);
    }
  });

  it('passes the repository’s own workflows (the intake’s comment runs share no group)', async () => {
    const { findings } = await lintWorkflows(fileURLToPath(new URL('../../.github/workflows/', import.meta.url)));
    expect(findings).toEqual([]);
  });

  it('reads a downloaded artifact as data without a finding, and finds it run by an interpreter or sourced', () => {
    const wf = (steps: string) =>
      `on: workflow_run\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions: {}\n    steps:\n      - uses: actions/download-artifact@v4\n        with:\n          path: art\n${steps}`;
    expect(
      lintWorkflowText(
        'x',
        wf('      - run: jq -r .number art/pull-request.json\n      - run: cat art/x.txt | wc -l\n'),
      ),
    ).toEqual([]);
    expect(rules(lintWorkflowText('x', wf('      - run: node art/index.js\n')))).toEqual(['untrusted-artifact:10']);
    expect(rules(lintWorkflowText('x', wf('      - run: source ./art/env.sh\n')))).toEqual(['untrusted-artifact:10']);
  });

  it('reports broken YAML as a finding, not a crash', () => {
    expect(rules(lintWorkflowText('x', 'on: push\njobs:\n  a: [\n'))).toEqual(['yaml:4']);
  });

  it('runs actionlint too, and it finds what it should', async () => {
    const { findings } = await lintWorkflows(FIXTURES);
    const actionlint = findings.filter((f) => f.rule === 'actionlint');
    expect(actionlint.some((f) => f.file.endsWith('bad-expression.yml') && /untrusted/.test(f.message))).toBe(true);
    expect(actionlint.filter((f) => f.file.endsWith('good.yml'))).toEqual([]);
  });
});
