/**
 * The leak-proof build. A fixture catalogue carries a unique sentinel in every restricted
 * field (sentinels.ts derives them from the schemas and the visibility module), in a
 * non-public demand and in a hidden issuer's name and logo; the whole site is built with
 * the real `astro build` (pages, search index, feeds, JSON API, CSV/XLSX, images); then
 * every output file is searched — inside gzip (Pagefind) and zip (XLSX) too, in raw,
 * URL-, JSON- and HTML-escaped forms — and every output image is compared with the
 * restricted images by content. This search is the test's own, independent of the
 * build's scan (site/integration/privacy-scan.ts), which is then proven to fail a build
 * whose content leaks a restricted value in a way no template check would see.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync, inflateRawSync } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nonNullBranch } from '../../pipeline/schema/registry.ts';
import { buildFixtureSite, type BuiltSite } from '../site/harness.ts';
import { PLANTED_CONTACT } from '../site/fixture.ts';
import {
  ECHOES_PUBLIC,
  restrictedSchemaFields,
  sealCatalogue,
  writeSentinelCatalogue,
  type SentinelCatalogue,
} from './sentinels.ts';

/** A demo officer's public key (test/fixtures/keys): the sealed mode seals to it. */
const RECIPIENT = /# public key: (age1\S+)/.exec(
  readFileSync(join(import.meta.dirname, '../fixtures/keys/outsider.key'), 'utf8'),
)![1]!;

function* files(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (e.isFile()) yield join(e.parentPath, e.name);
}

/** The entries of a zip archive (XLSX), from its central directory. */
function unzip(zip: Buffer): Buffer[] {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('not a zip archive');
  const out: Buffer[] = [];
  let p = zip.readUInt32LE(end + 16);
  for (let n = zip.readUInt16LE(end + 10); n > 0; n--) {
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const local = zip.readUInt32LE(p + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + size);
    out.push(method === 8 ? inflateRawSync(raw) : raw);
    p += 46 + zip.readUInt16LE(p + 28) + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return out;
}

/** What a file holds as text: itself, and what its gzip or zip compression hides. */
function contents(path: string, bytes: Buffer): { inner: string; bytes: Buffer }[] {
  const out = [{ inner: '', bytes }];
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) out.push({ inner: '(gunzipped)', bytes: gunzipSync(bytes) });
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03)
    unzip(bytes).forEach((b, i) => out.push({ inner: `(zip entry ${i})`, bytes: b }));
  return out;
}

/** The forms a value can take in an output file. */
function forms(value: string): string[] {
  const u = (upper: boolean) =>
    [...value]
      .map((c) => (c.charCodeAt(0) > 0x7e ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c))
      .join('')
      .replace(/\\u[0-9a-f]{4}/g, (m) => (upper ? m.toUpperCase().replace('\\U', '\\u') : m));
  const entities = [...value].map((c) => (c.charCodeAt(0) > 0x7e ? `&#x${c.charCodeAt(0).toString(16)};` : c)).join('');
  const decimal = [...value].map((c) => (c.charCodeAt(0) > 0x7e ? `&#${c.charCodeAt(0)};` : c)).join('');
  return [...new Set([value, encodeURIComponent(value), u(false), u(true), entities, decimal])];
}

const IMAGE = /\.(png|jpe?g|webp|avif|gif)$/i;

