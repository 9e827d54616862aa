/**
 * What the CMS writes when an editor saves: the record the widgets stand for, checked by
 * the pipeline's own validation (the messages a submitter gets), and — where the
 * repository is public (site.yml `privacy.sealAtRest`) — with its restricted fields sealed
 * to the officers' keys, exactly as the submission helper and `jiebang seal` do.
 */
import { SEALABLE_KINDS } from '../../pipeline/seal/cleartext.ts';
import { recipientsFromLists } from '../../pipeline/seal/recipients.ts';
import { seal, SealError } from '../../pipeline/seal/seal.ts';
import type { Kind } from '../../pipeline/schema/registry.ts';
import { validateRecord } from '../../pipeline/validate/index.ts';
import { recordFromEditor } from './normalize.ts';

export interface SavePolicy {
  sealAtRest: boolean;
  /** The officers' age recipients (only needed when sealing). */
  recipients: readonly string[];
  /** The issuers' representatives' recipients by demand: an application is sealed to them too. */
  issuerRecipients?: Readonly<Record<string, readonly string[]>>;
}

/** A save the CMS must not make; the message (Chinese) says what to change. */
export class SaveRefused extends Error {
  override name = 'SaveRefused';
}

export async function recordToSave(kind: Kind, data: Record<string, unknown>, policy: SavePolicy): Promise<Record<string, unknown>> {
  const record = recordFromEditor(kind, data);
  const issues = validateRecord(kind, record);
  if (issues.length) throw new SaveRefused(`未保存，请先修改：${issues.map((i) => i.message).join('；')}`);
  if (!policy.sealAtRest || !SEALABLE_KINDS.includes(kind)) return record;
  try {
    return await seal(kind, record, recipientsFromLists(policy.recipients, policy.issuerRecipients, kind, record));
  } catch (e) {
    if (!(e instanceof SealError)) throw e;
    if (e.code === 'already-sealed') {
      throw new SaveRefused('未保存：本条目的受限信息已经密封，内容管理系统打不开也改不了密封内容。请清空刚填写的受限字段后再保存；如需修改受限信息，请经办人员用 jiebang unseal 解密后处理。');
    }
    throw new SaveRefused(`未保存：受限信息无法密封。${e.message}`);
  }
}
