/**
 * Where a JSON Pointer sits in a YAML file, for annotations on a pull request's files: the
 * line of the key (or list item) the pointer reaches, or of the deepest part that exists
 * (a missing required field points at the object that should hold it). Pages put their
 * YAML in front matter, one line below the opening `---`.
 *
 * Read with yaml 1, the library content/format.ts already writes records with, so the
 * actions carry one YAML document model, not two (their start is on every submitter's wait).
 */
import YAML1 from 'yaml1';
import { YAMLMap, YAMLSeq, type Node } from 'yaml1/types';

const decode = (seg: string) => seg.replace(/~1/g, '/').replace(/~0/g, '~');

/** The 1-based line of a character offset. */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** The 1-based line of `pointer` in `text` (YAML, or a Markdown file with front matter). */
export function lineOfPointer(text: string, pointer: string, frontMatter = false): number {
  let yamlText = text.replace(/^\ufeff/, '');
  let offset = 0;
  if (frontMatter) {
    const m = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/.exec(yamlText);
    if (!m) return 1;
    yamlText = m[1]!;
    offset = 1;
  }
  const doc = YAML1.parseDocument(yamlText, { prettyErrors: false });
  const lineAt = (node: unknown, fallback: number) => {
    const range = (node as Node | null | undefined)?.range;
    return range ? lineOf(yamlText, range[0]) : fallback;
  };
  let node: unknown = doc.contents;
  let line = lineAt(doc.contents, 1);
  for (const seg of pointer.split('/').slice(1).map(decode)) {
    if (node instanceof YAMLMap) {
      const pair = node.items.find((p) => String((p.key as { value?: unknown } | null)?.value ?? p.key) === seg);
      if (!pair) break;
      line = lineAt(pair.key, line);
      node = pair.value;
    } else if (node instanceof YAMLSeq) {
      const item: unknown = node.items[Number(seg)];
      if (!/^\d+$/.test(seg) || !item) break;
      line = lineAt(item, line);
      node = item;
    } else {
      break;
    }
  }
  return line + offset;
}
