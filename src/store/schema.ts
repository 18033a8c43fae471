import type { ColumnType, Generated } from 'kysely'
import type { Role } from '../core/auth/permissions.ts'
import type { ContactEventChannel } from '../core/channels/channels.ts'
import type { DebtorRestrictionKind } from '../core/engine/account-snapshot.ts'

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
  strategy_states: StrategyStateTable
  decision_schedule: DecisionScheduleTable
  runs: RunTable
  run_batches: RunBatchTable
  decisions: DecisionTable
  outbox: OutboxTable
  contact_events: ContactEventTable
  debtor_restrictions: DebtorRestrictionTable
  disputes: DisputeTable
  promises: PromiseTable
  payments: PaymentTable
  bank_statements: BankStatementTable
  unmatched_credits: UnmatchedCreditTable
  payment_plans: PaymentPlanTable
  plan_instalments: PlanInstalmentTable
  settlements: SettlementTable
  hardship_pauses: HardshipPauseTable
  users: UserTable
  user_clients: UserClientTable
  sessions: SessionTable
  api_keys: ApiKeyTable
  webhook_endpoints: WebhookEndpointTable
  webhook_deliveries: WebhookDeliveryTable
  idempotency_keys: IdempotencyKeyTable
  score_models: ScoreModelTable
  account_scores: AccountScoreTable
  score_runs: ScoreRunTable
  messages: MessageTable
  message_accounts: MessageAccountTable
  message_events: MessageEventTable
  call_tasks: CallTaskTable
  message_templates: MessageTemplateTable
  playbook_versions: PlaybookVersionTable
  portal_sessions: PortalSessionTable
  portal_charges: PortalChargeTable
  portal_link_failures: PortalLinkFailureTable
  dispute_documents: DisputeDocumentTable
  partners: PartnerTable
  placements: PlacementTable
  remittances: RemittanceTable
  remittance_lines: RemittanceLineTable
  placement_commissions: PlacementCommissionTable
  placement_updates: PlacementUpdateTable
  credit_policies: CreditPolicyTable
  debtor_credit_terms: DebtorCreditTermsTable
  legal_cases: LegalCaseTable
  legal_case_accounts: LegalCaseAccountTable
  legal_case_hearings: LegalCaseHearingTable
  sales: SaleTable
  sale_accounts: SaleAccountTable
  forwarded_payments: ForwardedPaymentTable
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
  /** 1: one message per debtor, channel and day listing every account due (migration 0007). */
  consolidate_messages: ColumnType<number, number | undefined, number>
  /**
   * The tenant's settings as JSON: only the fields it changed (core/tenants/tenant-settings.ts
   * StoredSettings); null: every default (migration 0022, docs/settings.md).
   */
  settings: ColumnType<string | null, string | null | undefined, string | null>
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
  /** YYYY-MM-DD, when known: one of the details the debtor portal checks (migration 0021). */
  date_of_birth: ColumnType<string | null, string | null | undefined, string | null>
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
  /** A hard bounce or a provider's "invalid number": the point is not used again (migration 0007). */
  undeliverable_at: ColumnType<string | null, string | null | undefined, string | null>
  undeliverable_reason: ColumnType<string | null, string | null | undefined, string | null>
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
  /** The day a settlement, write-off or dispute closed the account (payments in full leave it null). */
  closed_on: ColumnType<string | null, string | null | undefined, string | null>
  close_reason: ColumnType<string | null, string | null | undefined, string | null>
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
  /** What the entry moves: principal, interest, fee, cost, or a credit balance (overpayment). */
  component: ColumnType<LedgerComponent, LedgerComponent | undefined, LedgerComponent>
  /** The payment an allocation line belongs to. */
  payment_id: ColumnType<number | null, number | null | undefined, number | null>
}

export type LedgerComponent = 'principal' | 'interest' | 'fee' | 'cost' | 'credit'

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

/** Where an account stands in its playbook (one row per account in treatment). */
export interface StrategyStateTable {
  account_id: number
  tenant_id: number
  playbook_id: string
  playbook_version: number
  variant: string
  stage: string
  stage_entered_on: string
  next_step: number
  /** The as-of day of the last change. */
  updated_on: string
}

