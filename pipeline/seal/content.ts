/**
 * Loaded content with its sealed fields opened in memory, for the rules that need
 * restricted values (SME size from the figures, one application per enterprise): run
 * where the key is — an officer's machine or the trusted CI job — never written back.
 * Problems are redacted (cleartext.ts): they may end up in a CI log.
 */
import type { LoadedRecord } from '../content/load.ts';
import type { Issue } from '../domain/issue.ts';
import { redactIssues } from './cleartext.ts';
import { SealError, unseal } from './seal.ts';

export interface UnsealReport {
  records: LoadedRecord[];
  /** Records whose blob was opened. */
  opened: number;
}

const failure = (e: SealError): Issue => ({
  path: '/sealed',
  keyword: 'sealed',
  params: { rule: e.code },
  message: `密封信息：${e.message}`,
  messageEn: `Sealed data: ${e.messageEn}`,
});

export async function unsealRecords(
  records: readonly LoadedRecord[],
  identities: readonly string[],
): Promise<UnsealReport> {
  let opened = 0;
  const out: LoadedRecord[] = [];
  for (const r of records) {
    if (!r.data || typeof r.data.sealed !== 'string') {
      out.push(r);
      continue;
    }
    // The blob's shape was checked with the record; a blob that failed that stays as it is.
    if (r.issues.some((i) => i.path === '/sealed')) {
      out.push(r);
      continue;
    }
    try {
      const { record, issues } = await unseal(r.kind, r.data, identities);
      opened++;
      out.push({ ...r, data: record, issues: redactIssues(r.kind, record, issues) });
    } catch (e) {
      if (!(e instanceof SealError)) throw e;
      out.push({ ...r, issues: [...r.issues, failure(e)] });
    }
  }
  return { records: out, opened };
}
