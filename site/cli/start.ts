/**
 * `npm start`: build the catalogue (from content/, or JIEBANG_CONTENT), serve dist/ on
 * http://localhost:4321 (JIEBANG_PORT) and run decap-server, the CMS's local backend, on
 * port 8081 (JIEBANG_CMS_PORT) so /admin works. Ctrl-C stops both. The npm script `exec`s
 * this file, so a SIGTERM that npm forwards (a supervisor, `timeout`) reaches it rather than
 * the shell between them, and decap-server stops with it.
 */
import { spawn } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { basePath, contentDir } from '../env.ts';
import { serveStatic } from '../server/static.ts';
import { paperActRoute } from '../server/paper-act.ts';
import { scanRoute } from '../server/scan-route.ts';
import { submitRoute } from '../server/submit-route.ts';
import { startDecapServer } from '../admin/integration.ts';

const build = fileURLToPath(new URL('./build.ts', import.meta.url));
const port = Number(process.env.JIEBANG_PORT || 4321);
const cmsPort = Number(process.env.JIEBANG_CMS_PORT || 8081);

const verbose = process.argv.includes('--verbose');
const code = await new Promise<number>((done) => {
  console.log('正在生成网站 (building the site)…');
  // Astro lists every route and image it writes: a newcomer needs the outcome, warnings and
  // errors, so the build's output is kept back and shown whole only when it fails (or with --verbose).
  const child = spawn(process.execPath, [build, ...process.argv.slice(2)], {
    stdio: verbose ? 'inherit' : ['inherit', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output += chunk.toString('utf8'));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.on('exit', (c) => {
    const failed = (c ?? 1) !== 0;
    const lines = output.split('\n').filter((l) => l.trim() !== '');
    if (!verbose) for (const line of failed ? lines : lines.filter(worthShowing)) console.log(line);
    done(c ?? 1);
  });
});
if (code !== 0) process.exit(code);

const base = process.argv.includes('--base') ? process.argv[process.argv.indexOf('--base') + 1]! : basePath();
// The CMS records acts that arrive on paper and keeps stamped scans and registers new demands in the repository the content lies in (server/paper-act.ts, scan-route.ts).
const [paperAct, scan, submit] = [
  paperActRoute(dirname(contentDir()), base),
  scanRoute(dirname(contentDir()), base),
  submitRoute(dirname(contentDir()), base),
];
const { server, url } = await serveStatic(
  'dist',
  base,
  port,
  '127.0.0.1',
  (req, res) => paperAct(req, res) || scan(req, res) || submit(req, res),
).catch((e: NodeJS.ErrnoException) => {
  console.error(
    e.code === 'EADDRINUSE'
      ? `端口 ${port} 已被占用，请设置 JIEBANG_PORT (port ${port} is in use; set JIEBANG_PORT)`
      : String(e),
  );
  process.exit(1);
});
const log = { info: (m: string) => console.log(m), warn: (m: string) => console.warn(m) };
const decap = process.env.JIEBANG_CMS_SERVER === 'off' ? undefined : startDecapServer(cmsPort, log);

console.log(
  `\n  网站 (site):            ${url}\n  内容管理 (CMS):        ${url}admin/\n  按 Ctrl-C 停止 (Ctrl-C stops both)\n`,
);

const stop = () => {
  decap?.kill();
  server.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

/** What a successful build says that a person starting the site should read: warnings, and the outcome. */
function worthShowing(line: string): boolean {
  // Vite's advice on chunk sizes concerns the bundled CMS and is expected (docs/performance.md).
  if (
    /vite-reporter|Some chunks are larger than|dynamic import\(\) to code-split|codeSplitting|chunkSizeWarningLimit/.test(
      line,
    )
  )
    return false;
  return /\[WARN\]|\[ERROR\]|\[jiebang\] \d+ demand pages written|privacy scan: .* leaks|\[build\] \d+ page\(s\) built/.test(
    line,
  );
}
