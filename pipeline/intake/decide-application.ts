/**
 * A 揭榜申请 (application) from an issue: the neighbourhood the rules look at (the demand,
 * local or in the national catalogue, its round, its applications and their decisions, the
 * applicant's profile, the officers, the bureau's area), applications still waiting in other
 * issues' pull requests, the application window, the sealed part and its envelope, the
 * cross-record rules; and a note when the account applying did not file the 对接表.
 */
import { buildCatalog, type Catalog } from '../content/catalog.ts';
import type { LoadedRecord } from '../content/load.ts';
import { APPLICATION_ID, DEMAND_ID } from '../domain/ids.ts';
import type { Issue } from '../domain/issue.ts';
import { sealedMissing, validateSubmission } from '../forms/validate-submission.ts';
import type { Decision } from '../generated/types.ts';
import { recordedStatus } from '../review/status.ts';
import { applicationWindowIssues, asLoaded, crossIssues, crossNotes, sizeDeferredNote } from './check.ts';
import { renderRefused } from './comment.ts';
import {
  decisionFiles,
  entryPath,
  ledgerSubjects,
  loadRecords,
  recordAt,
  SITE_PATH,
  type ContentReader,
} from './content.ts';
import { envelopeIssues } from './envelope.ts';
import { nextApplicationId } from './ids.ts';
import {
  accept,
  existingSubject,
  final,
  gate,
  invalid,
  labelsFor,
  probePaths,
  ROUNDS,
  submissionBranch,
  type Decided,
  type Env,
} from './issue-decision.ts';
import { USCC_SHAPE } from '../domain/ids.ts';

export async function decideApplication(
  env: Env,
  submitted: Record<string, unknown>,
  readIssues: Issue[],
  reader: ContentReader,
): Promise<Decided> {
  const paths = await reader.paths();
  const now = env.ctx.now;
  const demandId =
    typeof submitted.demandId === 'string' && DEMAND_ID.test(submitted.demandId) ? submitted.demandId : undefined;
  const applicant = submitted.applicant as Record<string, unknown> | undefined;
  const uscc = typeof applicant?.uscc === 'string' && USCC_SHAPE.test(applicant.uscc) ? applicant.uscc : undefined;

  // The neighbourhood the rules look at: the demand (local, or an entry of the national
  // catalogue), its round, its applications, their decisions, the profile, the bureau's area (site.yml).
  const related = demandId
    ? paths.filter(
        (p) =>
          p === `content/demands/${demandId}/index.yml` ||
          p === `content/catalogue/${demandId}.yml` ||
          p === SITE_PATH ||
          ROUNDS.test(p) ||
          p.startsWith(`content/applications/${demandId}-A`) ||
          p.startsWith(`content/decisions/${demandId}/`) ||
          p.startsWith(`content/decisions/${demandId}-A`) ||
          (uscc !== undefined && p === `content/enterprises/${uscc}/index.yml`) ||
          p === 'content/officers.yml',
      )
    : []; // who the sealed envelope must be addressed to
  const candidates = (subjects: string[]) => (demandId ? subjects.filter((s) => s.startsWith(`${demandId}-A`)) : []);
  // Who filed the enterprise's 对接表, asked while the neighbourhood is read (one round trip, not two).
  const profile = uscc ? entryPath('enterprise', uscc) : undefined;
  const filer =
    profile && paths.includes(profile) && env.ctx.forge.fileAuthor
      ? env.ctx.forge.fileAuthor(profile, env.ctx.branch).catch(() => undefined)
      : Promise.resolve(undefined);
  await reader.read([...related, ...probePaths(env, paths, APPLICATION_ID, candidates)]);
  const existing = await existingSubject(env, reader, paths, APPLICATION_ID, candidates);
  const neighbours = [
    ...(await loadRecords(reader, related)),
    ...(demandId ? await pendingApplications(env, reader, paths, demandId) : []),
  ];
  const catalog = buildCatalog(neighbours.filter((r) => r.issues.length === 0));
  const demand = demandId ? (catalog.demands.get(demandId) ?? catalog.externals.get(demandId)) : undefined;
  const round = demand ? catalog.rounds.get(demand.round) : undefined;
  const refused = gate(env, 'application', existing, round);
  if (refused) return refused;
  const state = existing ? recordedStatus(existing.chain).state : undefined;

  const issues: Issue[] = [];
  if (existing && demandId && !existing.id.startsWith(`${demandId}-A`)) {
    issues.push({
      path: '/demandId',
      keyword: 'intake',
      params: { rule: 'demand-changed' },
      message: `揭榜需求编号：本申请已受理为 ${existing.id}，不能改为其他需求；如需揭其他需求，请另行在线填写一份申请表。`,
      messageEn: `This issue was accepted as ${existing.id}; apply to another demand in a new issue.`,
    });
  }
  if (demandId && state !== 'returned') {
    const window = applicationWindowIssues(demandId, catalog, now);
    if (existing && window.length && !issues.length)
      return final(
        'refused',
        renderRefused('application', existing.id, state!, round, 'deadline'),
        labelsFor('application', state!),
      );
    issues.push(...window);
  }
  const id = existing?.id ?? (demand ? nextApplicationId(demand.id, paths) : undefined);
  if (demand && !id)
    issues.push({
      path: '/demandId',
      keyword: 'intake',
      params: { rule: 'ids-spent' },
      message: '揭榜需求编号：该需求的申请编号已用完，请联系主管部门。',
      messageEn: 'The demand has no application numbers left.',
    });
  const record = { ...(id ? { id } : {}), ...submitted };
  issues.push(
    ...sealedMissing('application', record, [...readIssues, ...validateSubmission('application', record, readIssues)]),
  );
  if (!issues.some((i) => i.path === '/sealed'))
    issues.push(...envelopeIssues('application', record, catalog.officers, now));
  const notes = [sizeDeferredNote(uscc, catalog), await otherAccountNote(env, uscc, catalog, filer)].filter(
    (n): n is string => !!n,
  );
  if (issues.length) return invalid(env, 'application', issues, existing?.id, notes);

  // With the schema met, the cross-record rules: the demand exists, one per enterprise, indicators, profile, size.
  const path = id ? entryPath('application', id) : 'content/applications/pending.yml';
  const loaded = asLoaded('application', path, record);
  const cross = crossIssues(loaded, neighbours);
  if (cross.length || !id) return invalid(env, 'application', cross, existing?.id, notes);
  notes.push(...crossNotes(loaded, neighbours));
  return accept(env, 'application', id, record, path, new TextDecoder().decode(loaded.bytes), existing, round, notes);
}

