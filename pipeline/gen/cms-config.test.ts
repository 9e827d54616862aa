import { describe, expect, it } from 'vitest';
import { SCHEMAS, deref, nonNullBranch, type Kind, type SchemaNode } from '../schema/registry.ts';
import * as validators from '../generated/validators.js';
import { cmsConfig, fieldsFor, patternFor, readSite, type DecapField } from './cms-config.ts';
import { PAGE_ADDRESS_FIELD } from './cms-names.ts';
import type { Site } from '../generated/types.ts';

const site = await readSite();
const config = cmsConfig(site) as {
  collections: Array<Record<string, unknown> & { fields: DecapField[] }>;
  backend: Record<string, unknown>;
} & Record<string, unknown>;
const collection = (name: string) => config.collections.find((c) => c.name === name)!;

/** Walk schema and fields side by side: every property has its field, in order, and nothing else. */
function walk(
  schema: SchemaNode,
  fields: DecapField[],
  visit: (node: SchemaNode, field: DecapField, path: string, requiredHere: boolean) => void,
  path = '',
) {
  const node = nonNullBranch(schema).node;
  expect(
    fields.map((f) => f.name),
    path || '/',
  ).toEqual(Object.keys(node.properties ?? {}));
  for (const field of fields) {
    const child = nonNullBranch(node.properties![field.name]!).node;
    visit(child, field, `${path}/${field.name}`, (node.required ?? []).includes(field.name));
    const items = child.items ? deref(child.items) : undefined;
    if (field.fields && child.type === 'object') walk(child, field.fields, visit, `${path}/${field.name}`);
    if (field.fields && items?.type === 'object') walk(items, field.fields, visit, `${path}/${field.name}/0`);
  }
}

/** A record holding `value` at `path` (array indices make arrays). */
function placed(path: string, value: unknown): unknown {
  return path
    .split('/')
    .slice(1)
    .reduceRight<unknown>((inner, key) => (/^\d+$/.test(key) ? [inner] : { [key]: inner }), value);
}

