/**
 * What the CMS writes when an editor saves: the record the widgets stand for, checked by
 * the pipeline's own validation (the messages a submitter gets), and — where the
 * repository is public (site.yml `privacy.sealAtRest`) — with its restricted fields sealed
 * to the officers' keys, exactly as the submission helper and `jiebang seal` do.
 */
import { SEALABLE_KINDS, recipientsFromLists, type Kind, validateRecord, fieldAt } from '../../pipeline/face/core.ts';
import { seal, SealError } from '../../pipeline/face/browser.ts';
import { recordFromEditor } from './normalize.ts';

export interface SavePolicy {
  sealAtRest: boolean;
  /** The officers' age recipients (only needed when sealing). */
  recipients: readonly string[];
  /** The issuers' representatives' recipients by demand: an application is sealed to them too. */
  issuerRecipients?: Readonly<Record<string, readonly string[]>>;
}

/** One problem of a refused save: the field (its pointer and the title its editor shows) and the pipeline's message. */
export interface SaveProblem {
  path: string;
  title: string;
  message: string;
}

/**
 * A save the CMS must not make; the message (Chinese) says what to change, and `problems`
 * each problem by field (problems.ts shows them on the fields). Its name is empty: Decap
 * prints the error as text, and an editor should read the message, not "SaveRefused:".
 */
export class SaveRefused extends Error {
  override name = '';
  readonly problems: SaveProblem[];
  constructor(message: string, problems: SaveProblem[] = []) {
    super(message);
    this.problems = problems;
  }
}

/** A message without its closing mark, to be joined to others without doubled punctuation. */
const bare = (m: string) => m.trim().replace(/[。；;.，,\s]+$/u, '');

/** "未保存，请先修改：A；B。" from the pipeline's messages. */
export function refusalText(messages: readonly string[]): string {
  return `未保存，请先修改：${messages.map(bare).join('；')}。`;
}

export async function recordToSave(
  kind: Kind,
  data: Record<string, unknown>,
  policy: SavePolicy,
): Promise<Record<string, unknown>> {
  const record = recordFromEditor(kind, data);
  const issues = validateRecord(kind, record);
  if (issues.length) {
    const problems = issues.map((i) => ({
      path: i.path,
      title: fieldAt(kind, i.path)?.trail.at(-1) ?? '',
      message: bare(i.message) + '。',
    }));
    throw new SaveRefused(refusalText(issues.map((i) => i.message)), problems);
  }
  if (!policy.sealAtRest || !SEALABLE_KINDS.includes(kind)) return record;
  try {
    return await seal(kind, record, recipientsFromLists(policy.recipients, policy.issuerRecipients, kind, record));
  } catch (e) {
    if (!(e instanceof SealError)) throw e;
    if (e.code === 'already-sealed') {
      throw new SaveRefused(
        '未保存：本条目的受限信息已经密封，内容管理系统打不开也改不了密封内容。请清空刚填写的受限字段后再保存；如需修改受限信息，请经办人员用 jiebang unseal 解密后处理。',
      );
    }
    throw new SaveRefused(`未保存：受限信息无法密封。${e.message}`);
  }
}
