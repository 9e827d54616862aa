import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { parseYamlText, cleartextIssues, validateRecord } from '../../pipeline/face/core.ts';
import { openSealed } from '../../pipeline/face/browser.ts';
import { recordToSave, SaveRefused } from './save.ts';

const sample = (
  parseYamlText(readFileSync('content/demands/XM-2023-001/index.yml', 'utf8')) as { data: Record<string, unknown> }
).data;
const identity = await generateX25519Identity();
const policy = { sealAtRest: true, recipients: [await identityToRecipient(identity)] };

describe('what the CMS saves', () => {
  it('is the record as edited where restricted values may be kept in the clear', async () => {
    expect(await recordToSave('demand', sample, { sealAtRest: false, recipients: [] })).toEqual(sample);
  });

  it("refuses a record the pipeline refuses, with the pipeline's messages", async () => {
    const bad = { ...sample, title: '短', contact: { ...(sample.contact as object), mobile: '12345' } };
    const refused = recordToSave('demand', bad, { sealAtRest: false, recipients: [] });
    await expect(refused).rejects.toBeInstanceOf(SaveRefused);
    await expect(refused).rejects.toThrow(/^未保存，请先修改：.*需求名称.*；.*手机号码.*。$/);
    const error = (await refused.catch((e: unknown) => e)) as SaveRefused;
    expect(String(error)).toBe(error.message); // no "SaveRefused:" before it
    expect(error.message).not.toMatch(/[。；：，]{2}/);
    expect(error.problems.map((p) => p.title)).toEqual(expect.arrayContaining(['需求名称', '手机号码']));
  });

  it('in a public repository, seals the restricted values to the officers and keeps the rest', async () => {
    const saved = await recordToSave('demand', sample, policy);
    expect(saved.contact).toBeUndefined();
    expect(saved.attachments).toBeUndefined();
    expect(saved.title).toBe(sample.title);
    expect(validateRecord('demand', saved)).toEqual([]);
    expect(cleartextIssues('demand', saved)).toEqual([]);
    const opened = await openSealed(saved.sealed as string, [identity]);
    expect(opened.fields['/contact']).toEqual(sample.contact);
  });

  it('saves public edits of a sealed record as they are, and refuses restricted values it cannot merge', async () => {
    const sealed = await recordToSave('demand', sample, policy);
    const edited = { ...sealed, title: '精密金属掩膜版张网在线检测设备' };
    expect(await recordToSave('demand', edited, policy)).toEqual(edited);
    await expect(
      recordToSave(
        'demand',
        { ...sealed, contact: { name: '王测试', mobile: '13906012345', email: 'w@example.com' } },
        policy,
      ),
    ).rejects.toThrow(/已经密封.*jiebang unseal/);
  });

  it('seals everything of a non-public demand but what files it', async () => {
    const saved = await recordToSave('demand', { ...sample, isPublic: false }, policy);
    expect(Object.keys(saved).sort()).toEqual(['anonymousIssuer', 'id', 'isPublic', 'round', 'sealed']);
  });
});
