/**
 * Find a record by its id in a content folder and read it for printing: the file's bytes
 * (whose sha256 is the revision printed) and the record, opened with the officer's or the
 * submitter's key when a full print is asked for.
 */
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parseContent } from '../content/parse.ts';
import { SealError, unseal } from '../seal/seal.ts';
import type { PrintKind, PrintView } from './form-model.ts';
import { APPLICATION_ID, DEMAND_ID } from '../domain/ids.ts';
import { USCC_SHAPE } from '../domain/ids.ts';
import { CONTENT_DIR, entryPath } from '../domain/layout.ts';

/** A mistake of the person printing: said in Chinese and English, never a trace. */
export class PaperError extends Error {
  readonly messageEn: string;
  constructor(message: string, messageEn: string) {
    super(message);
    this.messageEn = messageEn;
  }
}

const ID_PATTERNS: Array<[PrintKind, RegExp]> = [
  ['application', APPLICATION_ID],
  ['demand', DEMAND_ID],
  ['enterprise', USCC_SHAPE],
];

export interface RecordLocation {
  kind: PrintKind;
  id: string;
  path: string;
  repoPath: string;
}

export function locate(contentDir: string, id: string): RecordLocation {
  for (const [kind, pattern] of ID_PATTERNS) {
    if (!pattern.test(id)) continue;
    const repoPath = entryPath(kind, id);
    return { kind, id, path: join(contentDir, repoPath.slice(`${CONTENT_DIR}/`.length)), repoPath };
  }
  throw new PaperError(
    `“${id}”不是需求编号（如 XM-2026-001）、申请编号（如 XM-2026-001-A01）或统一社会信用代码`,
    `"${id}" is not a demand number (XM-2026-001), an application number (XM-2026-001-A01) or a credit code`,
  );
}

export interface PrintableRecord extends RecordLocation {
  bytes: Buffer;
  record: Record<string, unknown>;
  view: PrintView;
}

/** Is this process a CI job or a build (where restricted values must never be printed)? */
export const inAutomation = (env: NodeJS.ProcessEnv = process.env): boolean =>
  env.CI === 'true' || env.GITHUB_ACTIONS === 'true';

export async function readPrintable(
  contentDir: string,
  id: string,
  identities?: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<PrintableRecord> {
  const loc = locate(contentDir, id);
  const bytes = await readFile(loc.path).catch(() => {
    throw new PaperError(
      `找不到 ${id}（应在 ${relative(process.cwd(), loc.path) || loc.path}）`,
      `no record ${id} (looked for ${loc.path})`,
    );
  });
  const parsed = parseContent(bytes, loc.path);
  if (!parsed.ok)
    throw new PaperError(`${loc.path}：${parsed.issue.message}`, `${loc.path}: ${parsed.issue.messageEn}`);
  let record = parsed.data as Record<string, unknown>;
  if (!identities) return { ...loc, bytes, record, view: 'public' };
  if (inAutomation(env)) {
    throw new PaperError(
      '受限信息只能在经办人员或申报单位自己的电脑上打印，不能在持续集成或构建中打印',
      "restricted fields print only on an officer's or the submitter's own machine, never in CI or a build",
    );
  }
  if (typeof record.sealed === 'string') {
    try {
      record = (await unseal(loc.kind, record, identities)).record;
    } catch (e) {
      if (e instanceof SealError)
        throw new PaperError(
          `无法打开 ${id} 的密封信息：${e.message}`,
          `cannot open the sealed fields of ${id}: ${e.messageEn}`,
        );
      throw e;
    }
  }
  return { ...loc, bytes, record, view: 'full' };
}

/** site.yml of the content folder, for the record's URL (absent: the URL is the file's path). */
export { readSettings as readSite } from '../content/settings.ts';
