/**
 * Whether a subject's decision files still form the chain the pipeline wrote: numbered
 * 0001, 0002, … without gaps, each record valid, naming its subject and position, linked
 * to the previous file by its sha256, and each a legal transition from where the previous
 * one left off. The ledger checks a chain before appending to it; the audit checks all.
 */
import type { LoadedRecord } from '../content/load.ts';
import type { Decision } from '../generated/types.ts';
import { DECISIONS_DIR, decisionPath, sha256 } from './ledger.ts';
import { stateLabel, subjectKindOf, transitionFor, actionLabel, type State } from '../domain/machines.ts';

export interface ChainProblem {
  file: string;
  code: 'missing' | 'invalid' | 'subject' | 'seq' | 'prev' | 'from' | 'transition' | 'time';
  zh: string;
  en: string;
}

export function checkChain(subject: string, files: readonly LoadedRecord[]): ChainProblem | undefined {
  const kind = subjectKindOf(subject);
  let previous: { record: Decision; bytes: Uint8Array } | undefined;
  for (const [i, f] of files.entries()) {
    const expected = decisionPath(subject, i + 1);
    if (f.file !== expected) {
      return {
        file: expected,
        code: 'missing',
        zh: `缺少 ${expected}：台账记录不连续（下一个文件是 ${f.file}），记录可能被删除。`,
        en: `${expected} is missing: the chain has a gap (the next file is ${f.file}); a record may have been deleted.`,
      };
    }
    if (!f.data || f.issues.length) {
      const first = f.issues[0];
      return {
        file: f.file,
        code: 'invalid',
        zh: `记录无效：${first?.message ?? '无法读取'}`,
        en: `The record is invalid: ${first?.messageEn ?? 'unreadable'}`,
      };
    }
    const d = f.data as unknown as Decision;
    if (d.subject !== subject)
      return {
        file: f.file,
        code: 'subject',
        zh: `记录的对象是“${d.subject}”，却位于 ${DECISIONS_DIR}/${subject}/。`,
        en: `The record is about “${d.subject}” but lies in ${DECISIONS_DIR}/${subject}/.`,
      };
    if (d.seq !== i + 1)
      return {
        file: f.file,
        code: 'seq',
        zh: `序号为 ${d.seq}，按文件名应为 ${i + 1}。`,
        en: `Sequence ${d.seq}; the file name says ${i + 1}.`,
      };
    const prev = previous ? sha256(previous.bytes) : null;
    if (d.prev !== prev) {
      return {
        file: f.file,
        code: 'prev',
        zh: `上一条决定的摘要不符（记录为 ${String(d.prev)}，实际为 ${String(prev)}）：上一条记录被改动、删除或调换了顺序。`,
        en: `The previous decision's digest does not match (recorded ${String(d.prev)}, actual ${String(prev)}): the previous record was altered, deleted or reordered.`,
      };
    }
    const from: State = previous?.record.to ?? 'draft';
    if (d.from !== from)
      return {
        file: f.file,
        code: 'from',
        zh: `原状态记为“${stateLabel(d.from)}”，但上一条决定后的状态是“${stateLabel(from)}”。`,
        en: `The from-state is “${stateLabel(d.from, 'en')}” but the chain was at “${stateLabel(from, 'en')}”.`,
      };
    const t = transitionFor(kind, d.action, from);
    if (!t || t.to !== d.to) {
      return {
        file: f.file,
        code: 'transition',
        zh: `非法的状态转换：从“${stateLabel(from)}”不能“${actionLabel(d.action)}”到“${stateLabel(d.to)}”。`,
        en: `Illegal transition: “${actionLabel(d.action, 'en')}” cannot take “${stateLabel(from, 'en')}” to “${stateLabel(d.to, 'en')}”.`,
      };
    }
    if (previous && Date.parse(d.at) < Date.parse(previous.record.at)) {
      return {
        file: f.file,
        code: 'time',
        zh: `决定时间 ${d.at} 早于上一条的 ${previous.record.at}。`,
        en: `The time ${d.at} is before the previous decision's ${previous.record.at}.`,
      };
    }
    previous = { record: d, bytes: f.bytes };
  }
  return undefined;
}
