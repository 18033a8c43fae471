/**
 * A legal case's caption on its evidence pack (docs/legal-cases.md, "Evidence pack"): the parties as the
 * title, then the kind and case number, the forum, the claim and the filing day. Pure.
 */
import type { EvidenceHeader } from '../evidence/evidence-model.ts'
import { formatAmount } from '../money/money.ts'
import { type CaseKind, isCaseKind } from './case-kinds.ts'

/** How each kind reads on a caption. */
export const CASE_KIND_LABELS: Record<CaseKind, string> = {
  recovery_suit: 'Recovery suit',
  summary_suit: 'Summary suit (CPC Order XXXVII)',
  ni_act_138: 'Complaint under s.138 Negotiable Instruments Act 1881',
  arbitration: 'Arbitration',
  pre_institution_mediation: 'Pre-institution mediation (Commercial Courts Act 2015 s.12A)',
  lok_adalat: 'Lok Adalat',
  small_claims: 'Small claim',
  uk_money_claim: 'County Court money claim',
  insolvency_petition: 'Insolvency petition',
  statutory_demand: 'Statutory demand',
  enforcement: 'Enforcement',
}

/** What the caption reads from a case. */
export interface CaptionFacts {
  readonly id: number
  readonly kind: string
  readonly status: string
  readonly caseNumber: string | null
  readonly forum: string | null
  readonly parties: { readonly claimant: string; readonly respondent: string }
  readonly currency: string
  readonly claimTotalMinor: number
  readonly filedOn: string | null
}

export function caseCaption(facts: CaptionFacts): EvidenceHeader {
  const number = facts.caseNumber === null ? `case ${facts.id} (no court number yet)` : facts.caseNumber
  const kind = isCaseKind(facts.kind) ? CASE_KIND_LABELS[facts.kind] : facts.kind
  const lines = [`${kind}: ${number}`]
  if (facts.forum !== null) lines.push(facts.forum)
  lines.push(
    `Claim ${formatAmount(facts.claimTotalMinor, facts.currency)} ${facts.currency}; ` +
      (facts.filedOn === null
        ? `not yet filed (${facts.status})`
        : `filed ${facts.filedOn} (${facts.status})`),
  )
  return { title: `${facts.parties.claimant} v. ${facts.parties.respondent}`, lines }
}