/**
 * The first day the daily run must decide an account again (migration 0034): written by the run, set to
 * `0001-01-01` (due now) by the triggers on every table the decision reads.
 */
export interface DecisionScheduleTable {
  account_id: number
  tenant_id: number
  decide_on: string
}

export interface RunTable {
  id: Generated<number>
  tenant_id: number
  as_of: string
  status: 'running' | 'completed'
  batch_size: number
  /** The playbook documents applied (JSON array), so every worker uses the same ones. */
  playbooks: string
  /** Every open account decided ('full'), or only those the decision schedule says are due (migration 0034). */
  mode: ColumnType<'full' | 'incremental', 'full' | 'incremental' | undefined, 'full' | 'incremental'>
  /** The compliance packs the run decided under (`id@version,...`): another set makes the next run full. */
  rules: ColumnType<string, string | undefined, string>
  started_at: CreatedAt
  finished_at: string | null
  /** Summary counts as JSON text once completed. */
  counts: string | null
}

/** A contiguous range of account ids of one run: the unit of work claimed by a worker. */
export interface RunBatchTable {
  id: Generated<number>
  run_id: number
  seq: number
  first_account_id: number
  last_account_id: number
  status: 'pending' | 'done'
  finished_at: string | null
  worker: string | null
  counts: string | null
}

export interface DecisionTable {
  id: Generated<number>
  tenant_id: number
  account_id: number
  as_of: string
  trigger: 'daily' | 'event'
  trigger_ref: string
  run_id: number | null
  playbook_id: string
  playbook_version: number
  variant: string
  from_stage: string | null
  to_stage: string
  /** PlaybookTrace plus per-action compliance, as JSON text. */
  trace: string
  /** Why the account could not be decided (then no playbook ran); null on every ordinary decision. */
  error: string | null
  created_at: CreatedAt
}

export type OutboxStatus = 'pending' | 'awaiting_approval' | 'blocked' | 'sent' | 'cancelled'

export interface OutboxTable {
  id: Generated<number>
  tenant_id: number
  account_id: number
  decision_id: number
  idempotency_key: string
  action_type: string
  channel: string | null
  contact_point_id: number | null
  /** The playbook action as JSON text. */
  payload: string
  status: OutboxStatus
  /** When it may be carried out: the proposed time or the compliance packs' earliest allowed time. */
  scheduled_at: string | null
  /** The compliance result at decision time (outcome, reasons, packs) as JSON text. */
  compliance: string
  created_at: CreatedAt
  sent_at: string | null
  cancelled_at: string | null
  cancel_reason: string | null
  /** The message the dispatcher sent (or refused) this row in (migration 0007). */
  message_id: ColumnType<number | null, number | null | undefined, number | null>
  /** Who released an `awaiting_approval` row and when (actor label; migration 0023). */
  approved_at: ColumnType<string | null, string | null | undefined, string | null>
  approved_by: ColumnType<string | null, string | null | undefined, string | null>
}

export interface ContactEventTable {
  id: Generated<number>
  tenant_id: number
  account_id: number
  contact_point_id: number | null
  channel: ContactEventChannel
  direction: 'outbound' | 'inbound'
  result: string
  occurred_at: string
  outbox_id: number | null
}

export type { DebtorRestrictionKind } from '../core/engine/account-snapshot.ts'

export interface DebtorRestrictionTable {
  id: Generated<number>
  tenant_id: number
  debtor_id: number
  kind: DebtorRestrictionKind
  details: string
  effective_at: string
  ended_at: string | null
}

export interface DisputeTable {
  id: Generated<number>
  tenant_id: number
  account_id: number
  received_at: string
  written: number
  amount_minor: number | null
  reason: string | null
  verification_sent_at: string | null
  resolved_at: string | null
  resolution: string | null
  channel: ColumnType<string | null, string | null | undefined, string | null>
  /** Document references as JSON text. */
  documents: ColumnType<string | null, string | null | undefined, string | null>
}

