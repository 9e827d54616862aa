/**
 * Standalone validators: ajv compiles every schema once here, at generation time, and
 * esbuild bundles the emitted code with the few ajv runtime helpers it needs into one ES
 * module that imports nothing but the schema files. Short-lived processes (the CLI, the
 * actions, the site build) import it and never run ajv's compiler. ajv's code-point count
 * for minLength/maxLength is swapped for ours (pipeline/validate/ucs2length.ts: the same
 * count, a native scan).
 *
 * ajv's code reads some values from the schemas themselves (enum lists, the known property
 * names), and its standalone output embeds a copy of every schema it reads from: 170 KB of
 * the module's 384, beside the schema files the registry already imports. Those copies become
 * imports of the schema files (shareSchemas), so a process parses and holds each schema once,
 * and the browser's form helper downloads it once. ajv's own message text is not generated:
 * validate/messages.ts writes every message from the keyword and its params.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { _ } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { ALL_SCHEMAS, KINDS, SCHEMAS } from '../schema/registry.ts';
import { createAjv } from '../validate/ajv.ts';
import { banner } from './banner.ts';
import type { GeneratedFile } from './generated-file.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export async function generateValidators(): Promise<GeneratedFile[]> {
  const ajv = createAjv({ standalone: true });
  ajv.opts.code.esm = true;
  ajv.opts.code.formats = _`require("./pipeline/validate/formats.ts").FORMAT_CHECKS`;
  const refs = Object.fromEntries(KINDS.map((k) => [k, SCHEMAS[k].$id!]));
  const source = shareSchemas(standaloneCode.default(ajv, refs));
  const bundled = await build({
    stdin: { contents: source, resolveDir: ROOT, sourcefile: 'validators.js', loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    external: ['*.schema.json'],
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

/** Where the end of the JSON value that starts at `from` is (ajv writes each schema as JSON). */
function jsonEnd(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '{' || c === '[') depth++;
    else if ((c === '}' || c === ']') && --depth === 0) return i + 1;
  }
  throw new Error('ajv standalone output: unterminated schema constant');
}

/**
 * Each `const schemaN = {…}` of ajv's output that is one of our schema documents, or one of
 * the shared definitions in defs.schema.json, read from the schema file instead (as JSON
 * modules; the schema files sit two folders above pipeline/generated/).
 */
export function shareSchemas(source: string): string {
  const imports = new Map<string, string>();
  const known = new Map<string, () => string>();
  ALL_SCHEMAS.forEach((schema, i) => {
    const file = schema.$id!.slice(schema.$id!.lastIndexOf('/') + 1);
    const name = () => imports.get(file) ?? (imports.set(file, `shared${i}`), `shared${i}`);
    known.set(JSON.stringify(schema), name);
    for (const [def, node] of Object.entries((schema as { $defs?: Record<string, unknown> }).$defs ?? {}))
      known.set(JSON.stringify(node), () => `${name()}.$defs[${JSON.stringify(def)}]`);
  });
  let out = '';
  let at = 0;
  for (const m of source.matchAll(/const (schema\d+) = (?=\{)/g)) {
    const start = m.index + m[0].length;
    const end = jsonEnd(source, start);
    const shared = known.get(JSON.stringify(JSON.parse(source.slice(start, end))));
    if (!shared) continue;
    out += `${source.slice(at, start)}${shared()}`;
    at = end;
  }
  out += source.slice(at);
  const lines = [...imports].map(
    ([file, name]) => `import ${name} from "../../schemas/${file}" with { type: "json" };`,
  );
  return `${lines.join('\n')}\n${out}`;
}
