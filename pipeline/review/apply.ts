/**
 * Appending decisions through the forge. Each attempt reads the subject's neighbourhood at
 * the branch head, judges the acts there, and commits the new decision files with
 * compare-and-swap on that head. When another writer moved the branch first, the acts are
 * judged again at the new head: acts on other subjects then simply land (no write is
 * lost), while a rival act on the same subject now sees its result and is refused with the
 * current state (exactly one wins).
 */
import type { Forge } from '../forge/types.ts';
import { commitWithRetry } from '../forge/retry.ts';
import type { Decision } from '../generated/types.ts';
import { judge, type ActRequest, type Judgement } from './decide.ts';
import { actionLabel } from '../domain/machines.ts';
import { loadSnapshot, withDecision } from './snapshot.ts';
import { clearScanRefusal, sealedActText } from './seal-act.ts';

/** Said with an act whose reason was sealed: the comment that gave it is public all the same. */
const SEALED_NOTE = {
  public: true,
  zh: '该对象不公开，本决定的理由和目录编号已加密记入台账。写在公开评论中的理由仍然公开：办理不公开记录，请用命令行 jiebang decide。',
  en: 'This record is withheld: the act’s reason and catalogue number are sealed in the ledger. A reason written in a public comment stays public all the same: act on withheld records with jiebang decide.',
};

const EVIDENCE_PATH = /^content\/decisions\/[A-Z0-9-]+\/evidence\/[A-Za-z0-9][A-Za-z0-9._-]{0,120}$/;

export interface Applied {
  /** The judgement of each act, in order (a refusal stops the rest). */
  judgements: Judgement[];
  /** Decision files committed by this call (empty when refused or replayed). */
  written: string[];
  /** The commit that added them. */
  sha?: string;
  attempts: number;
}

/** Judge `acts` (all on `subject`, in order) and commit every new decision in one commit. */
export async function applyActs(
  forge: Forge,
  branch: string,
  subject: string,
  acts: readonly ActRequest[],
): Promise<Applied> {
  const w = await commitWithRetry(forge, branch, async (head) => {
    let snap = await loadSnapshot(forge, head, subject);
    const judgements: Judgement[] = [];
    const files: Array<{ path: string; content: string }> = [];
    for (const act of acts) {
      // The scan an act names is read at the same commit it is judged at.
      const file = act.evidence?.file;
      const clearScan = clearScanRefusal(snap, file);
      if (clearScan) {
        judgements.push({ ok: false, code: 'evidence-withheld', ...clearScan });
        return { result: { judgements, files: [] } };
      }
      const evidenceFile = file && EVIDENCE_PATH.test(file) ? await forge.readFile(file, head) : undefined;
      const j = judge(evidenceFile ? { ...act, evidenceFile } : act, snap);
      if (j.ok !== true) {
        judgements.push(j);
        if (j.ok === false) return { result: { judgements, files: [] } };
        continue;
      }
      const text = await sealedActText(snap, j.decision, j.text);
      judgements.push(text === j.text ? j : { ...j, text, notes: [...(j.notes ?? []), SEALED_NOTE] });
      files.push({ path: j.path, content: text });
      snap = withDecision(snap, j.path, text, subject);
    }
    if (!files.length) return { result: { judgements, files } };
    const decisions = judgements
      .filter((j): j is Extract<Judgement, { ok: true }> => j.ok === true)
      .map((j) => j.decision);
    return {
      write: { message: commitMessage(decisions), files, author: authorOf(decisions.at(-1)!) },
      result: { judgements, files },
    };
  });
  return {
    judgements: w.result.judgements,
    written: w.sha ? w.result.files.map((f) => f.path) : [],
    ...(w.sha ? { sha: w.sha } : {}),
    attempts: w.attempts,
  };
}

function commitMessage(decisions: Decision[]): string {
  const last = decisions.at(-1)!;
  const summary = `审核：${last.subject} ${decisions.map((d) => actionLabel(d.action)).join('、')}`;
  const lines = decisions.map(
    (d) =>
      `${d.subject} #${d.seq} ${d.action}: ${d.from} → ${d.to} by ${d.actor.login} (${d.actor.role}) at ${d.at}; source ${d.source.kind}:${d.source.id}`,
  );
  return `${summary}\n\n${lines.join('\n')}\n`;
}

function authorOf(d: Decision): { name: string; email: string } {
  const login = d.actor.login.replace(/\[bot\]$/, '');
  return { name: d.actor.login, email: `${login}@users.noreply.github.com` };
}