export interface PromiseTable {
  id: Generated<number>
  tenant_id: number
  account_id: number
  amount_minor: number
  due_on: string
  state: 'open' | 'kept' | 'partially_kept' | 'broken'
  created_at: CreatedAt
  channel: ColumnType<string | null, string | null | undefined, string | null>
  taken_by: ColumnType<string | null, string | null | undefined, string | null>
  /** The day the promise was taken (creditor's zone): payments count from it. */
  taken_on: ColumnType<string | null, string | null | undefined, string | null>
}

export type PaymentSource = 'api' | 'cli' | 'csv' | 'camt.053' | 'camt.054'

/** A payment received, recorded once per source transaction id; its split lives in the ledger. */
export interface PaymentTable {
  id: Generated<number>
  tenant_id: number
  account_id: number
  amount_minor: number
  currency: string
  received_on: string
  source: PaymentSource
  external_id: string
  end_to_end_id: ColumnType<string | null, string | null | undefined, string | null>
  status: 'posted' | 'reversed'
  policy_id: string
  /** The part that exceeded what was owed, kept as a credit balance. */
  credit_minor: number
  reversed_at: string | null
  reversal_reason: string | null
  created_at: CreatedAt
}

export interface BankStatementTable {
  id: Generated<number>
  tenant_id: number
  message: string
  statement_id: string
  file_name: string
  file_sha256: string
  counts: string
  imported_at: CreatedAt
}

export interface UnmatchedCreditTable {
  id: Generated<number>
  tenant_id: number
  bank_statement_id: number | null
  bank_transaction_id: string
  amount_minor: number
  currency: string
  booked_on: string
  debtor_name: string | null
  /** Remittance information as JSON text. */
  remittance: string
  /** Suggested accounts with scores and reasons, as JSON text. */
  suggestions: string
  status: 'open' | 'matched' | 'dismissed'
  payment_id: number | null
  created_at: CreatedAt
}

export interface PaymentPlanTable {
  id: Generated<number>
  tenant_id: number
  account_id: number
  status: 'active' | 'completed' | 'broken' | 'cancelled'
  frequency: string
  total_minor: number
  down_payment_minor: number
  grace_days: number
  approved_by: string | null
  broken_on: string | null
  replaces_plan_id: number | null
  created_on: string
}

export interface PlanInstalmentTable {
  plan_id: number
  seq: number
  due_on: string
  amount_minor: number
}

export interface SettlementTable {
  id: Generated<number>
  tenant_id: number
  account_id: number
  offer_minor: number
  /** The account's last payment id when the offer was made: only later payments count towards it. */
  after_payment_id: ColumnType<number, number | undefined, number>
  created_on: string
  expires_on: string
  status: 'offered' | 'paid' | 'expired' | 'withdrawn'
  approved_by: string | null
  settled_on: string | null
  /** What the paid settlement wrote off. */
  write_off_minor: ColumnType<number | null, number | null | undefined, number | null>
}

export interface HardshipPauseTable {
  id: Generated<number>
  tenant_id: number
  account_id: number
  reason: string
  from_on: string
  to_on: string
  created_at: CreatedAt
}

export interface UserTable {
  id: Generated<number>
  tenant_id: number
  /** Lower-cased. */
  email: string
  name: string
  role: Role
  /** argon2id, PHC string format. */
  password_hash: string
  status: 'active' | 'disabled'
  failed_logins: ColumnType<number, number | undefined, number>
  locked_until: string | null
  last_login_at: string | null
  created_at: CreatedAt
}

export interface UserClientTable {
  user_id: number
  client_id: number
}

export interface SessionTable {
  id: Generated<number>
  tenant_id: number
  user_id: number
  /** SHA-256 (hex) of the session token; the token itself is only in the user's cookie. */
  token_hash: string
  csrf_token: string
  created_at: CreatedAt
  expires_at: string
  last_seen_at: string
  revoked_at: string | null
}

export interface ApiKeyTable {
  id: Generated<number>
  tenant_id: number
  name: string
  prefix: string
  /** SHA-256 (hex) of the key; the key is shown once, when created. */
  token_hash: string
  role: Role
  created_by: string
  created_at: CreatedAt
  last_used_at: string | null
  revoked_at: string | null
}

