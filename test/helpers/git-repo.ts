/**
 * Throw-away git repositories for tests: a real `git init` in a temporary folder, with an
 * initial commit of the given files on `main`, removed when the test is done.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface TestRepo {
  dir: string;
  git(...args: string[]): string;
  cleanup(): void;
}

export function makeRepo(
  files: Record<string, string | Uint8Array> = { 'README.md': 'test\n' },
  options: { bare?: boolean } = {},
): TestRepo {
  const root = mkdtempSync(join(tmpdir(), 'jiebang-repo-'));
  const work = join(root, 'work');
  mkdirSync(work);
  const run = (cwd: string, args: string[]) =>
    execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@t.invalid',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@t.invalid',
        GIT_AUTHOR_DATE: '2026-01-01T00:00:00+08:00',
        GIT_COMMITTER_DATE: '2026-01-01T00:00:00+08:00',
      },
    }).trim();
  run(work, ['init', '-q', '-b', 'main']);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(work, path)), { recursive: true });
    writeFileSync(join(work, path), content);
  }
  run(work, ['add', '-A']);
  run(work, ['commit', '-q', '--allow-empty', '-m', 'initial']);
  let dir = work;
  if (options.bare) {
    dir = join(root, 'bare.git');
    run(root, ['clone', '-q', '--bare', work, dir]);
  }
  return { dir, git: (...args) => run(dir, args), cleanup: () => rmSync(root, { recursive: true, force: true }) };
}
