import type { ContactEventChannel, ContactPointKind } from '../channels/channels.ts'
import type { HardshipPause } from '../hardship/hardship.ts'
import type { StrategyState } from '../playbook/account-facts.ts'

/** What a debtor told the collector or what the law records about contacting them. */
export type DebtorRestrictionKind =
  | 'attorney'
  | 'cease'
  | 'employer_prohibits_work_contact'
  | 'medium_opt_out'
  | 'inconvenient_time'
  | 'inconvenient_place'
  | 'direct_consent'

/**
 * Everything the engine reads about one open account to decide its day: loaded for a whole batch of
 * accounts by a handful of set-based queries, then evaluated in memory without further I/O. It lives in
 * the core because both the store (which loads it) and the engine (which decides on it) use it.
 */
export interface AccountSnapshot {
  accountId: number
  externalId: string
  debtorId: number
  /** The debtor's external id: messages name it, never the row id. */
  debtorExternalId: string
  debtorKind: 'person' | 'business'
  clientExternalId: string
  debtKind: 'consumer' | 'commercial'
  jurisdiction: string
  currency: string
  dueOn: string
  chargeOffOn: string | null
  attributes: Record<string, unknown>
  balanceMinor: number
  originalMinor: number
  lastPaymentOn: string | null
  /** The first effective day after the day decided of a ledger line already on file (dated ahead), if any. */
  nextLedgerOn?: string | null
  /** Zones from the debtor's addresses, primary first, then the debtor's stated zone. */
  addressZones: string[]
  statedTimeZone: string | null
  contactPoints: SnapshotContactPoint[]
  restrictions: SnapshotRestriction[]
  contactEvents: SnapshotContactEvent[]
  disputes: SnapshotDispute[]
  promises: SnapshotPromise[]
  /** The account's payment plans, oldest first (cancelled ones left out): the latest sets `planState`. */
  plans: SnapshotPlan[]
  /** Hardship pauses not yet over on the day decided: while one covers it, contacts are held. */
  hardshipPauses: HardshipPause[]
  state: StrategyState | null
  /** The account's current risk score (account_scores), if it was scored. */
  score?: SnapshotScore | null
}

export interface SnapshotScore {
  score: number
  band: 'low' | 'medium' | 'high'
  reasonCodes: string[]
}

export interface SnapshotPlan {
  state: 'active' | 'completed' | 'broken'
  createdOn: string
}

export interface SnapshotContactPoint {
  id: number
  kind: ContactPointKind
  /** The address, number or e-mail as recorded: block reasons name it. */
  value: string
  phoneType: 'mobile' | 'landline' | 'work' | null
  consent: 'unknown' | 'granted' | 'revoked'
  consentAt: string | null
  optedOutAt: string | null
  timeZone: string | null
  /** A hard bounce or an invalid number: never picked again (absent in older fixtures = deliverable). */
  undeliverableAt?: string | null
}

export interface SnapshotRestriction {
  kind: DebtorRestrictionKind
  details: Record<string, unknown>
  effectiveAt: string
}

export interface SnapshotContactEvent {
  contactPointId: number | null
  channel: ContactEventChannel
  direction: 'outbound' | 'inbound'
  result: string
  occurredAt: string
}

export interface SnapshotDispute {
  receivedAt: string
  written: boolean
  amountMinor: number | null
  verificationSentAt: string | null
  resolvedAt: string | null
  resolution: string | null
}

export interface SnapshotPromise {
  amountMinor: number
  dueOn: string
  state: 'open' | 'kept' | 'partially_kept' | 'broken'
}
