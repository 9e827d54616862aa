/**
 * Where a JSON Pointer sits in a YAML file, for annotations on a pull request's files: the
 * line of the key (or list item) the pointer reaches, or of the deepest part that exists
 * (a missing required field points at the object that should hold it). Pages put their
 * YAML in front matter, one line below the opening `---`.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';

const decode = (seg: string) => seg.replace(/~1/g, '/').replace(/~0/g, '~');

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
  const lines = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: lines, uniqueKeys: false, strict: false, prettyErrors: false });
  const lineAt = (node: { range?: [number, number, number] | null } | null | undefined, fallback: number) =>
    node?.range ? lines.linePos(node.range[0]).line : fallback;
  let node: unknown = doc.contents;
  let line = lineAt(doc.contents as Node | null, 1);
  for (const seg of pointer.split('/').slice(1).map(decode)) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === seg);
      if (!pair) break;
      line = lineAt(pair.key as Node, line);
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(seg)] as Node | undefined;
      if (!/^\d+$/.test(seg) || !item) break;
      line = lineAt(item, line);
      node = item;
    } else {
      break;
    }
  }
  return line + offset;
}
