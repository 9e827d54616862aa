/**
 * A submitted file name becomes a path on officers' disks, in the repo and in archives
 * unpacked on Windows, so it must name one plain file: no separators or `..`, no hidden or
 * invisible characters that disguise what it is (a bidi override can make an .exe look like
 * a .pdf), no name Windows reserves for devices. Messages quote only the offending character.
 */
import type { RuleResult } from '../domain/issue.ts';

export const MAX_FILENAME_LENGTH = 120;

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
// Other invisible format characters: zero-width space/joiners, word joiner, BOM, soft hyphen …
const INVISIBLE = /\p{Cf}/u;
const WINDOWS_FORBIDDEN = /[<>:"|?*]/;
// Windows reserves these device names whatever the extension; it reads ¹²³ as digits too.
const RESERVED = /^(?:CON|PRN|AUX|NUL|CONIN\$|CONOUT\$|COM[1-9¹²³]|LPT[1-9¹²³])$/iu;

/** How a character is shown in a message: itself when visible, else its code point. */
function shown(ch: string): string {
  return CONTROL.test(ch) || INVISIBLE.test(ch)
    ? `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`
    : `“${ch}”`;
}

export function checkFilename(name: string): RuleResult {
  const issues: RuleResult = [];
  const add = (rule: string, message: string, messageEn: string, extra: Record<string, unknown> = {}) =>
    issues.push({ keyword: 'filename', params: { rule, ...extra }, message, messageEn });

  const length = [...name].length;
  if (length === 0) {
    add('empty', '文件名不能为空，请填写文件名。', 'The file name is empty; give one.');
    return issues;
  }
  if (length > MAX_FILENAME_LENGTH) {
    add(
      'length',
      `文件名最长 ${MAX_FILENAME_LENGTH} 个字符，现在有 ${length} 个，请缩短文件名。`,
      `A file name has at most ${MAX_FILENAME_LENGTH} characters; this one has ${length}. Shorten it.`,
      { length },
    );
  }
  const sep = /[/\\]/.exec(name)?.[0];
  if (sep) {
    add(
      'separator',
      `文件名中不能有“${sep}”，请只填写文件名本身，不要带文件夹路径。`,
      `The file name must not contain “${sep}”; give the name alone, without folders.`,
      { character: sep },
    );
  }
  if (name.includes('..')) {
    add(
      'dot-dot',
      '文件名中不能有连续的两个点“..”，请改名。',
      'The file name must not contain two dots in a row (“..”); rename it.',
    );
  }
  if (name.startsWith('.')) {
    add(
      'leading-dot',
      '文件名不能以点“.”开头（这样的文件会被隐藏），请改名。',
      'The file name must not start with a dot (such files are hidden); rename it.',
    );
  }
  const control = CONTROL.exec(name)?.[0];
  if (control) {
    add(
      'control',
      `文件名中有看不见的控制字符（${shown(control)}），请重新输入文件名。`,
      `The file name contains an invisible control character (${shown(control)}); type the name again.`,
      { character: shown(control) },
    );
  }
  const bidi = BIDI.exec(name)?.[0];
  if (bidi) {
    add(
      'bidi',
      `文件名中有改变文字方向的隐藏字符（${shown(bidi)}），它会让文件名看起来和实际不同，请重新输入文件名。`,
      `The file name contains a hidden text-direction character (${shown(bidi)}) that makes it look different from what it is; type the name again.`,
      { character: shown(bidi) },
    );
  }
  const invisible = [...name].find((ch) => INVISIBLE.test(ch) && !BIDI.test(ch));
  if (invisible) {
    add(
      'zero-width',
      `文件名中有看不见的零宽字符（${shown(invisible)}），请重新输入文件名。`,
      `The file name contains an invisible zero-width character (${shown(invisible)}); type the name again.`,
      { character: shown(invisible) },
    );
  }
  const forbidden = WINDOWS_FORBIDDEN.exec(name)?.[0];
  if (forbidden) {
    add(
      'windows-char',
      `文件名中不能有“${forbidden}”（Windows 不允许），请改名。`,
      `The file name must not contain “${forbidden}” (Windows forbids it); rename it.`,
      { character: forbidden },
    );
  }
  if (/[. ]$/.test(name)) {
    add(
      'trailing',
      '文件名不能以点或空格结尾（Windows 会把它去掉），请改名。',
      'The file name must not end with a dot or a space (Windows drops it); rename it.',
    );
  }
  const stem = name.split('.')[0]!.trimEnd();
  if (RESERVED.test(stem)) {
    add(
      'reserved',
      `“${stem}”是 Windows 保留的设备名，不能用作文件名（带扩展名也不行），请改名。`,
      `“${stem}” is a device name reserved by Windows and cannot be a file name, with or without an extension; rename it.`,
      { name: stem.toUpperCase() },
    );
  }
  return issues;
}