// Both storage modes: a private repository (restricted values in the clear at rest) and a
// public one (site.yml privacy.sealAtRest: every record's restricted fields sealed).
describe.each([
  ['a private repository', false],
  ['a public repository (sealAtRest)', true],
] as const)('the leak-proof build, %s', (_mode, sealed) => {
  let site: BuiltSite;
  let catalogue: SentinelCatalogue;
  beforeAll(async () => {
    site = await buildFixtureSite({
      change: async (dir) => {
        // Start from an empty folder: the sentinel catalogue writes the site fixture itself.
        for (const e of readdirSync(dir))
          if (e) (await import('node:fs')).rmSync(join(dir, e), { recursive: true, force: true });
        catalogue = await writeSentinelCatalogue(dir);
        if (sealed) await sealCatalogue(dir, [RECIPIENT]);
      },
    });
  });
  afterAll(() => site?.cleanup());

  it('builds the sentinel catalogue (all of it valid)', () => {
    expect(site.code, site.output).toBe(0);
  });

  it('plants an identifying sentinel in every restricted field the schemas can have', () => {
    const planted = new Set(
      catalogue.planted
        .filter((p) => p.identifying)
        .map((p) => `${p.kind} ${p.pointer.replace(/\/\d+(?=\/|$)/g, '/*')}`),
    );
    const missing: string[] = [];
    for (const f of restrictedSchemaFields()) {
      const n = nonNullBranch(f.node).node;
      // Values that cannot identify anything (a choice from a list, yes/no, a date, a small bounded number)
      // and image files (planted as files and compared by content below).
      // (An industry code is shared by thousands of enterprises: five characters that name none.)
      const indistinct =
        n.enum !== undefined ||
        n.const !== undefined ||
        n.type === 'boolean' ||
        n.format === 'date' ||
        n['x-rule'] === 'industry-code' ||
        ((n.type === 'integer' || n.type === 'number') && (n.maximum ?? Infinity) < 1e6) ||
        n['x-widget'] === 'image' ||
        ECHOES_PUBLIC.test(`${f.kind} ${f.path}`);
      if (!indistinct && !planted.has(`${f.kind} ${f.path}`)) missing.push(`${f.kind} ${f.path}`);
    }
    expect(missing).toEqual([]);
    expect(catalogue.planted.length).toBeGreaterThan(100);
    expect(catalogue.images).toHaveLength(2);
  });

  it('plants in every part of an application a competitor must not read (对接双方可见)', () => {
    const planted = new Set(
      catalogue.planted
        .filter((p) => p.kind === 'application' && p.identifying)
        .map((p) => p.pointer.replace(/\/\d+(?=\/|$)/g, '/*')),
    );
    for (const part of ['basics', 'capability', 'understanding', 'plan', 'cooperation', 'outcomes', 'safeguards'])
      expect(planted).toContain(`/chapters/${part}`);
    for (const column of ['committedValue', 'note']) expect(planted).toContain(`/indicatorResponses/*/${column}`);
    expect(planted).toContain('/attachments/*/name');
  });

  it('plants a sentinel in every field of the records about the withheld demand', () => {
    for (const file of catalogue.aboutWithheld) {
      const pointers = catalogue.planted
        .filter((p) => p.file === file)
        .map((p) => p.pointer.replace(/\/\d+(?=\/|$)/g, '/*'));
      for (const want of [
        '/chapters/basics',
        '/chapters/plan',
        '/indicatorResponses/*/indicator',
        '/indicatorResponses/*/committedValue',
        '/indicatorResponses/*/note',
      ])
        expect(pointers, `${file} ${want}`).toContain(want);
    }
    // An act on the withheld demand holds its reason and MIIT's number sealed at rest in a public repository.
    const act = readFileSync(join(site.content, catalogue.actAboutWithheld.file), 'utf8');
    for (const v of catalogue.actAboutWithheld.values) expect(act.includes(v), v).toBe(!sealed);
    if (sealed) {
      expect(act).toContain('-----BEGIN AGE ENCRYPTED FILE-----');
      // At rest the records themselves are sealed; the site must build from them all the same.
      const text = readFileSync(
        join(site.content, 'enterprises', readdirSync(join(site.content, 'enterprises'))[0]!, 'index.yml'),
        'utf8',
      );
      expect(text).toContain('-----BEGIN AGE ENCRYPTED FILE-----');
    }
  });

  it('finds no sentinel anywhere in the output: HTML, search index, JSON, feeds, sitemap, CSV/XLSX, images, source maps', () => {
    const patterns = catalogue.planted.flatMap((p) => forms(p.value).map((form) => ({ p, needle: Buffer.from(form) })));
    const hits: string[] = [];
    const kinds = new Set<string>();
    let scanned = 0;
    for (const path of files(site.out)) {
      const rel = relative(site.out, path);
      kinds.add(rel.includes('pagefind') ? 'pagefind' : (/\.[a-z0-9]+$/i.exec(rel)?.[0] ?? 'none'));
      for (const { inner, bytes } of contents(path, readFileSync(path))) {
        scanned += bytes.length;
        for (const { p, needle } of patterns) {
          if (bytes.includes(needle)) hits.push(`${rel}${inner}: ${p.kind} ${p.pointer} from ${p.file}`);
        }
      }
    }
    expect(hits).toEqual([]);
    // The scan saw every kind of output the build makes.
    for (const ext of ['.html', '.json', '.xml', '.csv', '.xlsx', 'pagefind', '.js', '.css'])
      expect(kinds, ext).toContain(ext);
    expect(scanned).toBeGreaterThan(1_000_000);
  });

  it('publishes no restricted image, not even re-encoded or resized', async () => {
    const secrets = await Promise.all(
      catalogue.images.map(async (img) => {
        const bytes = readFileSync(join(site.content, img.file));
        const { channels } = await sharp(bytes).stats();
        return { ...img, mean: channels.slice(0, 3).map((c) => c.mean) };
      }),
    );
    const outputs = [...files(site.out)].filter((f) => IMAGE.test(f));
    expect(outputs.length).toBeGreaterThan(0); // the public illustration is there
    for (const path of outputs) {
      const bytes = readFileSync(path);
      const digest = createHash('sha256').update(bytes).digest('hex');
      const stats = await sharp(bytes)
        .stats()
        .catch(() => undefined);
      for (const s of secrets) {
        expect(digest, relative(site.out, path)).not.toBe(s.sha256);
        if (!stats) continue;
        const same = stats.channels.slice(0, 3).every((c, i) => Math.abs(c.mean - s.mean[i]!) < 3 && c.stdev < 3);
        expect(same, `${relative(site.out, path)} shows ${s.file}`).toBe(false);
      }
    }
  });

  it('strips the metadata of public images (a restricted value hidden in a PNG text chunk)', () => {
    // Covered by the byte search above (the sentinel is ASCII in the PNG); asserted here on images alone.
    const images = [...files(site.out)].filter((f) => IMAGE.test(f));
    for (const path of images)
      expect(readFileSync(path).includes(catalogue.metadataSentinel), relative(site.out, path)).toBe(false);
  });
});

describe('the build’s own privacy scan', () => {
  let broken: BuiltSite;
  beforeAll(async () => {
    // A deliberately broken fixture: a policy page assembles a demand's restricted contact name
    // at build time (MDX evaluates expressions), so no template and no source text holds it.
    broken = await buildFixtureSite({
      change: (dir) => {
        const [first, ...rest] = [...PLANTED_CONTACT.name];
        writeFileSync(
          join(dir, 'pages', 'leaky.mdx'),
          `---\ntitle: 联系我们\ndescription: 各需求的联系人。\ncategory: guide\norder: 9\n---\n\n需求联系人：{[${JSON.stringify(first)}, ${JSON.stringify(rest.join(''))}].join('')}\n`,
        );
      },
    });
  });
  afterAll(() => broken?.cleanup());

  it('fails the build on a hit, naming the output, the content file and the field, never the value', () => {
    expect(broken.code).not.toBe(0);
    expect(broken.output).toMatch(/受限内容|restricted values found/);
    expect(broken.output).toMatch(/pages\/leaky\/index\.html/);
    expect(broken.output).toContain('联系人 › 姓名');
    expect(broken.output).not.toContain(PLANTED_CONTACT.name);
  });
});
