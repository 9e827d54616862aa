/**
 * The pipeline's face for the site, the part every side uses (see ARCHITECTURE.md §4): the
 * vocabulary — records' types, schemas and fields, parsing, validation, states, phases, dates,
 * privacy — pure and cheap to load, for the build's Node code and the browser alike. The site
 * imports nothing from pipeline/ except the files in this folder (`npm run lint:deps`,
 * site/face-imports.test.ts), so a move inside the pipeline changes these re-exports, not the
 * site. Only `export { … } from '…';` lines: the bundlers read them to import each name from
 * its own module (site/through-the-face.ts), so that page scripts and the CMS's lazy parts take
 * only what they use.
 */

// The records' types, generated from the schemas.
export type { Application, Demand, External, Officers, Page, Round, Site } from '../generated/types.ts';

// Schemas and their fields, for labels, forms and the CMS.
export { ALL_SCHEMAS, SCHEMAS, deref, nonNullBranch, type Kind, type SchemaNode } from '../schema/registry.ts';
export { fieldAt, fieldLabel } from '../schema/fields.ts';
export { PAGE_ADDRESS_FIELD, ID_WIDGET, READONLY_WIDGET, formatName } from '../gen/cms-names.ts';

// The id grammar (from the schemas' patterns, without loading the schemas) and a credit code's shape.
export {
  APPLICATION_ID,
  DEMAND_ID,
  DEMAND_ID_ANY_CASE,
  DEMAND_ID_BODY,
  demandOfId,
  hasApplicationSuffix,
  isApplicationId,
  isDemandId,
  USCC_SHAPE,
} from '../domain/ids.ts';
export { byCodeUnits } from '../domain/order.ts';

// Content text: parsing, the canonical YAML, a file's kind, validation and its messages.
export { parseFrontmatter, parseYamlText } from '../content/parse.ts';
export { formatYaml } from '../content/format.ts';
export { kindForPath } from '../domain/kinds.ts';
export { validateRecord } from '../validate/index.ts';
export type { Issue } from '../domain/issue.ts';

// The state machines, the round's phases and Shanghai dates.
export { RECORDED, actionLabel, stateLabel, type Role, type State } from '../domain/machines.ts';
export { SELECTED_OR_LATER, computeStatuses, type Status, type TimelineEvent } from '../review/status.ts';
export { OPEN } from '../review/open-items.ts';
export { buildCatalog, type Catalog } from '../content/catalog.ts';
export { PHASE_ORDER, phaseAt, phaseTitle, type PhaseId, type Phases } from '../rules/phases.ts';
export { isCalendarDate, parseInstant, phaseEnd, shanghaiDate, zhDate } from '../rules/shanghai.ts';
export { INDICATORS, STANDARD, classify, indicatorsOf } from '../rules/sme-size.ts';

// What is public, and what saving seals, to whom (the sealing itself: browser.ts).
export { isRestricted, publicView, restrictedValues, sealAtRest } from '../privacy/visibility.ts';
// (cleartextIssues: the admin save's tests check what it sealed.)
export { SEALABLE_KINDS, cleartextIssues } from '../seal/cleartext.ts';
export { issuerRecipientsByDemand, officerRecipients, recipientsFromLists } from '../seal/recipients.ts';