export interface IdempotencyKeyTable {
  id: Generated<number>
  tenant_id: number
  /** actorLabel of the caller: keys are per caller. */
  actor: string
  key: string
  /** SHA-256 of method, path and body: a reused key with another request is refused. */
  request_hash: string
  status: 'pending' | 'done'
  response_status: number | null
  response_body: string | null
  created_at: CreatedAt
}

/** A trained risk model: one version per tenant and target, with what its training measured. */
export interface ScoreModelTable {
  id: Generated<number>
  tenant_id: number
  target: 'late_payment' | 'pay_30'
  version: number
  trained_at: CreatedAt
  trained_by: string
  data_as_of: string
  split_on: string
  /** JSON text: Scorecard, BaselineModel (arrays), ModelEvaluation, ScoredExample[]. */
  scorecard: string
  baseline: string
  metrics: string
  examples: string
}

/** The current score of an account, replaced by each scoring run. */
export interface AccountScoreTable {
  account_id: number
  tenant_id: number
  model_id: number
  as_of: string
  score: number
  band: 'low' | 'medium' | 'high'
  /** Bad-outcome probability in parts per million. */
  bad_ppm: number
  /** JSON array of reason codes, worst first. */
  reason_codes: string
}

/** One scoring run and the distribution of the scores it wrote. */
export interface ScoreRunTable {
  id: Generated<number>
  tenant_id: number
  model_id: number
  as_of: string
  scored: number
  distribution: string
  created_at: CreatedAt
}

export type MessageStatus = 'queued' | 'sending' | 'sent' | 'delivered' | 'bounced' | 'failed' | 'suppressed'

/** The channels the dispatcher sends on (letters are printed into mailing batches, migration 0020). */
export type MessageChannel = 'email' | 'sms' | 'letter'

/** One email, SMS or letter the dispatcher sends: for one outbox row, or several of one debtor (consolidated). */
export interface MessageTable {
  id: Generated<number>
  tenant_id: number
  debtor_id: number
  channel: MessageChannel
  contact_point_id: number | null
  idempotency_key: string
  recipient: string
  subject: string | null
  body_text: string | null
  /** The renderer's input as JSON, so a retry renders the same message. */
  render_input: string
  provider: string | null
  status: MessageStatus
  attempts: ColumnType<number, number | undefined, number>
  next_attempt_at: string
  provider_message_id: string | null
  error: string | null
  /** The send-time compliance result as JSON text. */
  compliance: string
  claimed_by: string | null
  lease_until: string | null
  resent_unconfirmed: ColumnType<number, number | undefined, number>
  reply_token: string
  created_at: CreatedAt
  sent_at: string | null
  updated_at: string | null
}

/** Which outbox rows (and so accounts) a message carries. */
export interface MessageAccountTable {
  message_id: number
  outbox_id: number
  account_id: number
  tenant_id: number
}

export type MessageEventKind = 'receipt' | 'inbound' | 'opt_out' | 'flag' | 'confirmation'

/** A receipt, a reply, an opt-out, a flag for a collector or an opt-out confirmation. */
export interface MessageEventTable {
  id: Generated<number>
  tenant_id: number
  message_id: number | null
  account_id: number | null
  debtor_id: number | null
  channel: string
  kind: MessageEventKind
  detail: string
  text: string | null
  external_id: string | null
  occurred_at: string
  resolved_at: string | null
}

export type CallTaskStatus = 'open' | 'done' | 'cancelled'

/** A collector's call task: from a due `call` outbox row, or a call-back (migration 0013). */
export interface CallTaskTable {
  id: Generated<number>
  tenant_id: number
  account_id: number
  debtor_id: number
  contact_point_id: number | null
  outbox_id: number | null
  follows_task_id: number | null
  due_at: string
  status: CallTaskStatus
  assigned_user_id: number | null
  /** The balance in minor units when the task was made: the queue's first sort. */
  priority: number
  script: string
  outcome: string | null
  outcome_note: string | null
  /** The outcome's facts as JSON text. */
  outcome_details: string | null
  outcome_at: string | null
  outcome_by: string | null
  created_at: CreatedAt
  /** The legal case whose deadline this task is (migration 0029); null for calls. */
  legal_case_id: ColumnType<number | null, number | null | undefined, number | null>
}

