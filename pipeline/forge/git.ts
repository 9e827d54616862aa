/**
 * Running git without a shell: arguments are passed as an array (no text from an issue
 * ever reaches a shell), input is piped, output comes back as bytes.
 */
import { spawn } from 'node:child_process';

export interface GitResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

export interface GitOptions {
  cwd: string;
  input?: Uint8Array | string;
  env?: Record<string, string>;
  /** Return a non-zero exit as a result instead of throwing. */
  allowFail?: boolean;
}

export class GitError extends Error {
  readonly code: number;
  readonly stderr: string;
  constructor(args: readonly string[], code: number, stderr: string) {
    super(`git ${args.join(' ')} failed (${code}): ${stderr.trim()}`);
    this.code = code;
    this.stderr = stderr;
  }
}

// Deterministic, locale-free output; no pager, no prompts, no user hooks reading stdin.
const BASE_ENV = { LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', GIT_OPTIONAL_LOCKS: '0' };

export function git(args: readonly string[], options: GitOptions): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      cwd: options.cwd,
      env: { ...process.env, ...BASE_ENV, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.stdin.on('error', () => {}); // git may exit before reading all input; the exit code tells
    child.on('close', (code) => {
      const result = { code: code ?? 1, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') };
      if (result.code !== 0 && !options.allowFail) reject(new GitError(args, result.code, result.stderr));
      else resolve(result);
    });
    child.stdin.end(options.input ?? '');
  });
}

/** stdout as trimmed text. */
export async function gitText(args: readonly string[], options: GitOptions): Promise<string> {
  return (await git(args, options)).stdout.toString('utf8').trim();
}