/**
 * Anyone can apply in a registered enterprise's name (its code and name are public): when
 * the account applying is not the one that filed the enterprise's 对接表, the answer says
 * the bureau will check — for the officer's attention, naming neither account.
 */
async function otherAccountNote(
  env: Env,
  uscc: string | undefined,
  catalog: Catalog,
  filed: Promise<string | undefined>,
): Promise<string | undefined> {
  if (!uscc || !catalog.enterprises.has(uscc)) return undefined;
  const filer = await filed;
  // A bot (a squash merge of the intake's pull request) tells nothing about who filed it.
  if (!filer || /\[bot\]$/i.test(filer) || filer.toLowerCase() === env.ev.author.login.toLowerCase()) return undefined;
  return `${OTHER_ACCOUNT}：提交本申请的账号与登记该企业对接表的账号不同，主管部门将核实申请确由该企业提交（可能需要企业盖章确认）。`;
}

/** The note's opening words, which officers can search for. */
export const OTHER_ACCOUNT = '⚠️ 待核实提交账号';

/**
 * Applications to this demand accepted from other issues and still waiting in their pull
 * requests (their `submit` is on the ledger, the entry on `submission/issue-<n>`): read from
 * those branches, so one enterprise cannot have two applications to one demand pending.
 */
async function pendingApplications(
  env: Env,
  reader: ContentReader,
  paths: readonly string[],
  demandId: string,
): Promise<LoadedRecord[]> {
  const onMain = new Set(paths);
  const subjects = [...ledgerSubjects(paths)].filter(
    (s) => s.startsWith(`${demandId}-A`) && APPLICATION_ID.test(s) && !onMain.has(entryPath('application', s)),
  );
  // Each pending application on its own branch, all at once.
  const pending = await Promise.all(
    subjects.map(async (subject) => {
      const [first] = await loadRecords(reader, decisionFiles(paths, subject).slice(0, 1));
      const source = (first?.data as Decision | undefined)?.source;
      const issue = source?.kind === 'issues' ? Number(source.id.split('.')[0]) : NaN;
      if (!Number.isSafeInteger(issue) || issue === env.ev.number) return undefined;
      const path = entryPath('application', subject);
      const bytes = await env.ctx.forge.readFile(path, submissionBranch(issue)).catch(() => undefined);
      const record = bytes ? recordAt(path, bytes) : undefined;
      return record?.data && record.issues.length === 0 ? record : undefined;
    }),
  );
  return pending.filter((r): r is LoadedRecord => r !== undefined);
}
