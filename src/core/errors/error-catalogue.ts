import type { ErrorKind } from './error-kinds.ts'

/** One entry per error code: its kind (hence HTTP status and exit code) and a generic summary. */
export interface ErrorSpec {
  readonly kind: ErrorKind
  /** What the code means, for the docs and for callers that have nothing more specific to say. */
  readonly summary: string
  /** An HTTP status other than the kind's (protocol-level errors such as 405 and 431). */
  readonly httpStatus?: number
}

const bad = (summary: string): ErrorSpec => ({ kind: 'bad_input', summary })
const missing = (summary: string): ErrorSpec => ({ kind: 'not_found', summary })
const conflict = (summary: string): ErrorSpec => ({ kind: 'conflict', summary })
const refused = (summary: string): ErrorSpec => ({ kind: 'business_rule', summary })

/**
 * Every error code Recoup reports, in one place. `AppError` accepts only these codes, so a new failure
 * gets an entry here (and in docs/errors.md, which a test keeps in step) or does not compile.
 */
export const ERROR_CATALOGUE = {
  // Requests and options
  bad_request: bad('the request could not be read'),
  invalid_request: bad('the request does not match its schema'),
  unknown_parameter: bad('the request has a parameter the endpoint does not take'),
  invalid_sort: bad('the list cannot be sorted by that field'),
  invalid_cursor: bad('the page cursor was not given out by this list for this sort'),
  precondition_required: {
    kind: 'bad_input',
    summary: 'the update needs If-Match with the ETag of the version it changes',
    httpStatus: 428,
  },
  precondition_failed: {
    kind: 'conflict',
    summary: 'the resource changed since the ETag given in If-Match',
    httpStatus: 412,
  },
  invalid_option: bad('a command-line option has an invalid value'),
  missing_option: bad('a required command-line option is missing'),
  conflicting_options: bad('two options contradict each other'),
  usage_error: bad('the command line could not be parsed'),
  invalid_configuration: bad('an environment variable has an invalid value'),
  invalid_format: bad('the output format is unknown'),
  invalid_slug: bad('the tenant slug is malformed'),
  invalid_kind: bad('the kind is unknown'),
  invalid_batch_size: bad('the batch size is out of range'),
  invalid_demo_options: bad('the demo options are invalid'),
  method_not_allowed: {
    kind: 'bad_input',
    summary: 'the path exists but not for this method',
    httpStatus: 405,
  },
  headers_too_large: { kind: 'bad_input', summary: 'the request headers are too large', httpStatus: 431 },
  payload_too_large: { kind: 'bad_input', summary: 'the request body is too large', httpStatus: 413 },
  uri_too_long: {
    kind: 'bad_input',
    summary: 'a path parameter is longer than the server accepts',
    httpStatus: 414,
  },
  unsupported_media_type: { kind: 'bad_input', summary: 'the body is not JSON', httpStatus: 415 },
  // Values
  invalid_date: bad('a date is malformed or outside the accepted range'),
  invalid_instant: bad('an instant is malformed or outside the accepted range'),
  invalid_amount: bad('an amount is malformed, negative or implausible'),
  invalid_currency: bad('not an ISO 4217 currency'),
  invalid_time_zone: bad('not an IANA time zone'),
  invalid_country: bad('not an ISO 3166 country or subdivision'),
  invalid_reference: bad('a payment or transaction reference is malformed'),
  invalid_reason: bad('a reason is missing or too long'),
  invalid_percent: bad('a percentage is malformed'),
  invalid_rate: bad('an interest rate is malformed'),
  invalid_rate_period: bad('an interest rate period is malformed'),
  invalid_period: bad('a period is malformed'),
  invalid_day_count: bad('the day-count convention is unknown'),
  invalid_buckets: bad('the aging buckets are malformed'),
  invalid_payer_lines: bad('the payer-directed lines are malformed'),
  invalid_allocation_policy: bad('the allocation policy is malformed'),
  invalid_fee_policy: bad('the late-fee policy is malformed'),
  // Files and imports
  file_not_found: missing('the file does not exist'),
  not_a_file: bad('the path is not a regular file'),
  unreadable_file: bad('the file cannot be read'),
  empty_file: bad('the file is empty'),
  invalid_metro2_file: bad(
    'the Metro 2 file breaks its layout (a field, a code, the structure or a trailer count)',
  ),
  binary_file: bad('the file is binary, not text'),
  unsupported_file_type: bad('the file type is not supported'),
  invalid_encoding: bad('the text encoding is unknown or the bytes do not match it'),
  invalid_header: bad('the header row is malformed'),
  csv_row_too_long: bad('a CSV row is longer than the limit'),
  invalid_xlsx: bad('the workbook is damaged or not an XLSX file'),
  sheet_not_found: missing('the workbook has no such sheet'),
  missing_columns: bad('the file lacks required columns'),
  mapping_columns_missing: bad('the mapping names columns the file lacks'),
  unknown_preset: missing('no such import preset'),
  mapping_not_found: missing('the mapping file does not exist'),
  invalid_mapping: bad('the mapping file is malformed'),
  invalid_bank_statement: bad('the bank statement is malformed'),
  reject_file_unwritable: { kind: 'unavailable', summary: 'the reject file cannot be written' },
  import_interrupted: { kind: 'unavailable', summary: 'the import was interrupted; a re-run resumes' },
  // Tenants and records
  tenant_not_found: missing('no such tenant'),
  tenant_exists: conflict('the tenant already exists'),
  invalid_settings: bad('a tenant setting is malformed, out of range or contradicts another'),
  sink_not_configured: missing('no development sink is configured on this server'),
  sink_message_not_found: missing('no such message in the development sinks for this tenant'),
  demo_exists: conflict('the tenant already holds demo data'),
  tenant_not_empty: conflict('the tenant holds data a demo load must not mix with'),
  not_found: missing('no such resource'),
  account_not_found: missing('no such account'),
  payment_not_found: missing('no such payment'),
  unmatched_credit_not_found: missing('no such unmatched credit'),
  dispute_not_found: missing('no such dispute'),
  debtor_not_found: missing('no such debtor'),
  contact_point_not_found: missing('no such contact point'),
  task_not_found: missing('no such call task'),
  approval_not_found: missing('no such action awaiting approval in this tenant'),
  webhook_endpoint_not_found: missing('no such webhook endpoint in this tenant'),
  webhook_delivery_not_found: missing('no such delivery of this webhook endpoint'),
  invalid_webhook_url: bad('the webhook endpoint URL is not accepted'),
  entry_not_found: missing('no such statement entry'),
  playbook_not_found: missing('no such playbook file'),
  playbook_version_not_found: missing('no such stored playbook version in this tenant'),
  unknown_contact_point: missing('the contact point is not on record'),
  unknown_debt: missing('the debt is not in the request'),
  unknown_rule_pack: missing('no such rule pack'),
  // Payments
  task_not_open: conflict('the call task already has its outcome or was cancelled'),
  approval_not_pending: conflict('the action no longer awaits approval (approved, rejected or cancelled)'),
  idempotency_conflict: conflict('the reference was already recorded with other facts'),
  duplicate_payment: conflict('the reference appears twice in one batch'),
  playbook_version_exists: conflict('the playbook id and version are stored with other content'),
  entry_conflict: conflict('the statement entry was already imported with other facts'),
  already_reversed: conflict('the payment was already reversed'),
  already_applied: conflict('the unmatched credit was already applied or dismissed'),
  cannot_reverse_reversal: refused('a reversal cannot itself be reversed'),
  ambiguous_payment: conflict('the return matches several payments'),
  return_amount_mismatch: refused('the return amount differs from the payment'),
  currency_mismatch: refused('the payment is in another currency than the account'),
  unknown_allocation_policy: refused('no such allocation policy'),
  allocation_exceeds_item: refused('a payer-directed line exceeds its item'),
  allocation_exceeds_payment: refused('payer-directed lines exceed the payment'),
  implausible_payment: refused('the payment is outside the plausibility limits'),
  account_closed: refused('the account is closed'),
  nothing_owed: refused('nothing is owed on the account'),
  write_off_exceeds_balance: refused('the write-off exceeds the balance'),
  // Plans, promises, settlements, disputes, hardship
  invalid_plan: bad('the plan is malformed'),
  invalid_plan_evaluation: bad('the plan evaluation request is malformed'),
  plan_outside_policy: refused('the plan is outside the tenant policy'),
  plan_above_balance: refused('the plan total exceeds the balance'),
  plan_already_active: conflict('the account already has an active plan'),
  replan_not_allowed: refused('the account may not be re-planned now'),
  invalid_promise: bad('the promise is malformed'),
  invalid_settlement: bad('the settlement is malformed'),
  settlement_outside_policy: refused('the settlement is outside the tenant policy'),
  settlement_already_offered: conflict('a settlement is already open on the account'),
  invalid_dispute: bad('the dispute is malformed'),
  dispute_resolved: conflict('the dispute is already resolved'),
  evidence_limit_reached: conflict('the dispute holds as many evidence files as the portal takes'),
  evidence_not_found: missing("no such evidence file on this account's disputes"),
  evidence_unavailable: {
    kind: 'unavailable',
    summary: 'the stored evidence file is missing or no longer matches its recorded SHA-256',
  },
  invalid_resolution: bad('the dispute resolution is unknown'),
  invalid_hardship_pause: bad('the hardship pause is malformed'),
  // Interest
  rate_unknown: refused('no statutory rate is known for the period'),
  overlapping_rate_periods: bad('interest rate periods overlap'),
  rate_gap: bad('the interest rate periods leave a gap'),
  // Compliance and playbooks
  invalid_compliance_request: bad('the compliance request is malformed'),
  invalid_action: bad('the proposed action is malformed'),
  invalid_contact: bad('a contact is malformed'),
  invalid_call: bad('a call record is malformed'),
  invalid_call_outcome: bad('a call outcome is unknown or lacks what it needs'),
  invalid_contact_window: bad('a contact window setting is malformed'),
  invalid_call_frequency_rule: bad('a call-frequency rule is malformed'),
  invalid_inconvenient_time: bad('a stated inconvenient time is malformed'),
  invalid_exclusion: bad('an exclusion is malformed'),
  invalid_content_pattern: bad('a content pattern is malformed'),
  invalid_license_number: bad('a licence number is malformed'),
  invalid_limitation_years: bad('a limitation period is malformed'),
  invalid_ni_dates: bad('the NI Act dates are inconsistent'),
  invalid_business_calendar: bad('a business calendar is malformed'),
  invalid_business_days: bad('a business-day count is malformed'),
  unsupported_holiday_year: refused('no holiday calendar is known for the year'),
  unknown_holiday_calendar: missing('no such public-holiday calendar'),
  invalid_playbook: bad('the playbook is malformed'),
  // Audit
  audit_key_missing: bad('no audit key is configured to sign or verify anchors'),
  invalid_anchor: bad('the anchor file is malformed'),
  anchor_signature_invalid: bad('the anchor signature does not verify with the configured key'),
  journal_broken: refused('the journal does not verify, so a baseline cannot vouch for the books'),
  // Authentication and permissions
  unauthenticated: {
    kind: 'bad_input',
    summary: 'no valid credentials: log in, or send Authorization: Bearer <api key>',
    httpStatus: 401,
  },
  invalid_credentials: {
    kind: 'bad_input',
    summary: 'the e-mail address or password is wrong, or the user is disabled',
    httpStatus: 401,
  },
  account_locked: {
    kind: 'business_rule',
    summary: 'too many failed logins: the user is locked for a while',
    httpStatus: 423,
  },
  forbidden: { kind: 'business_rule', summary: "the actor's role does not allow this", httpStatus: 403 },
  csrf_failed: {
    kind: 'bad_input',
    summary: "a cookie-authenticated change lacks the session's X-CSRF-Token header",
    httpStatus: 403,
  },
  rate_limited: { kind: 'unavailable', summary: 'too many requests: slow down and retry', httpStatus: 429 },
  invalid_email: bad('the e-mail address is malformed'),
  weak_password: bad('the password is too short or too long'),
  invalid_role: bad('the role is unknown'),
  user_exists: conflict('a user with this e-mail address already exists in the tenant'),
  user_not_found: missing('no such user in this tenant'),
  api_key_not_found: missing('no such API key in this tenant'),
  unknown_client: missing('no such client in this tenant'),
  invalid_idempotency_key: bad('the Idempotency-Key header is malformed'),
  idempotency_key_reused: refused('the Idempotency-Key was used for another request'),
  idempotency_in_progress: conflict('a request with this Idempotency-Key is still running'),
  // Scoring and analytics
  invalid_target: bad('the model target is unknown'),
  invalid_model_version: bad('a model version is malformed'),
  model_not_found: missing('no such model version for the tenant'),
  run_not_found: missing('no such daily run for the tenant'),
  import_not_found: missing('no such account import for the tenant'),
  insufficient_training_data: refused(
    'the history holds too few examples of each outcome to train or evaluate',
  ),
  // Templates and documents
  invalid_template: bad('a message template is malformed (ICU MessageFormat or its fields)'),
  template_not_found: missing('no active template for the key, channel and tone'),
  template_check_failed: refused('the template fails a content check of the compliance packs'),
  invalid_document_kind: bad('the document kind is unknown'),
  invalid_paper_size: bad('the paper size is neither A4 nor Letter'),
  invalid_locale: bad('the language is not one Recoup writes documents in'),
  document_not_applicable: refused(
    'the document does not apply to the account (jurisdiction, debt or dates)',
  ),
  document_blocked: refused('the rendered document fails a content check of the compliance packs'),
  missing_document_facts: bad('the document needs a fact the account does not hold (e.g. cheque details)'),
  output_unwritable: { kind: 'unavailable', summary: 'the output file or folder cannot be written' },
  // Outreach
  invalid_message_status: bad('the message status is unknown'),
  invalid_webhook_signature: {
    kind: 'bad_input',
    summary: 'a provider callback is not signed with the configured credentials',
    httpStatus: 403,
  },
  message_not_found: missing('no message has this provider id or token'),
  // The debtor portal (docs/portal.md)
  portal_verification_failed: {
    kind: 'bad_input',
    summary:
      'the portal link, the account reference or the identity details do not match, or the link has expired',
    httpStatus: 401,
  },
  invalid_card: bad('the card number is not one the payment provider accepts'),
  payment_declined: refused('the payment provider declined the payment'),
  invalid_attorney: bad('the attorney needs a name and a phone number or e-mail address'),
  document_not_found: missing('no such document for this account'),
  // Placements (docs/placements.md)
  invalid_partner: bad('the partner or its commission terms are malformed'),
  partner_not_found: missing('no such partner in this tenant'),
  partner_exists: conflict('a partner with this code already exists in this tenant'),
  placement_not_found: missing('no active placement of this account'),
  account_already_placed: conflict('the account is already placed with a partner'),
  placement_not_allowed: refused('the account cannot be placed (closed, or terms do not fit it)'),
  remittance_not_found: missing('no such remittance in this tenant'),
  invalid_placement_update: bad(
    "a partner's status update is malformed or names no placement of the partner",
  ),
  // Credit control (docs/credit-control.md)
  invalid_credit_terms: bad('payment terms are not a whole number of days from 0 to 365, or nothing to set'),
  client_not_found: missing('no such client in this tenant'),
  credit_client_required: bad('the debtor owes several clients: the credit line needs its client named'),
  // Legal cases (docs/legal-cases.md)
  invalid_case: bad('the case, its facts, amounts or dates are malformed'),
  case_not_found: missing('no such legal case in this tenant'),
  case_not_allowed: refused('compliance refuses the case now (time-barred, pre-action, mediation, dispute)'),
  case_not_economic: refused('expected recovery does not cover the court fees and counsel costs'),
  account_in_case: conflict('the account is already in an open legal case'),
  case_not_open: conflict('the case is not in a status that allows this'),
  // Debt sales (docs/debt-sale.md)
  invalid_sale: bad('the sale, its filter or its terms are malformed'),
  sale_not_found: missing('no such sale in this tenant'),
  sale_empty: refused('the filter selects no account that can be sold'),
  sale_not_draft: refused('the sale is closed or cancelled: only a draft is valued, closed or cancelled'),
  sale_stale: conflict('an account of the sale changed since it was valued: value it again'),
  buyback_not_allowed: refused('the account is not sold in this sale, or the buy-back window has ended'),
  // Processes and infrastructure
  worker_needs_postgres: refused('workers share work through PostgreSQL only'),
  listen_failed: { kind: 'unavailable', summary: 'the server cannot listen on the address' },
  database_unavailable: { kind: 'unavailable', summary: 'the database cannot be reached or opened' },
  internal_error: { kind: 'internal', summary: 'an unexpected error (a bug)' },
} as const satisfies Record<string, ErrorSpec>

export type ErrorCode = keyof typeof ERROR_CATALOGUE

/** The catalogue entry of a code (codes are closed, so this never misses). */
export function errorSpec(code: ErrorCode): ErrorSpec {
  return ERROR_CATALOGUE[code]
}
