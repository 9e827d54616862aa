/**
 * Where each record lives in the content repository, written once (ARCHITECTURE.md draws the
 * layout): an id gives its file, and a listing of content/ gives back the ids and ledger
 * chains. Ids are checked against their grammar before a path is built from them.
 */
import {
  APPLICATION_ID,
  APPLICATION_SUFFIX,
  DEMAND_ID,
  DEMAND_ID_BODY,
  isExternalId,
  subjectKindOf,
  USCC_SHAPE,
} from './ids.ts';

export const CONTENT_DIR = 'content';
export const SITE_PATH = 'content/site.yml';
export const OFFICERS_PATH = 'content/officers.yml';
export const DECISIONS_DIR = 'content/decisions';

/** Where each kind of submission lives. */
export function entryPath(kind: 'demand' | 'application' | 'enterprise', id: string): string {
  const safe = kind === 'enterprise' ? USCC_SHAPE : kind === 'demand' ? DEMAND_ID : APPLICATION_ID;
  if (!safe.test(id)) throw new Error(`refusing to build a path from ${JSON.stringify(id)}`);
  switch (kind) {
    case 'demand':
      return `content/demands/${id}/index.yml`;
    case 'enterprise':
      return `content/enterprises/${id}/index.yml`;
    case 'application':
      return `content/applications/${id}.yml`;
  }
}

export const roundPath = (roundId: string) => `content/rounds/${roundId}.yml`;
export const externalPath = (id: string) => `content/catalogue/${id}.yml`;
export const enterprisePath = (uscc: string) => `content/enterprises/${uscc}/index.yml`;

/** The record file of a ledger subject: a round, a demand (or catalogue entry) or an application. */
export function subjectPath(subject: string): string {
  const kind = subjectKindOf(subject);
  if (kind === 'round') return roundPath(subject);
  if (kind === 'application') return `content/applications/${subject}.yml`;
  return isExternalId(subject) ? externalPath(subject) : `content/demands/${subject}/index.yml`;
}

/** The folder of a subject's ledger chain. */
export const ledgerDir = (subject: string) => `${DECISIONS_DIR}/${subject}/`;

/** The seq-th decision of a subject's chain (0001.yml onwards). */
export function decisionPath(subject: string, seq: number): string {
  return `${DECISIONS_DIR}/${subject}/${String(seq).padStart(4, '0')}.yml`;
}

/** The folder an act's stamped evidence is kept in. */
export const evidenceDir = (subject: string) => `${DECISIONS_DIR}/${subject}/evidence/`;

/** The decision files of a subject, in order, from a listing of content/. */
export function decisionFiles(paths: readonly string[], subject: string): string[] {
  const prefix = ledgerDir(subject);
  return paths.filter((p) => p.startsWith(prefix) && /^\d{4}\.yml$/.test(p.slice(prefix.length))).sort();
}

const DECISION_FILE = /^content\/decisions\/([^/]+)\/\d{4}\.yml$/;

/** The subject of a decision file (content/decisions/<subject>/NNNN.yml), if it is one. */
export const subjectOfDecisionFile = (path: string): string | undefined => DECISION_FILE.exec(path)?.[1];

const APPLICATION_FILE = new RegExp(`^content/applications/(${DEMAND_ID_BODY})${APPLICATION_SUFFIX}\\.yml$`);

/** The demand an application file applies to, by its name (content/applications/<demand>-Ann.yml). */
export const demandOfApplicationFile = (path: string): string | undefined => APPLICATION_FILE.exec(path)?.[1];

/** Subjects that have a ledger chain, from a listing of content/. */
export function ledgerSubjects(paths: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const p of paths) {
    const m = DECISION_FILE.exec(p);
    if (m) out.add(m[1]!);
  }
  return out;
}

const ENTRY_FILE = /^content\/(?:demands\/([^/]+)\/|applications\/([^/]+)\.yml$)/;

/** The demand or application id a path files, if any (the record or a file beside it). */
export function entryIdOfPath(path: string): string | undefined {
  const m = ENTRY_FILE.exec(path);
  return m ? (m[1] ?? m[2]!) : undefined;
}
