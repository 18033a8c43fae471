import type { ComplianceResult } from '../compliance/compliance-request.ts'
import type { PlaybookOutcome, ProposedPlaybookAction, StrategyState } from '../playbook/account-facts.ts'
import type { CompiledPlaybook } from '../playbook/compile-playbook.ts'

/**
 * What the engine decided for one account, as the store persists it. Here, below both, because the
 * engine produces it and the store writes it: the store never imports the engine.
 */
export interface AccountDecision {
  accountId: number
  playbook: CompiledPlaybook
  previous: StrategyState | null
  outcome: PlaybookOutcome
  /** The persisted state must be written (stage, step or variant moved). */
  stateChanged: boolean
  /** A decision row is worth recording (stage move or actions). */
  recordDecision: boolean
  actions: ScheduledAction[]
}

/**
 * An account the engine could not decide (bad data such as a due date in year 9999, or a defect): it is
 * recorded with the reason, counted in the run summary, and the run goes on with the other accounts.
 */
export interface DecisionError {
  accountId: number
  /** The account's external id, for the run summary. */
  externalId: string
  previous: StrategyState | null
  reason: string
}

export type ScheduledStatus = 'pending' | 'awaiting_approval' | 'blocked'

/** One action as it goes into the outbox. */
export interface ScheduledAction {
  idempotencyKey: string
  proposed: ProposedPlaybookAction
  channel: string | null
  contactPointId: number | null
  status: ScheduledStatus
  scheduledAt: string | null
  compliance: ActionCompliance
}

/** The compliance verdict recorded with an action (null `result` for internal actions such as tasks). */
export interface ActionCompliance {
  proposedAt: string
  outcome: 'allow' | 'deferred' | 'block' | 'not_applicable'
  reasons: ComplianceResult['reasons']
  packs: ComplianceResult['packs']
}
