/**
 * The few workflow commands the actions need (inputs, outputs, annotations, the step
 * summary, failing), written to the runner's documented protocol. @actions/core does the
 * same but brings an HTTP client (undici, 400 KiB) the actions never use, and a cold start
 * pays for every byte parsed.
 */
import { appendFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function getInput(name: string): string {
  return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

export function info(message: string): void {
  process.stdout.write(`${message}\n`);
}

/** An error annotation, on a file and line when given. */
export function error(message: string, where: { file?: string; line?: number; title?: string } = {}): void {
  const props = [
    where.file ? `file=${escapeProperty(where.file)}` : '',
    where.line ? `line=${where.line}` : '',
    where.title ? `title=${escapeProperty(where.title)}` : '',
  ]
    .filter(Boolean)
    .join(',');
  process.stdout.write(`::error${props ? ` ${props}` : ''}::${escapeData(message)}\n`);
}

export function setOutput(name: string, value: string): void {
  const file = process.env.GITHUB_OUTPUT;
  if (!file) return;
  const delimiter = `jiebang_${randomUUID()}`;
  appendFileSync(file, `${name}<<${delimiter}\n${value}\n${delimiter}\n`);
}

export function summary(markdown: string): void {
  const file = process.env.GITHUB_STEP_SUMMARY;
  if (file) appendFileSync(file, `${markdown}\n`);
}

export function setFailed(message: string): void {
  process.exitCode = 1;
  error(message);
}

/**
 * End the process once the action's work is done and nothing is pending. Node's teardown
 * after the last callback (the heap and the compiled code freed) takes 8–10 ms more than
 * exiting, and a submitter waits for the job on every event. What the action printed is
 * already written (output to pipes and terminals is synchronous on Linux, where runners
 * run); anything else still active (a request, a timer, a file write) keeps Node's own
 * exit, which waits for it.
 */
export function exitWhenIdle(): void {
  if (process.getActiveResourcesInfo().every((r) => r === 'PipeWrap' || r === 'TTYWrap')) process.exit();
}
