import type { CaseDeadline } from '../../core/legal/case-deadlines.ts'
import type { CaseEconomics } from '../../core/legal/case-economics.ts'
import type { CaseFacts } from '../../core/legal/case-facts.ts'
import type { CaseRow, HearingRow } from '../../store/legal/legal-case.repository.ts'

/** A legal case as callers see it: accounts and debtor by external id, counsel by partner code. */
export interface CaseView {
  readonly id: number
  readonly kind: string
  readonly status: string
  readonly debtor: string
  readonly accounts: readonly string[]
  readonly forum: string | null
  readonly caseNumber: string | null
  readonly parties: { readonly claimant: string; readonly respondent: string }
  readonly counsel: string | null
  readonly currency: string
  /** Minor units: the books' balance at filing, interest by the interest engine to the filing day, costs. */
  readonly claim: {
    readonly principalMinor: number
    readonly interestMinor: number
    readonly costsMinor: number
    readonly totalMinor: number
  }
  readonly costs: {
    readonly courtFeeMinor: number
    readonly counselFeeMinor: number
    /** Recoverable costs were posted to the lead account's ledger (kind fee, component cost). */
    readonly recoverable: boolean
  }
  /** Null while a draft. */
  readonly filedOn: string | null
  readonly facts: CaseFacts
  readonly economics: CaseEconomics & { readonly interestNote: string | null }
  readonly deadlines: readonly CaseDeadline[]
  readonly hearings: readonly HearingRow[]
  readonly tasks: readonly {
    readonly id: number
    readonly dueAt: string
    readonly script: string
    readonly status: string
  }[]
  readonly outcome: {
    readonly outcome: string
    readonly on: string | null
    readonly judgmentMinor: number | null
    readonly settlementMinor: number | null
    readonly postJudgmentRate: string | null
    readonly note: string | null
  } | null
  readonly openedBy: string
  readonly openedAt: string
  readonly closedOn: string | null
  readonly closedBy: string | null
}

/** The view of a stored case with what hangs under it. */
export function caseView(
  row: CaseRow,
  more: {
    accounts: readonly string[]
    hearings: readonly HearingRow[]
    deadlines: readonly CaseDeadline[]
    tasks: CaseView['tasks']
  },
): CaseView {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    debtor: row.debtor,
    accounts: more.accounts,
    forum: row.forum,
    caseNumber: row.caseNumber,
    parties: JSON.parse(row.parties) as CaseView['parties'],
    counsel: row.counsel,
    currency: row.currency,
    claim: {
      principalMinor: row.principalMinor,
      interestMinor: row.interestMinor,
      costsMinor: row.costsMinor,
      totalMinor: row.claimMinor,
    },
    costs: {
      courtFeeMinor: row.courtFeeMinor,
      counselFeeMinor: row.counselFeeMinor,
      recoverable: row.costsRecoverable,
    },
    filedOn: row.filedOn,
    facts: JSON.parse(row.facts) as CaseFacts,
    economics: JSON.parse(row.economics) as CaseView['economics'],
    deadlines: more.deadlines,
    hearings: more.hearings,
    tasks: more.tasks,
    outcome:
      row.outcome === null
        ? null
        : {
            outcome: row.outcome,
            on: row.outcomeOn,
            judgmentMinor: row.judgmentMinor,
            settlementMinor: row.settlementMinor,
            postJudgmentRate: row.postJudgmentRate,
            note: row.outcomeNote,
          },
    openedBy: row.openedBy,
    openedAt: row.createdAt,
    closedOn: row.closedOn,
    closedBy: row.closedBy,
  }
}
