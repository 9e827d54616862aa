/** esbuild loads .css imports of the admin app as text (site/admin/build.ts). */
declare module '*.css' {
  const text: string;
  export default text;
}

/** decap-cms-locales ships no types; the admin app reads one locale's phrases from it. */
declare module 'decap-cms-locales' {
  type Phrases = { [key: string]: string | Phrases };
  export const zh_Hans: { editor: { editorControlPane: { widget: Phrases } & Phrases } & Phrases } & Phrases;
}

/** Decap's backends and widgets ship no types; site/admin/decap.ts only registers them. */
declare module 'decap-cms-backend-github' {
  export const GitHubBackend: unknown;
}
declare module 'decap-cms-backend-proxy' {
  export const ProxyBackend: unknown;
}
declare module 'decap-cms-widget-*' {
  const widget: { Widget(): { name: string; controlComponent: unknown; previewComponent?: unknown } };
  export default widget;
}
declare module 'decap-cms-widget-markdown/dist/esm/schema' {
  const schema: object;
  export default schema;
}

/** Decap's own check of a config (its JSON Schema, compiled by ajv): config-check.ts runs it. */
declare module 'decap-cms-core/dist/esm/constants/configSchema' {
  export function validateConfig(config: object): void;
}