describe('the CMS config generated from the schemas', () => {
  const kinds: Array<[string, Kind]> = [
    ['demands', 'demand'],
    ['rounds', 'round'],
    ['enterprises', 'enterprise'],
  ];

  it.each(kinds)('%s: one field per schema property, in schema order, labelled with its title', (name, kind) => {
    let seen = 0;
    walk(SCHEMAS[kind], collection(name).fields, (node, field) => {
      seen++;
      expect(field.label.replace('（受限）', '')).toBe(node.title ?? field.name);
    });
    expect(seen).toBeGreaterThan(10);
  });

  it('pages: the address, every front-matter property, then the body', () => {
    for (const name of ['pages', 'pages_en']) {
      const fields = collection(name).fields;
      expect(fields[0]!.name).toBe(PAGE_ADDRESS_FIELD);
      expect(fields.at(-1)!.name).toBe('body');
      walk(SCHEMAS.page, fields.slice(1, -1), () => {});
    }
  });

  it('widgets follow types, enums, formats and x- hints', () => {
    const f = Object.fromEntries(collection('demands').fields.map((x) => [x.name, x]));
    expect(f.id!.widget).toBe('jiebang-id');
    expect(f.round).toMatchObject({ widget: 'relation', collection: 'rounds', value_field: 'id' });
    expect(f.catalogueNo!.widget).toBe('jiebang-readonly');
    expect(f.attachments!.widget).toBe('jiebang-readonly');
    expect(f.sealed!.widget).toBe('hidden');
    expect(f.isPublic).toMatchObject({ widget: 'boolean', required: true, default: false });
    expect(f.anonymousIssuer).toMatchObject({ widget: 'boolean', default: false });
    expect(f.background).toMatchObject({ widget: 'markdown', modes: ['raw'] });
    expect(f.demandType!.widget).toBe('select');
    expect(f.demandType!.options).toContainEqual({ label: '技术攻关', value: 'breakthrough' });
    expect(f.deliverables).toMatchObject({ widget: 'select', multiple: true, min: 1 });
    expect(f.completionMonths).toMatchObject({ widget: 'number', value_type: 'int', min: 1, max: 60 });
    expect(f.plannedInvestment).toMatchObject({ widget: 'number', value_type: 'float', required: false });
    expect(f.plannedInvestment!.hint).toContain('面议');
    const indicators = f.technicalIndicators!;
    expect(indicators).toMatchObject({ widget: 'list', min: 1, max: 30, label_singular: '指标' });
    expect(indicators.fields!.map((x) => [x.name, x.required])).toEqual([
      ['name', true],
      ['target', true],
      ['unit', false],
    ]);
    const illustration = f.illustration!;
    expect(illustration.fields!.find((x) => x.name === 'src')!.widget).toBe('image');
    const rounds = Object.fromEntries(collection('rounds').fields.map((x) => [x.name, x]));
    expect(rounds.phases!.fields![0]!.fields![0]).toMatchObject({
      widget: 'datetime',
      date_format: 'YYYY-MM-DD',
      time_format: false,
    });
  });

  it('requires what the schema requires, where every enclosing object is required too', () => {
    walk(SCHEMAS.demand, collection('demands').fields, (node, field, path, requiredHere) => {
      if (node['x-source'] === 'pipeline' && path !== '/id' && path !== '/round') return;
      const optionalParent = ['/illustration', '/issuer/logo'].some((p) => path.startsWith(`${p}/`));
      const nullable = path === '/plannedInvestment';
      expect(field.required, path).toBe(requiredHere && !optionalParent && !nullable);
    });
  });

  it('marks restricted fields in the label and the hint', () => {
    const demand = Object.fromEntries(collection('demands').fields.map((x) => [x.name, x]));
    expect(demand.contact!.label).toBe('联系人（受限）');
    expect(demand.contact!.hint).toContain('受限');
    expect(demand.title!.label).toBe('需求名称');
    const enterprise = Object.fromEntries(collection('enterprises').fields.map((x) => [x.name, x]));
    for (const name of ['legalRepresentative', 'employees', 'revenueLastYear', 'ip'])
      expect(enterprise[name]!.label, name).toMatch(/（受限）$/);
    expect(demand.issuer!.fields!.find((x) => x.name === 'name')!.hint).toContain('隐去企业名称');
  });

  it('each pattern accepts what the validator accepts and refuses what it refuses', () => {
    // For each string field with a pattern or length bounds: probe values against the
    // precompiled validator and the Decap pattern, and demand the same verdict.
    const probes = [
      '',
      'a',
      'XM-2026-019',
      'xm-2026-019',
      'XM-2026',
      '福建省',
      '厦门市',
      '思明区',
      'Fujian',
      'cover.jpg',
      '.hidden.jpg',
      '封面.jpg',
      'ok-slug',
      'MIIT-2023-0417',
      '0592-2896792',
      '一'.repeat(50),
      '一'.repeat(51),
      '𠀀'.repeat(4),
      'a\nb'.repeat(10),
    ];
    let compared = 0;
    walk(SCHEMAS.demand, collection('demands').fields, (node, field, path) => {
      if (!field.pattern || node.type !== 'string') return;
      const [re] = field.pattern;
      for (const probe of probes) {
        validators.demand(placed(path, probe));
        const ajvOk = !(validators.demand.errors ?? []).some(
          (e) => e.instancePath === path && ['pattern', 'minLength', 'maxLength'].includes(e.keyword),
        );
        expect(re.test(probe), `${path} ${JSON.stringify(probe)}`).toBe(ajvOk);
        compared++;
      }
    });
    expect(compared).toBeGreaterThan(100);
  });

  it('compiles schema patterns with the u flag, so \\p{Script=Han} means Chinese characters', () => {
    const re = patternFor({ type: 'string', pattern: '^\\p{Script=Han}+市$', maxLength: 20 })!;
    expect(re.flags).toContain('u');
    expect(re.test('厦门市')).toBe(true);
    expect(re.test('Xiamen市')).toBe(false);
  });

  it('slugs are the record ids; images live beside bundled entries', () => {
    expect(collection('demands')).toMatchObject({
      folder: 'content/demands',
      path: '{{slug}}/index',
      slug: '{{fields.id}}',
      identifier_field: 'id',
      media_folder: '',
      public_folder: '',
      extension: 'yml',
      format: 'jiebang-demand',
    });
    expect(collection('enterprises')).toMatchObject({
      folder: 'content/enterprises',
      path: '{{slug}}/index',
      slug: '{{fields.uscc}}',
    });
    expect(collection('rounds')).toMatchObject({ folder: 'content/rounds', slug: '{{fields.id}}' });
    expect(collection('rounds').path).toBeUndefined();
    expect(collection('pages_en')).toMatchObject({
      folder: 'content/pages/en',
      extension: 'mdx',
      slug: `{{fields.${PAGE_ADDRESS_FIELD}}}`,
    });
  });

  it('takes the backends from content/site.yml: local decap-server, GitHub with the editorial workflow', () => {
    expect(config.locale).toBe('zh_Hans');
    expect(config.publish_mode).toBe('editorial_workflow');
    expect(config.local_backend).toBe(true);
    expect(config.backend).toMatchObject({
      name: 'github',
      repo: site.forge.repo,
      branch: site.forge.branch,
      base_url: new URL(site.cms!.oauthBaseUrl!).origin,
      auth_endpoint: site.cms!.authEndpoint ?? 'auth',
    });
    expect(config.backend.api_root).toBeUndefined();
    const enterprise: Site = { ...site, forge: { ...site.forge, url: 'https://git.example.gov.cn' } };
    expect((cmsConfig(enterprise).backend as Record<string, unknown>).api_root).toBe(
      'https://git.example.gov.cn/api/v3',
    );
    expect(() => cmsConfig({ ...site, cms: {} })).toThrow(/oauthBaseUrl/);
    expect(() => cmsConfig({ ...site, cms: { oauthBaseUrl: 'https://auth.example.gov.cn/decap' } })).toThrow(
      /must be an origin/,
    );
    expect(
      (cmsConfig({ ...site, cms: { oauthBaseUrl: 'https://auth.example.gov.cn/' } }).backend as Record<string, unknown>)
        .base_url,
    ).toBe('https://auth.example.gov.cn');
  });

  it('in a public repository (privacy.sealAtRest), fields that may be sealed are not required by the CMS, and say why', () => {
    const sealed = cmsConfig({ ...site, privacy: { sealAtRest: true } }) as typeof config;
    const demand = Object.fromEntries(
      sealed.collections.find((c) => c.name === 'demands')!.fields.map((x) => [x.name, x]),
    );
    expect(demand.contact).toMatchObject({ required: false });
    expect(demand.contact!.hint).toContain('本仓库公开');
    expect(demand.contact!.fields!.every((f) => f.required === false)).toBe(true);
    expect(demand.issuer!.fields!.find((f) => f.name === 'name')!.required).toBe(false); // issuer-choice
    expect(demand.title!.required).toBe(true);
    expect(demand.issuer!.fields!.find((f) => f.name === 'region')!.required).toBe(true);
  });

  it('fieldsFor covers every kind the CMS edits without throwing', () => {
    for (const kind of ['demand', 'round', 'enterprise', 'page'] as const)
      expect(fieldsFor(kind).length).toBeGreaterThan(3);
  });
});
