/**
 * How the CMS reads and writes content files: with the pipeline's own parser and
 * formatYaml, so an entry saved in the CMS is byte for byte the canonical text every other
 * writer produces (nested keys in schema order too, which Decap's yaml formatter leaves in
 * the order the editor filled them), and opening and saving an entry changes nothing.
 */
import {
  formatYaml,
  parseFrontmatter,
  parseYamlText,
  type Kind,
  PAGE_ADDRESS_FIELD,
} from '../../pipeline/face/core.ts';
import { recordFromEditor } from './normalize.ts';

export interface Formatter {
  fromFile(content: string): Record<string, unknown>;
  toFile(data: Record<string, unknown>): string;
}

function parsed(result: ReturnType<typeof parseYamlText>): { data: Record<string, unknown>; body?: string } {
  if (!result.ok) throw new Error(result.issue.message);
  return { data: result.data as Record<string, unknown>, ...(result.body !== undefined ? { body: result.body } : {}) };
}

/** A YAML record (demand, round, enterprise profile). */
export function recordFormat(kind: Kind): Formatter {
  return {
    fromFile: (content) => parsed(parseYamlText(content)).data,
    toFile: (data) => formatYaml(kind, recordFromEditor(kind, data)),
  };
}

/**
 * An MDX page: front matter between `---` lines, then the body as it is. The page address
 * is the file name, so it is not written into the front matter.
 */
export const pageFormat: Formatter = {
  fromFile(content) {
    const { data, body } = parsed(parseFrontmatter(content));
    return { ...data, body: body ?? '' };
  },
  toFile(data) {
    const { body, [PAGE_ADDRESS_FIELD]: _address, ...front } = data;
    return `---\n${formatYaml('page', recordFromEditor('page', front))}---\n${typeof body === 'string' ? body : ''}`;
  },
};
