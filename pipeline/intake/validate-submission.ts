/**
 * The schema and the programme's rules on a submission (validateRecord), minus what does
 * not apply yet or was already said: fields the pipeline sets (id, round) while it could
 * not set them, and problems at a field the reading step already reported.
 */
import { fieldAt } from '../schema/fields.ts';
import type { Issue } from '../validate/issue.ts';
import { validateRecord } from '../validate/index.ts';
import type { FormKind } from './form.ts';

const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);

export function validateSubmission(kind: FormKind, record: Record<string, unknown>, alreadySaid: readonly Issue[]): Issue[] {
  const said = alreadySaid.map((i) => i.path).filter((p) => p !== '');
  return validateRecord(kind, record).filter((i) => {
    if (said.some((p) => under(i.path, p))) return false;
    return !(i.keyword === 'required' && fieldAt(kind, i.path)?.node['x-source'] === 'pipeline');
  });
}
