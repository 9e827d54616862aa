/**
 * A small static file server for the built site (npm start, the tests): serves `dir` under
 * the base path, `index.html` for folders, `404.html` with status 404 for anything missing.
 * Production serves dist/ with nginx or an object store (docs/site.md); this only needs to
 * be correct, not clever.
 */
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.yml': 'text/yaml; charset=utf-8',
};

/** Text worth compressing (Pagefind's own files are compressed already). The /admin bundle is 4 MB of JavaScript. */
const COMPRESSIBLE = new Set([
  '.html',
  '.css',
  '.js',
  '.mjs',
  '.json',
  '.xml',
  '.svg',
  '.csv',
  '.txt',
  '.yml',
  '.wasm',
]);
const compressed = new Map<string, Buffer>();

/**
 * The /admin bundle's scripts are named by a hash of their contents (site/admin/build.ts)
 * and never change under their name: the browser may keep them without asking again.
 */
const IMMUTABLE = /\/admin\/cms(-[\w-]+)?\.[A-Z0-9]{8}\.js$/;
const cacheControl = (path: string) => (IMMUTABLE.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');

/** The file compressed as the browser accepts (brotli, else gzip), made once per file version and kept. */
function encodedBody(file: string, acceptEncoding: string): { body: Buffer; encoding: string } | undefined {
  if (!COMPRESSIBLE.has(extname(file).toLowerCase())) return undefined;
  const encoding = /\bbr\b/.test(acceptEncoding) ? 'br' : /\bgzip\b/.test(acceptEncoding) ? 'gzip' : undefined;
  if (!encoding) return undefined;
  const { mtimeMs, size } = statSync(file);
  const key = `${encoding}:${file}:${mtimeMs}:${size}`;
  let body = compressed.get(key);
  if (!body) {
    const raw = readFileSync(file);
    // Brotli at quality 5: most of quality 11's gain on JavaScript in a fraction of its time.
    body =
      encoding === 'br'
        ? brotliCompressSync(raw, {
            params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
          })
        : gzipSync(raw, { level: 6 });
    compressed.set(key, body);
  }
  return { body, encoding };
}

function fileFor(root: string, urlPath: string): string | undefined {
  const decoded = decodeURIComponent(urlPath);
  const path = normalize(join(root, decoded));
  if (path !== root && !path.startsWith(root + sep)) return undefined;
  for (const candidate of [path, join(path, 'index.html')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      /* next */
    }
  }
  return undefined;
}

/** A route answered before the files (the CMS's local paper-act path): true when it answered. */
export type Route = (req: IncomingMessage, res: ServerResponse) => boolean;

export function serveStatic(
  dir: string,
  base = '/',
  port = 4321,
  host = '127.0.0.1',
  route?: Route,
): Promise<{ server: Server; url: string }> {
  const root = normalize(dir);
  const prefix = base.endsWith('/') ? base : `${base}/`;
  const server = createServer((req, res) => {
    if (route?.(req, res)) return;
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === prefix.slice(0, -1)) {
      res.writeHead(301, { location: prefix }).end();
      return;
    }
    let file = url.pathname.startsWith(prefix) ? fileFor(root, url.pathname.slice(prefix.length - 1)) : undefined;
    if (file && !extname(file) && !url.pathname.endsWith('/')) {
      res.writeHead(301, { location: `${url.pathname}/${url.search}` }).end();
      return;
    }
    let status = 200;
    if (!file) {
      status = 404;
      file = fileFor(root, '/404.html');
    }
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('404');
      return;
    }
    const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    const encoded = encodedBody(file, String(req.headers['accept-encoding'] ?? ''));
    if (encoded) {
      res.writeHead(status, {
        'content-type': type,
        'cache-control': status === 200 ? cacheControl(url.pathname) : 'no-cache',
        'content-encoding': encoded.encoding,
        'content-length': encoded.body.length,
        vary: 'accept-encoding',
      });
      res.end(req.method === 'HEAD' ? undefined : encoded.body);
      return;
    }
    res.writeHead(status, {
      'content-type': type,
      'cache-control': status === 200 ? cacheControl(url.pathname) : 'no-cache',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      resolve({ server, url: `http://${host === '127.0.0.1' ? 'localhost' : host}:${actual}${prefix}` });
    });
  });
}
