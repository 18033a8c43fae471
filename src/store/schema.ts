import type { ColumnType, Generated } from 'kysely'

/**
 * Row types of every table. Dates are ISO strings in both databases ("YYYY-MM-DD" for calendar dates,
 * ISO-8601 UTC for instants); amounts are integer minor units held in BIGINT columns.
 */
export interface Database {
  tenants: TenantTable
  clients: ClientTable
  debtors: DebtorTable
  debtor_addresses: DebtorAddressTable
  contact_points: ContactPointTable
  accounts: AccountTable
  account_instalments: AccountInstalmentTable
  ledger_entries: LedgerEntryTable
  journal_events: JournalEventTable
  journal_heads: JournalHeadTable
  import_runs: ImportRunTable
}

type CreatedAt = ColumnType<string, string | undefined, never>

export interface TenantTable {
  id: Generated<number>
  slug: string
  name: string
  /** 'creditor' collects its own debts; 'agency' collects for clients. */
  kind: 'creditor' | 'agency'
  /** IANA zone in which days past due are counted. */
  time_zone: string
  default_currency: string
  created_at: CreatedAt
}

export interface ClientTable {
  id: Generated<number>
  tenant_id: number
  external_id: string
  name: string
  created_at: CreatedAt
}

export interface DebtorTable {
  id: Generated<number>
  tenant_id: number
  external_id: string
  kind: 'person' | 'business'
  /** Full name for a person, legal name for a business. */
  name: string
  given_name: string | null
  family_name: string | null
  preferred_language: string | null
  /** Zone the debtor declared, if any; other evidence lives on addresses and contact points. */
  stated_time_zone: string | null
  created_at: CreatedAt
}

export interface DebtorAddressTable {
  id: Generated<number>
  tenant_id: number
  debtor_id: number
  line1: string | null
  line2: string | null
  city: string | null
  region: string | null
  postal_code: string | null
  country: string
  /** Zone inferred from country/region/postal code: time-zone evidence. */
  time_zone: string | null
  is_primary: number
}

export type ContactKind = 'phone' | 'email' | 'postal'
export type PhoneType = 'mobile' | 'landline' | 'work'
export type ConsentState = 'unknown' | 'granted' | 'revoked'

export interface ContactPointTable {
  id: Generated<number>
  tenant_id: number
  debtor_id: number
  kind: ContactKind
  phone_type: PhoneType | null
  /** E.164 phone, email address, or a reference to a debtor_addresses row for postal. */
  value: string
  address_id: number | null
  consent: ConsentState
  consent_at: string | null
  opted_out_at: string | null
  /** Zone inferred from the phone's area code: time-zone evidence. */
  time_zone: string | null
}

export type DebtKind = 'consumer' | 'commercial'
export type AccountStatus = 'open' | 'paid' | 'settled' | 'written_off' | 'closed'

export interface AccountTable {
  id: Generated<number>
  tenant_id: number
  client_id: number | null
  debtor_id: number
  external_id: string
  original_creditor: string
  current_creditor: string
  debt_kind: DebtKind
  currency: string
  /** ISO 3166 country, with a subdivision where the rules differ ("US-CA", "IN", "GB", "DE", "AE"). */
  jurisdiction: string
  opened_on: string
  /** Delinquency anchor: the due date, or the oldest unpaid instalment's due date. */
  due_on: string
  charge_off_on: string | null
  status: AccountStatus
  /** Source-specific facts kept as JSON text (e.g. the IBM sample's disputed and paperless flags). */
  attributes: string | null
  /** The import run that created the account, if an import did. */
  import_run_id: number | null
  created_at: CreatedAt
}

export interface AccountInstalmentTable {
  id: Generated<number>
  account_id: number
  seq: number
  due_on: string
  amount_minor: number
}

export interface LedgerEntryTable {
  id: Generated<number>
  tenant_id: number
  account_id: number
  kind: 'charge' | 'payment' | 'fee' | 'interest' | 'adjustment' | 'write_off' | 'reversal'
  /** Signed: positive increases what is owed. */
  amount_minor: number
  /** Value date: the calendar day the entry counts from. */
  effective_on: string
  posted_at: string
  /** Idempotency key from the source (unique per account). */
  external_id: string | null
  reverses_id: number | null
  memo: string | null
}

export interface JournalEventTable {
  id: Generated<number>
  tenant_id: number
  seq: number
  type: string
  actor: string
  occurred_at: string
  subject: string | null
  payload: string
  prev_hash: string
  hash: string
}

export interface JournalHeadTable {
  tenant_id: number
  seq: number
  hash: string
}

export interface ImportRunTable {
  id: Generated<number>
  tenant_id: number
  file_name: string
  file_sha256: string
  mapping: string
  status: 'running' | 'completed' | 'failed'
  started_at: string
  finished_at: string | null
  /** Counts (read, imported, existing, rejected...) as JSON text. */
  counts: string | null
}