export type WebhookEndpointStatus = 'enabled' | 'disabled'

export interface WebhookEndpointTable {
  id: Generated<number>
  tenant_id: number
  url: string
  description: ColumnType<string, string | undefined, string>
  /** `whsec_` + base64; kept as given out because HMAC signing needs it (migration 0014 says why). */
  secret: string
  /** JSON array of webhook event types; `[]` is every event. */
  event_types: string
  status: WebhookEndpointStatus
  disabled_reason: string | null
  consecutive_failures: ColumnType<number, number | undefined, number>
  created_by: string
  created_at: CreatedAt
  updated_at: ColumnType<string, string | undefined, string>
}

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed' | 'dead'

export interface WebhookDeliveryTable {
  id: Generated<number>
  tenant_id: number
  endpoint_id: number
  event_id: string
  event_type: string
  /** The JSON body as sent: `{ type, timestamp, data }`. */
  payload: string
  status: WebhookDeliveryStatus
  attempts: ColumnType<number, number | undefined, number>
  next_attempt_at: string | null
  last_status_code: number | null
  last_error: string | null
  created_at: CreatedAt
  updated_at: ColumnType<string, string | undefined, string>
  delivered_at: string | null
}

/** One version of a tenant's own message template; active once `activated_at` is set (migration 0018). */
export interface MessageTemplateTable {
  id: Generated<number>
  tenant_id: number
  key: string
  channel: 'email' | 'sms'
  tone: 'friendly' | 'firm'
  locale: string
  version: number
  subject: string | null
  body: string
  mentions_legal_action: ColumnType<number, number | undefined, number>
  created_by: string
  created_at: CreatedAt
  activated_at: string | null
  activated_by: string | null
}

/** One stored version of a tenant's playbook; at most one per playbook id is active (migration 0019). */
export interface PlaybookVersionTable {
  id: Generated<number>
  tenant_id: number
  playbook_id: string
  version: number
  description: string | null
  /** The validated document as JSON (what the engine compiles). */
  document: string
  /** The text it was saved from (YAML or JSON), as written. */
  source: string
  active: ColumnType<number, number | undefined, number>
  created_by: string
  created_at: CreatedAt
  activated_at: string | null
  activated_by: string | null
}

/** A debtor portal session, bound to the account its link named (migration 0021). */
export interface PortalSessionTable {
  id: Generated<number>
  tenant_id: number
  account_id: number
  debtor_id: number
  /** SHA-256 of the session token (the token itself is only in the debtor's cookie). */
  token_hash: string
  csrf_token: string
  created_at: CreatedAt
  expires_at: string
  last_seen_at: string
  revoked_at: string | null
}

/** Failed verifications of one portal link, by its token's digest (migration 0028). */
export interface PortalLinkFailureTable {
  token_hash: string
  tenant_id: number
  account_id: number
  failures: number
  last_failed_at: string
  locked_at: string | null
}

/** A card charge the portal asked the payment provider for, and whether it is booked (migration 0027). */
export interface PortalChargeTable {
  id: Generated<number>
  tenant_id: number
  account_id: number
  debtor_id: number
  idempotency_key: string
  provider: string
  amount_minor: number
  currency: string
  status: 'charging' | 'declined' | 'succeeded' | 'recorded' | 'unbookable'
  transaction_id: string | null
  created_at: CreatedAt
  updated_at: ColumnType<string, string | undefined, string>
}

/** An evidence file a debtor uploaded to a dispute through the portal (migration 0021). */
export interface DisputeDocumentTable {
  id: Generated<number>
  tenant_id: number
  account_id: number
  dispute_id: number
  stored_name: string
  content_type: 'application/pdf' | 'image/png' | 'image/jpeg'
  size_bytes: number
  sha256: string
  uploaded_by: string
  created_at: CreatedAt
}

