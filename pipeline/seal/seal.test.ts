import { readdirSync, readFileSync } from 'node:fs';
import { armor, Encrypter } from 'age-encryption';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { formatYaml } from '../content/format.ts';
import type { Officers } from '../generated/types.ts';
import { restrictedFields, restrictedValues } from '../privacy/visibility.ts';
import { ACT_ON_WITHHELD, DIRECTED_APPLICATION } from '../privacy/withheld.fixture.ts';
import type { Kind } from '../schema/registry.ts';
import { inspectSealed } from '../rules/sealed-blob.ts';
import {
  issuerRecipients,
  issuerRecipientsByDemand,
  officerRecipients,
  recipientsFor,
  recipientsFromLists,
} from './recipients.ts';
import {
  compressPayload,
  MAX_PAYLOAD_BYTES,
  openSealed,
  parseIdentities,
  seal,
  SEALED_FORMAT,
  SealError,
  unseal,
} from './seal.ts';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const key = (login: string) => parseIdentities(read(`test/fixtures/keys/${login}.key`));
const officers = parse(read('content/officers.yml')) as Officers;
const RECIPIENTS = officerRecipients(officers, new Date('2026-06-01T00:00:00+08:00'));

const demand = () => parse(read('content/demands/XM-2026-001/index.yml')) as Record<string, unknown>;

/** A blob made outside `seal` (as an attacker or a broken tool would), to the first officer. */
async function sealRaw(payload: unknown): Promise<string> {
  const e = new Encrypter();
  e.addRecipient(RECIPIENTS[0]!);
  return armor.encode(await e.encrypt(JSON.stringify(payload)));
}

describe('officerRecipients', () => {
  it('seals to every officer in office with a key, and not to one whose authority ended', () => {
    expect(RECIPIENTS).toHaveLength(4);
    const ended = officers.officers.find((o) => o.validUntil)!;
    expect(RECIPIENTS).not.toContain(ended.recipient);
    expect(officerRecipients(officers, new Date('2024-06-01T00:00:00+08:00'))).toContain(ended.recipient);
  });
});

