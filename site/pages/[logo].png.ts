/**
 * The bureau's emblem as one PNG (images/bureau-logo.ts), at /bureau-logo.png — only when
 * site.yml names one; otherwise no such file exists and the pages draw the neutral emblem.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getSiteData } from '../data/load.ts';
import { contentDir } from '../env.ts';
import { bureauLogo, LOGO_FILE } from '../images/bureau-logo.ts';

export const getStaticPaths: GetStaticPaths = async () => {
  const { site } = await getSiteData();
  const logo = await bureauLogo(contentDir(), site);
  return logo?.ok ? [{ params: { logo: LOGO_FILE.replace(/\.png$/, '') }, props: { png: logo.png } }] : [];
};

export const GET: APIRoute = ({ props }) =>
  new Response(new Uint8Array((props as { png: Buffer }).png), { headers: { 'Content-Type': 'image/png' } });
