/**
 * The submission helper's forms, from the same schemas as the issue forms: the public
 * fields exactly as the issue form asks them (pipeline/forms/form.ts), then the restricted
 * fields the issue form leaves out (they are sealed in the browser and travel in the one
 * 密封信息 field). Shared by the pages that render the helper (build time) and the script
 * that runs it (in the browser), so the two cannot disagree.
 */
import {
  formByTemplate,
  formFor,
  sealedFields,
  SEALED_ID,
  type Form,
  type FormField,
  type FormKind,
} from '../../pipeline/face/browser.ts';
import { fieldLabel, fieldAt } from '../../pipeline/face/core.ts';

export interface HelperForm {
  form: Form;
  /** Fields that appear in the issue in the clear (unless the record's choices make them restricted). */
  publicFields: FormField[];
  /** Fields asked here and carried only sealed. */
  restrictedFields: FormField[];
}

/** The helper for an issue-form template name (fabang, jiebang, duijie). */
export function helperForm(template: string): HelperForm | undefined {
  const form = formByTemplate(template);
  return form ? helperFormOf(form.kind) : undefined;
}

export function helperFormOf(kind: FormKind): HelperForm {
  const form = formFor(kind);
  return { form, publicFields: form.fields.filter((f) => f.id !== SEALED_ID), restrictedFields: sealedFields(kind) };
}

/** Every field the helper asks, as one form (what coerce.readSubmission reads answers with). */
export function allFieldsForm(h: HelperForm): Form {
  return { ...h.form, fields: [...h.publicFields, ...h.restrictedFields] };
}

/** A field's label in the page's language. */
export function label(kind: FormKind, field: FormField, lang: 'zh' | 'en'): string {
  return lang === 'zh' ? field.label : fieldLabel(kind, field.pointer, 'en').split(' › ').at(-1)!;
}

/** A field's help text in the page's language (the issue form's text in Chinese; the schema's English). */
export function help(kind: FormKind, field: FormField, lang: 'zh' | 'en'): string {
  if (lang === 'zh') return field.description;
  return fieldAt(kind, field.pointer)?.node['x-description-en'] ?? '';
}

/** A group's title in the page's language. */
export function groupLabel(kind: FormKind, field: FormField, lang: 'zh' | 'en'): string | undefined {
  if (!field.group) return undefined;
  if (lang === 'zh') return field.group.title;
  return fieldLabel(kind, field.pointer, 'en').split(' › ').slice(0, -1).join(' › ');
}

export const HELPER_TEMPLATES = ['fabang', 'jiebang', 'duijie'] as const;

/** What the page hands the script (JSON in the page; nothing is fetched). */
export interface HelperConfig {
  template: string;
  lang: 'zh' | 'en';
  /** age recipients of the officers in office when the site was built. */
  recipients: string[];
  /** age recipients of each demand's issuer representatives (揭榜 only: an application is sealed to them too). */
  issuerRecipients?: Record<string, string[]>;
  /** The forge's "new issue" address for this repository. */
  newIssueUrl: string;
  /** Demands open for 揭榜 (jiebang only): id, title, indicator names. */
  demands?: Array<{ id: string; title: string; indicators: string[] }>;
}