export type PlacementStatus = 'active' | 'recalled'

/** A collection agency or law firm accounts are placed with (migration 0026). */
export interface PartnerTable {
  id: Generated<number>
  tenant_id: number
  code: string
  name: string
  kind: 'agency' | 'law_firm'
  /** gross: the partner remits all it collects and we invoice commission; net: it keeps commission. */
  remit: 'gross' | 'net'
  /** The commission terms as JSON text (src/core/placements/commission-terms.ts). */
  terms: string
  created_at: CreatedAt
}

/** One account with one partner for a time; at most one `active` per account (migration 0026). */
export interface PlacementTable {
  id: Generated<number>
  tenant_id: number
  account_id: number
  partner_id: number
  status: PlacementStatus
  placed_on: string
  expected_return_on: string
  /** The contingency percentage fixed at placement, decimal text. */
  commission_percent: string
  fixed_fee_minor: number
  /** The account's balance on the placement day, minor units of `currency`. */
  balance_minor: number
  currency: string
  /** The approved playbook action this placement carried out, if any. */
  outbox_id: number | null
  placed_by: string
  recalled_on: string | null
  recall_reason: string | null
  recalled_by: string | null
  created_at: CreatedAt
}

/** `forwarded`: the account was sold; the payment was recorded as forwarded to the buyer, not booked. */
export type RemittanceLineStatus =
  | 'matched'
  | 'difference'
  | 'unmatched'
  | 'duplicate'
  | 'forwarded'
  | 'error'

/** One remittance file a partner sent (migration 0030). */
export interface RemittanceTable {
  id: Generated<number>
  tenant_id: number
  partner_id: number
  file_name: string
  file_sha256: string
  imported_by: string
  created_at: CreatedAt
}

/** One line of a remittance with its reconciliation; booked lines hold their payment (migration 0030). */
export interface RemittanceLineTable {
  id: Generated<number>
  tenant_id: number
  remittance_id: number
  partner_id: number
  line: number
  status: RemittanceLineStatus
  placement_ref: string
  account_ref: string
  reference: string
  paid_on: string | null
  placement_id: number | null
  currency: string | null
  collected_minor: number | null
  commission_due_minor: number | null
  commission_withheld_minor: number | null
  net_expected_minor: number | null
  net_remitted_minor: number | null
  difference_minor: number | null
  payment_id: number | null
  /** JSON [{ field, reason }]. */
  problems: string
}

/** Commission charged on a placement: contingency per remitted line, the fixed fee once (migration 0030). */
export interface PlacementCommissionTable {
  id: Generated<number>
  tenant_id: number
  placement_id: number
  kind: 'contingency' | 'fixed_fee'
  amount_minor: number
  currency: string
  charged_on: string
  remittance_line_id: number | null
  created_at: CreatedAt
}

export type PartnerReportedStatus =
  | 'contacted'
  | 'no_contact'
  | 'promise'
  | 'payment_plan'
  | 'dispute_reported'
  | 'uncollectable'
  | 'recall_requested'

/** A partner's status report on a placement (migration 0030). */
export interface PlacementUpdateTable {
  id: Generated<number>
  tenant_id: number
  placement_id: number
  status: PartnerReportedStatus
  reported_on: string
  note: string | null
  reported_by: string
  created_at: CreatedAt
}

/** A client's default payment terms and credit limit; client_id null: the own book (migration 0032). */
export interface CreditPolicyTable {
  id: Generated<number>
  tenant_id: number
  client_id: number | null
  terms_days: number
  /** Minor units of limit_currency; both null when the client sets no default limit. */
  limit_minor: number | null
  limit_currency: string | null
  updated_by: string
  updated_at: ColumnType<string, string | undefined, string>
}

/** One debtor's override of its client's terms and limit (null fields: the client's) (migration 0032). */
export interface DebtorCreditTermsTable {
  id: Generated<number>
  tenant_id: number
  debtor_id: number
  client_id: number | null
  terms_days: number | null
  limit_minor: number | null
  limit_currency: string | null
  updated_by: string
  updated_at: ColumnType<string, string | undefined, string>
}

