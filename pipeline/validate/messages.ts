/**
 * ajv's errors, said for people: one sentence per problem, in Chinese and English, naming
 * the field by its title and saying what to do. Values are never echoed (a field may be
 * restricted); names of unknown keys and allowed options are.
 */
import type { ErrorObject } from 'ajv';
import { fieldAt, fieldLabel } from '../schema/fields.ts';
import { nonNullBranch, type Kind } from '../schema/registry.ts';
import type { Issue } from '../domain/issue.ts';

type Said = [zh: string, en: string];

function optionList(node: {
  enum?: unknown[];
  'x-enum-labels'?: Record<string, string>;
  'x-enum-labels-en'?: Record<string, string>;
}): Said {
  const values = (node.enum ?? []).map(String);
  const zh = values.map((v) => `“${node['x-enum-labels']?.[v] ?? v}”`).join('、');
  const en = values.map((v) => `“${node['x-enum-labels-en']?.[v] ?? v}”`).join(', ');
  return [zh, en];
}

function explain(kind: Kind, e: ErrorObject, path: string): Said | undefined {
  const info = fieldAt(kind, path);
  const node = info ? nonNullBranch(info.node).node : undefined;
  const p = e.params as Record<string, unknown>;
  const hint = node?.description ? `（${node.description}）` : '';
  const hintEn = node?.['x-description-en'] ? ` (${node['x-description-en']})` : '';
  switch (e.keyword) {
    case 'required':
      return ['为必填项，请填写。', 'is required; please fill it in.'];
    case 'additionalProperties':
      return [`不是本表的字段，请删除或检查拼写。`, 'is not a field of this form; remove it or check its spelling.'];
    case 'type': {
      const t = String(p.type);
      const zh: Record<string, string> = {
        string: '文字',
        number: '数字',
        integer: '整数',
        boolean: '“是”或“否”',
        array: '列表',
        object: '一组字段',
        null: '空值',
      };
      const want = t
        .split(',')
        .map((x) => zh[x] ?? x)
        .join('或');
      return [`应填写${want}。${hint}`, `must be ${t.replace(',', ' or ')}.${hintEn}`];
    }
    case 'enum': {
      const [zh, en] = optionList(node?.items && !node.enum ? (node.items as never) : (node ?? {}));
      return [`只能从以下选项中选择：${zh}。`, `must be one of: ${en}.`];
    }
    case 'const':
      return node?.type === 'boolean'
        ? ['必须勾选确认。', 'must be confirmed.']
        : ['取值不符合要求。', 'has a value that is not allowed.'];
    case 'minLength':
      return [`太短，至少 ${p.limit} 个字。${hint}`, `is too short: at least ${p.limit} characters.${hintEn}`];
    case 'maxLength':
      return [`太长，最多 ${p.limit} 个字，请精简。`, `is too long: at most ${p.limit} characters.`];
    case 'pattern':
      return [`格式不正确。${hint}`, `has the wrong format.${hintEn}`];
    case 'format': {
      const f = String(p.format);
      const zh: Record<string, string> = {
        date: '日期应写成 YYYY-MM-DD，且为真实存在的日期',
        'date-time': '时间应写成带时区的 ISO 8601 格式，如 2026-05-01T09:30:00+08:00',
        email: '电子邮箱地址格式不正确',
        uri: '网址格式不正确，应以 https:// 开头',
      };
      const en: Record<string, string> = {
        date: 'a date must be YYYY-MM-DD and exist',
        'date-time': 'a time must be ISO 8601 with its offset, e.g. 2026-05-01T09:30:00+08:00',
        email: 'not a valid e-mail address',
        uri: 'not a valid URL; it should start with https://',
      };
      return [`${zh[f] ?? '格式不正确'}。`, `${en[f] ?? 'has the wrong format'}.`];
    }
    // A space between number and unit (「不能小于 0 万元」), none without a unit.
    case 'minimum':
      return [`不能小于 ${p.limit}${unitOf(node)}。`, `must be at least ${p.limit}.`];
    case 'exclusiveMinimum':
      return [`应大于 ${p.limit}${unitOf(node)}。`, `must be more than ${p.limit}.`];
    case 'maximum':
      return [`不能大于 ${p.limit}${unitOf(node)}。`, `must be at most ${p.limit}.`];
    case 'exclusiveMaximum':
      return [`应小于 ${p.limit}${unitOf(node)}。`, `must be less than ${p.limit}.`];
    case 'minItems':
      return [`至少填写 ${p.limit} 项。`, `needs at least ${p.limit} item(s).`];
    case 'maxItems':
      return [`最多填写 ${p.limit} 项。`, `allows at most ${p.limit} items.`];
    case 'uniqueItems':
      return ['有重复的选项，请删除重复项。', 'has duplicate entries; remove them.'];
    case 'anyOf': {
      const outer = info?.node;
      if (outer?.['x-null-label']) {
        return [
          `应填写数字（单位${outer['x-unit'] ?? ''}），或写“${outer['x-null-label']}”。`,
          `must be a number (${outer['x-unit'] ?? ''}) or “${outer['x-null-label-en'] ?? outer['x-null-label']}”.`,
        ];
      }
      return ['取值不符合要求。', 'has a value that is not allowed.'];
    }
    case 'if':
      return undefined; // the failing `then` branch reports the real problem
    default:
      return [`不符合要求（${e.keyword}）。`, `fails the ${e.keyword} rule.`];
  }
}

/** Where the problem is: a missing or unknown property is reported at its own path. */
function problemPath(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  const esc = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
  if (e.keyword === 'required') return `${e.instancePath}/${esc(String(p.missingProperty))}`;
  if (e.keyword === 'additionalProperties') return `${e.instancePath}/${esc(String(p.additionalProperty))}`;
  return e.instancePath;
}

/**
 * Turn ajv's errors into issues. Errors inside an `anyOf` that failed as a whole are
 * folded into the one `anyOf` message (for "number or 面议" fields; our anyOfs are only those).
 */

const unitOf = (node: { 'x-unit'?: unknown } | undefined): string =>
  typeof node?.['x-unit'] === 'string' && node['x-unit'] ? ` ${node['x-unit']}` : '';

export function ajvIssues(kind: Kind, errors: ErrorObject[]): Issue[] {
  // Branch errors of a referenced schema carry that schema's schemaPath, so fold by where they are.
  const anyOfAt = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  const issues: Issue[] = [];
  for (const e of errors) {
    if (e.keyword !== 'anyOf' && anyOfAt.has(e.instancePath)) continue;
    const path = problemPath(e);
    const said = explain(kind, e, path);
    if (!said) continue;
    issues.push({
      path,
      keyword: e.keyword,
      params: e.params as Record<string, unknown>,
      message: `${fieldLabel(kind, path)}：${said[0]}`,
      messageEn: `${fieldLabel(kind, path, 'en')} ${said[1]}`,
    });
  }
  return issues;
}
