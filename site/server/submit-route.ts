/**
 * A demand created in the CMS on this machine enters the ledger (`npm start`, `npm run dev`;
 * decap-server in fs mode writes the working tree and opens no pull request): POST
 * <base>admin/api/submit {id} checks the entry with the pipeline's validation (schema and
 * the programme's rules, the messages a submitter gets), commits the entry's folder as the
 * CMS wrote it, and records its `submit` — the pipeline's own act, judged by the same state
 * machine and invariants as the intake's (pipeline/review/apply.ts) — so officers can act
 * on it. On the forge the same happens when the CMS's pull request is merged (docs/review.md §3).
 */
import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { DEMAND_ID, parseYamlText, validateRecord } from '../../pipeline/face/core.ts';
import { git, LocalGitForge, applyActs, recordedReply, refusalReply } from '../../pipeline/face/local-backend.ts';
import { localJsonRoute, refuse, type PaperActAnswer } from './paper-act.ts';

export async function registerSubmission(repo: string, req: { id?: string }): Promise<PaperActAnswer> {
  const id = req.id ?? '';
  if (!DEMAND_ID.test(id))
    return refuse('“需求编号”格式不对，如 XM-2026-019。', '"Demand id" must look like XM-2026-019.');
  const folder = `content/demands/${id}`;
  const text = await readFile(join(repo, folder, 'index.yml'), 'utf8').catch(() => undefined);
  if (text === undefined)
    return refuse(`找不到需求 ${id}：请先在内容管理中保存它。`, `No demand ${id}: save it in the CMS first.`);
  const parsed = parseYamlText(text);
  if (!parsed.ok)
    return refuse(
      `需求 ${id} 无法读取：${parsed.issue.message}`,
      `Demand ${id} cannot be read: ${parsed.issue.messageEn}`,
    );
  const issues = validateRecord('demand', parsed.data);
  if (issues.length)
    return refuse(
      `未登记提交，请先修改：${issues.map((i) => i.message.replace(/[。；\s]+$/u, '')).join('；')}。`,
      'Not submitted: fix the problems listed first.',
    );

  const branch = (await git(['symbolic-ref', '-q', '--short', 'HEAD'], { cwd: repo, allowFail: true })).stdout
    .toString('utf8')
    .trim();
  const forge = new LocalGitForge(repo);
  const head = branch ? await forge.head(branch) : undefined;
  if (!branch || !head) return refuse('内容仓库没有检出分支。', 'The content repository has no branch checked out.');
  // The entry's folder as the CMS wrote it (the record and the images beside it) is what the ledger's revision names.
  const files: Array<{ path: string; content: Uint8Array }> = [];
  for (const name of await readdir(join(repo, folder))) {
    const path = `${folder}/${name}`;
    const bytes = await readFile(join(repo, path));
    const committed = await forge.readFile(path, head);
    if (!committed || Buffer.compare(Buffer.from(committed), bytes) !== 0) files.push({ path, content: bytes });
  }
  if (files.length)
    await forge.commit({ branch, expectedHead: head, message: `新增大企业技术创新需求表 ${id}（内容管理）`, files });
  const applied = await applyActs(forge, branch, id, [
    {
      subject: id,
      action: 'submit',
      login: forge.botLogin,
      system: true,
      at: new Date(),
      source: { kind: 'cli', id: randomUUID() },
    },
  ]);
  const j = applied.judgements.at(-1)!;
  if (j.ok === false) return { ok: false, zh: refusalReply(j.zh, j.en, 'zh'), en: j.en };
  return {
    ok: true,
    zh: recordedReply(j.decision, j.path, 'zh'),
    en: 'Submitted: officers can act on it now.',
    written: [...files.map((f) => f.path), ...applied.written],
  };
}

export function submitRoute(repo: string, base: string): (req: IncomingMessage, res: ServerResponse) => boolean {
  return localJsonRoute<{ id?: string }>(`${base}admin/api/submit`, (body) => registerSubmission(resolve(repo), body));
}
