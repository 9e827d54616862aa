import { describe, expect, it } from 'vitest';
import { parseContent, parseYamlText } from './parse.ts';

const message = (text: string) => {
  const parsed = parseYamlText(text);
  if (parsed.ok) throw new Error(`parsed: ${JSON.stringify(parsed.data)}`);
  return parsed.issue.message;
};

describe('parseYamlText', () => {
  it('reads the YAML 1.2 core schema: dates and hashes stay text, numbers and null are values', () => {
    const parsed = parseYamlText('at: 2026-03-29T07:36:38+08:00\nrevision: 5375d5355e135cc7\nseq: 3\nprev: null\nid: "1000060"\nok: true\n');
    expect(parsed).toEqual({ ok: true, data: { at: '2026-03-29T07:36:38+08:00', revision: '5375d5355e135cc7', seq: 3, prev: null, id: '1000060', ok: true } });
  });

  it('refuses anchors and aliases wherever they are, naming the line', () => {
    expect(message('title: x\nlist:\n  - &a one\n  - *a\n')).toBe('YAML 第 3 行使用了锚点或别名（& 或 *），本系统不接受，请直接写出内容。');
    expect(message('a: &a [1, 2]\nb: *a\n')).toMatch(/锚点或别名/);
    expect(message('base: &b { title: x }\n<<: *b\n')).toMatch(/锚点或别名/);
    const laughs = ['a: &a ["lol","lol"]', ...'bcdefghij'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghij'[i]}`).join(',')}]`)].join('\n');
    expect(message(laughs)).toMatch(/锚点或别名/);
  });

  it('keeps & and * inside text', () => {
    expect(parseYamlText('x: "R&D *bold*"\ny: |\n  **强调** & co\n')).toEqual({ ok: true, data: { x: 'R&D *bold*', y: '**强调** & co\n' } });
  });

  it('calls a file of blank lines and comments empty, as an empty one', () => {
    expect(message('')).toBe('文件是空的。');
    expect(message('# 只有注释\n\n')).toBe('文件是空的。');
    expect(parseYamlText('~\n')).toEqual({ ok: true, data: null });
  });

  it('refuses repeated keys, deep nesting and keys that reach a prototype', () => {
    expect(message('a: 1\na: 2\n')).toBe('YAML 第 2 行有重复的字段名，每个字段只能出现一次。');
    expect(message(`x: ${'['.repeat(80)}${']'.repeat(80)}\n`)).toMatch(/嵌套层次过深（超过 64 层）/);
    expect(message('__proto__: 1\n')).toBe('不允许使用字段名“__proto__”。');
    expect(message('a: [\n')).toMatch(/^YAML 格式错误（第 \d+ 行）/);
  });

  it('refuses text that is not UTF-8', () => {
    const gbk = Uint8Array.from([0x74, 0x3a, 0x20, 0xb1, 0xea, 0xcc, 0xe2, 0x0a]); // "t: 标题" in GBK
    const parsed = parseContent(gbk, 'index.yml');
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.issue.message).toMatch(/不是 UTF-8/);
  });
});
