/**
 * The intake's answer to a sealed attachment it cannot take (sealed-attachment.ts): the
 * rule and what to do, in Chinese; nothing written. The answer never quotes the file.
 */
import { INTAKE_MARKER } from './comment.ts';
import { NEEDS_CHANGES } from './labels.ts';
import type { Resolved } from './sealed-attachment.ts';

export { resolveSealedAttachment } from './sealed-attachment.ts';

export function sealedAttachmentRefusal(r: Extract<Resolved, { kind: 'refused' }>) {
  const errors = [{ path: '/sealed', keyword: `sealed-attachment:${r.rule}`, message: r.message }];
  const comment = [
    INTAKE_MARKER,
    '## ⚠️ 密封附件未通过检查',
    '',
    '本次申报暂未受理：',
    '',
    `- ${r.message}`,
    '',
    '改好后编辑议题，系统会重新检查。',
  ].join('\n');
  return { verdict: 'invalid' as const, comment, labels: [NEEDS_CHANGES], written: [] as string[], errors };
}
