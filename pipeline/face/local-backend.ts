/**
 * The pipeline's face for the site, the local backend's part: the dev server's and `npm start`'s
 * local CMS routes (site/server/), which write to the repository being edited — acts on
 * paper, stamped scans, new submissions. Loaded with the first such request, never by a
 * build: these modules bring sharp and the git forge.
 */
export { LocalGitForge } from '../forge/local-git.ts';
export { git } from '../forge/git.ts';
export { applyActs } from '../review/apply.ts';
export { recordedReply, refusalReply } from '../review/replies.ts';
export { PaperError } from '../paper/record.ts';
export { attachScan } from '../paper/scan/attach.ts';
export { checkScan } from '../paper/scan/check-scan.ts';
export { matchRevision } from '../paper/verify-revision.ts';
