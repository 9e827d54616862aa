/**
 * Records about a non-public demand (XM-2026-007) as the unit tests of the privacy rule,
 * sealing and the ledger's answers use them: a directed application, and an officer's act on
 * one, with a reason and the ledger's restricted fields.
 */
export const DIRECTED_APPLICATION = {
  id: 'XM-2026-007-A03',
  demandId: 'XM-2026-007',
  applicant: { uscc: '91350200MA00000000', name: '厦门示例科技有限公司' },
  directed: true,
  chapters: { declaration: true, understanding: '对该不公开需求的理解' },
  indicatorResponses: [{ indicator: '耐温', committedValue: '1200℃' }],
};

export const ACT_ON_WITHHELD = {
  subject: 'XM-2026-007-A01',
  seq: 3,
  action: 'reject',
  from: 'bureau_passed',
  to: 'bureau_rejected',
  actor: { login: 'xm-gxj-chenyh', role: 'bureau' },
  at: '2026-09-10T10:00:00+08:00',
  reason: '方案与耐温指标不符',
  scores: { team: 1, rd: 2, plan: 3, match: 4 },
  revision: 'a'.repeat(64),
  prev: 'b'.repeat(64),
  source: { kind: 'cli', id: 'x' },
};
