/**
 * Legal case kinds, statuses and outcomes (docs/legal-cases.md). Pure: the migration's CHECKs, the
 * HTTP schemas and the use cases read these lists.
 */

export const CASE_KINDS = [
  'recovery_suit',
  'summary_suit',
  'ni_act_138',
  'arbitration',
  'pre_institution_mediation',
  'lok_adalat',
  'small_claims',
  'uk_money_claim',
  'insolvency_petition',
  'statutory_demand',
  'enforcement',
] as const
export type CaseKind = (typeof CASE_KINDS)[number]

export const CASE_STATUSES = [
  'draft',
  'open',
  'judgment',
  'settled',
  'withdrawn',
  'dismissed',
  'closed',
] as const
export type CaseStatus = (typeof CASE_STATUSES)[number]

/** How a case ends (or, for a judgment, moves on to enforcement). */
export const CASE_OUTCOMES = ['judgment', 'settlement', 'withdrawal', 'dismissal'] as const
export type CaseOutcome = (typeof CASE_OUTCOMES)[number]

/** What closing a case asks for: an outcome, or `closed` after a judgment (enforcement finished). */
export const CLOSE_OUTCOMES = [...CASE_OUTCOMES, 'closed'] as const
export type CloseOutcome = (typeof CLOSE_OUTCOMES)[number]

/** The status an outcome leaves the case in. */
export const STATUS_OF_OUTCOME: Record<CloseOutcome, CaseStatus> = {
  judgment: 'judgment',
  settlement: 'settled',
  withdrawal: 'withdrawn',
  dismissal: 'dismissed',
  closed: 'closed',
}

/** Statuses in which the case holds its accounts from the playbook's outreach. */
export const HOLDING_STATUSES: readonly CaseStatus[] = ['open', 'judgment']

/** Kinds that are a claim for the money in a court or tribunal: limitation and pre-action rules bind them. */
export const SUIT_KINDS: readonly CaseKind[] = [
  'recovery_suit',
  'summary_suit',
  'arbitration',
  'small_claims',
  'uk_money_claim',
]

export function isCaseKind(value: string): value is CaseKind {
  return (CASE_KINDS as readonly string[]).includes(value)
}

export function isCloseOutcome(value: string): value is CloseOutcome {
  return (CLOSE_OUTCOMES as readonly string[]).includes(value)
}
