/**
 * The CMS's path for acts that arrive on paper, on the officer's own machine (`npm start`,
 * `npm run dev`): POST <base>admin/api/paper-act from the admin page records an act on the
 * actor's behalf (代=工信部/发榜企业/申报单位) with its document, through the very path an
 * officer uses on the command line — the scan checked and processed by the stamped-scan
 * checks (pipeline/paper/scan/check-scan.ts: magic bytes, size, pages, active content; images
 * re-encoded without metadata), committed under content/decisions/<subject>/evidence/, then
 * `jiebang decide <subject> /<命令> 代=… 文号=… 日期=… 文件=… --as <login>` run in the
 * repository, whose grammar, registry, roles, state machine and evidence rules judge it. The
 * answer is the pipeline's own reply (Chinese and English); a refused act writes no decision.
 * In a repository that seals at rest the scan is not committed in the clear: only its
 * sha256 is recorded.
 *
 * Only a same-origin JSON request is taken (localJsonRoute).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LocalGitForge, git, checkScan } from '../../pipeline/face/local-backend.ts';
import { isApplicationId, isDemandId } from '../../pipeline/face/core.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MAX_BODY = 30 * 1024 * 1024;

/** The commands an act on paper can be (a party's acts; docs/review.md §2a), by the name the form sends. */
export const PAPER_COMMANDS: Record<string, string> = {
  catalogue: '入选目录',
  decline: '未入选目录',
  select: '遴选',
  replace: '递补',
  contract: '签约',
  start: '开始实施',
  accept: '验收通过',
  fail_acceptance: '验收不通过',
  supplier: '进入供应商目录',
  deepen: '深化合作',
  drop_out: '退出揭榜',
  terminate: '终止合作',
  withdraw: '撤回',
};
const PARTIES: Record<string, string> = { miit: '工信部', issuer: '发榜企业', submitter: '申报单位' };
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface PaperActRequest {
  subject: string;
  action: string;
  party: string;
  login: string;
  documentNo: string;
  date: string;
  /** Scores, a reason or a contract's words: what follows the command, as in a comment. */
  rest?: string;
  scan?: { name: string; base64: string };
}

export interface PaperActAnswer {
  ok: boolean;
  zh: string;
  en: string;
  written?: string[];
}

export const refuse = (zh: string, en: string): PaperActAnswer => ({ ok: false, zh, en });

/** Words a command may not carry inside a value: they would start another key or line. */
const plain = (s: string) => !/[\s=]/u.test(s);

async function sealsAtRest(repo: string): Promise<boolean> {
  const { readFile } = await import('node:fs/promises');
  const text = await readFile(join(repo, 'content/site.yml'), 'utf8').catch(() => '');
  return /^privacy:\s*\n(?:[ \t]+.*\n)*?[ \t]+sealAtRest:\s*true\b/m.test(text);
}

