/**
 * What a playbook sees of one account on one day, and what it answers. The daily run builds
 * `AccountFacts` from the database (one flat object, no I/O in the playbook); the compiled playbook
 * returns a `PlaybookOutcome` that the run checks against the compliance packs and persists.
 */

import type { Channel } from '../channels/channels.ts'

export type PromiseState = 'none' | 'open' | 'kept' | 'broken'
export type PlanState = 'none' | 'active' | 'completed' | 'broken'
export type DisputeState = 'none' | 'open' | 'resolved_for_debtor' | 'resolved_for_creditor'
/** The account's risk band from its current score (docs/model-card.md): low risk scores highest. */
export type RiskBand = 'low' | 'medium' | 'high'

export interface AccountFacts {
  /** Stable account key used for champion/challenger hashing (tenant-unique). */
  accountKey: string
  /** The run's calendar day in the tenant zone (`YYYY-MM-DD`). */
  asOf: string
  /** Days since the due date: negative before it (pre-due), 0 on it. Aging clamps at 0; playbooks do not. */
  daysPastDue: number
  balanceMinor: number
  originalMinor: number
  currency: string
  debtKind: 'consumer' | 'commercial'
  jurisdiction: string
  /** Client external id, or '' for a creditor's own debts. */
  client: string
  segment: string
  /** The account's current scorecard points (higher: less risk), or null when it has no score. */
  riskScore: number | null
  riskBand: RiskBand | null
  /** The score's reason codes, worst first (empty without a score): the bins that cost the most points. */
  reasonCodes: string[]
  promiseState: PromiseState
  planState: PlanState
  disputeState: DisputeState
  brokenPromises: number
  contactAttempts: number
  rightPartyContacts: number
  /** Days since the debtor last responded (any channel), or null if never. */
  daysSinceLastResponse: number | null
  /** Days until the limitation period ends (negative once time-barred), or null if unknown. */
  daysUntilLimitation: number | null
  /** The debtor has a reachable contact point of each kind (so steps can skip unreachable channels). */
  hasPhone: boolean
  hasEmail: boolean
  hasPostal: boolean
}

/** Where the account stands in its playbook, as persisted between runs. */
export interface StrategyState {
  playbookId: string
  playbookVersion: number
  variant: string
  stage: string
  /** Day the account entered `stage`. */
  stageEnteredOn: string
  /** Index of the next step of `stage` not yet performed. */
  nextStep: number
}

export type ActionTone = 'friendly' | 'firm' | 'final' | 'formal'

export type PlaybookAction =
  | { type: 'send_message'; channel: Channel; template: string; tone: ActionTone }
  | { type: 'create_task'; task: 'call' | 'review' | 'approve_escalation'; note?: string }
  | {
      type: 'produce_document'
      document: 'demand_letter' | 'validation_notice' | 'legal_notice' | 'letter_of_claim'
    }
  | { type: 'apply_charge'; charge: 'fee' | 'interest'; policy: string }
  | { type: 'offer_plan'; maxMonths: number }
  | { type: 'place_with_agency'; agency: string }
  | { type: 'report_to_bureau' }
  | { type: 'pause'; reason: string; days: number }
  | { type: 'recommend_write_off'; reason: string }

/** One action the playbook wants done today, with the step that produced it. */
export interface ProposedPlaybookAction {
  action: PlaybookAction
  stage: string
  /** Index of the step within the stage (idempotency key part). */
  step: number
  /** True when a person must approve before it happens. */
  requiresApproval: boolean
}

/** The playbook's answer for one account on one day. */
export interface PlaybookOutcome {
  /** The state after today's evaluation (equal to the input state when nothing changed). */
  state: StrategyState
  /** True when `state.stage` differs from the input stage (or the account entered the playbook). */
  stageChanged: boolean
  actions: ProposedPlaybookAction[]
  /** Why: conditions that fired, the expected-value figures used, the variant. */
  trace: PlaybookTrace
  /** True when a cycle of stages was cut short today: tomorrow's evaluation may move again. */
  unsettled?: boolean
}

export interface PlaybookTrace {
  segment: string
  variant: string
  fromStage: string | null
  toStage: string
  /** Human-readable lines, e.g. `exit "paid": balanceMinor <= 0`, `enter "soft_2": daysPastDue >= 15`. */
  fired: string[]
  expectedValue?: { recoveryMinor: number; costMinor: number; thresholdMinor: number; passed: boolean }
}
