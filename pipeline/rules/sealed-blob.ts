/**
 * The structural check of a sealed blob, made where no key is (intake, pull-request
 * validation, the browser helper): is it an age file in ASCII armor, with a well-formed
 * header, X25519 recipient stanzas only, a MAC line and a payload long enough to hold
 * something? Decrypting is the only full proof and happens where the key is (seal/seal.ts);
 * this catches a truncated paste, a blob edited by hand, a passphrase-encrypted file no
 * officer can open, and text that merely looks like armor.
 *
 * Pure and dependency-free on purpose: it runs in every short-lived validation process and
 * in the browser, where loading the age library (≈100 ms in Node) just to read a header
 * would cost more than the check. The formats are those of age-encryption.org/v1.
 */

export const ARMOR_BEGIN = '-----BEGIN AGE ENCRYPTED FILE-----';
export const ARMOR_END = '-----END AGE ENCRYPTED FILE-----';
/** Same bound as the schema's `sealed.maxLength`. */
export const MAX_SEALED_CHARS = 200_000;
/** More stanzas than any bureau has officers is not a blob our tools made. */
export const MAX_RECIPIENTS = 64;

const VERSION_LINE = 'age-encryption.org/v1';
const B64_LINE = /^[A-Za-z0-9+/]*={0,2}$/;
const B64_RAW = /^[A-Za-z0-9+/]*$/;
/** 16-byte nonce + one 16-byte tag: the payload of an empty file. */
const MIN_PAYLOAD = 32;

export type SealedRule = 'armor' | 'size' | 'header' | 'stanza' | 'recipients' | 'mac' | 'payload' | 'count';

export type SealedShape =
  | { ok: true; recipients: number; payloadBytes: number }
  | { ok: false; rule: SealedRule; message: string; messageEn: string };

const REDO_ZH = '请用网站上的提交助手或 `jiebang seal` 重新生成密文，整段原样粘贴，不要改动其中任何字符。';
const REDO_EN = 'Regenerate it with the submission helper or `jiebang seal` and paste it whole, unchanged.';

const MESSAGES: Record<Exclude<SealedRule, 'count'>, [string, string]> = {
  armor: [
    '不是完整的 age 加密格式（应以 -----BEGIN AGE ENCRYPTED FILE----- 开头、以 -----END AGE ENCRYPTED FILE----- 结尾，中间每行 64 个字符）',
    'is not complete age ASCII armor (BEGIN and END lines with 64-character lines between)',
  ],
  size: [`过长（超过 ${MAX_SEALED_CHARS} 个字符）`, `is too long (over ${MAX_SEALED_CHARS} characters)`],
  header: [
    '的文件头不是 age-encryption.org/v1 格式，可能被截断或改动',
    'does not carry an age-encryption.org/v1 header; it may be truncated or altered',
  ],
  stanza: [
    '的接收方段落格式不正确，可能被截断或改动',
    'has a malformed recipient stanza; it may be truncated or altered',
  ],
  recipients: [
    '没有加密给主管部门的公钥（只接受 X25519 公钥加密的密文，不接受口令加密）',
    'is not encrypted to the officers’ public keys (only X25519 recipients are accepted, not passphrases)',
  ],
  mac: ['缺少完整的校验码行，可能被截断或改动', 'lacks a complete MAC line; it may be truncated or altered'],
  payload: ['的密文正文过短，可能被截断', 'has a payload too short to hold anything; it may be truncated'],
};

const fail = (rule: Exclude<SealedRule, 'count'>): SealedShape => {
  const [zh, en] = MESSAGES[rule];
  return { ok: false, rule, message: `密封信息${zh}。${REDO_ZH}`, messageEn: `The sealed data ${en}. ${REDO_EN}` };
};

