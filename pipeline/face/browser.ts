/**
 * The pipeline's face for the site, the browser's features: sealing (age), the issue forms as
 * the submission helper fills them, the printed 附件1's layout. Used by the CMS app, the
 * submission helper and the print script, which bundle it; the build's Node code imports
 * core.ts, so it never loads these. Only `export { … } from '…';` lines (site/through-the-face.ts).
 */

// Sealing restricted values with age (openSealed: the admin save's tests open what it sealed).
export { SealError, openSealed, seal } from '../seal/seal.ts';

// The issue forms, as the submission helper fills them in the browser.
export {
  SEALED_ID,
  formByTemplate,
  formFor,
  sealedFields,
  type Form,
  type FormField,
  type FormKind,
} from '../forms/form.ts';
export { answerFor, bodyFromRecord } from '../forms/render-body.ts';
export { NO_RESPONSE, readSubmission } from '../forms/coerce.ts';
export { parseIssueBody } from '../forms/submission.ts';
export { textSafetyIssues } from '../forms/text-safety.ts';
export { validateSubmission } from '../forms/validate-submission.ts';
export { FORGE_BODY_LIMIT } from '../forms/parse-body.ts';

// The printed 附件1, laid out in the page.
export { formModel } from '../paper/form-model.ts';
export { FONT_STACKS, formBody, formCss } from '../paper/html.ts';
export { formDocument } from '../paper/docx-layout.ts';
export { beijingMinute, qrMatrix, type Verification } from '../paper/verification.ts';

// A sealed application too long for the issue body travels as an attachment the helper makes.
export {
  SEALED_ATTACHMENT,
  attachmentName,
  attachmentReference,
  resolveSealedAttachment,
  sha256Hex,
} from '../intake/sealed-attachment.ts';
