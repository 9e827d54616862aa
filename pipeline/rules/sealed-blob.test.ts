import { Encrypter, armor } from 'age-encryption';
import { describe, expect, it } from 'vitest';
import { inspectSealed, MAX_RECIPIENTS, MAX_SEALED_CHARS } from './sealed-blob.ts';

const R1 = 'age12ckafzd00aj4g36554uy0kf05anynkdk3jdrah2mlk6tva0ensls267lyg';
const R2 = 'age1d2peazafadd9l76km3kkvnmhc5zhwznxqxmqmteqv246gaz6np7qmt35p7';

async function encrypt(text: string, recipients: string[] = [R1, R2]): Promise<Uint8Array> {
  const e = new Encrypter();
  for (const r of recipients) e.addRecipient(r);
  return e.encrypt(text);
}

const SECRET = '{"format":"jiebang-sealed/1","kind":"demand","fields":{"/contact":{"name":"欧阳保密"}}}';
const good = armor.encode(await encrypt(SECRET));
const bytes = armor.decode(good);
const latin1 = (b: Uint8Array) => Array.from(b, (c) => String.fromCharCode(c)).join('');
const fromLatin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
/** Rewrite the header text of a real file (the payload bytes kept) and re-armor it. */
const withHeader = (edit: (header: string) => string) => {
  const text = latin1(bytes);
  const end = text.indexOf('\n---') + 1;
  const macEnd = text.indexOf('\n', end) + 1;
  return armor.encode(fromLatin1(edit(text.slice(0, macEnd)) + text.slice(macEnd)));
};

describe('inspectSealed', () => {
  it('accepts what age-encryption writes, counting the recipients', () => {
    expect(inspectSealed(good)).toEqual({ ok: true, recipients: 2, payloadBytes: expect.any(Number) });
    expect(inspectSealed(good, 2).ok).toBe(true);
    expect(inspectSealed(good.replaceAll('\n', '\r\n')).ok).toBe(true); // pasted from Windows
    expect(inspectSealed(good.trimEnd()).ok).toBe(true); // the issue form drops the last newline
  });

  it('says when the blob is sealed to a different number of keys than the registry lists', () => {
    const r = inspectSealed(good, 3);
    expect(r).toMatchObject({ ok: false, rule: 'count' });
    if (!r.ok) expect(r.message).toContain('2 个公钥');
  });

  // [what a submitter or attacker did, the blob, the rule that catches it]
  const lines = good.trimEnd().split('\n');
  const CASES: Array<[string, string, string]> = [
    ['typed cleartext instead', 'contact: 欧阳保密 13912345678', 'armor'],
    ['leading space', ` ${good}`, 'armor'],
    ['lost the END line', lines.slice(0, -1).join('\n'), 'armor'],
    ['lost the BEGIN line', lines.slice(1).join('\n'), 'armor'],
    ['a middle line dropped (armor still well-formed)', [...lines.slice(0, 2), ...lines.slice(3)].join('\n'), 'stanza'],
    ['text after the END line', `${good}多余的文字\n`, 'armor'],
    ['a non-base64 character', good.replace(/^(.{40})./m, '$1*'), 'armor'],
    ['padding in a middle line', [lines[0], `${lines[1]!.slice(0, 62)}==`, ...lines.slice(2)].join('\n'), 'armor'],
    [
      'armor around nothing age',
      armor.encode(new TextEncoder().encode('name: 欧阳保密\nmobile: 13912345678\n')),
      'header',
    ],
    ['another version line', withHeader((h) => h.replace('age-encryption.org/v1', 'age-encryption.org/v2')), 'header'],
    ['a stanza without arguments', withHeader((h) => h.replace(/-> X25519 \S+/, '->  ')), 'stanza'],
    [
      'a short ephemeral share',
      withHeader((h) => h.replace(/-> X25519 (\S+)/, (_m, s: string) => `-> X25519 ${s.slice(0, 20)}`)),
      'stanza',
    ],
    [
      'a stanza body cut short',
      withHeader((h) => h.replace(/(-> X25519 \S+\n)(\S+)/, (_m, a: string, b: string) => `${a}${b.slice(0, 10)}`)),
      'stanza',
    ],
    [
      'a passphrase (scrypt) stanza',
      withHeader((h) =>
        h.replace(
          /-> X25519 \S+\n\S+\n/,
          '-> scrypt c2FsdHNhbHRzYWx0c2FsdA 18\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n',
        ),
      ),
      'recipients',
    ],
    ['a plugin stanza', withHeader((h) => h.replace(/-> X25519 (\S+)/, '-> piv-p256 AAAA $1')), 'recipients'],
    ['no stanza at all', withHeader((h) => h.replace(/-> X25519 \S+\n\S+\n/g, '')), 'recipients'],
    [
      'no MAC line',
      armor.encode(fromLatin1('age-encryption.org/v1\n-> X25519 ' + 'A'.repeat(43) + '\n' + 'A'.repeat(43) + '\n')),
      'mac',
    ],
    ['a short MAC', withHeader((h) => h.replace(/--- (\S+)/, (_m, mac: string) => `--- ${mac.slice(0, 30)}`)), 'mac'],
    ['the payload cut off', armor.encode(bytes.subarray(0, latin1(bytes).indexOf('\n---') + 50 + 8)), 'payload'],
    ['a control byte in the header', withHeader((h) => h.replace('\n---', '\n\u0001---')), 'header'],
  ];

  it.each(CASES)('refuses %s (%s)', (_what, blob, rule) => {
    const r = inspectSealed(blob);
    expect(r).toMatchObject({ ok: false, rule });
    if (!r.ok) {
      expect(r.message).toMatch(/^密封信息/);
      expect(r.message).not.toContain('欧阳保密');
      expect(r.messageEn).toMatch(/^The sealed data/);
    }
  });

  it('refuses more stanzas than any registry holds, and blobs over the size bound', () => {
    const many = withHeader((h) => h.replace(/(-> X25519 \S+\n\S+\n)/, (s) => s.repeat(MAX_RECIPIENTS + 1)));
    expect(inspectSealed(many)).toMatchObject({ ok: false, rule: 'recipients' });
    expect(inspectSealed(good + 'A'.repeat(MAX_SEALED_CHARS))).toMatchObject({ ok: false, rule: 'size' });
  });

  it('accepts a large sealed application within the bound (30,000 Chinese characters)', async () => {
    const big = armor.encode(await encrypt(JSON.stringify({ text: '攻关方案'.repeat(7500) })));
    expect(big.length).toBeLessThan(MAX_SEALED_CHARS);
    expect(inspectSealed(big).ok).toBe(true);
  });
});
