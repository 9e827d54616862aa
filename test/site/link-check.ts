/**
 * A link checker over a built site on disk: every href/src/srcset in every HTML page, every
 * link in the feeds and every sitemap location must name a file of the build (folders
 * through their index.html), every same-page #fragment must exist, and every local link
 * must start with the base path. External links are listed, not fetched.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export interface Broken {
  page: string;
  url: string;
  why: string;
}

const ATTR = /\s(?:href|src|srcset|action)="([^"]*)"/g;

function decode(s: string): string {
  return s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

function targetFile(out: string, base: string, path: string): string | undefined {
  if (!path.startsWith(base)) return undefined;
  const rest = decodeURIComponent(path.slice(base.length));
  const file = join(out, rest);
  if (existsSync(file) && statSync(file).isFile()) return file;
  const index = join(file, 'index.html');
  return existsSync(index) ? index : undefined;
}

export function checkLinks(
  out: string,
  base: string,
  origin: string,
): { broken: Broken[]; checked: number; external: Set<string> } {
  const broken: Broken[] = [];
  const external = new Set<string>();
  const ids = new Map<string, Set<string>>();
  const idsOf = (file: string) => {
    let set = ids.get(file);
    if (!set) {
      set = new Set([...readFileSync(file, 'utf8').matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!));
      ids.set(file, set);
    }
    return set;
  };
  let checked = 0;
  const files = readdirSync(out, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
  for (const file of files) {
    const page = relative(out, file).split(sep).join('/');
    const isHtml = file.endsWith('.html');
    const isXml = file.endsWith('.xml');
    if (!isHtml && !isXml) continue;
    const text = readFileSync(file, 'utf8');
    const urls: string[] = [];
    if (isHtml) {
      for (const m of text.matchAll(ATTR)) {
        const value = decode(m[1]!);
        if (m[0].includes('srcset'))
          urls.push(
            ...value
              .split(',')
              .map((s) => s.trim().split(/\s+/)[0]!)
              .filter(Boolean),
          );
        else urls.push(value);
      }
    } else {
      for (const m of text.matchAll(/<(?:link|loc)>([^<]+)<\/(?:link|loc)>|\shref="([^"]+)"/g))
        urls.push(decode(m[1] ?? m[2]!));
    }
    for (const raw of urls) {
      if (/^(mailto:|tel:|data:|javascript:)/.test(raw)) continue;
      let url = raw;
      if (url.startsWith(origin)) url = url.slice(origin.length);
      if (/^[a-z]+:\/\//i.test(url)) {
        external.add(url);
        continue;
      }
      checked++;
      const [pathAndQuery, fragment] = url.split('#') as [string, string | undefined];
      const path = pathAndQuery.split('?')[0]!;
      if (path === '') {
        if (fragment && !idsOf(file).has(decodeURIComponent(fragment)))
          broken.push({ page, url: raw, why: `no #${fragment} on the page` });
        continue;
      }
      if (!path.startsWith('/')) {
        broken.push({ page, url: raw, why: 'relative link' });
        continue;
      }
      if (!path.startsWith(base)) {
        broken.push({ page, url: raw, why: `outside the base ${base}` });
        continue;
      }
      const target = targetFile(out, base, path);
      if (!target) {
        broken.push({ page, url: raw, why: 'no such file' });
        continue;
      }
      if (fragment && target.endsWith('.html') && !idsOf(target).has(decodeURIComponent(fragment)))
        broken.push({ page, url: raw, why: `no #${fragment} there` });
    }
  }
  return { broken, checked, external };
}
