/**
 * The playbook document as written by a person (JSON or YAML) and checked by
 * `src/playbook/playbook.schema.json` plus `validate-playbook.ts`. It is data only; `compile-playbook.ts`
 * turns it into plain functions once. See docs/playbooks.md for the semantics.
 */
import type {
  AccountFacts,
  DisputeState,
  PlanState,
  PlaybookAction,
  PromiseState,
  RiskBand,
} from './account-facts.ts'

/** An AccountFacts field a condition may test (the account key and run date are not strategy inputs). */
export type ConditionFact = Exclude<keyof AccountFacts, 'accountKey' | 'asOf'>

/** A scalar a condition compares a fact with. */
export type FactValue = string | number | boolean

/**
 * What values a fact holds: a JSON type, the closed list of its values, or a list of strings (tested
 * by membership: `eq` contains, `ne` does not contain, `in` contains any of).
 */
export type FactKind = 'number' | 'string' | 'boolean' | 'string list' | readonly string[]

const PROMISE_STATES: readonly PromiseState[] = ['none', 'open', 'kept', 'broken']
const PLAN_STATES: readonly PlanState[] = ['none', 'active', 'completed', 'broken']
const RISK_BANDS: readonly RiskBand[] = ['low', 'medium', 'high']
const DISPUTE_STATES: readonly DisputeState[] = [
  'none',
  'open',
  'resolved_for_debtor',
  'resolved_for_creditor',
]

/**
 * Every fact a condition may name, with its kind. `satisfies Record<ConditionFact, …>` makes a new
 * AccountFacts field a type error here until it is listed, so load-time checks never go stale.
 */
export const CONDITION_FACTS = {
  daysPastDue: 'number',
  balanceMinor: 'number',
  originalMinor: 'number',
  currency: 'string',
  debtKind: ['consumer', 'commercial'],
  jurisdiction: 'string',
  client: 'string',
  segment: 'string',
  riskScore: 'number',
  riskBand: RISK_BANDS,
  reasonCodes: 'string list',
  promiseState: PROMISE_STATES,
  planState: PLAN_STATES,
  disputeState: DISPUTE_STATES,
  brokenPromises: 'number',
  contactAttempts: 'number',
  rightPartyContacts: 'number',
  daysSinceLastResponse: 'number',
  daysUntilLimitation: 'number',
  hasPhone: 'boolean',
  hasEmail: 'boolean',
  hasPostal: 'boolean',
} as const satisfies Record<ConditionFact, FactKind>

/** Facts that may be null (unknown); only `eq: null` / `ne: null` test them for that. */
export const NULLABLE_FACTS: ReadonlySet<ConditionFact> = new Set<ConditionFact>([
  'riskScore',
  'riskBand',
  'daysSinceLastResponse',
  'daysUntilLimitation',
])

/** The comparison operators of a fact condition, with the text used in decision traces. */
export const CONDITION_OPS = { eq: '=', ne: '!=', gt: '>', gte: '>=', lt: '<', lte: '<=', in: 'in' } as const

/** One comparison operator. */
export type ConditionOp = keyof typeof CONDITION_OPS

/** `{ fact, <op>: value }` with exactly one operator. */
export interface FactCondition {
  fact: ConditionFact
  eq?: FactValue | null
  ne?: FactValue | null
  gt?: number
  gte?: number
  lt?: number
  lte?: number
  in?: FactValue[]
}

/** A boolean expression over AccountFacts. */
export type Condition = { all: Condition[] } | { any: Condition[] } | { not: Condition } | FactCondition

/** A champion/challenger arm: its share of the segment, in percent (two decimals at most). */
export interface VariantSpec {
  name: string
  percent: number
}

/** A slice of the portfolio; the first segment whose `when` holds wins. */
export interface SegmentSpec {
  name: string
  when?: Condition
  variants?: VariantSpec[]
}

/** A move out of a stage when `when` holds, checked in order before any forward advance. */
export interface ExitSpec {
  when: Condition
  to: string
  label?: string
}

/** An action `afterDays` days after entering the stage, optionally only when `when` holds / for some variants. */
export interface StepSpec {
  afterDays: number
  action: PlaybookAction
  when?: Condition
  variants?: string[]
  requiresApproval?: boolean
}

/** Expected-value gate on entering a stage: floor(balance × recoveryRate) − cost must reach minNet. */
export interface EscalationSpec {
  recoveryRate: number
  costMinor: number
  minNetMinor: number
}

/** One stage of the strategy. */
export interface StageSpec {
  key: string
  description?: string
  /** Forward advance may enter this stage when it holds; without it the stage is reached only by exits. */
  entry?: Condition
  /** Advance never jumps past this stage, and stays in it at least one run. */
  required?: boolean
  /** Days the account stays in the stage before it may advance (exits still fire at once). */
  minDays?: number
  exits?: ExitSpec[]
  steps: StepSpec[]
  escalation?: EscalationSpec
}

/** A whole playbook document. */
export interface PlaybookDocument {
  id: string
  version: number
  description?: string
  appliesTo?: Condition
  segments?: SegmentSpec[]
  stages: StageSpec[]
}

/** The variant name of a segment that declares no variants. */
export const DEFAULT_VARIANT = 'default'

/** The segment name when a playbook declares no segment that matches. */
export const DEFAULT_SEGMENT = 'all'

/** Action types that wait for a person unless the step says `requiresApproval: false`. */
export const APPROVAL_BY_DEFAULT: ReadonlySet<PlaybookAction['type']> = new Set<PlaybookAction['type']>([
  'place_with_agency',
  'report_to_bureau',
  'recommend_write_off',
])
