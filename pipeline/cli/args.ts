/**
 * Command-line parsing shared by every command: node's parseArgs, strict, with usage
 * errors that say what was wrong and exit 2 (never a stack trace).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {}

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: T,
  allowPositionals = true,
) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ''));
  }
}

/** `--now <ISO time>` with an explicit offset; the real clock by default. */
export function nowFrom(value: string | undefined): Date {
  if (value === undefined) return new Date();
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new UsageError(
      `--now 需要带时区的 ISO 时间，如 2026-05-01T09:00:00+08:00（收到 “${value}”）/ --now needs an ISO time with an offset`,
    );
  }
  return new Date(value);
}
