// The public catalogue: an Astro site under site/, built to dist/. Content comes from the
// pipeline (site/data/load.ts); site/integration/ writes the demand pages, search index,
// feeds, API and exports after Astro's own pages, then scans the output for restricted values.
import { defineConfig, sharpImageService } from 'astro/config';
import mdx from '@astrojs/mdx';
import { satteri } from '@astrojs/markdown-satteri';
import { cjkAutolink } from './site/render/cjk-autolink.ts';
import jiebang from './site/integration/index.ts';
import admin from './site/admin/integration.ts';
import { basePath, contentDir } from './site/env.ts';
import { IMAGE_STAGE } from './site/images/stage.ts';
import { throughTheFace } from './site/through-the-face.ts';

const root = process.cwd();
const content = contentDir();
const contentFolders = [
  ['@jiebang-images', IMAGE_STAGE],
  ['@jiebang-pages', `${content}/pages`],
];
const HEAVY = /^\/(scratch|bench\/out|dist|test-results|\.git|node_modules)(\/|$)/;
/** @param {string} path */
const unwatched = (path) => !path.startsWith(content) && path.startsWith(root) && HEAVY.test(path.slice(root.length));

export default defineConfig({
  srcDir: './site',
  publicDir: './site/public',
  outDir: './dist',
  // Builds running side by side (tests, the benchmark) each give their own cache folder.
  ...(process.env.JIEBANG_CACHE_DIR ? { cacheDir: process.env.JIEBANG_CACHE_DIR } : {}),
  base: basePath(),
  build: { format: 'directory', inlineStylesheets: 'never' },
  compressHTML: true,
  // WebP at effort 2 instead of 4: half the encoding time for 4% more bytes (measured on
  // the archive's illustrations); a build encodes every public image afresh.
  image: { service: sharpImageService({ webp: { effort: 2 } }) },
  devToolbar: { enabled: false },
  // jiebang last: its build:done hook ends with the privacy scan of everything written before it.
  // Policy pages (MDX): GFM's literal autolinks end at CJK punctuation (render/cjk-autolink.ts).
  // No syntax highlighting: policy pages have no code, and Shiki's set-up costs every build.
  markdown: { processor: satteri({ mdastPlugins: [cjkAutolink] }), syntaxHighlight: false },
  integrations: [mdx(), admin(), jiebang()],
  vite: {
    // Imports from the pipeline's face read as imports from the modules it names, so each page
    // script takes only what it uses (site/through-the-face.ts).
    plugins: [
      {
        name: 'through-the-face',
        enforce: 'pre',
        transform(code, id) {
          const file = id.split('?')[0];
          if (!/\/site\/.*\.tsx?$/.test(file)) return undefined;
          const rewritten = throughTheFace(code, file);
          return rewritten === undefined ? undefined : { code: rewritten, map: null };
        },
      },
      {
        // `@jiebang-images`: the public content images, staged before the build
        // (site/images/stage.ts); `@jiebang-pages`: the policy pages' bodies
        // (site/render/policy-pages.ts). A resolver rather than resolve.alias: the stage's path
        // holds the process id, and a path in Vite's config changes its hash, so every build
        // would optimize dependencies afresh.
        name: 'jiebang-content-folders',
        enforce: 'pre',
        resolveId(source) {
          for (const [prefix, folder] of contentFolders)
            if (source.startsWith(`${prefix}/`)) return folder + source.slice(prefix.length);
          return undefined;
        },
      },
    ],
    ...(process.env.JIEBANG_CACHE_DIR ? { cacheDir: `${process.env.JIEBANG_CACHE_DIR}/vite` } : {}),
    // The dev server watches the site's sources and the content folder, not the working
    // folders (generated archives of 10,000 demands under bench/out/, scratch/) beside them.
    server: { watch: { ignored: unwatched } },
    // decap-server hoists cookie@0 to the root; Astro's prerender chunk needs its own cookie@2,
    // which a bare import from dist/ would miss.
    environments: { prerender: { resolve: { noExternal: ['cookie'] } } },
    // The finder imports Pagefind at run time from the built site: Vite's preload wrapper
    // leaves an unresolved placeholder in scripts it inlines, so scripts stay files.
    build: {
      modulePreload: false,
      assetsInlineLimit: 0,
      rollupOptions: {
        // MDX pages carry Astro's own module directive; the bundler's note about it is noise.
        onwarn(warning, warn) {
          if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
        },
      },
    },
  },
});
