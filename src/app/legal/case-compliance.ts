import type { Transaction } from 'kysely'
import type { ComplianceReason } from '../../core/compliance/compliance-decision.ts'
import type { CollectorType, ComplianceRequest, DebtFacts } from '../../core/compliance/compliance-request.ts'
import { evaluateCompliance, limitationRulesFor } from '../../core/compliance/evaluate-compliance.ts'
import { limitationEndsOn } from '../../core/compliance/limitation.ts'
import {
  type CaseDeadlineInput,
  type CaseGateResult,
  type CaseLimitation,
  caseGate,
} from '../../core/legal/case-deadlines.ts'
import type { CaseFacts } from '../../core/legal/case-facts.ts'
import { type CaseKind, SUIT_KINDS } from '../../core/legal/case-kinds.ts'
import { complianceRequestBase } from '../../engine/build-compliance-request.ts'
import { loadAccountSnapshots } from '../../store/engine/account-snapshot.repository.ts'
import {
  accountsHaveJudgment,
  type CaseAccountFacts,
  caseDisputes,
} from '../../store/legal/legal-case.repository.ts'
import type { Database } from '../../store/schema.ts'
import type { Tenant } from '../../store/tenant.repository.ts'

/** What a case is judged on and its deadlines are computed from; stored with the case. */
export interface StoredCaseFacts extends CaseFacts {
  readonly jurisdiction: string
  readonly debtKind: 'consumer' | 'commercial'
  readonly debtorKind: 'person' | 'business'
  /** The earliest last day to sue over the case's accounts, by the applicable packs; null: none known. */
  readonly limitation: CaseLimitation | null
}

/** The deadline input of a stored case. */
export function deadlineInputOf(
  kind: CaseKind,
  stored: StoredCaseFacts,
  judgmentOn: string | null,
): CaseDeadlineInput {
  const { jurisdiction, debtKind, debtorKind, limitation, ...facts } = stored
  return { kind, jurisdiction, debtKind, debtorKind, limitation, facts, judgmentOn }
}

/** Kinds the compliance packs judge as a `suit`. */
const PACK_JUDGED: readonly CaseKind[] = [
  ...SUIT_KINDS,
  'ni_act_138',
  'insolvency_petition',
  'statutory_demand',
]

/**
 * Kinds the packs judge as a `threat_of_suit`: pre-institution mediation and Lok Adalat are not a suit
 * yet, but they put the threat of one to the debtor. Enforcement is judged by the judgment it enforces
 * (`legal.enforcement-needs-judgment`), not by the packs.
 */
const PACK_JUDGED_AS_THREAT: readonly CaseKind[] = ['pre_institution_mediation', 'lok_adalat']

/** The action the packs judge filing this kind as, if any. */
function packActionOf(kind: CaseKind): 'suit' | 'threat_of_suit' | null {
  if (PACK_JUDGED.includes(kind)) return 'suit'
  return PACK_JUDGED_AS_THREAT.includes(kind) ? 'threat_of_suit' : null
}

/**
 * Judges filing the case on `filedOn`: the compliance packs' verdict on a `suit` (a `threat_of_suit`
 * for mediation and Lok Adalat; none for enforcement, which needs a judgment instead) for each account
 * (dispute pause, time-barred debt, NI Act, pre-action protocol, as each pack carries them, with the
 * case's own facts in place of the account's), and the case gate of core/legal (the rules no pack holds:
 * s.12A mediation, statutory demand and thresholds, any unanswered dispute). Reasons are merged by rule.
 */
