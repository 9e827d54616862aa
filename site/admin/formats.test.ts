import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kindForPath, formatYaml, validateRecord, PAGE_ADDRESS_FIELD } from '../../pipeline/face/core.ts';
import { pageFormat, recordFormat } from './formats.ts';
import { recordFromEditor } from './normalize.ts';

/** Every file the CMS edits in the sample content: demands, rounds, profiles and pages. */
function cmsFiles(): string[] {
  return (
    readdirSync('content', { recursive: true, withFileTypes: true }) as Array<{
      name: string;
      parentPath: string;
      isFile(): boolean;
    }>
  )
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .filter((p) => ['demand', 'round', 'enterprise', 'page'].includes(kindForPath(p) ?? ''));
}

describe('the CMS formats', () => {
  it('read and write every sample entry back to the same bytes', () => {
    const files = cmsFiles();
    expect(files.length).toBeGreaterThan(30);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const kind = kindForPath(file)!;
      const format = kind === 'page' ? pageFormat : recordFormat(kind);
      expect(format.toFile(format.fromFile(text)), file).toBe(text);
    }
  });

  it('write what Decap holds as the canonical text: schema key order at every depth, no empty optional values', () => {
    // As a new entry leaves Decap: defaults first, nested keys in the order the editor filled
    // them, a cleared district '', a cleared unit '', an untouched optional select null, an
    // emptied optional list [], an untouched image object {}.
    const fromDecap = {
      isPublic: true,
      anonymousIssuer: false,
      issuer: {
        chainLeader: false,
        ownership: 'private',
        region: { district: '', city: '厦门市', province: '福建省' },
        uscc: '91350206MA2Y7K3P8B',
        name: '厦门测试重工有限公司',
        logo: {},
      },
      id: 'XM-2026-019',
      round: 'XM-2026',
      title: '高温合金叶片精密铸造缺陷在线检测',
      industrialBase: null,
      demandType: 'breakthrough',
      field: 'equipment',
      background: '公司现有叶片精铸检测依赖人工目视和离线X射线，效率低、漏检率高。',
      keyProblems: '铸件内部疏松和夹杂缺陷的高速识别，复杂曲面的自动定位与成像。',
      technicalIndicators: [
        { target: '≥99', name: '缺陷检出率', unit: '%' },
        { name: '单件检测时间', unit: '', target: '≤3' },
      ],
      expectedOutcome: '研制在线检测设备样机一台，完成产线验证，检出率达到指标。',
      deliverables: ['prototype'],
      cooperationModes: ['joint_development'],
      plannedInvestment: '',
      completionMonths: 12,
      ipArrangement: 'shared',
      solverRequirements: '',
      contact: { email: 'wang@example.com', mobile: '13906012345', name: '王测试', position: '' },
      illustration: {},
    };
    const text = recordFormat('demand').toFile(fromDecap);
    const record = recordFromEditor('demand', fromDecap);
    expect(text).toBe(formatYaml('demand', record));
    expect(validateRecord('demand', record)).toEqual([]);
    expect(text.split('\n').slice(0, 12)).toEqual([
      'id: XM-2026-019',
      'round: XM-2026',
      'title: 高温合金叶片精密铸造缺陷在线检测',
      'issuer:',
      '  name: 厦门测试重工有限公司',
      '  uscc: 91350206MA2Y7K3P8B',
      '  region:',
      '    province: 福建省',
      '    city: 厦门市',
      '  ownership: private',
      '  chainLeader: false',
      'anonymousIssuer: false',
    ]);
    expect(text).toContain('  - name: 单件检测时间\n    target: ≤3\n');
    expect(text).toContain('plannedInvestment: null\n'); // 面议: the nullable field's empty value
    for (const gone of ['district', 'industrialBase', 'solverRequirements', 'position', 'illustration', 'logo', '""'])
      expect(text).not.toContain(gone);
  });

  it('keep a required field that is empty, so validation names it', () => {
    const record = recordFromEditor('demand', { title: '', contact: { name: '' } });
    expect(record).toMatchObject({ title: '', contact: { name: '' }, plannedInvestment: null });
    expect(validateRecord('demand', record).map((i) => i.path)).toEqual(
      expect.arrayContaining(['/title', '/contact/name']),
    );
  });

  it('pages: front matter through formatYaml, the body as it is, the address only in the file name', () => {
    const text =
      '---\ntitle: 揭榜指南\ndescription: 中小企业如何揭榜。\ncategory: guide\norder: 1\n---\n\n# 第一步\n\n准备材料\n';
    const data = pageFormat.fromFile(text);
    expect(data).toEqual({
      title: '揭榜指南',
      description: '中小企业如何揭榜。',
      category: 'guide',
      order: 1,
      body: '\n# 第一步\n\n准备材料\n',
    });
    expect(pageFormat.toFile(data)).toBe(text);
    expect(
      pageFormat.toFile({
        [PAGE_ADDRESS_FIELD]: 'apply-guide',
        order: 2,
        title: '指南',
        description: '一二三四',
        round: '',
        body: '正文\n',
      }),
    ).toBe('---\ntitle: 指南\ndescription: 一二三四\norder: 2\n---\n正文\n');
  });

  it('refuse a file the pipeline would refuse, with its Chinese message', () => {
    expect(() => recordFormat('demand').fromFile('a: &x 1\nb: *x\n')).toThrow(/锚点或别名/);
    expect(() => pageFormat.fromFile('no front matter')).toThrow(/头部信息/);
  });
});
