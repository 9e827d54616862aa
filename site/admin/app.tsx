/**
 * The CMS at /admin: Decap CMS from npm with the config generated from the schemas
 * (config.generated.ts), our formats, widgets and previews, and the pipeline's own
 * validation (and, in a public repository, sealing) as the last step before anything is
 * written.
 */
import CMS from 'decap-cms-app';
import { zh_Hans } from 'decap-cms-locales';
import { fromJS, type Map as ImmutableMap } from 'immutable';
import type { Kind } from '../../pipeline/schema/registry.ts';
import { ID_WIDGET, PAGE_ADDRESS_FIELD, READONLY_WIDGET, formatName } from '../../pipeline/gen/cms-names.ts';
import { config, sealAtRest } from './config.generated.ts';
import { pageFormat, recordFormat } from './formats.ts';
import { recordToSave } from './save.ts';
import { registerPreviews } from './previews.tsx';
import { IdControl, ReadonlyControl } from './widgets.tsx';

/** The record kind each collection holds. */
const KIND_OF: Record<string, Kind> = { demands: 'demand', rounds: 'round', enterprises: 'enterprise', pages: 'page', pages_en: 'page' };

for (const kind of ['demand', 'round', 'enterprise'] as const) CMS.registerCustomFormat(formatName(kind), 'yml', recordFormat(kind));
CMS.registerCustomFormat(formatName('page'), 'mdx', pageFormat);
CMS.registerWidget(ID_WIDGET, IdControl as never);
CMS.registerWidget(READONLY_WIDGET, ReadonlyControl as never);

// Decap words a failed pattern as "does not match the pattern <message>"; our messages are sentences.
CMS.registerLocale('zh_Hans', {
  ...zh_Hans,
  editor: {
    ...zh_Hans.editor,
    editorControlPane: {
      ...zh_Hans.editor.editorControlPane,
      widget: { ...zh_Hans.editor.editorControlPane.widget, regexPattern: '“%{fieldLabel}”：%{pattern}' },
    },
  },
});

/**
 * The pipeline's validation (schema and the programme's rules, the same messages a
 * submitter gets) runs on the record the CMS is about to write, and a public repository's
 * restricted values are sealed (save.ts); any issue stops the save with its message.
 */
const recipients = JSON.parse(document.getElementById('jiebang-recipients')?.textContent || '[]') as string[];
const issuerRecipients = JSON.parse(document.getElementById('jiebang-issuer-recipients')?.textContent || '{}') as Record<string, string[]>;
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
    const record = await recordToSave(kind, data, { sealAtRest, recipients, issuerRecipients });
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

CMS.init({ config: { ...config, ...(localBackend ? { local_backend: { url: localBackend } } : {}) } as never });
