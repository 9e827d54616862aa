/** Decap's Markdown widget, as a chunk of its own (cms-markdown-editor.<hash>.js) that lazy-markdown.tsx loads. */
export { default } from 'decap-cms-widget-markdown';
