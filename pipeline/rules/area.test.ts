import { describe, expect, it } from 'vitest';
import { checkApplicantArea, inArea, registrationCode, stem, usccInArea, type Area } from './area.ts';

const XIAMEN: Area = { divisions: [{ code: '3502', province: '福建省', city: '厦门市' }] };
const FUJIAN: Area = { divisions: [{ code: '35', province: '福建省' }] };

describe('inArea', () => {
  it.each([
    [XIAMEN, { province: '福建省', city: '厦门市' }, true],
    [XIAMEN, { province: '福建', city: '厦门' }, true],
    [XIAMEN, { province: '福建省', city: '福州市' }, false],
    [XIAMEN, { province: '福建省' }, false],
    [XIAMEN, { province: '江苏省', city: '厦门市' }, false],
    [FUJIAN, { province: '福建省', city: '漳州市' }, true],
    [FUJIAN, { province: '广东省', city: '汕头市' }, false],
    [{ divisions: [{ code: '45', province: '广西壮族自治区' }] }, { province: '广西', city: '南宁市' }, true],
  ] as const)('%o %o → %s', (area, region, expected) => {
    expect(inArea(area as Area, region)).toBe(expected);
  });
  it('stems levels, full-width and spaces', () => expect(stem(' 厦门市 ')).toBe('厦门'));
});

describe('credit code registration digits', () => {
  it.each([
    ['91350203MA2XN4Q615', '350203', true],
    ['91350102782186734X', '350102', false],
    ['91310112MA1FW6R3XC', '310112', false],
    ['91100000100001234X', '100000', false],
    ['9135MA0000000000XX', undefined, undefined],
  ] as const)('%s → %s', (uscc, code, inXiamen) => {
    expect(registrationCode(uscc)).toBe(code);
    expect(usccInArea(XIAMEN, uscc)).toBe(inXiamen);
  });
});

describe('checkApplicantArea', () => {
  it('accepts a local applicant with a local code', () => {
    expect(
      checkApplicantArea(XIAMEN, '厦门市工业和信息化局', { province: '福建省', city: '厦门市' }, '91350203MA2XN4Q615'),
    ).toEqual({ ok: true });
  });
  it('refuses an applicant from elsewhere, kindly, pointing to its own bureau', () => {
    const r = checkApplicantArea(
      XIAMEN,
      '厦门市工业和信息化局',
      { province: '安徽省', city: '合肥市' },
      '91340104MA2U7P0E93',
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.zh).toContain('安徽省合肥市');
      expect(r.zh).toContain('请通过安徽省合肥市的中小企业主管部门申请揭榜');
      expect(r.zh).toContain('厦门市工业和信息化局');
      expect(r.en).toContain('own city');
    }
  });
  it('warns (does not refuse) when the declared region is local but the code was issued elsewhere', () => {
    const r = checkApplicantArea(
      XIAMEN,
      '厦门市工业和信息化局',
      { province: '福建省', city: '厦门市' },
      '91350102782186734X',
    );
    expect(r.ok).toBe(true);
    expect(r.ok && r.warning?.zh).toContain('350102');
  });
});
