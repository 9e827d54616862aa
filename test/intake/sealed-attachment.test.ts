/**
 * An application at every field's maximum does not fit the forge's issue body even
 * compressed and sealed; end to end against the fake GitHub API: the helper's compose()
 * makes the sealed file and the body naming its sha256, the file is attached to the issue
 * (the forge writes its link into the 密封信息 field), and the intake fetches it, checks
 * cap, type and hash, and accepts it exactly as an inline sealed application — the entry it
 * writes opens with an officer's key. Each broken case is refused by its rule, in Chinese,
 * before anything is written.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationOf, markovProse } from '../../bench/measure/sealed-size.ts';
import { Random } from '../../bench/random.ts';
import { contextFromEnv } from '../../pipeline/events/context.ts';
import { route } from '../../pipeline/handlers/route.ts';
import { FORGE_BODY_LIMIT } from '../../pipeline/forms/parse-body.ts';
import { answerFor } from '../../pipeline/forms/render-body.ts';
import { attachmentReference, SEALED_ATTACHMENT } from '../../pipeline/intake/sealed-attachment.ts';
import { parseIdentities, unseal } from '../../pipeline/seal/seal.ts';
import { compose, type Answers, type SealedFile } from '../../site/submit/compose.ts';
import { helperForm } from '../../site/submit/model.ts';
import { FakeGitHub } from '../fixtures/fake-github/server.ts';
import { intakeFiles, OPEN_DEMAND, SME_SEALED } from '../fixtures/intake/repo.ts';

const KEYS = join(import.meta.dirname, '../fixtures/keys');
const recipientOf = (login: string) =>
  /# public key: (age1\S+)/.exec(readFileSync(join(KEYS, `${login}.key`), 'utf8'))![1]!;
const keyOf = (login: string) => parseIdentities(readFileSync(join(KEYS, `${login}.key`), 'utf8'));

const valueAt = (record: Record<string, unknown>, pointer: string): unknown =>
  pointer
    .split('/')
    .slice(1)
    .reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), record);

let fake: FakeGitHub;
const tmp = mkdtempSync(join(tmpdir(), 'jiebang-sealed-attachment-'));
beforeAll(async () => {
  fake = new FakeGitHub({ files: intakeFiles() });
  await fake.start();
});
afterAll(async () => {
  await fake?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

/** Every field the helper asks, answered from the record as a person would type it. */
function answersOf(record: Record<string, unknown>): Answers {
  const h = helperForm('jiebang')!;
  const out: Answers = {};
  for (const f of [...h.publicFields, ...h.restrictedFields]) {
    const v = valueAt(record, f.pointer);
    if (v !== undefined) out[f.id] = answerFor(f, v);
  }
  return out;
}

/**
 * Every field at its maximum, in text with real Chinese statistics (the bench's Markov chain
 * over the guides: it compresses no better than real prose; template text would fit inline).
 */
const longest = (() => {
  const app = applicationOf('max');
  const prose = markovProse(join(import.meta.dirname, '../../content/pages'));
  const rng = new Random('sealed-attachment');
  const chapters = Object.fromEntries(
    Object.entries(app.chapters).map(([k, v]) => [k, typeof v === 'string' ? prose(rng, v.length) : v]),
  ) as typeof app.chapters;
  const indicatorResponses = app.indicatorResponses.map((r) => ({
    ...r,
    ...(r.note ? { note: prose(rng, r.note.length) } : {}),
  })) as typeof app.indicatorResponses;
  return { ...app, chapters, indicatorResponses };
})();
const maxRecord: Record<string, unknown> = {
  ...longest,
  id: undefined,
  demandId: OPEN_DEMAND,
  applicant: { ...SME_SEALED },
};

async function composeLongest() {
  const composed = await compose(
    helperForm('jiebang')!,
    answersOf(maxRecord),
    { officers: [recipientOf('xm-gxj-chenyh'), recipientOf('miit-qyj-zhaol')] },
    'https://github.com/xm-gxj/jiebang/issues/new',
  );
  if (!composed.ok) throw new Error(composed.issues.map((i) => i.message).join('\n'));
  return composed;
}

let n = 60;
async function fileIssue(body: string) {
  const number = n++;
  fake.addIssue({ number, title: '揭榜', body, user: { login: 'xinsense', type: 'User' }, labels: ['揭榜'] });
  const payload = {
    action: 'opened',
    issue: {
      number,
      title: '揭榜',
      body,
      state: 'open',
      labels: [{ name: '揭榜' }],
      user: { login: 'xinsense', id: 9, type: 'User' },
      html_url: `https://github.com/xm-gxj/jiebang/issues/${number}`,
      created_at: '2026-08-03T02:00:00Z',
      updated_at: '2026-08-03T02:00:00Z',
    },
    repository: { full_name: 'xm-gxj/jiebang', html_url: 'https://github.com/xm-gxj/jiebang', default_branch: 'main' },
  };
  const eventPath = join(tmp, `event-${number}.json`);
  writeFileSync(eventPath, JSON.stringify(payload));
  const env = {
    GITHUB_EVENT_NAME: 'issues',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: 'xm-gxj/jiebang',
    GITHUB_TOKEN: fake.token,
    GITHUB_API_URL: fake.url,
    GITHUB_SERVER_URL: fake.url,
  };
  const writesBefore = fake.writes().length;
  const outcome = await route(await contextFromEnv(env, new Date('2026-08-03T02:00:05Z')));
  return {
    outcome,
    number,
    writes: fake.writes().slice(writesBefore),
    comment: () => fake.commentsOn(number)[0]!.body,
  };
}

