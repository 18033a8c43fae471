/**
 * What the platform holds about a tenant's accounts, as plain data, for computing features as of any
 * day: accounts, ledger entries by value date, promises, plans, disputes and contact events. Nothing
 * here comes from an import's own columns (account or debtor attributes are never loaded), so the
 * features are the same for every tenant, and no protected attribute can reach a model.
 */

export interface HistoryAccount {
  id: number
  externalId: string
  debtorId: number
  debtKind: 'consumer' | 'commercial'
  /** ISO 4217: reports sum money per currency, never across currencies. */
  currency: string
  status: string
  openedOn: string
  dueOn: string
}

export interface HistoryEntry {
  accountId: number
  kind: string
  /** Signed integer minor units: positive increases what is owed. */
  amountMinor: number
  effectiveOn: string
}

export interface HistoryPromise {
  accountId: number
  /** The day it was taken (the creditor's zone); falls back to the creation day. */
  takenOn: string
  dueOn: string
  state: 'open' | 'kept' | 'partially_kept' | 'broken'
}

export interface HistoryPlan {
  accountId: number
  createdOn: string
  status: 'active' | 'completed' | 'broken' | 'cancelled'
  brokenOn: string | null
}

export interface HistoryDispute {
  accountId: number
  receivedOn: string
  resolvedOn: string | null
}

export interface HistoryContact {
  accountId: number
  occurredOn: string
  direction: 'outbound' | 'inbound'
  result: string
}

/** A tenant's history; entries need no particular order. */
export interface ScoringHistory {
  accounts: HistoryAccount[]
  entries: HistoryEntry[]
  promises: HistoryPromise[]
  plans: HistoryPlan[]
  disputes: HistoryDispute[]
  contacts: HistoryContact[]
}

/**
 * Attributes that are never features, whatever an import carries (equal-credit and anti-discrimination
 * law: ECOA/Regulation B, the Equality Act 2010, the GDPR's special categories). Features are computed
 * from the books only; this list exists so a test and the docs can name what is excluded.
 */
export const PROTECTED_ATTRIBUTES = [
  'sex',
  'gender',
  'age',
  'date_of_birth',
  'marital_status',
  'race',
  'ethnicity',
  'religion',
  'national_origin',
  'nationality',
  'disability',
] as const
