/**
 * Names the generated CMS config and the admin app (site/admin) must agree on. Kept apart
 * from the generator so the browser bundle can import them without Node's modules.
 */
import type { Kind } from '../schema/registry.ts';

/** The page address (its file name): a CMS field, but not front matter, so the page format leaves it out. */
export const PAGE_ADDRESS_FIELD = 'slug';

/** The custom format of each record kind the CMS edits: `jiebang-demand`, … */
export const formatName = (kind: Kind) => `jiebang-${kind}`;

/** Widgets the admin app registers. */
export const ID_WIDGET = 'jiebang-id';
export const READONLY_WIDGET = 'jiebang-readonly';