export async function recordPaperAct(repo: string, req: PaperActRequest, now?: string): Promise<PaperActAnswer> {
  const command = PAPER_COMMANDS[req.action];
  if (!isDemandId(req.subject ?? '') && !isApplicationId(req.subject ?? ''))
    return refuse(
      `“对象编号”应为需求或申请编号，如 XM-2026-003 或 XM-2026-003-A02。`,
      '"Subject" must be a demand or application id, e.g. XM-2026-003 or XM-2026-003-A02.',
    );
  if (!command) return refuse('“行为”须从列表中选择。', '"Act" must be one of the list.');
  if (!PARTIES[req.party])
    return refuse(
      '“代为登记”须选工业和信息化部、发榜企业或申报单位。',
      '"On behalf of" must be MIIT, the issuer or the submitter.',
    );
  if (!LOGIN.test(req.login ?? ''))
    return refuse(
      '“经办人账号”应为经办人员名册里的代码平台账号。',
      '"Officer login" must be a forge login from the officers\' registry.',
    );
  if (!req.documentNo?.trim() || !plain(req.documentNo.trim()))
    return refuse(
      '“文号”必填，且不能含空格或等号（无文号的函件写其标题）。',
      '"Document number" is required, without spaces or "=" (a letter without one: its title).',
    );
  if (!DATE.test(req.date ?? ''))
    return refuse('“成文日期”应为 年-月-日，如 2026-06-18。', '"Document date" must be YYYY-MM-DD, e.g. 2026-06-18.');
  if (!req.scan)
    return refuse(
      '须附扫描件：代为登记的行为要有证明文件。',
      "Attach the scan: an act recorded on someone's behalf needs its document.",
    );

  const scan = await checkScan(Buffer.from(req.scan.base64, 'base64'));
  if (!scan.ok) return refuse(`扫描件未通过检查：${scan.message}`, `The scan was refused: ${scan.messageEn}`);
  const digest = createHash('sha256').update(scan.bytes).digest('hex');
  const words = [`/${command}`];
  if (req.rest?.trim()) words.push(req.rest.trim());
  words.push(`代=${PARTIES[req.party]}`, `文号=${req.documentNo.trim()}`, `日期=${req.date}`);

  const branch = (await git(['symbolic-ref', '-q', '--short', 'HEAD'], { cwd: repo, allowFail: true })).stdout
    .toString('utf8')
    .trim();
  if (!branch) return refuse('内容仓库没有检出分支。', 'The content repository has no branch checked out.');
  const written: string[] = [];
  let forge: LocalGitForge | undefined;
  if (await sealsAtRest(repo)) {
    // A public repository keeps no scan in the clear: the act records the digest only.
    words.push(`sha256=${digest}`);
  } else {
    forge = new LocalGitForge(repo);
    const head = await forge.head(branch);
    if (!head) return refuse(`没有分支 ${branch}。`, `No branch ${branch}.`);
    const path = `content/decisions/${req.subject}/evidence/${req.date}-${digest.slice(0, 12)}.${scan.ext}`;
    await forge.commit({
      branch,
      expectedHead: head,
      message: `证明文件 ${req.subject}：${req.documentNo.trim()}`,
      files: [{ path, content: scan.bytes }],
    });
    written.push(path);
    words.push(`文件=${path}`);
  }
  const args = [
    join(ROOT, 'pipeline/cli/jiebang.ts'),
    'decide',
    req.subject,
    ...words,
    '--as',
    req.login,
    '--json',
    ...(now ? ['--now', now] : []),
  ];
  const out = await new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    execFile(
      process.execPath,
      args,
      { cwd: repo, encoding: 'utf8', maxBuffer: 4 * 1024 * 1024 },
      (error, stdout, stderr) =>
        done({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
  let answer: { verdict: string; message: string; written?: string[] } | undefined;
  try {
    answer = JSON.parse(out.stdout) as typeof answer;
  } catch {
    /* a usage error: its message is on stderr */
  }
  if (answer?.verdict === 'valid')
    return { ok: true, zh: answer.message, en: 'Recorded.', written: [...written, ...(answer.written ?? [])] };
  // Refused: the scan committed for it goes again, so the tree holds no document without its act.
  if (forge && written.length) {
    const head = (await forge.head(branch))!;
    await forge.commit({
      branch,
      expectedHead: head,
      message: `撤下证明文件 ${req.subject}（登记未通过）`,
      files: written.map((path) => ({ path, content: null })),
    });
  }
  const message = answer?.message ?? `未登记：${(out.stderr || out.stdout).trim().replace(/^jiebang[^:]*:\s*/, '')}`;
  return { ok: false, zh: message, en: 'Not recorded (see the Chinese message); nothing was written.' };
}

/**
 * A JSON route of a local server (the CMS's paper acts and scans): only a same-origin POST
 * of JSON is taken — a page elsewhere cannot make the browser send one without a CORS
 * preflight, which these servers never answer. True when it answered the request.
 */
export function localJsonRoute<T>(
  path: string,
  handle: (body: T) => Promise<PaperActAnswer>,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname !== path) return false;
    const send = (status: number, body: PaperActAnswer) =>
      res
        .writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
        .end(JSON.stringify(body));
    const origin = req.headers.origin;
    if (
      req.method !== 'POST' ||
      !String(req.headers['content-type'] ?? '').startsWith('application/json') ||
      (origin && new URL(origin).host !== req.headers.host)
    ) {
      send(405, refuse('只接受本页面提交的登记。', 'Only this page may send this.'));
      return true;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => {
      if (size > MAX_BODY)
        return send(413, refuse('扫描件太大（上限 20 MB）。', 'The scan is too large (20 MB at most).'));
      let body: T;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as T;
      } catch {
        return send(400, refuse('请求无法读取。', 'The request cannot be read.'));
      }
      handle(body).then(
        (a) => send(a.ok ? 200 : 422, a),
        (e: Error) => send(500, refuse(`没有完成：${e.message}`, `Not done: ${e.message}`)),
      );
    });
    return true;
  };
}

/** The route on a local server: true when it answered the request. */
export function paperActRoute(repo: string, base: string): (req: IncomingMessage, res: ServerResponse) => boolean {
  return localJsonRoute<PaperActRequest>(`${base}admin/api/paper-act`, (body) => recordPaperAct(resolve(repo), body));
}
