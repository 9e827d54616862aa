/**
 * The site imports the pipeline through its face, modules of re-exports (pipeline/face/core.ts
 * and browser.ts). Bundlers split by file: a page script or the CMS app's first chunk that
 * imports the face would take everything the face names that any other part uses
 * (the validators and sealing, which the CMS loads only on a save and the print page never).
 * So the bundlers read each import from the face as imports from the modules the face names
 * — its own `export { … } from '…';` lines — and split as if the site imported each module
 * itself: Vite (astro.config.mjs) and esbuild (site/admin/build.ts) both call this.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const FACE_DIR = join(dirname(fileURLToPath(import.meta.url)), '../pipeline/face');
const PARTS = ['core.ts', 'browser.ts'];
const IMPORT = /^import (type )?\{([^}]*)\} from '[^']*pipeline\/face\/(core|browser)\.ts';/gm;

type Origins = Map<string, { module: string; name: string }>;
let origins: Origins | undefined;

/** Each name the face exports: the module it comes from and its name there. */
function faceOrigins(): Origins {
  if (origins) return origins;
  const map: Origins = new Map();
  for (const part of PARTS) {
    for (const m of readFileSync(join(FACE_DIR, part), 'utf8').matchAll(
      /^export (?:type )?\{([^}]*)\} from '([^']+)';/gm,
    )) {
      for (const item of m[1]!
        .split(',')
        .map((s) => s.trim().replace(/^type /, ''))
        .filter(Boolean)) {
        const [name, alias = name] = item.split(/\s+as\s+/);
        map.set(`${part}:${alias}`, { module: resolve(FACE_DIR, m[2]!), name: name! });
      }
    }
  }
  return (origins = map);
}

/** The source with its imports from the face pointing at the modules the face names; undefined when it has none. */
export function throughTheFace(source: string, file: string): string | undefined {
  if (!/pipeline\/face\/(core|browser)\.ts/.test(source)) return undefined;
  const map = faceOrigins();
  return source.replace(IMPORT, (all: string, typeOnly: string | undefined, names: string, part: string) => {
    const byModule = new Map<string, string[]>();
    for (const raw of names
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      const isType = Boolean(typeOnly) || raw.startsWith('type ');
      const [name, local = name] = raw.replace(/^type /, '').split(/\s+as\s+/);
      const origin = map.get(`${part}.ts:${name}`);
      if (!origin) throw new Error(`${file}: ${name} is not exported by pipeline/face/${part}.ts`);
      byModule.set(origin.module, [
        ...(byModule.get(origin.module) ?? []),
        `${isType ? 'type ' : ''}${origin.name} as ${local}`,
      ]);
    }
    // As many lines as the import had (a formatted import may span several): line numbers in
    // errors and source maps stay the file's own. A module
    // given only types is imported as `import type`: with verbatimModuleSyntax an import of
    // types alone would still load the module.
    return (
      [...byModule]
        .map(([module, items]) =>
          items.every((i) => i.startsWith('type '))
            ? `import type { ${items.map((i) => i.slice(5)).join(', ')} } from ${JSON.stringify(module)};`
            : `import { ${items.join(', ')} } from ${JSON.stringify(module)};`,
        )
        .join(' ') + '\n'.repeat(all.split('\n').length - 1)
    );
  });
}
