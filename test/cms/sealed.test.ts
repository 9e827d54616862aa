/**
 * A deployment whose repository is public (site.yml privacy.sealAtRest): what an editor
 * types into restricted fields leaves the browser only sealed to the officers' keys, so
 * the file the CMS writes passes `jiebang validate`, which refuses restricted values in the
 * clear there, and an officer's key opens it again.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillDemand, publishNow, shown, startCms, type Cms } from './harness.ts';
import { writtenFile } from '../helpers/wait.ts';

const ROOT = resolve(import.meta.dirname, '../..');
let cms: Cms;
beforeAll(async () => {
  cms = await startCms('fs', { publicRepository: true });
});
afterAll(async () => {
  await cms?.stop();
});

const jiebang = (...args: string[]) => {
  const r = spawnSync(join(ROOT, 'node_modules/.bin/node'), [join(ROOT, 'pipeline/cli/jiebang.ts'), ...args], {
    encoding: 'utf8',
  });
  return `${r.stdout}${r.stderr}`;
};

describe('the CMS of a public repository', () => {
  it('seals the contact of a new demand on save; the file passes jiebang validate and an officer can open it', async () => {
    const page = await cms.open('#/collections/demands/new');
    await shown(page.getByText('本仓库公开').first());
    await fillDemand(page, 'XM-2026-019');
    await publishNow(page);
    const file = join(cms.repo, 'content/demands/XM-2026-019/index.yml');
    await writtenFile(file);

    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^sealed: \|-?\n {2}-----BEGIN AGE ENCRYPTED FILE-----/m);
    for (const clear of ['contact:', '王测试', '13906012345', 'wang@example.com']) expect(text).not.toContain(clear);
    expect(text).toContain('title: 高温合金叶片精密铸造缺陷在线检测');
    // With the rounds, for the cross-record rules (the sample's other demands hold contacts in the clear).
    const rounds = join(cms.repo, 'content/rounds');
    expect(jiebang('validate', file, rounds)).toMatch(/✓ 3 个文件，3 个通过，0 个有问题/);
    // An officer's key brings the contact back, and the whole record still passes.
    expect(jiebang('validate', '--identity', join(ROOT, 'test/fixtures/keys/xm-gxj-chenyh.key'), file, rounds)).toMatch(
      /✓ 3 个文件，3 个通过，0 个有问题/,
    );
  });
});
