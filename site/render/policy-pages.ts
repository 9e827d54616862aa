/**
 * The bodies of the policy pages (content/pages/<slug>.mdx in Chinese, content/pages/en/<slug>.mdx
 * in English; .md too), compiled by Astro's MDX integration. Their front matter is the
 * loader's (data/load.ts), read and validated with every other record; only the body is
 * taken here.
 *
 * Not a content collection: a collection makes every build sync Astro's content layer,
 * which loads its config and Astro's runtime through Vite's module runner. That was about a
 * second of a city's redeploy, for a handful of pages that need none of it.
 */
import type { AstroComponentFactory } from 'astro/runtime/server/index.js';
import { UserError } from '../env.ts';
import type { Lang } from '../i18n/ui.ts';

// `@jiebang-pages` is the content folder's pages/ (resolved in astro.config.mjs). Lazy: a
// page's module loads when that page is rendered.
const BODIES = import.meta.glob<AstroComponentFactory>(['@jiebang-pages/*.{md,mdx}', '@jiebang-pages/en/*.{md,mdx}'], {
  import: 'Content',
});

/** `<slug>` or `en/<slug>` → the loader of its body. */
const BY_PAGE = new Map(
  Object.entries(BODIES).map(([path, load]) => {
    const within = path.slice(path.lastIndexOf('/pages/') + '/pages/'.length);
    return [within.replace(/\.mdx?$/, ''), load];
  }),
);

/** The body of the policy page `slug` in `lang`, as a component. */
export async function policyPageBody(slug: string, lang: Lang): Promise<AstroComponentFactory> {
  const load = BY_PAGE.get(lang === 'en' ? `en/${slug}` : slug);
  if (!load)
    throw new UserError(
      `政策页面 ${slug} 不在 content/pages/（中文）或 content/pages/en/（英文）下，无法发布。 / The policy page ${slug} is not in content/pages/ (Chinese) or content/pages/en/ (English), so it cannot be published.`,
    );
  return load();
}
