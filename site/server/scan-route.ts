/**
 * The CMS's channel for a record's stamped scan (盖章扫描件), on the officer's machine: POST
 * <base>admin/api/attach-scan from the admin page does what `jiebang attach-scan` does — the
 * stated revision (from the printed form's verification line) checked against the record's
 * history, the scan checked by its bytes and processed (pipeline/paper/scan: type, size,
 * pages, active content; images turned upright, metadata stripped, re-encoded), the processed
 * file written beside the record and listed in its `attachments` (sealed where the repository
 * seals at rest). A refusal is the pipeline's message, Chinese and English; nothing is written.
 * Decap's own media library cannot do this: it writes uploads as they are.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { PaperError, attachScan, matchRevision } from '../../pipeline/face/local-backend.ts';
import { isApplicationId, isDemandId, USCC_SHAPE } from '../../pipeline/face/core.ts';
import { localJsonRoute, refuse, type PaperActAnswer } from './paper-act.ts';

export interface ScanRequest {
  id: string;
  revision: string;
  scan?: { name: string; base64: string };
}

/** What a scan may belong to: a demand, an application or an enterprise (its credit code). */
const isRecordId = (id: string) => isDemandId(id) || isApplicationId(id) || USCC_SHAPE.test(id);

export async function keepScan(repo: string, req: ScanRequest): Promise<PaperActAnswer> {
  if (!isRecordId(req.id ?? ''))
    return refuse(
      '“编号”应为需求、申请编号或统一社会信用代码。',
      '"Id" must be a demand or application id or a credit code.',
    );
  if (!req.scan) return refuse('请选择盖章扫描件（PDF、JPEG 或 PNG）。', 'Choose the stamped scan (PDF, JPEG or PNG).');
  const contentDir = join(repo, 'content');
  try {
    const match = await matchRevision(contentDir, req.id, req.revision ?? '');
    if (match.state === 'unknown') return refuse(match.message, match.messageEn);
    const attached = await attachScan({
      contentDir,
      id: req.id,
      upload: Buffer.from(req.scan.base64, 'base64'),
      revision: match.revision!,
      now: new Date(),
    });
    const note = match.state === 'older' ? ` 注意：${match.message}` : '';
    return {
      ok: true,
      zh: `已保存：${attached.stored}（sha256 ${attached.entry.sha256.slice(0, 12)}…${attached.sealed ? '，已加密存放' : ''}）。${attached.scan.changes.join('；')}${note}`,
      en: `Kept: ${attached.stored}${attached.sealed ? ' (sealed at rest)' : ''}.`,
      written: [attached.stored],
    };
  } catch (e) {
    if (e instanceof PaperError) return refuse(`未保存：${e.message}`, `Not kept: ${e.messageEn}`);
    throw e;
  }
}

export function scanRoute(repo: string, base: string): (req: IncomingMessage, res: ServerResponse) => boolean {
  return localJsonRoute<ScanRequest>(`${base}admin/api/attach-scan`, (body) => keepScan(resolve(repo), body));
}
