/**
 * The build's environment knobs (docs/site.md lists them): where the content is, the moment
 * statuses are computed at, where to write phase timings, and the base path.
 */
import { resolve } from 'node:path';
import { parseInstant } from '../pipeline/face/core.ts';

/** JIEBANG_CONTENT: the content folder (default `content`), absolute. */
export function contentDir(): string {
  return resolve(process.env.JIEBANG_CONTENT || 'content');
}

/** JIEBANG_NOW: the ISO instant (with offset) statuses are computed at; default the clock. */
export function buildNow(): Date {
  const value = process.env.JIEBANG_NOW;
  if (!value) return new Date();
  const parsed = parseInstant(value);
  if (!parsed.ok) throw new UserError(`JIEBANG_NOW：${parsed.issues[0]!.message}`);
  return parsed.instant;
}

/** JIEBANG_TIMINGS: where to write the build's phase timings as JSON, if set. */
export function timingsPath(): string | undefined {
  return process.env.JIEBANG_TIMINGS || undefined;
}

/** JIEBANG_BASE: the base path the site is served under (e.g. /jiebang/), default `/`. */
export function basePath(): string {
  return normalizeBase(process.env.JIEBANG_BASE || '/');
}

export function normalizeBase(base: string): string {
  const trimmed = base.replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

/** A mistake in content or settings: reported as its message, never with a stack trace. */
export class UserError extends Error {
  override name = 'UserError';
}
