/**
 * Decap's own check of its config, which the admin bundle leaves out of every editor's start
 * (build.ts, configCheckedInTests): Decap's JSON Schema with the widgets the app registers
 * (decap.ts), run on the config the page passes to CMS.init (page-config.ts). Built as one
 * script for a browser by buildConfigCheck; test/cms/decap-config.test.ts runs it in Chromium.
 */
import { validateConfig } from 'decap-cms-core/dist/esm/constants/configSchema';
import './decap.ts';
import { config } from './config.generated.ts';
import { pageConfig, type PageSettings } from './page-config.ts';

/** Decap's complaint about the page's config (with `override` laid over it), or null when there is none. */
function checkConfig(settings: PageSettings, override: Record<string, unknown> = {}): string | null {
  try {
    validateConfig({ ...pageConfig(config, settings), ...override });
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

(globalThis as { jiebangCheckConfig?: typeof checkConfig }).jiebangCheckConfig = checkConfig;
