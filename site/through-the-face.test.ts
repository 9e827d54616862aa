import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { throughTheFace } from './through-the-face.ts';

const PIPELINE = resolve(import.meta.dirname, '../pipeline');
const file = join(import.meta.dirname, 'admin/example.ts');

describe('imports through the face, as the bundlers read them', () => {
  it('point each name at the module the face takes it from, types kept as types, on one line', () => {
    const source =
      "import { stateLabel, validateRecord, type Kind, RECORDED } from '../../pipeline/face/core.ts';\nconst x = 1;\n";
    const out = throughTheFace(source, file)!;
    expect(out.split('\n')).toHaveLength(3);
    expect(out).toContain(
      `import { stateLabel as stateLabel, RECORDED as RECORDED } from ${JSON.stringify(join(PIPELINE, 'domain/machines.ts'))};`,
    );
    expect(out).toContain(
      `import { validateRecord as validateRecord } from ${JSON.stringify(join(PIPELINE, 'validate/index.ts'))};`,
    );
    expect(out).toContain(`import type { Kind as Kind } from ${JSON.stringify(join(PIPELINE, 'schema/registry.ts'))};`);
    expect(out).not.toContain('face/core.ts');
  });

  it('import a module given only types as types (an `import type` too), with local names', () => {
    const out = throughTheFace("import type { Issue, Site as Settings } from '../pipeline/face/core.ts';", file)!;
    expect(out).toContain(`import type { Issue as Issue } from ${JSON.stringify(join(PIPELINE, 'domain/issue.ts'))};`);
    expect(out).toContain(
      `import type { Site as Settings } from ${JSON.stringify(join(PIPELINE, 'generated/types.ts'))};`,
    );
    const mixed = throughTheFace("import { stateLabel, type State } from '../pipeline/face/core.ts';", file)!;
    expect(mixed).toBe(
      `import { stateLabel as stateLabel, type State as State } from ${JSON.stringify(join(PIPELINE, 'domain/machines.ts'))};`,
    );
  });

  it('leave a file without face imports alone, and name a name the face does not export', () => {
    expect(throughTheFace("import { x } from './y.ts';", file)).toBeUndefined();
    expect(throughTheFace("import { seal } from '../../pipeline/face/browser.ts';", file)).toBe(
      `import { seal as seal } from ${JSON.stringify(join(PIPELINE, 'seal/seal.ts'))};`,
    );
    expect(() => throughTheFace("import { seal } from '../../pipeline/face/core.ts';", file)).toThrow(
      /seal is not exported by pipeline\/face\/core\.ts/,
    );
    expect(() => throughTheFace("import { notThere } from '../../pipeline/face/core.ts';", file)).toThrow(
      /notThere is not exported by pipeline\/face\/core\.ts/,
    );
  });
});
