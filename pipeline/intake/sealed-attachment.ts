/**
 * A sealed application too long for the forge's issue body (65,536 characters on GitHub,
 * even gzip-compressed before sealing) travels as a file attached to the issue: the helper
 * downloads the armored blob as a `.txt` file (a type the forge accepts), the body's 密封信息
 * field names its sha256 (`密封附件 sha256:<hex>`), and the submitter drags the file into that
 * field, where the forge writes its `/user-attachments/` link. The intake fetches the link
 * through the Forge (the forge's own attachment links only, capped), checks type and hash,
 * and from then on the armor is the field's value, exactly as if it had been pasted inline.
 *
 * Pure apart from the fetch it is given; runs in the browser (the reference) and in the
 * intake (the resolution). Hashing is WebCrypto, present in both.
 */
import type { AttachmentFetch } from '../forge/types.ts';
import { ARMOR_BEGIN, ARMOR_END, MAX_SEALED_CHARS } from '../rules/sealed-blob.ts';

/** What opens the field's value in attachment mode. */
export const ATTACHMENT_MARKER = '密封附件';
/** The attachment's limits: the schema's bound on a sealed blob (armor is ASCII: one byte a character), and a text file. */
export const SEALED_ATTACHMENT = { maxBytes: MAX_SEALED_CHARS, extension: '.txt' } as const;

