/**
 * `npm run gen` writes every file generated from schemas/; `npm run gen:check` (CI) fails
 * when any of them differs from what the schemas produce now. Generation is pure: the same
 * schemas give the same bytes.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateIssueForms } from './issue-forms.ts';
import { generateTypes } from './types.ts';
import { generateValidators } from './validators.ts';
import { generateCmsConfig } from './cms-config.ts';
import { generateStateMachines } from './state-machines.ts';
import { generateIdPatterns } from './id-patterns.ts';
import type { GeneratedFile } from './generated-file.ts';

export type { GeneratedFile };

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

export const GENERATORS: Array<[string, () => Promise<GeneratedFile[]>]> = [
  ['types', generateTypes],
  ['validators', generateValidators],
  ['cms-config', generateCmsConfig],
  ['issue-forms', () => generateIssueForms()],
  ['state-machines', generateStateMachines],
  ['id-patterns', generateIdPatterns],
];

export async function generateAll(): Promise<GeneratedFile[]> {
  const files: GeneratedFile[] = [];
  for (const [, gen] of GENERATORS) files.push(...(await gen()));
  return files;
}

async function main(check: boolean): Promise<number> {
  const files = await generateAll();
  const drifted: string[] = [];
  for (const file of files) {
    const target = join(ROOT, file.path);
    const current = await readFile(target, 'utf8').catch(() => undefined);
    if (current === file.content) continue;
    if (check) drifted.push(file.path);
    else {
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, file.content);
      console.log(`wrote ${file.path}`);
    }
  }
  if (check && drifted.length) {
    console.error(
      `Generated files differ from what schemas/ produce now:\n${drifted.map((p) => `  ${p}`).join('\n')}\nRun \`npm run gen\` and commit the result.`,
    );
    return 1;
  }
  if (check) console.log(`${files.length} generated files match schemas/.`);
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.includes('--check'));
}
