/**
 * The pipeline's face for the site, part one of three (see ARCHITECTURE.md §4): what any of
 * the site's code may use, in the browser too — the pages, the CMS app, the submission
 * helper and the print script bundle from here. Only pure modules: no node:, no sharp, no
 * forge. The site imports nothing from pipeline/ except the three files in this folder
 * (`npm run lint:deps`, site/face-imports.test.ts), so a move inside the pipeline changes
 * these re-exports, not the site. Only `export { … } from '…';` lines: the bundlers read
 * them to import each name from its own module (site/through-the-face.ts), so that page
 * scripts and the CMS's lazy parts take only what they use.
 */

// The records' types, generated from the schemas.
export type { Application, Demand, External, Officers, Page, Round, Site } from '../generated/types.ts';

// Schemas and their fields, for labels, forms and the CMS.
export { ALL_SCHEMAS, SCHEMAS, deref, nonNullBranch, type Kind, type SchemaNode } from '../schema/registry.ts';
export { fieldAt, fieldLabel } from '../schema/fields.ts';
export { PAGE_ADDRESS_FIELD, ID_WIDGET, READONLY_WIDGET, formatName } from '../gen/cms-names.ts';

// Content text: parsing, the canonical YAML, a file's kind, validation and its messages.
export { parseFrontmatter, parseYamlText } from '../content/parse.ts';
export { formatYaml } from '../content/format.ts';
export { kindForPath } from '../content/kinds.ts';
export { validateRecord } from '../validate/index.ts';
export type { Issue } from '../validate/issue.ts';

// The state machines, the round's phases and Shanghai dates.
export { RECORDED, actionLabel, stateLabel, type Role, type State } from '../review/machines.ts';
export { SELECTED_OR_LATER, computeStatuses, type Status, type TimelineEvent } from '../review/status.ts';
export { OPEN } from '../review/open-items.ts';
export { buildCatalog, type Catalog } from '../content/catalog.ts';
export { PHASE_ORDER, phaseAt, phaseTitle, type PhaseId, type Phases } from '../rules/phases.ts';
export { isCalendarDate, parseInstant, phaseEnd, shanghaiDate, zhDate } from '../rules/shanghai.ts';
export { INDICATORS, STANDARD, classify, indicatorsOf } from '../rules/sme-size.ts';

// What is public, and sealing what is not.
export { isRestricted, publicView, restrictedValues } from '../privacy/visibility.ts';
export { SEALABLE_KINDS, cleartextIssues, sealAtRest } from '../seal/cleartext.ts';
export { issuerRecipientsByDemand, officerRecipients, recipientsFromLists } from '../seal/recipients.ts';
// (cleartextIssues and openSealed: the admin save's tests check what it sealed.)
export { SealError, openSealed, seal } from '../seal/seal.ts';

// The issue forms, as the submission helper fills them in the browser.
export { SEALED_ID, formByTemplate, formFor, sealedFields, type Form, type FormField, type FormKind } from '../intake/form.ts';
export { answerFor, bodyFromRecord } from '../intake/render-body.ts';
export { NO_RESPONSE, readSubmission } from '../intake/coerce.ts';
export { parseIssueBody } from '../intake/submission.ts';
export { textSafetyIssues } from '../intake/text-safety.ts';
export { validateSubmission } from '../intake/validate-submission.ts';
export { FORGE_BODY_LIMIT } from '../intake/parse-body.ts';

// The printed 附件1, laid out in the page.
export { formModel } from '../paper/form-model.ts';
export { FONT_STACKS, formBody, formCss } from '../paper/html.ts';
