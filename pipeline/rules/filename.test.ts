import { describe, expect, it } from 'vitest';
import { MAX_FILENAME_LENGTH, checkFilename } from './filename.ts';

describe('checkFilename: accepted', () => {
  it.each([
    '营业执照.pdf',
    'license-2023_v2.pdf',
    'cover.jpg',
    'a.b.c.png',
    'README',
    '厦门某某科技有限公司 申报书.ofd',
    'concert.pdf',
    'console.png',
    'auxiliary.pdf',
    'COM10.pdf',
    'LPT0.pdf',
    'nul-report.pdf',
    'CON_1.pdf',
    `${'档'.repeat(MAX_FILENAME_LENGTH - 4)}.pdf`,
  ])('%s', (name) => {
    expect(checkFilename(name)).toEqual([]);
  });
});

describe('checkFilename: refused, with the rule named', () => {
  it.each([
    ['', 'empty', '不能为空'],
    [`${'档'.repeat(MAX_FILENAME_LENGTH - 3)}.pdf`, 'length', '现在有 121 个'],
    [`${'a'.repeat(200)}.pdf`, 'length', '最长 120'],
    ['docs/license.pdf', 'separator', '“/”'],
    ['C:\\Users\\a.pdf', 'separator', '“\\”'],
    ['../../etc/passwd', 'separator', '文件夹'],
    ['a..pdf', 'dot-dot', '“..”'],
    ['.env', 'leading-dot', '开头'],
    ['.htaccess.pdf', 'leading-dot', '隐藏'],
    ['a\u0000.pdf', 'control', 'U+0000'],
    ['a\n.pdf', 'control', 'U+000A'],
    ['a\u007f.pdf', 'control', 'U+007F'],
    ['a\u0085.pdf', 'control', 'U+0085'],
    ['invoice\u202efdp.exe', 'bidi', 'U+202E'],
    ['a\u2066b\u2069.pdf', 'bidi', 'U+2066'],
    ['a\u200fb.pdf', 'bidi', 'U+200F'],
    ['a\u200bb.pdf', 'zero-width', 'U+200B'],
    ['a\u200db.pdf', 'zero-width', 'U+200D'],
    ['a\u2060b.pdf', 'zero-width', 'U+2060'],
    ['\ufeffa.pdf', 'zero-width', 'U+FEFF'],
    ['a\u00adb.pdf', 'zero-width', 'U+00AD'],
    ['report.pdf:secret', 'windows-char', '“:”'],
    ['what?.pdf', 'windows-char', '“?”'],
    ['a*.pdf', 'windows-char', '“*”'],
    ['a<b>.pdf', 'windows-char', '“<”'],
    ['report.pdf.', 'trailing', '结尾'],
    ['report.pdf ', 'trailing', '空格'],
    ['CON', 'reserved', '“CON”'],
    ['con.pdf', 'reserved', '“con”'],
    ['Nul.tar.gz', 'reserved', '“Nul”'],
    ['PRN.txt', 'reserved', 'Windows'],
    ['aux.png', 'reserved', '设备名'],
    ['COM1.pdf', 'reserved', '“COM1”'],
    ['com9.pdf', 'reserved', '“com9”'],
    ['LPT1', 'reserved', '“LPT1”'],
    ['lpt9.jpeg', 'reserved', '“lpt9”'],
    ['COM¹.pdf', 'reserved', '“COM¹”'],
    ['CONIN$.pdf', 'reserved', '“CONIN$”'],
    ['NUL .pdf', 'reserved', '“NUL”'],
  ])('%j → %s', (name, rule, text) => {
    const issues = checkFilename(name);
    const issue = issues.find((i) => i.params.rule === rule);
    expect(issue, JSON.stringify(issues.map((i) => i.params.rule))).toBeDefined();
    expect(issue!.keyword).toBe('filename');
    expect(issue!.message).toContain(text);
    expect(issue!.messageEn).toMatch(/[a-z]/);
  });

  it('lists every rule a name breaks, each once', () => {
    expect(checkFilename('../CON\u200b.pdf ').map((i) => i.params.rule)).toEqual([
      'separator',
      'dot-dot',
      'leading-dot',
      'zero-width',
      'trailing',
    ]);
    expect(checkFilename('..').map((i) => i.params.rule)).toEqual(['dot-dot', 'leading-dot', 'trailing']);
  });

  it('never echoes more of the name than the offending character', () => {
    const secret = '张三身份证号码110101199003071234';
    for (const name of [
      `${secret}/a.pdf`,
      `${secret}\u202e.pdf`,
      `${secret}\u0001.pdf`,
      `${secret}?.pdf`,
      `.${secret}`,
      `${secret}.pdf.`,
      `${secret}..pdf`,
      `${secret.repeat(5)}.pdf`,
    ]) {
      for (const issue of checkFilename(name)) {
        expect(issue.message).not.toContain('张三');
        expect(issue.messageEn).not.toContain('110101');
        expect(JSON.stringify(issue.params)).not.toContain('张三');
      }
    }
  });
});
