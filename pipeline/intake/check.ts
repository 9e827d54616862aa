/**
 * The rules a submission meets against the catalogue it joins: a demand arrives while its
 * round calls for demands; an application arrives while its demand is open (published, or
 * catalogued and directed for a non-public one) in the round's 揭榜 phase; and the
 * cross-record rules every content file meets (content/cross-record.ts). Dates are Beijing
 * calendar days (rules/shanghai.ts); statuses come from the ledger (review/status.ts).
 */
import type { Catalog } from '../content/catalog.ts';
import { buildCatalog } from '../content/catalog.ts';
import { crossRecordIssues } from '../content/cross-record.ts';
import type { LoadedRecord } from '../content/load.ts';
import type { Round } from '../generated/types.ts';
import { formatYaml } from '../content/format.ts';
import { computeStatuses } from '../review/status.ts';
import { stateLabel } from '../review/machines.ts';
import { isWithinDates, startOfShanghaiDay, zhDate } from '../rules/shanghai.ts';
import { isReferralRowId, REFERRALS } from '../rules/sme-size.ts';
import { phaseTitle } from '../rules/phases.ts';
import type { Issue } from '../validate/issue.ts';
import { idFromPath } from '../content/kinds.ts';
import type { FormKind } from './form.ts';

const issue = (path: string, rule: string, message: string, messageEn: string, params: Record<string, unknown> = {}): Issue =>
  ({ path, keyword: 'intake', params: { rule, ...params }, message, messageEn });

/** Rounds that validate, newest first. */
export function validRounds(records: readonly LoadedRecord[]): Round[] {
  return records
    .filter((r) => r.kind === 'round' && r.data && r.issues.length === 0)
    .map((r) => r.data as unknown as Round)
    .sort((a, b) => b.year - a.year || b.id.localeCompare(a.id));
}

/** The round calling for demands at `now` (the site's own region first), or why there is none. */
export function openCallRound(rounds: readonly Round[], now: Date, idPrefix?: string): { ok: true; round: Round } | { ok: false; issue: Issue } {
  const open = rounds.filter((r) => isWithinDates(now, r.phases.call));
  const mine = open.filter((r) => !idPrefix || r.id.startsWith(`${idPrefix}-`));
  const round = (mine.length ? mine : open)[0];
  if (round) return { ok: true, round };
  const call = phaseTitle('call').zh;
  const upcoming = [...rounds].filter((r) => startOfShanghaiDay(r.phases.call.start) > now).sort((a, b) => a.phases.call.start.localeCompare(b.phases.call.start))[0];
  const latest = rounds[0];
  const when = upcoming
    ? `${upcoming.id} 批次的${call}期为 ${zhDate(upcoming.phases.call.start)}至${zhDate(upcoming.phases.call.end)}，届时再提交。`
    : latest ? `最近一个批次 ${latest.id} 的${call}期为 ${zhDate(latest.phases.call.start)}至${zhDate(latest.phases.call.end)}，已经结束。` : '目前没有进行中的批次。';
  return { ok: false, issue: issue('', 'call-closed', `现在不在任何批次的${call}期内，不能受理新的发榜需求：${when}`, `No round is calling for demands now.`) };
}

/**
 * Whether an application to `demandId` may arrive at `now`: public demands while
 * published (揭榜中); non-public ones, directed, while catalogued and the round is in its
 * application phase. The directed/public pairing itself is a cross-record rule.
 */
export function applicationWindowIssues(demandId: string, catalog: Catalog, now: Date): Issue[] {
  const demand = catalog.demands.get(demandId);
  if (!demand) return []; // cross-record says the demand does not exist
  const round = catalog.rounds.get(demand.round);
  const status = computeStatuses(catalog, now).demands.get(demandId)?.state ?? 'draft';
  const apply = round?.phases.apply;
  const period = apply ? `（${phaseTitle('apply').zh}期 ${zhDate(apply.start)}至${zhDate(apply.end)}）` : '';
  if (demand.isPublic) {
    if (status === 'published') return [];
    if (status === 'catalogued') {
      return [issue('/demandId', 'not-yet-open', `揭榜需求编号：该需求的揭榜申请尚未开始${period}，请届时再提交。`, 'The demand is not open for applications yet.', { state: status })];
    }
    if (['closed', 'matched', 'in_progress', 'accepted', 'archived'].includes(status)) {
      return [issue('/demandId', 'closed', `揭榜需求编号：该需求的揭榜申请已经截止${period}。`, 'Applications to this demand are closed.', { state: status })];
    }
    return [issue('/demandId', 'not-published', `揭榜需求编号：该需求尚未发布（当前状态“${stateLabel(status)}”），不能揭榜。请对照网站上的需求目录填写编号。`, 'The demand is not published; check the number in the catalogue.', { state: status })];
  }
  if (status === 'catalogued' && apply && isWithinDates(now, apply)) return [];
  return [issue('/demandId', 'directed-closed', `揭榜需求编号：该需求现在不接受定向揭榜申请${period}，请与主管部门联系。`, 'This demand takes no directed applications now; contact the bureau.', { state: status })];
}

/** The submission as the loaded record it will be once written. */
export function asLoaded(kind: FormKind, path: string, record: Record<string, unknown>): LoadedRecord {
  const text = formatYaml(kind, record);
  return { file: path, kind, locationId: idFromPath(path), data: record, bytes: new TextEncoder().encode(text), issues: [] };
}

/**
 * Cross-record issues of the submission among its neighbours (the records the rules look
 * at); a neighbour at the same path (the previous version) is replaced by the submission.
 */
export function crossIssues(submission: LoadedRecord, neighbours: readonly LoadedRecord[]): Issue[] {
  const records = [...neighbours.filter((r) => r.file !== submission.file), submission];
  return crossRecordIssues(records, buildCatalog(records))
    .filter((i) => i.file === submission.file)
    .map(({ file: _file, ...rest }) => rest);
}

/**
 * When the applicant's size cannot be computed here, say so: its figures are sealed, or its
 * industry is one the 2011-300 table does not size (金融业 …), which the bureau decides at 初审.
 */
export function sizeDeferredNote(applicantUscc: unknown, catalog: Catalog): string | undefined {
  const profile = typeof applicantUscc === 'string' ? catalog.enterprises.get(applicantUscc) : undefined;
  if (!profile) return undefined;
  const row = profile.industry?.sizeRow;
  if (isReferralRowId(row)) return REFERRALS[row].zh;
  if (typeof profile.sealed !== 'string' || profile.employees !== undefined) return undefined;
  return '贵企业对接表中的从业人员、营业收入等数据已密封，是否属于中小企业将由主管部门按《中小企业划型标准规定》解密核定（初审时完成）。';
}
