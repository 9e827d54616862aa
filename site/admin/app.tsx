/**
 * The CMS at /admin: Decap CMS from npm with the config generated from the schemas
 * (config.generated.ts), our formats, widgets and previews, and the pipeline's own
 * validation (and, in a public repository, sealing) as the last step before anything is
 * written.
 */
import CMS from './decap.ts';
import { zh_Hans } from 'decap-cms-locales';
import { fromJS, type Map as ImmutableMap } from 'immutable';
import { type Kind, PAGE_ADDRESS_FIELD, formatName } from '../../pipeline/face/core.ts';
import { config, sealAtRest } from './config.generated.ts';
import { pageConfig } from './page-config.ts';
import { pageFormat, recordFormat } from './formats.ts';
import { clearProblems, showProblems } from './problems.ts';
import { registerPreviews } from './preview-registry.tsx';
import { showStates } from './state-display.ts';
import { withPhrases, ZH_ADDITIONS } from './locale-zh.ts';

/** The record kind each collection holds. */
const KIND_OF: Record<string, Kind> = {
  demands: 'demand',
  rounds: 'round',
  enterprises: 'enterprise',
  catalogue: 'external',
  pages: 'page',
  pages_en: 'page',
};

for (const kind of ['demand', 'round', 'enterprise', 'external'] as const)
  CMS.registerCustomFormat(formatName(kind), 'yml', recordFormat(kind));
CMS.registerCustomFormat(formatName('page'), 'mdx', pageFormat);

// Decap words a failed pattern as "does not match the pattern <message>"; our messages are sentences.
CMS.registerLocale(
  'zh_Hans',
  withPhrases(
    {
      ...zh_Hans,
      editor: {
        ...zh_Hans.editor,
        editorControlPane: {
          ...zh_Hans.editor.editorControlPane,
          widget: { ...zh_Hans.editor.editorControlPane.widget, regexPattern: '“%{fieldLabel}”：%{pattern}' },
        },
      },
      // The workflow's button makes an entry of any collection, not a blog's post (新建帖子).
      workflow: {
        ...(zh_Hans.workflow as Record<string, object>),
        workflow: { ...(zh_Hans.workflow as { workflow: Record<string, string> }).workflow, newPost: '新建条目' },
      },
      // A refused save's message is a whole sentence (save.ts): no "保存内容失败:" before it.
      ui: {
        ...(zh_Hans.ui as Record<string, object>),
        toast: { ...(zh_Hans.ui as { toast: Record<string, string> }).toast, onFailToPersist: '%{details}' },
      },
    } as Parameters<typeof withPhrases>[0],
    ZH_ADDITIONS,
  ),
);

/**
 * The pipeline's validation (schema and the programme's rules, the same messages a
 * submitter gets) runs on the record the CMS is about to write, and a public repository's
 * restricted values are sealed (save.ts); any issue stops the save with its message.
 */
const recipients = JSON.parse(document.getElementById('jiebang-recipients')?.textContent || '[]') as string[];
const issuerRecipients = JSON.parse(
  document.getElementById('jiebang-issuer-recipients')?.textContent || '{}',
) as Record<string, string[]>;
CMS.registerEventListener({
  name: 'preSave',
  handler: async ({ entry }: { entry: ImmutableMap<string, unknown> }) => {
    const kind = KIND_OF[String(entry.get('collection'))];
    if (!kind) return undefined;
    const data = (entry.get('data') as ImmutableMap<string, unknown>).toJS() as Record<string, unknown>;
    if (kind === 'page') {
      delete data.body;
      delete data[PAGE_ADDRESS_FIELD];
    }
    // The pipeline's validators and the sealing code load with the first save, not with the page.
    const { recordToSave, SaveRefused } = await import('./save.ts');
    let record: Record<string, unknown>;
    try {
      record = await recordToSave(kind, data, { sealAtRest, recipients, issuerRecipients });
    } catch (e) {
      if (e instanceof SaveRefused) showProblems(e.problems, e.message);
      throw e;
    }
    clearProblems();
    // Sealing moved restricted values into `sealed`: write that; otherwise the data as edited.
    return typeof record.sealed === 'string' && record.sealed !== data.sealed ? fromJS(record) : undefined;
  },
});

registerPreviews(CMS);

/**
 * Where decap-server listens when it is not on Decap's default (localhost:8081): the page
 * says so (integration.ts). Decap looks for it only when the page itself is on localhost,
 * so a deployed CMS always uses the GitHub backend.
 */
const localBackend = document.querySelector<HTMLMetaElement>('meta[name="jiebang-local-backend"]')?.content;

/**
 * The login page and the header carry the bureau's name beside its emblem (site.yml
 * bureau.name and bureau.logo, re-encoded to a PNG by the build and passed in the page as a
 * data URL) or a neutral one, not Decap's logo: one SVG, drawn here so it needs no file of
 * its own (an image inside an SVG-as-image may only be a data URL).
 */
function bureauLogo(name: string, emblem?: { src: string; width: number; height: number }): string {
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const emblemWidth = emblem ? Math.round((emblem.width * 44) / emblem.height) : 44;
  const textX = emblemWidth + 12;
  const width = textX + [...name].length * 22;
  const mark = emblem
    ? `<image x="2" y="2" width="${emblemWidth}" height="44" href="${esc(emblem.src)}"/>`
    : `<circle cx="24" cy="24" r="22" fill="#b3121b"/><path d="M24 9l4.4 9.3 9.9 1.2-7.3 6.8 1.9 9.9L24 31.2l-8.9 5 1.9-9.9-7.3-6.8 9.9-1.2z" fill="#fff"/>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="48" viewBox="0 0 ${width} 48">${mark}<text x="${textX}" y="32" font-size="20" font-weight="700" fill="#1b1f24" font-family="system-ui, 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif">${esc(name)}</text></svg>`;
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
const bureau = document.querySelector<HTMLMetaElement>('meta[name="jiebang-bureau"]')?.content;
const emblemMeta = document.querySelector<HTMLMetaElement>('meta[name="jiebang-logo"]');
const emblem = emblemMeta
  ? { src: emblemMeta.content, width: Number(emblemMeta.dataset.width), height: Number(emblemMeta.dataset.height) }
  : undefined;

// On this machine (npm start, npm run dev) 查看发布 opens the local site, which serves /admin beside it.
const localSite = ['localhost', '127.0.0.1'].includes(location.hostname)
  ? new URL('..', location.href).href
  : undefined;
CMS.init({
  config: pageConfig(config, {
    localBackend,
    localSite,
    logo: bureau ? bureauLogo(bureau, emblem) : undefined,
  }) as never,
});

// Each demand's programme state from the ledger, read through the backend the CMS edits with
// (state-display.ts): decap-server on this machine if Decap found it, GitHub otherwise.
const backend = config.backend as { repo: string; branch: string; api_root?: string };
showStates({
  ...(localSite
    ? { proxy: { url: localBackend ?? `http://${location.hostname}:8081/api/v1`, branch: backend.branch } }
    : {}),
  github: { repo: backend.repo, branch: backend.branch, apiRoot: backend.api_root ?? 'https://api.github.com' },
});