describe("对接双方可见: an application is read by the officers and its demand's issuer, by no other issuer", () => {
  const NOW = new Date('2026-06-01T00:00:00+08:00');
  const application = (file: string) => parse(read(`content/applications/${file}`)) as Record<string, unknown>;
  // XM-2026-001 is represented by yuguang-wangqian; XM-2026-005 by luneng-caijq.
  const own = application('XM-2026-001-A01.yml');

  it("seals an application to the officers plus its demand's representatives, and nothing else to an issuer", () => {
    expect(officerRecipients(officers, NOW)).not.toContain(issuerRecipients(officers, 'XM-2026-001', NOW)[0]);
    expect(issuerRecipients(officers, 'XM-2026-001', NOW)).toHaveLength(1);
    expect(recipientsFor(officers, 'application', own, NOW)).toEqual([
      ...RECIPIENTS,
      ...issuerRecipients(officers, 'XM-2026-001', NOW),
    ]);
    expect(recipientsFor(officers, 'demand', demand(), NOW)).toEqual(RECIPIENTS);
    expect(recipientsFor(officers, 'enterprise', { uscc: 'x' }, NOW)).toEqual(RECIPIENTS);
    expect(recipientsFor(officers, 'application', { demandId: 'XM-2099-001' }, NOW)).toEqual(RECIPIENTS);
    // The lists a page carries give the same answer.
    expect(recipientsFromLists(RECIPIENTS, issuerRecipientsByDemand(officers, NOW), 'application', own)).toEqual(
      recipientsFor(officers, 'application', own, NOW),
    );
    expect(recipientsFromLists(RECIPIENTS, issuerRecipientsByDemand(officers, NOW), 'demand', demand())).toEqual(
      RECIPIENTS,
    );
  });

  it("the representative's key opens the applications to their own demands, and not those to another issuer's", async () => {
    const sealedOwn = await seal('application', own, recipientsFor(officers, 'application', own, NOW));
    expect(inspectSealed(sealedOwn.sealed as string, RECIPIENTS.length + 1).ok).toBe(true);
    const back = await unseal('application', sealedOwn, key('yuguang-wangqian'));
    expect(formatYaml('application', back.record)).toBe(formatYaml('application', own));
    for (const login of ['xm-gxj-chenyh', 'miit-qyj-zhaol', 'xm-jiebang-admin']) {
      expect((await unseal('application', sealedOwn, key(login))).restored.length).toBeGreaterThan(0);
    }
    for (const login of ['luneng-caijq', 'tongwen-xuly', 'qingyue-yekai', 'outsider']) {
      await expect(unseal('application', sealedOwn, key(login)), login).rejects.toMatchObject({ code: 'wrong-key' });
    }
    const other = application('XM-2026-005-A01.yml');
    const sealedOther = await seal('application', other, recipientsFor(officers, 'application', other, NOW));
    await expect(unseal('application', sealedOther, key('yuguang-wangqian'))).rejects.toMatchObject({
      code: 'wrong-key',
    });
    expect(formatYaml('application', (await unseal('application', sealedOther, key('luneng-caijq'))).record)).toBe(
      formatYaml('application', other),
    );
  });

  it("an issuer's key opens no demand or enterprise profile, not even its own demand's", async () => {
    const sealedDemand = await seal('demand', demand(), recipientsFor(officers, 'demand', demand(), NOW));
    await expect(unseal('demand', sealedDemand, key('yuguang-wangqian'))).rejects.toMatchObject({ code: 'wrong-key' });
    const uscc = readdirSync(new URL('content/enterprises/', root))[0]!;
    const profile = parse(read(`content/enterprises/${uscc}/index.yml`)) as Record<string, unknown>;
    const sealedProfile = await seal('enterprise', profile, recipientsFor(officers, 'enterprise', profile, NOW));
    for (const login of ['yuguang-wangqian', 'luneng-caijq']) {
      await expect(unseal('enterprise', sealedProfile, key(login))).rejects.toMatchObject({ code: 'wrong-key' });
    }
  });

  it("keeps an ended representative's key out of new applications", () => {
    const ended: Officers = {
      officers: officers.officers.map((o) =>
        o.login === 'yuguang-wangqian' ? { ...o, validUntil: '2025-12-31' } : o,
      ) as Officers['officers'],
    };
    expect(recipientsFor(ended, 'application', own, NOW)).toEqual(RECIPIENTS);
  });
});

describe('compressed before sealing', () => {
  const sealBytes = async (bytes: Uint8Array) => {
    const e = new Encrypter();
    e.addRecipient(RECIPIENTS[0]!);
    return armor.encode(await e.encrypt(bytes));
  };

  it('gzips the payload: a long Chinese application seals to far less than its text, and opens', async () => {
    const record = parse(read('content/applications/XM-2026-001-A01.yml')) as Record<string, unknown>;
    const chapters = record.chapters as Record<string, string>;
    chapters.plan = Array.from(
      { length: 300 },
      (_, i) => `第${i + 1}步：完成温漂补偿算法第${i % 7}轮迭代，样片良率提升至${80 + (i % 19)}%。`,
    )
      .join('\n')
      .slice(0, 15000);
    const text = JSON.stringify(restrictedFields('application', record));
    const sealed = await seal('application', record, RECIPIENTS);
    expect((sealed.sealed as string).length).toBeLessThan(new TextEncoder().encode(text).length);
    const back = await unseal('application', sealed, key('xm-gxj-chenyh'));
    expect(formatYaml('application', back.record)).toBe(formatYaml('application', record));
  });

  it('still opens a blob sealed uncompressed (an older helper)', async () => {
    const blob = await sealBytes(
      new TextEncoder().encode(
        JSON.stringify({ format: SEALED_FORMAT, kind: 'demand', fields: { '/contact': { name: '张三' } } }),
      ),
    );
    expect((await openSealed(blob, key('xm-gxj-chenyh'))).fields).toEqual({ '/contact': { name: '张三' } });
  });

  it('refuses a payload that inflates beyond any record (a zip bomb), and a broken gzip stream', async () => {
    const bomb = await compressPayload(
      `{"format":"${SEALED_FORMAT}","kind":"demand","fields":{"/x":"${'0'.repeat(MAX_PAYLOAD_BYTES)}"}}`,
    );
    expect(bomb.length).toBeLessThan(10_000);
    await expect(openSealed(await sealBytes(bomb), key('xm-gxj-chenyh'))).rejects.toMatchObject({ code: 'format' });
    const broken = (await compressPayload('{"format":"x"}')).slice(0, 12);
    await expect(openSealed(await sealBytes(broken), key('xm-gxj-chenyh'))).rejects.toBeInstanceOf(SealError);
  });
});

