/**
 * Standalone validators: ajv compiles every schema once here, at generation time, and
 * esbuild bundles the emitted code with the few ajv runtime helpers it needs into one
 * dependency-free ES module. Short-lived processes (the CLI, the actions, the site build)
 * import it and never run ajv's compiler. ajv's code-point count for minLength/maxLength is
 * swapped for ours (pipeline/validate/ucs2length.ts: the same count, a native scan).
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { _ } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { KINDS, SCHEMAS } from '../schema/registry.ts';
import { createAjv } from '../validate/ajv.ts';
import { banner } from './banner.ts';
import type { GeneratedFile } from './generated-file.ts';

export async function generateValidators(): Promise<GeneratedFile[]> {
  const ajv = createAjv({ standalone: true });
  ajv.opts.code.esm = true;
  ajv.opts.code.formats = _`require("ajv-formats/dist/formats").fullFormats`;
  const refs = Object.fromEntries(KINDS.map((k) => [k, SCHEMAS[k].$id!]));
  const source = standaloneCode.default(ajv, refs);
  const bundled = await build({
    stdin: { contents: source, resolveDir: process.cwd(), sourcefile: 'validators.js', loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    alias: { 'ajv/dist/runtime/ucs2length': fileURLToPath(new URL('../validate/ucs2length.ts', import.meta.url)) },
    minify: true,
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
  });
  const code = bundled.outputFiles[0]!.text;
  const dts = [
    banner('schemas/*.schema.json (ajv standalone)').trimEnd(),
    "import type { ErrorObject } from 'ajv';",
    'export interface StandaloneValidator { (data: unknown): boolean; errors?: ErrorObject[] | null }',
    ...KINDS.map((k) => `export declare const ${k}: StandaloneValidator;`),
    '',
  ].join('\n');
  return [
    {
      path: 'pipeline/generated/validators.js',
      content: banner('schemas/*.schema.json (ajv standalone + esbuild)') + code,
    },
    { path: 'pipeline/generated/validators.d.ts', content: dts },
  ];
}