export async function judgeCaseFiling(
  trx: Transaction<Database>,
  tenant: Tenant,
  input: {
    kind: CaseKind
    accounts: readonly CaseAccountFacts[]
    facts: CaseFacts
    filedOn: string
    claimMinor: number
    currency: string
  },
): Promise<{ gate: CaseGateResult; stored: StoredCaseFacts; notOpen: readonly string[] }> {
  const lead = input.accounts[0]
  if (!lead) throw new Error('a case without accounts')
  const collector: CollectorType = tenant.kind === 'agency' ? 'third_party' : 'original_creditor'
  const at = `${input.filedOn}T12:00:00Z`
  const packReasons: ComplianceReason[] = []
  const notOpen: string[] = []
  let limitation: CaseLimitation | null = null
  let packEarliest: string | null = null
  let packPermanent = false
  for (const account of input.accounts) {
    const [snapshot] = await loadAccountSnapshots(
      trx,
      { tenantId: tenant.id, firstAccountId: account.id, lastAccountId: account.id },
      input.filedOn,
    )
    if (!snapshot) {
      notOpen.push(account.externalId)
      continue
    }
    const base = complianceRequestBase(snapshot, collector)
    const debts: DebtFacts[] = base.debts.map(({ dishonouredCheque: _, letterOfClaimOn: __, ...debt }) => ({
      ...debt,
      ...(input.kind === 'ni_act_138' && input.facts.cheque ? { dishonouredCheque: input.facts.cheque } : {}),
      ...(input.facts.letterOfClaimOn ? { letterOfClaimOn: input.facts.letterOfClaimOn } : {}),
    }))
    const packAction = packActionOf(input.kind)
    const request: ComplianceRequest = { ...base, debts, action: { kind: packAction ?? 'suit', at } }
    for (const debt of debts) {
      if (debt.accrualOn == null) continue
      for (const rule of limitationRulesFor(request, debt)) {
        const result = limitationEndsOn({
          accrualOn: debt.accrualOn,
          rule,
          events: debt.limitationEvents ?? [],
          exclusions: rule.exclusions,
        })
        if (limitation === null || result.endsOn < limitation.endsOn)
          limitation = { endsOn: result.endsOn, ruleId: result.ruleId, citation: result.citation }
      }
    }
    if (packAction === null) continue
    const verdict = evaluateCompliance(request)
    if (verdict.outcome === 'block') {
      packReasons.push(...verdict.reasons)
      if (verdict.earliestAllowedAt === null) packPermanent = true
      else {
        const day = verdict.earliestAllowedAt.slice(0, 10)
        if (packEarliest === null || day > packEarliest) packEarliest = day
      }
    }
  }
  const stored: StoredCaseFacts = {
    ...input.facts,
    jurisdiction: lead.jurisdiction,
    debtKind: lead.debtKind,
    debtorKind: lead.debtorKind,
    limitation,
  }
  const disputes = await caseDisputes(
    trx,
    input.accounts.map((a) => a.id),
  )
  const own = caseGate({
    ...deadlineInputOf(input.kind, stored, null),
    filedOn: input.filedOn,
    claimMinor: input.claimMinor,
    currency: input.currency,
    disputes,
  })
  // Enforcement enforces a judgment: one of our cases on the accounts ended in one, or the facts name it.
  if (
    input.kind === 'enforcement' &&
    !input.facts.judgmentOn &&
    !(await accountsHaveJudgment(
      trx,
      input.accounts.map((a) => a.id),
    ))
  ) {
    packReasons.unshift({
      ruleId: 'legal.enforcement-needs-judgment',
      citation: 'the judgment, decree or award enforced',
      message: 'enforcement needs a judgment: no case on these accounts ended in one; give facts.judgmentOn',
    })
    packPermanent = true
  }
  const seen = new Set<string>()
  const reasons: ComplianceReason[] = []
  for (const r of [...own.reasons, ...packReasons]) {
    if (seen.has(r.ruleId)) continue
    seen.add(r.ruleId)
    reasons.push(r)
  }
  if (reasons.length === 0) return { gate: own, stored, notOpen }
  const permanent = packPermanent || (own.outcome === 'block' && own.earliestAllowedOn === null)
  const days = [own.earliestAllowedOn, packEarliest].filter((d): d is string => d !== null).sort()
  return {
    gate: {
      outcome: 'block',
      reasons,
      earliestAllowedOn: permanent ? null : (days[days.length - 1] ?? null),
    },
    stored,
    notOpen,
  }
}
