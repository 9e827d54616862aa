/**
 * The GitHub issue forms (.github/ISSUE_TEMPLATE/<template>.yml) and the template chooser's
 * config.yml, generated from the schemas through pipeline/forms/form.ts — the same form
 * model the intake parser reads issue bodies with. Syntax: GitHub's form schema (ids of
 * letters, digits, - and _; unique labels; dropdown `default` is an option index).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { readSettings } from '../content/settings.ts';
import { FORM_KINDS, formFor, type Form, type FormField } from '../forms/form.ts';
import { siteLink } from '../intake/site-links.ts';
import { tableTemplate } from '../forms/table.ts';
import { banner } from './banner.ts';
import type { GeneratedFile } from './generated-file.ts';

export const ISSUE_TEMPLATE_DIR = '.github/ISSUE_TEMPLATE';

type Element = Record<string, unknown>;

function markdown(value: string): Element {
  return { type: 'markdown', attributes: { value } };
}

function element(field: FormField): Element {
  const attributes: Record<string, unknown> = { label: field.label };
  if (field.description) attributes.description = field.description;
  switch (field.valueKind) {
    case 'enum':
    case 'enum-list':
    case 'boolean': {
      attributes.options = field.options!.map((o) => o.label);
      if (field.multiple) attributes.multiple = true;
      if (field.valueKind === 'boolean' && field.defaultValue !== undefined) {
        attributes.default = field.options!.findIndex((o) => o.value === field.defaultValue);
      }
      break;
    }
    case 'declaration':
      attributes.description = '请勾选确认。';
      attributes.options = [{ label: field.description.replace(/必须勾选。?$/, '').trim(), required: true }];
      break;
    case 'table':
      attributes.description = `${field.description}请在下面的表格中每行填写一项，保留表头。`;
      attributes.value = tableTemplate(field.columns!);
      break;
    case 'number':
    case 'integer':
      if (field.nullLabel) attributes.placeholder = `数字，或“${field.nullLabel}”`;
      break;
    case 'date':
      attributes.placeholder = 'YYYY-MM-DD';
      break;
    default:
      break;
  }
  const out: Element = { type: field.element, id: field.id, attributes };
  // Checkboxes carry `required` per option; the others on the element.
  if (field.required && field.element !== 'checkboxes') out.validations = { required: true };
  return out;
}

export interface SiteLinks {
  siteUrl?: string;
}

function intro(form: Form, links: SiteLinks): string {
  const lines = [
    `**${form.description}**`,
    '',
    '请逐项填写。提交后，系统会在几分钟内在本页答复：列出需要修改的栏目，或告知受理编号和后续流程。修改已提交的内容后，答复会随之更新（方法见办事指南）。',
  ];
  if (form.sealedTitles.length) {
    lines.push(
      '',
      `**${form.sealedTitles.join('、')}等受限信息不得在本页以明文填写**：本页提交的内容是公开的。请用网站上的提交助手加密后粘贴到最后的“密封信息”栏。`,
    );
  }
  if (links.siteUrl) {
    lines.push(
      '',
      `[需求目录](${siteLink(links.siteUrl, 'catalogue')}) · [办事指南](${siteLink(links.siteUrl, 'guides')}) · [提交助手](${siteLink(links.siteUrl, 'helper')})`,
    );
  }
  return lines.join('\n');
}

export function renderForm(form: Form, links: SiteLinks): string {
  const body: Element[] = [markdown(intro(form, links))];
  const shown = new Set<string>();
  for (const field of form.fields) {
    // A heading for each group the first time one of its fields appears (nested: one level deeper).
    const parts = field.group?.title.split(' › ') ?? [];
    parts.forEach((_, i) => {
      const title = parts.slice(0, i + 1).join(' › ');
      if (shown.has(title)) return;
      shown.add(title);
      const description = i === parts.length - 1 ? field.group?.description : undefined;
      body.push(markdown(`${'#'.repeat(3 + i)} ${parts[i]}${description ? `\n\n${description}` : ''}`));
    });
    body.push(element(field));
  }
  const doc = { name: form.name, description: form.description, title: form.title, labels: form.labels, body };
  return (
    banner(`schemas/${form.kind}.schema.json (pipeline/gen/issue-forms.ts)`, '#') + stringify(doc, { lineWidth: 0 })
  );
}

export function renderConfig(links: SiteLinks): string {
  const config: Record<string, unknown> = { blank_issues_enabled: false };
  if (links.siteUrl) {
    config.contact_links = [
      {
        name: '需求目录 / Catalogue',
        url: siteLink(links.siteUrl, 'catalogue'),
        about: '查看已发布的技术创新需求，揭榜前请先在目录中找到需求编号。',
      },
      {
        name: '办事指南 / Guides',
        url: siteLink(links.siteUrl, 'guides'),
        about: '发榜、揭榜和对接表的填写说明、常见问题和咨询方式。',
      },
      {
        name: '提交助手 / Submission helper',
        url: siteLink(links.siteUrl, 'helper'),
        about: '在浏览器中填写并加密联系人等受限信息，生成可直接粘贴到申报表的内容。',
      },
    ];
  }
  return banner('content/site.yml (pipeline/gen/issue-forms.ts)', '#') + stringify(config, { lineWidth: 0 });
}

/** siteUrl from content/site.yml, when the file is there and valid enough to say it. */
export async function readSiteLinks(root: string): Promise<SiteLinks> {
  const siteUrl: unknown = (await readSettings(join(root, 'content')))?.siteUrl;
  return typeof siteUrl === 'string' && /^https?:\/\//.test(siteUrl) ? { siteUrl } : {};
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

export async function generateIssueForms(root: string = ROOT): Promise<GeneratedFile[]> {
  const links = await readSiteLinks(root);
  return [
    ...FORM_KINDS.map((kind) => {
      const form = formFor(kind);
      return { path: `${ISSUE_TEMPLATE_DIR}/${form.template}.yml`, content: renderForm(form, links) };
    }),
    { path: `${ISSUE_TEMPLATE_DIR}/config.yml`, content: renderConfig(links) },
  ];
}
