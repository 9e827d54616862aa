/**
 * Field metadata by JSON Pointer: the Chinese and English titles people see in messages,
 * forms and the CMS, the visibility, and the schema node itself. `fieldAt('demand',
 * '/technicalIndicators/1/target')` walks the schema the way the pointer walks the record.
 */
import { SCHEMAS, deref, nonNullBranch, type Kind, type SchemaNode } from './registry.ts';

export interface FieldInfo {
  node: SchemaNode;
  /** The titles of each step, e.g. ['技术指标', '第 2 项', '目标值']. */
  trail: string[];
  trailEn: string[];
}

const cache = new Map<string, FieldInfo | undefined>();

export function fieldAt(kind: Kind, pointer: string): FieldInfo | undefined {
  const key = `${kind}${pointer}`;
  if (cache.has(key)) return cache.get(key);
  let node: SchemaNode | undefined = deref(SCHEMAS[kind]);
  const trail: string[] = [];
  const trailEn: string[] = [];
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const here: SchemaNode = nonNullBranch(node!).node;
    if (/^\d+$/.test(seg) && here.items) {
      node = deref(here.items);
      trail.push(`第 ${Number(seg) + 1} 项`);
      trailEn.push(`item ${Number(seg) + 1}`);
    } else if (here.properties && Object.hasOwn(here.properties, seg)) {
      node = deref(here.properties[seg]!);
      trail.push(node.title ?? seg);
      trailEn.push(node['x-title-en'] ?? seg);
    } else {
      node = undefined;
      break;
    }
  }
  const info = node ? { node, trail, trailEn } : undefined;
  cache.set(key, info);
  return info;
}

/** How people name a field: "技术指标 › 第 2 项 › 目标值" (the record itself: "本记录"). */
export function fieldLabel(kind: Kind, pointer: string, lang: 'zh' | 'en' = 'zh'): string {
  const info = fieldAt(kind, pointer);
  const trail = info ? (lang === 'zh' ? info.trail : info.trailEn) : pointer.split('/').slice(1);
  if (trail.length === 0) return lang === 'zh' ? '本记录' : 'this record';
  return trail.join(' › ');
}