/** Legal cases (migration 0029, docs/legal-cases.md). */
export type LegalCaseStatus = 'draft' | 'open' | 'judgment' | 'settled' | 'withdrawn' | 'dismissed' | 'closed'

export interface LegalCaseTable {
  id: Generated<number>
  tenant_id: number
  debtor_id: number
  kind: string
  status: LegalCaseStatus
  forum: string | null
  case_number: string | null
  /** JSON text: { claimant, respondent }. */
  parties: string
  counsel_partner_id: number | null
  currency: string
  principal_minor: number
  interest_minor: number
  costs_minor: number
  claim_minor: number
  court_fee_minor: number
  counsel_fee_minor: number
  /** 1 when the court fee and counsel costs are recoverable from the debtor (posted as costs). */
  costs_recoverable: number
  /** Null while a draft. */
  filed_on: string | null
  /** JSON text: the case's facts (src/core/legal/case-facts.ts). */
  facts: string
  /** JSON text: the escalation figures the opening was judged on. */
  economics: string
  opened_by: string
  outcome: ColumnType<string | null, string | null | undefined, string | null>
  outcome_on: ColumnType<string | null, string | null | undefined, string | null>
  judgment_minor: ColumnType<number | null, number | null | undefined, number | null>
  settlement_minor: ColumnType<number | null, number | null | undefined, number | null>
  post_judgment_rate: ColumnType<string | null, string | null | undefined, string | null>
  outcome_note: ColumnType<string | null, string | null | undefined, string | null>
  closed_on: ColumnType<string | null, string | null | undefined, string | null>
  closed_by: ColumnType<string | null, string | null | undefined, string | null>
  created_at: CreatedAt
}

export interface LegalCaseAccountTable {
  id: Generated<number>
  tenant_id: number
  case_id: number
  account_id: number
  /** 1 while the case holds the account from the playbook's outreach. */
  held: number
}

export interface LegalCaseHearingTable {
  id: Generated<number>
  tenant_id: number
  case_id: number
  hearing_on: string
  purpose: string
  outcome: string | null
  next_on: string | null
  recorded_by: string
  created_at: CreatedAt
}

export type SaleStatus = 'draft' | 'closed' | 'cancelled'
export type SaleAccountStatus = 'selected' | 'sold' | 'bought_back'

/** A debt sale: a portfolio offered to a buyer at a price (migration 0031, docs/debt-sale.md). */
export interface SaleTable {
  id: Generated<number>
  tenant_id: number
  buyer: string
  status: SaleStatus
  /** The selection filter as JSON text. */
  filter: string
  currency: string
  /** Decimal text: the price as a percentage of expected recovery. */
  price_percent: string
  /** Decimal text: the share of the balance a scored account that pays is expected to repay. */
  recovery_fraction: string
  buyback_days: number
  valued_on: string
  balance_minor: number
  expected_minor: number
  price_minor: number
  created_by: string
  created_at: CreatedAt
  closed_on: string | null
  closed_by: string | null
  cancelled_at: string | null
  cancel_reason: string | null
}

/** One account of a sale with its last valuation; `sold` while the buyer owns it (migration 0031). */
export interface SaleAccountTable {
  id: Generated<number>
  tenant_id: number
  sale_id: number
  account_id: number
  status: SaleAccountStatus
  balance_minor: number
  basis: 'score' | 'age'
  /** The pay_30 score's payment probability in parts per million, when a score gave it. */
  payment_ppm: number | null
  /** Decimal text: the fraction of the balance expected back. */
  recovery_rate: string
  expected_minor: number
  price_minor: number
  sold_on: string | null
  bought_back_on: string | null
  buyback_reason: string | null
}

/** A payment received for a sold account: the buyer's money, recorded, never booked (migration 0031). */
export interface ForwardedPaymentTable {
  id: Generated<number>
  tenant_id: number
  sale_id: number
  account_id: number
  amount_minor: number
  currency: string
  received_on: string
  source: string
  external_id: string
  recorded_by: string
  created_at: CreatedAt
}
