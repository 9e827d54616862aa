import { describe, expect, it } from 'vitest';
import { isRestricted, isWithheld, publicView, restrictedValues } from './visibility.ts';
import { ACT_ON_WITHHELD, DIRECTED_APPLICATION } from './withheld.fixture.ts';

const demand = {
  id: 'XM-2026-001',
  round: 'XM-2026',
  title: '某需求',
  issuer: {
    name: '厦门示例集团有限公司',
    uscc: '91350200MA00000000',
    region: { province: '福建省', city: '厦门市' },
    ownership: 'private',
  },
  anonymousIssuer: false,
  isPublic: true,
  contact: { name: '王工', mobile: '13900000000', email: 'w@example.com' },
  attachments: [{ name: '盖章扫描件.pdf', sha256: 'a'.repeat(64), mime: 'application/pdf', size: 10 }],
};

describe('visibility', () => {
  it('removes restricted fields from the public view and keeps the rest', () => {
    const view = publicView('demand', demand)!;
    expect(view.contact).toBeUndefined();
    expect(view.attachments).toBeUndefined();
    expect(view.issuer).toEqual(demand.issuer);
    expect(view.title).toBe('某需求');
  });

  it('hides the issuer name and credit code when the issuer chose so, and nothing else of the issuer', () => {
    const view = publicView('demand', { ...demand, anonymousIssuer: true })!;
    expect(view.issuer).toEqual({ region: demand.issuer.region, ownership: 'private' });
    expect(isRestricted('demand', { ...demand, anonymousIssuer: true }, '/issuer/name')).toBe(true);
    expect(isRestricted('demand', demand, '/issuer/name')).toBe(false);
  });

  it('withholds a non-public demand as a whole', () => {
    const hidden = { ...demand, isPublic: false };
    expect(publicView('demand', hidden)).toBeUndefined();
    expect(isRestricted('demand', hidden, '/title')).toBe(true);
    expect(isRestricted('demand', hidden, '/id')).toBe(false);
    expect(restrictedValues('demand', hidden).map((v) => v.value)).toContain('某需求');
  });

  it('treats fields the schema does not know as restricted', () => {
    expect(isRestricted('demand', demand, '/nonsense')).toBe(true);
    expect(publicView('demand', { ...demand, nonsense: 'x' })).not.toHaveProperty('nonsense');
  });

  it('lists every restricted leaf value for leak scans, and answers for absent fields too', () => {
    const values = restrictedValues('demand', demand).map((v) => v.pointer);
    expect(values).toEqual(
      expect.arrayContaining(['/contact/name', '/contact/mobile', '/contact/email', '/attachments/0/name']),
    );
    expect(isRestricted('enterprise', {}, '/employees')).toBe(true);
    expect(isRestricted('enterprise', {}, '/name')).toBe(false);
    expect(isRestricted('decision', {}, '/actor/login')).toBe(true);
  });
});

describe('records about a withheld demand are withheld with it', () => {
  const application = DIRECTED_APPLICATION;
  it('a directed application keeps only what files and checks it (its schema’s x-withheld-keeps)', () => {
    expect(isWithheld('application', application)).toBe(true);
    expect(isWithheld('application', { ...application, directed: false })).toBe(false);
    expect(publicView('application', application)).toBeUndefined();
    for (const kept of ['/id', '/demandId', '/applicant/uscc', '/directed', '/chapters/declaration'])
      expect(isRestricted('application', application, kept), kept).toBe(false);
    expect(isRestricted('application', application, '/chapters/understanding')).toBe(true);
  });

  const decision = ACT_ON_WITHHELD;
  it('an act sealed about a withheld record is withheld but for the ledger’s fields', () => {
    // In the clear, an act is public but for its restricted fields (seal.test.ts: none sealed at rest).
    expect(isWithheld('decision', decision)).toBe(false);
    expect(restrictedValues('decision', decision).map((v) => v.pointer)).toContain('/actor/login');
    // Sealed (only ever about a withheld record), the act is withheld but for what its schema keeps.
    const sealed = { ...decision, reason: undefined, sealed: '-----BEGIN AGE ENCRYPTED FILE-----' };
    expect(isWithheld('decision', sealed)).toBe(true);
    expect(isRestricted('decision', sealed, '/reason')).toBe(true);
    expect(isRestricted('decision', sealed, '/catalogueNo')).toBe(true);
    expect(isRestricted('decision', sealed, '/prev')).toBe(false);
  });
});

describe('an entry of the national catalogue', () => {
  const entry = {
    id: 'QG-2026-002',
    round: 'XM-2026',
    catalogueNo: 'MIIT-2026-0107',
    title: '高速光模块用硅光调制器芯片',
    anonymousIssuer: true,
    region: { province: '广东省', city: '深圳市' },
    contact: '0755-8888 0000',
    source: { file: 'x.csv', sha256: 'a'.repeat(64), importedAt: '2026-07-01T00:00:00Z', row: 3 },
  };
  it('is public as a whole (MIIT published it), its published contact included', () => {
    expect(publicView('external', entry)).toEqual(entry);
    expect(restrictedValues('external', entry)).toEqual([]);
  });
  it('drops what its schema does not know rather than assume it public', () => {
    expect(publicView('external', { ...entry, secretNote: '内部备注' })).toEqual(entry);
  });
});