const REFERENCE = new RegExp(`^${ATTACHMENT_MARKER}\\s+sha256[:：]\\s*([0-9a-fA-F]{64})\\b`);
const LINK = /https?:\/\/[^\s<>()"'`\]]+\/user-attachments\/(?:files|assets)\/[^\s<>()"'`\]]+/g;

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The file name the helper downloads (the hash's head keeps two applications apart). */
export const attachmentName = (sha256: string): string =>
  `jiebang-sealed-${sha256.slice(0, 12)}${SEALED_ATTACHMENT.extension}`;

/** The 密封信息 field's text before the file is dropped in. */
export const attachmentReference = (sha256: string): string => `${ATTACHMENT_MARKER} sha256:${sha256}`;

/** The field's text after the forge wrote the dropped file's link (what the helper's self-check reads back). */
export const attachmentFieldWithLink = (sha256: string, link: string): string =>
  `${attachmentReference(sha256)}\n[${attachmentName(sha256)}](${link})`;

/** The hash a 密封信息 value names, and the attachment links in it; undefined when the value is not a reference. */
export function readReference(value: string): { sha256: string; links: string[] } | undefined {
  const m = REFERENCE.exec(value.trim());
  if (!m) return undefined;
  return { sha256: m[1]!.toLowerCase(), links: [...new Set(value.match(LINK) ?? [])] };
}

export type AttachmentRule = 'link' | 'fetch' | 'type' | 'hash';

export type Resolved =
  | { kind: 'inline' }
  | { kind: 'attached'; armor: string; link: string }
  | { kind: 'refused'; rule: AttachmentRule; link?: string; message: string; messageEn: string };

const FIELD = '密封信息（密封附件）';
const refuse = (rule: AttachmentRule, zh: string, en: string, link?: string): Resolved => ({
  kind: 'refused',
  rule,
  ...(link ? { link } : {}),
  message: `${FIELD}：${zh}`,
  messageEn: `Sealed data (attached file): ${en}`,
});

const FETCH: Record<Exclude<AttachmentFetch, { ok: true }>['reason'], [string, string]> = {
  'not-allowed': [
    '只能读取在本议题编辑框中上传的附件链接，请把提交助手下载的文件直接拖入“密封信息”栏。',
    "only a file uploaded in this issue's editor can be read; drag the file the helper downloaded into the sealed field.",
  ],
  'too-large': [
    `文件超过 ${SEALED_ATTACHMENT.maxBytes} 字节的上限，不是提交助手生成的密封文件。请用提交助手重新生成。`,
    `the file is over the ${SEALED_ATTACHMENT.maxBytes}-byte limit; it is not a file the helper made. Generate it again.`,
  ],
  missing: [
    '附件已不存在或无法访问，请重新把密封文件拖入“密封信息”栏。',
    'the file is gone or cannot be read; drag it into the field again.',
  ],
  failed: [
    '暂时无法下载附件，请稍后编辑议题重试。',
    'the file could not be downloaded; edit the issue to try again later.',
  ],
};

/** The decoded path of a link, or undefined when it is not a URL a forge could have written. */
function pathOf(link: string): string | undefined {
  try {
    return decodeURIComponent(new URL(link).pathname);
  } catch {
    return undefined;
  }
}

/** Printable ASCII lines only: what an armored age file is. */
const isArmorText = (bytes: Uint8Array): boolean =>
  bytes.every((b) => b === 0x0a || b === 0x0d || (b >= 0x20 && b <= 0x7e));

/**
 * The sealed value a 密封信息 field stands for: itself (inline armor, or anything that is not a
 * reference — the schema's `sealed` rule judges it), or the attached file's armor once fetched
 * within the cap, of the right type and with the named hash.
 */
export async function resolveSealedAttachment(
  value: unknown,
  fetch: ((link: string, maxBytes: number) => Promise<AttachmentFetch>) | undefined,
): Promise<Resolved> {
  if (typeof value !== 'string') return { kind: 'inline' };
  const ref = readReference(value);
  if (!ref) return { kind: 'inline' };
  if (ref.links.length === 0) {
    return refuse(
      'link',
      '写明了密封附件的摘要，但栏内没有附件。请把提交助手下载的密封文件（.txt）拖入“密封信息”栏，等上传完成后再提交。',
      "names an attached file's hash but no file is attached; drag the downloaded sealed file (.txt) into the field and wait for the upload.",
    );
  }
  if (ref.links.length > 1) {
    return refuse(
      'link',
      '栏内有多个附件；只能附一个密封文件。请删除多余的附件链接。',
      'more than one file is attached; attach the one sealed file only.',
    );
  }
  const link = ref.links[0]!;
  const path = pathOf(link);
  if (path === undefined)
    return refuse(
      'link',
      '附件链接无法识别。请删除它，重新把提交助手下载的密封文件拖入“密封信息”栏。',
      'the attachment link cannot be read; remove it and drag the sealed file in again.',
    );
  if (!path.toLowerCase().endsWith(SEALED_ATTACHMENT.extension)) {
    return refuse(
      'type',
      `附件必须是提交助手下载的 ${SEALED_ATTACHMENT.extension} 密封文件，不能是其他类型的文件。`,
      `the file must be the ${SEALED_ATTACHMENT.extension} sealed file the helper downloaded.`,
      link,
    );
  }
  if (!fetch) return refuse('fetch', ...FETCH.failed, link);
  const got = await fetch(link, SEALED_ATTACHMENT.maxBytes);
  if (!got.ok) return refuse('fetch', ...FETCH[got.reason], link);
  const text = isArmorText(got.bytes) ? new TextDecoder().decode(got.bytes) : '';
  if (!text.trimStart().startsWith(ARMOR_BEGIN) || !text.trimEnd().endsWith(ARMOR_END)) {
    return refuse(
      'type',
      '附件不是 age 加密文件（应以 -----BEGIN AGE ENCRYPTED FILE----- 开头）。请附上提交助手下载的密封文件，不要打开或改动它。',
      'the file is not an age-encrypted file; attach the sealed file the helper downloaded, unopened and unchanged.',
      link,
    );
  }
  if ((await sha256Hex(got.bytes)) !== ref.sha256) {
    return refuse(
      'hash',
      '附件的 SHA-256 摘要与栏内写明的不一致：附上的不是这份申报生成的密封文件，或文件被改动过。请附上与摘要同时生成的文件（文件名含摘要开头），或用提交助手重新生成。',
      "the file's SHA-256 differs from the one named in the field: it is not the file generated with this body, or it was changed. Attach the matching file or generate both again.",
      link,
    );
  }
  return { kind: 'attached', armor: `${text.trim()}\n`, link };
}