/** The file dropped into the 密封信息 field: the forge appends its link there. */
const dropped = (body: string, file: SealedFile, link: string) =>
  body.replace(attachmentReference(file.sha256), `${attachmentReference(file.sha256)}\n[${file.name}](${link})`);

describe("an application at every field's maximum", () => {
  it('is carried as a sealed attachment the intake fetches, verifies and accepts like an inline one', async () => {
    const composed = await composeLongest();
    const inline = String(composed.sealed.sealed).length;
    expect(inline).toBeGreaterThan(FORGE_BODY_LIMIT); // the reason for the file
    const file = composed.attachment!;
    expect(file.name).toMatch(/^jiebang-sealed-[0-9a-f]{12}\.txt$/);
    expect(file.text.length).toBeLessThanOrEqual(SEALED_ATTACHMENT.maxBytes);
    expect(composed.body.length).toBeLessThanOrEqual(FORGE_BODY_LIMIT);
    expect(composed.body).toContain(attachmentReference(file.sha256));
    expect(composed.body).not.toContain(String(longest.chapters.plan).slice(0, 30));
    // The prefilled link carries the reference (the field the file is dropped into).
    expect(new URL(composed.url).searchParams.get('sealed')).toBe(attachmentReference(file.sha256));

    const link = fake.attach(file.name, Buffer.from(file.text));
    const { outcome, number } = await fileIssue(dropped(composed.body, file, link));
    expect(outcome.errors).toEqual([]);
    expect(outcome.verdict).toBe('valid');
    expect(fake.calls.some((c) => c.method === 'GET' && c.path === decodeURIComponent(new URL(link).pathname))).toBe(
      true,
    );
    const comment = fake.commentsOn(number)[0]!.body;
    expect(comment).not.toContain('附件未通过检查');
    expect(comment).not.toContain(String(longest.chapters.plan).slice(0, 30));

    // The entry written carries the armor itself, and an officer's key opens every chapter.
    const entry = outcome.written.find((p) => p.startsWith('content/applications/'))!;
    const text = fake.filesAt(`submission/issue-${number}`)[entry];
    const stored = parse(text!) as Record<string, unknown>;
    expect(stored.sealed).toBe(composed.sealed.sealed);
    const opened = await unseal('application', stored, keyOf('xm-gxj-chenyh'));
    expect(opened.issues).toEqual([]);
    expect(opened.record.chapters).toEqual(longest.chapters);
    expect((opened.record.indicatorResponses as unknown[]).length).toBe(30);
  });

  it('refuses, by rule and in Chinese, a missing file, a changed file, a wrong type and an oversized one, writing nothing', async () => {
    const composed = await composeLongest();
    const file = composed.attachment!;
    const cases: Array<[string, string, RegExp]> = [
      ['link', composed.body, /密封信息（密封附件）：写明了密封附件的摘要，但栏内没有附件/],
      [
        'hash',
        dropped(
          composed.body,
          file,
          fake.attach(
            file.name,
            Buffer.from(file.text.replace(/\n([A-Za-z0-9])/, (_, c: string) => `\n${c === 'A' ? 'B' : 'A'}`)),
          ),
        ),
        /SHA-256 摘要与栏内写明的不一致/,
      ],
      [
        'type',
        dropped(composed.body, file, fake.attach('申请书.pdf', Buffer.from(file.text))),
        /附件必须是提交助手下载的 \.txt 密封文件/,
      ],
      [
        'type',
        dropped(composed.body, file, fake.attach(file.name, Buffer.from('这是一份明文申请书'))),
        /附件不是 age 加密文件/,
      ],
      [
        'fetch',
        dropped(composed.body, file, fake.attach(file.name, Buffer.alloc(SEALED_ATTACHMENT.maxBytes + 1, 0x41))),
        /超过 200000 字节的上限/,
      ],
      ['link', dropped(composed.body, file, 'https://[bad/user-attachments/files/1/%E0%A4%A.txt'), /附件链接无法识别/],
      [
        'fetch',
        dropped(composed.body, file, 'https://example.com/user-attachments/files/1/jiebang-sealed.txt'),
        /只能读取在本议题编辑框中上传的附件链接/,
      ],
    ];
    for (const [rule, body, message] of cases) {
      const { outcome, writes, comment } = await fileIssue(body);
      expect(outcome.verdict, rule).toBe('invalid');
      expect(
        outcome.errors.map((e) => e.keyword),
        rule,
      ).toEqual([`sealed-attachment:${rule}`]);
      expect(comment(), rule).toMatch(message);
      expect(comment()).toContain('密封附件未通过检查');
      expect(
        writes.map((c) => c.path).filter((p) => /git\/|pulls/.test(p)),
        rule,
      ).toEqual([]);
    }
  });
});
