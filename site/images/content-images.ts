/**
 * Images from the content (illustrations, issuers' logos) through Astro's assets and sharp:
 * resized to several widths in WebP, with width and height set. Only the images of a
 * demand's public view are ever asked for; the privacy scan checks that no restricted
 * image reaches the output.
 */
import { getImage } from 'astro:assets';
import type { ImageMetadata } from 'astro';
import type { DemandView } from '../data/model.ts';
import { esc } from '../render/escape.ts';

// `@jiebang-images` is the staging folder of public images (images/stage.ts, astro.config.mjs);
// in a build, this module's transform waits until the stage is complete (integration/index.ts).
// Eager: the images' metadata is bundled into this module, not a module per image loaded
// at render time (at 10,000 demands some 1,000 of them, 0.6 s of the build's module loading).
const FILES = import.meta.glob<ImageMetadata>('@jiebang-images/*/*.{png,jpg,jpeg,webp,PNG,JPG,JPEG,WEBP}', {
  eager: true,
  import: 'default',
});
/** `<demand id>/<file name>` → the image. */
const BY_NAME = new Map(Object.entries(FILES).map(([path, meta]) => [path.split('/').slice(-2).join('/'), meta]));

const SIZES = {
  illustration: { widths: [480, 960], sizes: '(max-width: 60rem) 100vw, 960px' },
  logo: { widths: [64, 128], sizes: '64px' },
} as const;

async function imageHtml(
  demandId: string,
  which: keyof typeof SIZES,
  image: { src: string; alt: string },
): Promise<string | undefined> {
  const meta = BY_NAME.get(`${demandId}/${image.src}`);
  if (!meta) return undefined;
  const { widths, sizes } = SIZES[which];
  const usable = widths.filter((w) => w <= meta.width);
  const width = Math.min(meta.width, widths.at(-1)!);
  const height = Math.round((meta.height * width) / meta.width);
  // `src` at the largest width of the srcset, the same file: not another encode at the original size.
  const result = await getImage({
    src: meta,
    width,
    widths: usable.length ? usable : [meta.width],
    sizes,
    format: 'webp',
  });
  return `<img src="${esc(result.src)}" srcset="${esc(result.srcSet.attribute)}" sizes="${sizes}" width="${width}" height="${height}" alt="${esc(image.alt)}" loading="lazy" decoding="async">`;
}

/** The HTML of a demand's illustration and logo (as its public view has them). */
export async function demandImages(d: DemandView): Promise<{ illustration?: string; logo?: string }> {
  const out: { illustration?: string; logo?: string } = {};
  if (d.data.illustration) {
    const h = await imageHtml(d.id, 'illustration', d.data.illustration);
    if (h) out.illustration = h;
  }
  if (!d.data.anonymousIssuer && d.data.issuer?.logo) {
    const h = await imageHtml(d.id, 'logo', d.data.issuer.logo);
    if (h) out.logo = h;
  }
  return out;
}