describe('seal and unseal', () => {
  it('moves exactly the restricted fields into one blob and brings them back where they were', async () => {
    const record = demand();
    const sealed = await seal('demand', record, RECIPIENTS);
    expect(restrictedValues('demand', sealed)).toEqual([]);
    expect(sealed.contact).toBeUndefined();
    expect(sealed.title).toBe(record.title);
    expect(inspectSealed(sealed.sealed as string, RECIPIENTS.length).ok).toBe(true);
    for (const login of ['xm-gxj-chenyh', 'xm-gxj-linzw', 'miit-qyj-zhaol', 'xm-jiebang-admin']) {
      const back = await unseal('demand', sealed, key(login));
      expect(formatYaml('demand', back.record)).toBe(formatYaml('demand', record));
      expect(back.issues).toEqual([]);
      expect(back.restored).toEqual(Object.keys(restrictedFields('demand', record)));
    }
  });

  it('seals the issuer-choice fields of an issuer that hid its name, and a whole non-public demand', async () => {
    const hidden: Record<string, unknown> = { ...demand(), anonymousIssuer: true };
    const s1 = await seal('demand', hidden, RECIPIENTS);
    expect((s1.issuer as Record<string, unknown>).name).toBeUndefined();
    expect((s1.issuer as Record<string, unknown>).region).toBeDefined();
    const withheld: Record<string, unknown> = { ...demand(), isPublic: false };
    const s2 = await seal('demand', withheld, RECIPIENTS);
    expect(Object.keys(s2).sort()).toEqual(['anonymousIssuer', 'id', 'isPublic', 'round', 'sealed']);
    for (const [original, sealed] of [
      [hidden, s1],
      [withheld, s2],
    ] as const) {
      const back = await unseal('demand', sealed, key('xm-gxj-chenyh'));
      expect(formatYaml('demand', back.record)).toBe(formatYaml('demand', original));
    }
  });

  it('seals every sample record of every kind that has a sealed property, and restores it byte for byte', async () => {
    const samples: Array<[Kind, string]> = [];
    for (const uscc of readdirSync(new URL('content/enterprises/', root)).slice(0, 5))
      samples.push(['enterprise', `content/enterprises/${uscc}/index.yml`]);
    for (const app of readdirSync(new URL('content/applications/', root)).slice(0, 5))
      samples.push(['application', `content/applications/${app}`]);
    expect(samples.length).toBeGreaterThan(2);
    for (const [kind, path] of samples) {
      const record = parse(read(path)) as Record<string, unknown>;
      const sealed = await seal(kind, record, RECIPIENTS);
      expect(restrictedValues(kind, sealed), path).toEqual([]);
      const back = await unseal(kind, sealed, key('xm-jiebang-admin'));
      expect(formatYaml(kind, back.record), path).toBe(formatYaml(kind, record));
    }
  });

  it('leaves a record with nothing restricted unchanged, and will not re-seal over an existing blob', async () => {
    const sealed = await seal('demand', demand(), RECIPIENTS);
    expect(await seal('demand', sealed, RECIPIENTS)).toBe(sealed);
    await expect(seal('demand', { ...sealed, contact: { name: '张三' } }, RECIPIENTS)).rejects.toMatchObject({
      code: 'already-sealed',
    });
    await expect(seal('demand', demand(), [])).rejects.toMatchObject({ code: 'no-recipients' });
    await expect(seal('demand', demand(), ['age1notakey'])).rejects.toMatchObject({ code: 'bad-recipient' });
  });

  it('refuses the wrong key, a blob of another kind, and a blob that would set a public field or a value in the clear', async () => {
    const sealed = await seal('demand', demand(), RECIPIENTS);
    await expect(unseal('demand', sealed, key('outsider'))).rejects.toMatchObject({ code: 'wrong-key' });
    await expect(unseal('demand', sealed, key('xm-gxj-huangjm'))).rejects.toMatchObject({ code: 'wrong-key' }); // authority ended: not sealed to
    await expect(unseal('enterprise', sealed, key('xm-gxj-chenyh'))).rejects.toMatchObject({ code: 'wrong-kind' });

    const clear = { ...sealed };
    const forge = async (fields: Record<string, unknown>) => ({
      ...clear,
      sealed: await sealRaw({ format: SEALED_FORMAT, kind: 'demand', fields }),
    });
    const officer = key('xm-gxj-chenyh');
    await expect(unseal('demand', await forge({ '/title': '另一个标题' }), officer)).rejects.toMatchObject({
      code: 'not-restricted',
    });
    await expect(unseal('demand', await forge({ '/isPublic': false }), officer)).rejects.toMatchObject({
      code: 'not-restricted',
    });
    await expect(unseal('demand', await forge({ '/__proto__/polluted': 1 }), officer)).rejects.toMatchObject({
      code: 'not-restricted',
    });
    await expect(
      unseal('demand', await forge({ '/contact': { __proto__: null, constructor: 1 } }), officer),
    ).rejects.toMatchObject({ code: 'format' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await expect(
      unseal(
        'demand',
        { ...(await forge({ '/contact': { name: '李四' } })), contact: { name: '张三' } } as never,
        officer,
      ),
    ).rejects.toMatchObject({ code: 'conflict' });
    const honest = await unseal<Record<string, unknown>>(
      'demand',
      await forge({ '/contact': { name: '李四', mobile: '13912345678', email: 'a@example.cn' } }),
      officer,
    );
    expect(honest.record.contact).toMatchObject({ name: '李四' });
  });

  it('validates the merged record: a bad value inside the blob is reported by its field', async () => {
    const record = demand();
    const sealed = await seal(
      'demand',
      { ...record, contact: { ...(record.contact as object), mobile: '12345' } },
      RECIPIENTS,
    );
    const back = await unseal('demand', sealed, key('xm-gxj-chenyh'));
    expect(back.issues.map((i) => i.path)).toContain('/contact/mobile');
    expect(back.issues[0]!.message).toMatch(/^手机号码/);
  });

  it('tells a corrupt blob and a foreign payload apart from a wrong key, with messages that carry no value', async () => {
    await expect(
      openSealed('-----BEGIN AGE ENCRYPTED FILE-----\n-----END AGE ENCRYPTED FILE-----\n', key('xm-gxj-chenyh')),
    ).rejects.toMatchObject({ code: 'corrupt' });
    const foreign = await sealRaw({ contact: { name: '欧阳保密' } });
    const err = await openSealed(foreign, key('xm-gxj-chenyh')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SealError);
    expect((err as SealError).code).toBe('format');
    expect((err as SealError).message).not.toContain('欧阳保密');
  });

  it('reads age identity files with comments, and refuses files without a key', () => {
    expect(key('xm-gxj-chenyh')).toHaveLength(1);
    expect(() => parseIdentities('# nothing here\n')).toThrow(SealError);
    expect(() => parseIdentities('AGE-SECRET-KEY-1NOPE\n')).toThrow(/格式不对/);
  });
});

describe('what is sealed at rest about a withheld record', () => {
  it('a directed application seals what it sealed before: its keeps are its public fields', () => {
    const application = DIRECTED_APPLICATION;
    expect(Object.keys(restrictedFields('application', application)).sort()).toEqual([
      '/chapters/understanding',
      '/indicatorResponses',
    ]);
  });

  it('an act seals nothing of its own, and only its reason when written about a withheld record', () => {
    const act = ACT_ON_WITHHELD;
    // The actor and scores are restricted but read by the keyless audit: x-at-rest: clear.
    expect(restrictedFields('decision', act)).toEqual({});
    expect(restrictedFields('decision', act, true)).toEqual({ '/reason': act.reason });
  });
});
