/**
 * The rules a submission meets against the catalogue it joins: a demand arrives while its
 * round calls for demands; an application arrives while its demand is open (published, or
 * catalogued and directed for a non-public one) in the round's 揭榜 phase; and the
 * cross-record rules every content file meets (content/cross-record.ts). Dates are Beijing
 * calendar days (rules/shanghai.ts); statuses come from the ledger (review/status.ts).
 */
import type { Catalog } from '../content/catalog.ts';
import { buildCatalog } from '../content/catalog.ts';
import {
  crossRecordIssues,
  crossRecordWarnings,
  indexCatalog,
  NOT_IN_CATALOGUE,
  publicAnswerIssues,
} from '../content/cross-record.ts';
import type { LoadedRecord } from '../content/load.ts';
import type { External, Round } from '../generated/types.ts';
import { formatYaml } from '../content/format.ts';
import { computeStatuses, externalStatus } from '../review/status.ts';
import { stateLabel } from '../domain/machines.ts';
import { isWithinDates, startOfShanghaiDay, zhDate } from '../rules/shanghai.ts';
import { isReferralRowId, REFERRALS } from '../rules/sme-size.ts';
import { phaseTitle } from '../rules/phases.ts';
import type { Issue } from '../domain/issue.ts';
import { idFromPath } from '../domain/kinds.ts';
import type { FormKind } from '../forms/form.ts';
import { byCodeUnits } from '../domain/order.ts';

const issue = (
  path: string,
  rule: string,
  message: string,
  messageEn: string,
  params: Record<string, unknown> = {},
): Issue => ({ path, keyword: 'intake', params: { rule, ...params }, message, messageEn });

/** Rounds that validate, newest first. */
export function validRounds(records: readonly LoadedRecord[]): Round[] {
  return records
    .filter((r) => r.kind === 'round' && r.data && r.issues.length === 0)
    .map((r) => r.data as unknown as Round)
    .sort((a, b) => b.year - a.year || byCodeUnits(b.id, a.id));
}

/** The round calling for demands at `now` (the site's own region first), or why there is none. */
export function openCallRound(
  rounds: readonly Round[],
  now: Date,
  idPrefix?: string,
): { ok: true; round: Round } | { ok: false; issue: Issue } {
  const open = rounds.filter((r) => isWithinDates(now, r.phases.call));
  const mine = open.filter((r) => !idPrefix || r.id.startsWith(`${idPrefix}-`));
  const round = (mine.length ? mine : open)[0];
  if (round) return { ok: true, round };
  const call = phaseTitle('call').zh;
  const upcoming = [...rounds]
    .filter((r) => startOfShanghaiDay(r.phases.call.start) > now)
    .sort((a, b) => byCodeUnits(a.phases.call.start, b.phases.call.start))[0];
  const latest = rounds[0];
  // A deadline with a time of day is said as the notice says it: 「2023-04-27 17:00前」.
  const until = (r: Round) =>
    `${zhDate(r.phases.call.end)}${r.phases.call.endTime ? ` ${r.phases.call.endTime}前` : ''}`;
  const when = upcoming
    ? `${upcoming.id} 批次的${call}期为 ${zhDate(upcoming.phases.call.start)}至${until(upcoming)}，届时再提交。`
    : latest
      ? `最近一个批次 ${latest.id} 的${call}期为 ${zhDate(latest.phases.call.start)}至${until(latest)}，已经结束。`
      : '目前没有进行中的批次。';
  return {
    ok: false,
    issue: issue(
      '',
      'call-closed',
      `现在不在任何批次的${call}期内，不能受理新的发榜需求：${when}`,
      `No round is calling for demands now.`,
    ),
  };
}

/**
 * Whether an application to `demandId` may arrive at `now`: public demands while
 * published (揭榜中); non-public ones, directed, while catalogued and the round is in its
 * application phase. The directed/public pairing itself is a cross-record rule.
 */
export function applicationWindowIssues(demandId: string, catalog: Catalog, now: Date): Issue[] {
  const entry = catalog.externals.get(demandId);
  if (entry) return externalWindowIssues(entry, catalog, now);
  const demand = catalog.demands.get(demandId);
  if (!demand) return []; // cross-record says the demand does not exist
  const round = catalog.rounds.get(demand.round);
  const status = computeStatuses(catalog, now).demands.get(demandId)?.state ?? 'draft';
  const apply = round?.phases.apply;
  const period = apply ? `（${phaseTitle('apply').zh}期 ${zhDate(apply.start)}至${zhDate(apply.end)}）` : '';
  if (demand.isPublic) {
    if (status === 'published') return [];
    if (status === 'catalogued') {
      return [
        issue(
          '/demandId',
          'not-yet-open',
          `揭榜需求编号：该需求的揭榜申请尚未开始${period}，请届时再提交。`,
          'The demand is not open for applications yet.',
          { state: status },
        ),
      ];
    }
    if (['closed', 'matched', 'unmatched', 'in_progress', 'accepted', 'archived'].includes(status)) {
      return [
        issue(
          '/demandId',
          'closed',
          `揭榜需求编号：该需求的揭榜申请已经截止${period}。`,
          'Applications to this demand are closed.',
          { state: status },
        ),
      ];
    }
    // Not yet catalogued: its state (under review, returned, rejected) is not public, nor is its existence.
    return [notInCatalogue(demandId, 'not-published')];
  }
  if (status === 'catalogued' && apply && isWithinDates(now, apply)) return [];
  // A non-public demand's state is not public either: the same answer as for an id that does not exist.
  return [notInCatalogue(demandId, 'directed-closed')];
}

