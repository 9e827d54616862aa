/** Policy pages: content/pages/<slug>.mdx is Chinese, content/pages/en/<slug>.mdx its English version. */
import type { Lang } from '../i18n/ui.ts';

export const pageLang = (entryId: string): Lang => (entryId.startsWith('en/') ? 'en' : 'zh');
export const pageSlug = (entryId: string): string => entryId.replace(/^en\//, '');
