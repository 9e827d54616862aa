/**
 * `jiebang keygen --out <file>` — a new age identity for an officer: the secret key goes
 * to a file only its owner can read (never into the repository), the public key is
 * printed for the officers registry's `recipient`. Same file format as `age-keygen`.
 */
import { writeFile } from 'node:fs/promises';
import { generateIdentity, identityToRecipient } from 'age-encryption';
import { parse, UsageError } from '../args.ts';

export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, { out: { type: 'string' } }, false);
  if (!values.out)
    throw new UsageError(
      '用法 / usage: jiebang keygen --out <file>（私钥文件，请存放在仓库以外 / the secret key file, kept outside the repository）',
    );
  const identity = await generateIdentity();
  const recipient = await identityToRecipient(identity);
  const text = `# created: ${new Date().toISOString()}\n# public key: ${recipient}\n${identity}\n`;
  await writeFile(values.out, text, { flag: 'wx', mode: 0o600 }).catch((e: NodeJS.ErrnoException) => {
    throw new UsageError(
      e.code === 'EEXIST'
        ? `${values.out} 已存在，不会覆盖 / exists; not overwritten`
        : `无法写入 ${values.out} / cannot write: ${e.code}`,
    );
  });
  process.stdout.write(`${recipient}\n`);
  process.stderr.write(
    `私钥已写入 ${values.out}（仅本人可读）。把上面的公钥填入 content/officers.yml 中本人的 recipient，然后由管理员运行 jiebang reseal。\nSecret key written to ${values.out} (owner-only). Put the public key above in your recipient in content/officers.yml; an admin then runs jiebang reseal.\n`,
  );
  return 0;
}
