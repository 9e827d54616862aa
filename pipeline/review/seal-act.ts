/**
 * An act on a withheld record (a non-public demand, a directed application to one), sealed
 * as the ledger appends it where the repository is stored in public (site.yml
 * `privacy.sealAtRest`): the fields a withheld decision does not keep (the decision schema's
 * `x-withheld-keeps`: its reason, MIIT's catalogue number) go into `sealed`, for the
 * officers. Only here, once: the next decision's `prev` is the digest of this file's bytes,
 * so nothing seals or reseals a decision afterwards (seal/cleartext.ts APPEND_ONLY).
 */
import type { Decision } from '../generated/types.ts';
import { formatYaml } from '../content/format.ts';
import { isWithheld, restrictedFields, sealAtRest } from '../privacy/visibility.ts';
import { officerRecipients } from '../seal/recipients.ts';
import { seal } from '../seal/seal.ts';
import type { Snapshot } from './snapshot.ts';

/** Is the act's subject withheld from the public (read from the subject as the snapshot holds it)? */
export function subjectWithheld(snap: Snapshot): boolean {
  const s = snap.subject;
  return !!s?.data && isWithheld(s.kind, s.data);
}

/**
 * A scan named in the clear for an act on a withheld record in a public repository: the
 * document is about the withheld record (MIIT's letter names the demand), so it is refused
 * and only its digest may be recorded, as the CMS's paper path does in such a repository.
 */
export function clearScanRefusal(snap: Snapshot, file: string | undefined): { zh: string; en: string } | undefined {
  if (!file || !sealAtRest(snap.site) || !subjectWithheld(snap)) return undefined;
  return {
    zh: `该对象不公开，本仓库公开存放：证明文件的扫描件 ${file} 不能以明文存放在仓库中。请从仓库中删除该文件，只写 sha256=<扫描件摘要>（扫描件由主管部门留存）后重新办理。`,
    en: `This record is withheld and the repository is public: the scan ${file} must not be stored in it in the clear. Remove the file from the repository and give only sha256=<the scan's digest> (the bureau keeps the scan).`,
  };
}

/** The decision file's text as the ledger writes it: sealed when it must be, else as judged. */
export async function sealedActText(snap: Snapshot, decision: Decision, text: string): Promise<string> {
  if (!sealAtRest(snap.site) || !subjectWithheld(snap)) return text;
  const record = decision as unknown as Record<string, unknown>;
  if (Object.keys(restrictedFields('decision', record, true)).length === 0) return text;
  const sealed = await seal('decision', record, officerRecipients(snap.catalog.officers, new Date(decision.at)), true);
  return formatYaml('decision', sealed);
}
