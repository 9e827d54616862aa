/**
 * The config Decap starts with: the generated one (config.generated.ts) and what only the page
 * knows — where decap-server listens on this machine, the local site's address, the bureau's
 * logo. One function, so the tests check with Decap's own schema exactly what the page passes
 * to CMS.init (test/cms/decap-config.test.ts; the bundle leaves that check out, build.ts).
 */
export interface PageSettings {
  /** decap-server's API when it is not on Decap's default (localhost:8081). */
  localBackend?: string;
  /** The site this page is served beside, on this machine (npm start, npm run dev). */
  localSite?: string;
  /** The login page's and header's logo, as an image URL. */
  logo?: string;
}

export function pageConfig<C extends object>(config: C, { localBackend, localSite, logo }: PageSettings): C {
  return {
    ...config,
    ...(localBackend ? { local_backend: { url: localBackend } } : {}),
    ...(localSite ? { site_url: localSite, display_url: localSite } : {}),
    ...(logo ? { logo: { src: logo, show_in_header: true } } : {}),
  };
}
