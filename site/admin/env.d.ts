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
