/**
 * Submissions arriving at the same moment get distinct ids: every intake decides from the
 * branch head it read and commits with compare-and-swap, and the loser decides again on the
 * new head. Both write modes, on a real repository, several processes' worth at once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { route } from '../../pipeline/handlers/route.ts';
import { LocalGitForge } from '../../pipeline/forge/local-git.ts';
import { bodyFromRecord } from '../../pipeline/forms/render-body.ts';
import { issueEvent } from '../fixtures/intake/events.ts';
import { writeIntakeRepo } from '../fixtures/intake/repo.ts';
import { demandSubmission } from '../fixtures/intake/samples.ts';

const root = mkdtempSync(join(tmpdir(), 'jiebang-race-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function race(mode: 'pr' | 'commit', n: number) {
  const dir = join(root, mode);
  writeIntakeRepo(dir, { writeMode: mode });
  // One adapter per submission, as separate workflow runs would have.
  const outcomes = await Promise.all(
    Array.from({ length: n }, (_, i) => {
      const body = bodyFromRecord('demand', { ...demandSubmission(), title: `并发提交的需求第${i + 1}号` });
      const payload = issueEvent({ number: 600 + i, body, labels: ['发榜'], at: '2026-04-10T02:00:00Z' });
      return route({
        name: 'issues',
        payload,
        forge: new LocalGitForge(dir),
        branch: 'main',
        now: new Date('2026-04-10T02:00:00Z'),
      });
    }),
  );
  return { dir, outcomes, forge: new LocalGitForge(dir) };
}

describe('ids under concurrent submissions', () => {
  it.each(['commit', 'pr'] as const)(
    '%s mode: five demands at once get five distinct ids, each with one submit decision',
    async (mode) => {
      const { outcomes, forge } = await race(mode, 5);
      expect(outcomes.map((o) => o.verdict)).toEqual(Array(5).fill('valid'));
      const ids = outcomes.map((o) => /subject=([A-Z0-9-]+)/.exec(o.comment!)![1]!);
      expect(new Set(ids).size).toBe(5);
      expect([...ids].sort()).toEqual(['XM-2026-004', 'XM-2026-005', 'XM-2026-006', 'XM-2026-007', 'XM-2026-008']);
      const main = (await forge.head('main'))!;
      const decisions = (await forge.listFiles('content/decisions', main)).filter((p) => /XM-2026-00[4-8]\//.test(p));
      expect(decisions).toEqual(ids.map((id) => `content/decisions/${id}/0001.yml`).sort());
      if (mode === 'commit') {
        const demands = (await forge.listFiles('content/demands', main)).filter((p) => /XM-2026-00[4-8]\//.test(p));
        expect(demands).toHaveLength(5);
      } else {
        for (const [i, id] of ids.entries())
          expect(await forge.readFile(`content/demands/${id}/index.yml`, `submission/issue-${600 + i}`)).toBeDefined();
      }
    },
  );
});