/** Armor → bytes, as strictly as age's own decoder (PEM subset: 64-column lines, standard base64). */
function dearmor(text: string): Uint8Array | undefined {
  const lines = text.trim().replaceAll('\r\n', '\n').split('\n');
  if (lines.shift() !== ARMOR_BEGIN || lines.pop() !== ARMOR_END || lines.length === 0) return undefined;
  const last = lines.length - 1;
  const shaped = lines.every(
    (l, i) => (i === last ? l.length > 0 && l.length <= 64 && l.length % 4 === 0 : l.length === 64) && B64_LINE.test(l),
  );
  if (!shaped) return undefined;
  // Padding may only end the last line.
  if (lines.slice(0, last).some((l) => l.includes('='))) return undefined;
  try {
    const binary = atob(lines.join(''));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return undefined;
  }
}

/**
 * The next `\n`-terminated line of the header as ASCII, from `at`: undefined past the end,
 * null when it holds a byte the header may not (it is printable ASCII).
 */
function lineAt(bytes: Uint8Array, at: number): { text: string; next: number } | undefined | null {
  const end = bytes.indexOf(0x0a, at);
  if (end < 0) return undefined;
  let text = '';
  for (let i = at; i < end; i++) {
    const b = bytes[i]!;
    if (b < 0x20 || b > 0x7e) return null;
    text += String.fromCharCode(b);
  }
  return { text, next: end + 1 };
}

/** Raw (unpadded) base64 of exactly `bytes` bytes. */
const rawB64Of = (s: string, bytes: number) => B64_RAW.test(s) && s.length === Math.ceil((bytes * 4) / 3);

/**
 * Check the shape of a sealed blob. `expectedRecipients`, when given, is the number of
 * recipients the officers registry lists: a blob sealed to fewer (an old helper, a
 * subset) cannot be opened by every officer.
 */
export function inspectSealed(value: string, expectedRecipients?: number): SealedShape {
  if (value.length > MAX_SEALED_CHARS) return fail('size');
  if (!value.trimStart().startsWith(ARMOR_BEGIN) || value.length !== value.trimStart().length) return fail('armor');
  const bytes = dearmor(value);
  if (!bytes) return fail('armor');

  let line = lineAt(bytes, 0);
  if (!line || line.text !== VERSION_LINE) return fail('header');
  let recipients = 0;
  for (;;) {
    line = lineAt(bytes, line.next);
    if (line === null) return fail('header');
    if (!line) return fail('mac');
    if (line.text.startsWith('---')) break;
    if (!line.text.startsWith('-> ')) return fail('stanza');
    const args = line.text.slice(3).split(' ');
    if (args.some((a) => a.length === 0)) return fail('stanza');
    // The body: full 64-column lines, then one shorter (possibly empty) line.
    let body = '';
    for (;;) {
      line = lineAt(bytes, line.next);
      if (!line || !B64_RAW.test(line.text) || line.text.length > 64) return fail('stanza');
      body += line.text;
      if (line.text.length < 64) break;
    }
    if (args[0] !== 'X25519') return fail('recipients');
    if (args.length !== 2 || !rawB64Of(args[1]!, 32) || !rawB64Of(body, 32)) return fail('stanza');
    recipients++;
    if (recipients > MAX_RECIPIENTS) return fail('recipients');
  }
  if (recipients === 0) return fail('recipients');
  const mac = line.text;
  if (!mac.startsWith('--- ') || !rawB64Of(mac.slice(4), 32)) return fail('mac');
  const payloadBytes = bytes.length - line.next;
  if (payloadBytes < MIN_PAYLOAD) return fail('payload');
  if (expectedRecipients !== undefined && recipients !== expectedRecipients) {
    return {
      ok: false,
      rule: 'count',
      message: `密封信息加密给了 ${recipients} 个公钥，而经办人员名册现有 ${expectedRecipients} 个公钥，部分经办人员无法解密。请用网站上最新的提交助手或 \`jiebang seal\` 重新生成密文。`,
      messageEn: `The sealed data is encrypted to ${recipients} key(s) but the officers registry lists ${expectedRecipients}; some officers cannot open it. Regenerate it with the current submission helper or \`jiebang seal\`.`,
    };
  }
  return { ok: true, recipients, payloadBytes };
}
