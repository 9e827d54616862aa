/**
 * Stamped scans attached to an issue: the attachment links in its body (the forge's own
 * `/user-attachments/` links — nothing else is fetched), each fetched through the Forge
 * with the size cap and judged by its bytes. The intake runs bundled, without sharp, so an
 * image is not processed here: hostile files are refused now, and the file an officer keeps
 * (`jiebang attach-scan`) is the processed one.
 */
import type { Forge } from '../../forge/types.ts';
import { checkStoredScan, SCAN_LIMITS, type ScanResult } from './inspect-scan.ts';

/** At most this many links are fetched from one issue. */
export const MAX_LINKS = 5;
const LINK = /https?:\/\/[^\s<>()"'`\]]+\/user-attachments\/(?:files|assets)\/[^\s<>()"'`\]]+/g;

export const attachmentLinks = (body: string): string[] => [...new Set(body.match(LINK) ?? [])];

export interface IssueScan {
  index: number;
  result: ScanResult | { ok: false; rule: string; message: string; messageEn: string };
}

const FETCH_ANSWER: Record<string, [string, string]> = {
  'not-allowed': [
    '只能读取在本议题编辑框中上传的附件链接。',
    "Only files uploaded in this issue's editor can be read.",
  ],
  'too-large': [
    `文件超过 ${SCAN_LIMITS.bytes / 1024 / 1024} MB 的上限；请降低扫描分辨率（300 dpi 足够）或分成几个文件。`,
    `The file is over ${SCAN_LIMITS.bytes / 1024 / 1024} MB; scan at 300 dpi or split it.`,
  ],
  missing: ['附件已不存在或无法访问，请重新上传。', 'The attachment is gone or cannot be read; upload it again.'],
  failed: [
    '暂时无法下载附件，请稍后编辑议题重试。',
    'The attachment could not be downloaded; edit the issue to try again later.',
  ],
};

/** Each attachment of the issue, fetched and checked (an empty list when there is none or the forge cannot fetch). */
export async function checkIssueScans(forge: Forge, body: string): Promise<IssueScan[]> {
  const links = attachmentLinks(body);
  if (!links.length || !forge.fetchAttachment) return [];
  const out: IssueScan[] = [];
  for (const [i, link] of links.slice(0, MAX_LINKS).entries()) {
    const fetched = await forge.fetchAttachment(link, SCAN_LIMITS.bytes);
    if (!fetched.ok) {
      const [zh, en] = FETCH_ANSWER[fetched.reason]!;
      out.push({ index: i + 1, result: { ok: false, rule: `fetch:${fetched.reason}`, message: zh, messageEn: en } });
      continue;
    }
    out.push({ index: i + 1, result: checkStoredScan(fetched.bytes, { allowMetadata: true }) });
  }
  return out;
}

/** The note of an accepted submission about its scans. */
export function scansNote(scans: IssueScan[]): string | undefined {
  const ok = scans.filter((s) => s.result.ok);
  if (!ok.length) return undefined;
  const what = ok
    .map((s) =>
      s.result.ok && s.result.pages
        ? `PDF ${s.result.pages} 页`
        : s.result.ok && s.result.mime !== 'application/pdf'
          ? '图片'
          : 'PDF',
    )
    .join('、');
  return `已检查附上的 ${ok.length} 个盖章扫描件（${what}）：格式和内容安全。主管部门存档时会去除图片中的拍摄信息（EXIF/GPS）并记下文件摘要。`;
}
