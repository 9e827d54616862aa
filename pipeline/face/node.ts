/**
 * The pipeline's face for the site, the build's part: what it reads from disk
 * (content records, the settings) on Node. Never imported by code that runs in the browser.
 */
export { recordFromBytes, revisionOf, type LoadedRecord } from '../content/load.ts';
export { readSite } from '../content/settings.ts';
