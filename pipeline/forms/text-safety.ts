/**
 * Characters that have no place in a submission whatever the field: text-direction
 * overrides (they make text read differently from what it is), control characters,
 * invisible characters in names and numbers (two names that look the same but differ),
 * broken UTF-16 and the replacement character U+FFFD that mis-decoded GBK leaves behind.
 * Messages name the character by code point, never repeat the value (it may be restricted).
 */
import { fieldLabel } from '../schema/fields.ts';
import type { Kind } from '../schema/registry.ts';
import type { Issue } from '../domain/issue.ts';

const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;
/** Invisible in a one-line value; in Markdown, zero-width joiners belong to emoji and scripts. */
const INVISIBLE_IN_LINE = /[\u200b-\u200d\u2060\ufeff\u00ad]/u;
const INVISIBLE_IN_TEXT = /[\u200b\u2060\ufeff]/u;

const codePoint = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

export function textProblem(value: string, multiline: boolean): { rule: string; zh: string; en: string } | undefined {
  if (!value.isWellFormed())
    return {
      rule: 'surrogate',
      zh: '含有无效的字符编码，请重新输入',
      en: 'contains broken character encoding; type it again',
    };
  const bidi = BIDI.exec(value)?.[0];
  if (bidi)
    return {
      rule: 'bidi',
      zh: `含有改变文字方向的隐藏字符（${codePoint(bidi)}），它会让内容看起来和实际不同，请删除后重新输入`,
      en: `contains a hidden text-direction character (${codePoint(bidi)}) that makes it look different from what it is; remove it`,
    };
  const control = CONTROL.exec(value)?.[0];
  if (control)
    return {
      rule: 'control',
      zh: `含有看不见的控制字符（${codePoint(control)}），请删除后重新输入`,
      en: `contains an invisible control character (${codePoint(control)}); remove it`,
    };
  const invisible = (multiline ? INVISIBLE_IN_TEXT : INVISIBLE_IN_LINE).exec(value)?.[0];
  if (invisible)
    return {
      rule: 'invisible',
      zh: `含有看不见的零宽字符（${codePoint(invisible)}），常见于从网页或 Word 复制的文字，请删除后重新输入`,
      en: `contains an invisible zero-width character (${codePoint(invisible)}), often pasted from web pages or Word; remove it`,
    };
  if (value.includes('\ufffd'))
    return {
      rule: 'replacement',
      zh: '含有乱码字符（U+FFFD），多由 GBK 等非 UTF-8 编码转换造成，请重新输入这段文字',
      en: 'contains the replacement character U+FFFD, usually left by a GBK-to-UTF-8 mix-up; type the text again',
    };
  return undefined;
}

/** Every string in a record, checked; multi-line Markdown fields are told by `isMultiline`. */
export function textSafetyIssues(kind: Kind, record: unknown, isMultiline: (pointer: string) => boolean): Issue[] {
  const issues: Issue[] = [];
  const visit = (value: unknown, pointer: string) => {
    if (typeof value === 'string') {
      const p = textProblem(value, isMultiline(pointer));
      if (p)
        issues.push({
          path: pointer,
          keyword: 'text',
          params: { rule: p.rule },
          message: `${fieldLabel(kind, pointer)}：${p.zh}。`,
          messageEn: `${fieldLabel(kind, pointer, 'en')} ${p.en}.`,
        });
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => visit(v, `${pointer}/${i}`));
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) visit(v, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    }
  };
  visit(record, '');
  return issues;
}
