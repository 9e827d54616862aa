/**
 * The build hands the leak scan the string a file's bytes encode (site/integration/writer.ts),
 * so the reader's pass (`normaliseForScan`) starts from it instead of decoding the bytes
 * again: it must find exactly what decoding the bytes finds.
 */
import { describe, expect, it } from 'vitest';
import type { SiteData } from '../../site/data/model.ts';
import { PrivacyScan } from '../../site/integration/privacy-scan.ts';

describe('the scan given the string a file’s bytes encode', () => {
  const data = {
    secrets: [
      { file: 'content/x.yml', kind: 'enterprise', pointer: '/contact/mobile', value: '13912340001' },
      { file: 'content/x.yml', kind: 'enterprise', pointer: '/contact/name', value: '欧阳秘密' },
    ],
    secretImages: new Map(),
    demands: [],
    rounds: [],
    pages: [],
    site: { name: '站点' },
  } as unknown as SiteData;

  it('finds what it finds decoding the bytes, lone surrogates and a byte order mark included', () => {
    const pages = [
      '<p>电话 139 1234 0001</p>',
      '\ufeff<p>欧阳<b></b>秘密\ud800</p>',
      '<p>欧阳&#31192;密</p>',
      '<p>nothing here \udc00</p>',
    ];
    for (const page of pages) {
      const withText = new PrivacyScan(data);
      const fromBytes = new PrivacyScan(data);
      withText.scanBytes('demands/x/index.html', Buffer.from(page), page);
      fromBytes.scanBytes('demands/x/index.html', Buffer.from(page));
      expect(withText.report().leaks).toEqual(fromBytes.report().leaks);
    }
    const found = new PrivacyScan(data);
    for (const page of pages) found.scanBytes(`p/${pages.indexOf(page)}.html`, Buffer.from(page), page);
    expect(found.report().leaks.map((l) => l.output)).toEqual(['p/0.html', 'p/1.html', 'p/2.html']);
  });
});
