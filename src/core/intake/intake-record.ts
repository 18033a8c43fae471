import type { LocalDate } from '../calendar/local-date.ts'
import type { LedgerEntryKind } from '../ledger/ledger-entry.ts'

/**
 * One validated unit of intake, whatever its source (a CSV/XLSX row, the demo generator, the API):
 * a debtor, one account owed by that debtor, and the ledger entries that open it. Everything here is
 * already checked; storage only has to write it idempotently, keyed by the external ids.
 */
export interface IntakeRecord {
  /** Where it came from, for error reports: the source line (1-based, header is line 1). */
  readonly line: number
  readonly debtor: IntakeDebtor
  readonly account: IntakeAccount
  readonly instalments?: readonly { readonly dueOn: LocalDate; readonly amountMinor: number }[]
  /** Each entry's externalId is unique within the account, so re-posting it is a no-op. */
  readonly entries: readonly IntakeLedgerEntry[]
}

export interface IntakeDebtor {
  readonly externalId: string
  readonly kind: 'person' | 'business'
  readonly name: string
  readonly givenName?: string | null
  readonly familyName?: string | null
  readonly preferredLanguage?: string | null
  readonly statedTimeZone?: string | null
  readonly addresses?: readonly IntakeAddress[]
  readonly contacts?: readonly IntakeContact[]
}

export interface IntakeAddress {
  readonly line1?: string | null
  readonly line2?: string | null
  readonly city?: string | null
  readonly region?: string | null
  readonly postalCode?: string | null
  readonly country: string
  readonly timeZone?: string | null
  readonly isPrimary?: boolean
}

export interface IntakeContact {
  readonly kind: 'phone' | 'email' | 'postal'
  readonly phoneType?: 'mobile' | 'landline' | 'work' | null
  readonly value: string
  readonly consent?: 'unknown' | 'granted' | 'revoked'
  readonly consentAt?: string | null
  readonly optedOutAt?: string | null
  readonly timeZone?: string | null
}

export interface IntakeAccount {
  readonly externalId: string
  readonly clientExternalId?: string | null
  readonly clientName?: string | null
  readonly originalCreditor: string
  readonly currentCreditor: string
  readonly debtKind: 'consumer' | 'commercial'
  readonly currency: string
  readonly jurisdiction: string
  readonly openedOn: LocalDate
  readonly dueOn: LocalDate
  readonly chargeOffOn?: LocalDate | null
  readonly status: 'open' | 'paid' | 'settled' | 'written_off' | 'closed'
  readonly attributes?: Readonly<Record<string, unknown>> | null
}

export interface IntakeLedgerEntry {
  readonly kind: LedgerEntryKind
  readonly amountMinor: number
  readonly effectiveOn: LocalDate
  readonly externalId: string
  readonly memo?: string | null
}

/** What writing a batch did, and which records it could not take (by index in the batch). */
export interface IntakeBatchResult {
  debtorsCreated: number
  accountsCreated: number
  accountsExisting: number
  entriesPosted: number
  conflicts: { index: number; field: string; reason: string }[]
}
