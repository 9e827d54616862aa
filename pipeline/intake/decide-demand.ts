/**
 * A 需求表 (demand) from an issue: the round whose call is open (or the one the demand was
 * accepted in), the next demand id in it, the schema and the programme's rules, the
 * cross-record rules against the rounds; a new or resubmitted demand gets its `submit`.
 */
import type { Issue } from '../domain/issue.ts';
import { DEMAND_ID } from '../domain/ids.ts';
import { validateSubmission } from '../forms/validate-submission.ts';
import { recordedStatus } from '../review/status.ts';
import { issuerSizeWarning, type IssuerFigures } from '../rules/issuer-size.ts';
import { isWithinDates } from '../rules/shanghai.ts';
import { asLoaded, crossIssues, openCallRound, validRounds } from './check.ts';
import { renderRefused } from './comment.ts';
import { entryPath, loadRecords, type ContentReader } from './content.ts';
import { nextDemandId } from './ids.ts';
import {
  accept,
  existingSubject,
  final,
  gate,
  invalid,
  labelsFor,
  probePaths,
  ROUNDS,
  type Decided,
  type Env,
} from './issue-decision.ts';

export async function decideDemand(
  env: Env,
  submitted: Record<string, unknown>,
  readIssues: Issue[],
  reader: ContentReader,
): Promise<Decided> {
  const paths = await reader.paths();
  const roundFiles = paths.filter((p) => ROUNDS.test(p));
  const rounds = validRounds(await loadRecords(reader, roundFiles));
  const now = env.ctx.now;
  const open = openCallRound(rounds, now, env.site?.idPrefix);
  const candidates = (subjects: string[]) => (open.ok ? subjects.filter((s) => s.startsWith(`${open.round.id}-`)) : []);
  await reader.read(probePaths(env, paths, DEMAND_ID, candidates));
  const existing = await existingSubject(env, reader, paths, DEMAND_ID, candidates);
  const round = existing ? rounds.find((r) => existing.id.startsWith(`${r.id}-`)) : open.ok ? open.round : undefined;
  const refused = gate(env, 'demand', existing, round);
  if (refused) return refused;
  const state = existing ? recordedStatus(existing.chain).state : undefined;

  const issues: Issue[] = [];
  // New submissions, and edits before anyone acted, need the call to be open; a return invites a fix at any time.
  if (state !== 'returned' && !(round && isWithinDates(now, round.phases.call))) {
    if (existing)
      return final(
        'refused',
        renderRefused('demand', existing.id, state!, round, 'deadline'),
        labelsFor('demand', state!),
      );
    if (!open.ok) issues.push(open.issue);
  }
  const id = existing?.id ?? (round && !issues.length ? nextDemandId(round.id, paths) : undefined);
  if (round && !id && !issues.length)
    issues.push({
      path: '',
      keyword: 'intake',
      params: { rule: 'ids-spent' },
      message: `批次 ${round.id} 的需求编号已用完，请联系主管部门。`,
      messageEn: 'The round has no demand numbers left.',
    });
  const record = { ...(id ? { id } : {}), ...(round ? { round: round.id } : {}), ...submitted };
  issues.push(...readIssues, ...validateSubmission('demand', record, readIssues));
  if (issues.length || !id) return invalid(env, 'demand', issues, existing?.id);

  const path = entryPath('demand', id);
  const loaded = asLoaded('demand', path, record);
  const cross = crossIssues(loaded, await loadRecords(reader, roundFiles));
  if (cross.length) return invalid(env, 'demand', cross, existing?.id);
  const warning = issuerSizeWarning(submitted.issuer as IssuerFigures | undefined);
  return accept(
    env,
    'demand',
    id,
    record,
    path,
    new TextDecoder().decode(loaded.bytes),
    existing,
    round,
    warning ? [warning.zh] : [],
  );
}
