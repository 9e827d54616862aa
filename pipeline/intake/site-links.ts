/** Where the public site keeps the pages forms and answers point to (relative to site.yml's siteUrl). */
export const SITE_PATHS = { catalogue: '/demands/', guides: '/pages/', helper: '/submit/' } as const;

export function siteLink(siteUrl: string, page: keyof typeof SITE_PATHS): string {
  return `${siteUrl.replace(/\/+$/, '')}${SITE_PATHS[page]}`;
}