/** The one answer for a demand that is not (or not yet) in the public catalogue, whatever the reason. */
function notInCatalogue(demandId: string, rule: string): Issue {
  const m = NOT_IN_CATALOGUE(demandId);
  return issue('/demandId', rule, m.zh, m.en);
}

/** An entry of the national catalogue takes applications while its round's application phase is open and it is not withdrawn. */
function externalWindowIssues(entry: External, catalog: Catalog, now: Date): Issue[] {
  const round = catalog.rounds.get(entry.round);
  const status = externalStatus(entry, round, now).state;
  const apply = round?.phases.apply;
  const period = apply ? `（${phaseTitle('apply').zh}期 ${apply.start} 至 ${apply.end}）` : '';
  if (status === 'published') return [];
  if (entry.withdrawn)
    return [
      issue(
        '/demandId',
        'withdrawn',
        `揭榜需求编号：该需求已撤出全国需求目录，不能揭榜。`,
        'The demand has been withdrawn from the national catalogue.',
        { state: status },
      ),
    ];
  if (status === 'catalogued')
    return [
      issue(
        '/demandId',
        'not-yet-open',
        `揭榜需求编号：本地区对全国目录需求的揭榜申请尚未开始${period}，请届时再提交。`,
        'Applications are not open yet.',
        { state: status },
      ),
    ];
  return [
    issue(
      '/demandId',
      'closed',
      `揭榜需求编号：本地区对全国目录需求的揭榜申请已经截止${period}。`,
      'Applications are closed.',
      { state: status },
    ),
  ];
}

/** The submission as the loaded record it will be once written. */
export function asLoaded(kind: FormKind, path: string, record: Record<string, unknown>): LoadedRecord {
  const text = formatYaml(kind, record);
  return {
    file: path,
    kind,
    locationId: idFromPath(path),
    data: record,
    bytes: new TextEncoder().encode(text),
    issues: [],
  };
}

/**
 * Cross-record issues of the submission among its neighbours (the records the rules look
 * at); a neighbour at the same path (the previous version) is replaced by the submission.
 */
export function crossIssues(submission: LoadedRecord, neighbours: readonly LoadedRecord[]): Issue[] {
  const records = [...neighbours.filter((r) => r.file !== submission.file), submission];
  // The answer is public: rules resting on another record's restricted fields wait for the officer.
  // A submission not yet given an id (its demand is unknown) has no location to agree with.
  const unnumbered = submission.data?.id === undefined;
  return publicAnswerIssues(
    crossRecordIssues(records, buildCatalog(records)).filter(
      (i) => i.file === submission.file && !(unnumbered && i.params.rule === 'location'),
    ),
  ).map(({ file: _file, restrictedBasis: _r, ...rest }) => rest);
}

/** What the officer should check about the submission (cross-record warnings), as notes. */
export function crossNotes(submission: LoadedRecord, neighbours: readonly LoadedRecord[]): string[] {
  const records = [...neighbours.filter((r) => r.file !== submission.file), submission];
  return crossRecordWarnings(indexCatalog(buildCatalog(records.filter((r) => r.issues.length === 0))))
    .filter((i) => i.file === submission.file)
    .map((i) => i.message);
}

/**
 * The size of a registered applicant is judged from restricted figures, so a public answer
 * never states it (large or not): every application with a profile on file gets this note,
 * and the officer's check (initial review) applies the rule. An industry the 2011-300 table
 * does not size (金融业 …; the industry is public) is named as referred to the bureau instead.
 */
export function sizeDeferredNote(applicantUscc: unknown, catalog: Catalog): string | undefined {
  const profile = typeof applicantUscc === 'string' ? catalog.enterprises.get(applicantUscc) : undefined;
  if (!profile) return undefined;
  const row = profile.industry?.sizeRow;
  if (isReferralRowId(row)) return REFERRALS[row].zh;
  return '是否属于中小企业，由主管部门按《中小企业划型标准规定》根据贵企业对接表中的从业人员、营业收入等数据核定（初审时完成，结果不在公开回复中说明）。';
}
