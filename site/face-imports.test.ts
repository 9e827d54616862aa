/**
 * The site's one door into the pipeline, for the files dependency-cruiser cannot read: its
 * swc parser reads TypeScript without JSX, so `.tsx` is excluded there, and it does not know
 * `.astro` at all. Here swc parses the .tsx with JSX on, and each .astro file's front matter
 * and <script> bodies as TypeScript; every import that lands in pipeline/ must land in
 * pipeline/face/ (the rule `site-imports-only-the-face` in .dependency-cruiser.cjs checks the
 * .ts files the same way).
 */
import { parseSync, type Module } from '@swc/core';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');

function files(ext: string): string[] {
  return (
    readdirSync(join(ROOT, 'site'), { recursive: true, withFileTypes: true }) as Array<{
      name: string;
      parentPath: string;
      isFile(): boolean;
    }>
  )
    .filter((e) => e.isFile() && e.name.endsWith(ext))
    .map((e) => join(e.parentPath, e.name));
}

/** Every module specifier in a parsed program: static imports, re-exports and import(…) with a literal. */
function specifiers(program: Module): string[] {
  const found: string[] = [];
  for (const item of program.body) {
    if (
      (item.type === 'ImportDeclaration' ||
        item.type === 'ExportAllDeclaration' ||
        item.type === 'ExportNamedDeclaration') &&
      item.source
    )
      found.push(item.source.value);
  }
  // Dynamic imports can sit anywhere: walk the tree for import(…) calls.
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const n = node as {
      type?: string;
      callee?: { type?: string };
      arguments?: Array<{ expression?: { type?: string; value?: unknown } }>;
    };
    if (n.type === 'CallExpression' && n.callee?.type === 'Import') {
      const arg = n.arguments?.[0]?.expression;
      if (arg?.type === 'StringLiteral' && typeof arg.value === 'string') found.push(arg.value);
    }
    for (const value of Object.values(node)) walk(value);
  };
  walk(program.body);
  return found;
}

const parseTs = (code: string, tsx: boolean) => parseSync(code, { syntax: 'typescript', tsx, dynamicImport: true });

/** The TypeScript inside an .astro file: the front matter, each inline <script>, and each <script src>. */
function astroSpecifiers(text: string): string[] {
  const found: string[] = [];
  const frontmatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  if (frontmatter) found.push(...specifiers(parseTs(frontmatter[1]!, false)));
  const rest = frontmatter ? text.slice(frontmatter[0].length) : text;
  for (const m of rest.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const src = /\bsrc=["']([^"']+)["']/.exec(m[1]!);
    if (src) found.push(src[1]!);
    else if (!/type=["'](?!module)/.test(m[1]!)) found.push(...specifiers(parseTs(m[2]!, false)));
  }
  return found;
}

/** Imports from `file` that land in pipeline/ outside the face, as repository paths. */
function pastTheFace(file: string, specs: string[]): string[] {
  return specs
    .filter((s) => s.startsWith('.'))
    .map((s) =>
      relative(ROOT, resolve(dirname(file), s))
        .split('\\')
        .join('/'),
    )
    .filter((target) => target.startsWith('pipeline/') && !target.startsWith('pipeline/face/'));
}

describe('the site imports from pipeline/ only its face (pipeline/face/)', () => {
  it('in the .tsx admin app', () => {
    const tsx = files('.tsx');
    expect(tsx.length).toBeGreaterThan(0);
    const seen = tsx.map((f) => [f, specifiers(parseTs(readFileSync(f, 'utf8'), true))] as const);
    // The check reads imports at all: the app reaches the pipeline through the face.
    expect(seen.some(([, specs]) => specs.some((s) => s.includes('pipeline/face/')))).toBe(true);
    expect(seen.flatMap(([f, specs]) => pastTheFace(f, specs).map((t) => `${relative(ROOT, f)} → ${t}`))).toEqual([]);
  });

  it('in the .astro pages and components', () => {
    const astro = files('.astro');
    expect(astro.length).toBeGreaterThan(0);
    const seen = astro.map((f) => [f, astroSpecifiers(readFileSync(f, 'utf8'))] as const);
    expect(seen.some(([, specs]) => specs.some((s) => s.includes('pipeline/face/')))).toBe(true);
    expect(seen.flatMap(([f, specs]) => pastTheFace(f, specs).map((t) => `${relative(ROOT, f)} → ${t}`))).toEqual([]);
  });

  it('finds an import past the face when there is one', () => {
    const file = join(ROOT, 'site/components/Example.astro');
    const text =
      "---\nimport { stateLabel } from '../../pipeline/review/machines.ts';\nimport { phaseEnd } from '../../pipeline/face/browser.ts';\n---\n<p>x</p>\n<script>\nconst m = import('../../pipeline/seal/seal.ts');\n</script>\n";
    expect(pastTheFace(file, astroSpecifiers(text))).toEqual(['pipeline/review/machines.ts', 'pipeline/seal/seal.ts']);
    const tsx =
      "import { seal } from '../../pipeline/seal/seal.ts';\nexport const A = () => <div>{String(seal)}</div>;\n";
    expect(pastTheFace(join(ROOT, 'site/admin/x.tsx'), specifiers(parseTs(tsx, true)))).toEqual([
      'pipeline/seal/seal.ts',
    ]);
  });
});
