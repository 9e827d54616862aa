/**
 * The one ajv configuration: JSON Schema 2020-12, strict, every error collected, our `x-`
 * annotations declared as vocabulary. Used at generation time to emit standalone
 * validators (pipeline/generated/validators.js) and by tests; short-lived processes never
 * compile schemas, they import the generated code.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { ALL_SCHEMAS } from '../schema/registry.ts';
import { FORMAT_CHECKS } from './formats.ts';

/** Every `x-` keyword our schemas use. ajv's strict mode rejects any other unknown keyword. */
export const ANNOTATIONS = [
  'x-title-en',
  'x-description-en',
  'x-visibility',
  'x-source',
  'x-rule',
  'x-unit',
  'x-widget',
  'x-enum-labels',
  'x-enum-labels-en',
  'x-null-label',
  'x-null-label-en',
  'x-kind',
  'x-form',
  'x-withheld-keeps',
  'x-at-rest',
];

export function createAjv(options: { standalone?: boolean } = {}): Ajv2020 {
  const ajv = new Ajv2020({
    strict: true,
    allErrors: true,
    // `if/then` with sibling `properties` is how our conditional requirements read best.
    strictRequired: false,
    allowUnionTypes: true,
    // Our messages come from the keyword and its params (validate/messages.ts), never from ajv's text.
    messages: false,
    code: options.standalone ? { source: true, lines: false, optimize: 1 } : { optimize: 1 },
  });
  for (const [name, check] of Object.entries(FORMAT_CHECKS)) ajv.addFormat(name, check);
  ajv.addVocabulary(ANNOTATIONS);
  for (const schema of ALL_SCHEMAS) ajv.addSchema(schema);
  return ajv;
}
