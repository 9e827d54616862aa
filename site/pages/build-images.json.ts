/**
 * Build-time only: the image HTML of every public demand, for the demand pages the build
 * writes outside Astro (integration/demand-pages.ts reads this file, then deletes it).
 */
import type { APIRoute } from 'astro';
import { getSiteData } from '../data/load.ts';
import { demandImages } from '../images/content-images.ts';

export const GET: APIRoute = async () => {
  const data = await getSiteData();
  const out: Record<string, { illustration?: string; logo?: string }> = {};
  for (const d of data.demands) {
    if (!d.data.illustration && !d.data.issuer?.logo) continue;
    const images = await demandImages(d);
    if (images.illustration || images.logo) out[d.id] = images;
  }
  return new Response(JSON.stringify(out));
};
