/**
 * A demand's programme state as the ledger says it (content/decisions/<id>/, the last act's
 * `to`), read in the browser through the backend the CMS edits with — decap-server on this
 * machine, GitHub's contents API with the editor's token when deployed — so an editor sees
 * 草稿, 已提交, 初核通过 … (not only Decap's 已发布) and who acts next. Nothing is read
 * before the editor has logged in, and nothing of the ledger is put in the public page.
 */
import {
  parseYamlText,
  RECORDED,
  actionLabel,
  stateLabel,
  type Role,
  type State,
  OPEN,
  byCodeUnits,
} from '../../pipeline/face/core.ts';

export interface LedgerState {
  state: State;
  /** When it reached the state (the act's time), if it has. */
  since?: string;
  label: { zh: string; en: string };
  /** Who acts next and with what, if anyone. */
  next?: { zh: string; en: string };
}

export interface LedgerSource {
  /** decap-server's API (the local backend), when the CMS runs on it, and the branch it edits. */
  proxy?: { url: string; branch: string };
  /** GitHub: the repository, its branch and the REST API root. */
  github?: { repo: string; branch: string; apiRoot: string };
}

/** Who Decap says is logged in (it keeps the user, with the backend's name and token, in localStorage). */
function storedUser(): { backendName?: string; token?: string } {
  try {
    return JSON.parse(localStorage.getItem('decap-cms-user') ?? '{}') as { backendName?: string; token?: string };
  } catch {
    return {};
  }
}

/**
 * Of the sources this page could read through, the one of the backend the editor is logged in
 * with: on this machine Decap uses decap-server when it answers and GitHub when it does not
 * (a built site served by some other local server), and the ledger must be read the same way.
 * None before anyone has logged in.
 */
export function sourceInUse(sources: LedgerSource): LedgerSource {
  const { backendName } = storedUser();
  if (backendName === 'proxy' && sources.proxy) return { proxy: sources.proxy };
  if (backendName === 'github' && sources.github) return { github: sources.github };
  return {};
}

const ROLE: Record<string, { zh: string; en: string }> = {
  bureau: { zh: '主管部门', en: 'the bureau' },
  miit: { zh: '工业和信息化部', en: 'MIIT' },
  issuer: { zh: '发榜企业', en: 'the issuer' },
  submitter: { zh: '申报单位', en: 'the submitter' },
};

/** Who is to act in this state and the acts open to them (from the state machines' data). */
function nextStep(state: State): LedgerState['next'] {
  if (state === 'draft') {
    return {
      zh: '尚未登记提交：经“编辑流程”发布（合并请求合并）时，流水线检查并登记“提交”，合并人记为初核；本机保存的需求点“检查并登记提交”；也可由申报单位经议题提交。',
      en: 'Not yet submitted: when published through the editorial workflow (its pull request merged) the pipeline checks it and records the submission, the merger as the precheck; a demand saved on this machine: “Check and register the submission”; or the issuer submits it through an issue.',
    };
  }
  const waiting = OPEN.demand[state];
  if (!waiting) return undefined;
  const by: Role = waiting.by;
  const acts = RECORDED.demand
    .filter((t) => t.from.includes(state) && (t.roles.includes(by) || (by === 'bureau' && t.roles.includes('admin'))))
    .map((t) => t.action);
  const who = ROLE[by] ?? { zh: by, en: by };
  const list = (lang: 'zh' | 'en') =>
    [...new Set(acts)].map((a) => actionLabel(a, lang)).join(lang === 'zh' ? '、' : ', ');
  return acts.length
    ? { zh: `下一步：${who.zh}办理（${list('zh')}）。`, en: `Next: ${who.en} acts (${list('en')}).` }
    : { zh: `下一步：${who.zh}办理。`, en: `Next: ${who.en} acts.` };
}

export function describeState(state: State, since?: string): LedgerState {
  const next = nextStep(state);
  return {
    state,
    ...(since ? { since } : {}),
    label: { zh: stateLabel(state, 'zh'), en: stateLabel(state, 'en') },
    ...(next ? { next } : {}),
  };
}

/** The decision files of a subject, by name (`0001.yml` …), through the backend. */
async function ledgerFiles(
  source: LedgerSource,
  id: string,
): Promise<Array<{ name: string; text: () => Promise<string> }>> {
  const folder = `content/decisions/${id}`;
  if (source.proxy) {
    const res = await fetch(source.proxy.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        action: 'entriesByFolder',
        params: { branch: source.proxy.branch, folder, extension: 'yml', depth: 1 },
      }),
    });
    if (!res.ok) throw new Error(`decap-server ${res.status}`);
    const entries = (await res.json()) as Array<{ data: string; file: { path: string } }>;
    return entries.map((e) => ({ name: e.file.path.split('/').pop()!, text: async () => e.data }));
  }
  if (source.github) {
    const { token } = storedUser();
    if (!token) return [];
    const { repo, branch, apiRoot } = source.github;
    const headers = { Authorization: `token ${token}` };
    const res = await fetch(`${apiRoot}/repos/${repo}/contents/${folder}?ref=${encodeURIComponent(branch)}`, {
      headers,
    });
    if (res.status === 404) return [];
    if (!res.ok) throw new Error(`GitHub ${res.status}`);
    const list = (await res.json()) as Array<{ name: string; path: string; type: string }>;
    return list
      .filter((f) => f.type === 'file')
      .map((f) => ({
        name: f.name,
        text: async () =>
          (
            await fetch(`${apiRoot}/repos/${repo}/contents/${f.path}?ref=${encodeURIComponent(branch)}`, {
              headers: { ...headers, Accept: 'application/vnd.github.raw' },
            })
          ).text(),
      }));
  }
  return [];
}

/** The subject's recorded state: the last act of its ledger (a subject without one is a draft). */
export async function readLedgerState(source: LedgerSource, id: string): Promise<LedgerState> {
  const files = (await ledgerFiles(source, id))
    .filter((f) => /^\d{4}\.yml$/.test(f.name))
    .sort((a, b) => byCodeUnits(a.name, b.name));
  const last = files.at(-1);
  if (!last) return describeState('draft');
  const parsed = parseYamlText(await last.text());
  const act = parsed.ok ? (parsed.data as { to?: State; at?: string }) : {};
  return act.to ? describeState(act.to, act.at) : describeState('draft');
}
