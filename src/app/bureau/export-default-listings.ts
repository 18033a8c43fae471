import { createHash } from 'node:crypto'
import { AtomicFile } from '../../bureau/atomic-file.ts'
import type { FurnishingFacts } from '../../core/bureau/furnish-account.ts'
import { localDateAt, parseLocalDate } from '../../core/calendar/local-date.ts'
import { instantAtLocalTime } from '../../core/calendar/local-time.ts'
import type { ComplianceRequest } from '../../core/compliance/compliance-request.ts'
import { evaluateCompliance } from '../../core/compliance/evaluate-compliance.ts'
import { AppError } from '../../core/errors/index.ts'
import { formatDecimal, fromMinor } from '../../core/money/decimal.ts'
import { loadFurnishingBatch } from '../../store/bureau/metro2-facts.repository.ts'
import { appendJournalEvent } from '../../store/journal.repository.ts'
import { actorLabel } from '../actor.ts'
import type { AppContext } from '../app-context.ts'
import { authorize, requireAllClients } from '../authorize.ts'

/** Australian default listings as of a day (docs/bureau-au.md). */
export interface ExportDefaultListingsRequest {
  /** "YYYY-MM-DD": the listing date; balances to its end, letters up to its end. */
  readonly asOf: string
  /** The listing CSV; the exclusion report is written beside it as `<out>.excluded.csv`. */
  readonly out: string
  /** Accounts read per batch (default 5,000). */
  readonly batchSize?: number
  /** The export's clock (tests). */
  readonly now?: Date
}

export interface ExportDefaultListingsResult {
  readonly asOf: string
  readonly file: string
  readonly excludedFile: string
  readonly bytes: number
  readonly sha256: string
  readonly listed: number
  readonly excluded: number
}

export const LISTING_HEADER =
  'account,debtor_name,date_of_birth,address,amount_overdue_aud,overdue_since,overdue_notice_on,disclosure_notice_on,listing_date'
export const EXCLUDED_HEADER = 'account,rule,detail,citation'
const DEFAULT_BATCH = 5000

/** The AU consumer accounts the listing considers: open, owing, a consumer debt of a person in AU. */
export function consideredForListing(facts: FurnishingFacts): boolean {
  const j = facts.jurisdiction
  return (
    (j === 'AU' || j.startsWith('AU-')) &&
    facts.debtKind === 'consumer' &&
    facts.status === 'open' &&
    facts.soldOn === null &&
    facts.balanceMinor > 0
  )
}

/**
 * The notice dates read from the contact history: the first outbound letter on the account that was
 * not returned undeliverable is taken as the written notice of the overdue payment (s.6Q(1)(c)) and
 * as the notice that the default may be disclosed (s.21D(3)(d)): Recoup's AU letters carry both.
 * No such letter: both unknown, so the rule blocks (unknown means blocked).
 */
export function noticeOn(facts: FurnishingFacts): string | null {
  let first: string | null = null
  for (const m of facts.messages) {
    if (m.channel !== 'letter' || m.undeliverableAt != null) continue
    if (first === null || m.sentAt < first) first = m.sentAt
  }
  return first === null ? null : localDateAt(new Date(first), facts.timeZone)
}

/** The compliance request for listing the account's default on `at` (a `credit_report` action). */
export function listingRequest(facts: FurnishingFacts, at: string): ComplianceRequest {
  const notice = noticeOn(facts)
  return {
    action: { kind: 'credit_report', at },
    collector: { type: 'third_party' },
    debtor: {
      kind: facts.debtorKind,
      jurisdiction: facts.jurisdiction,
      timeZoneEvidence: [{ source: 'address', timeZone: facts.timeZone }],
    },
    debts: [
      {
        id: facts.externalId,
        kind: facts.debtKind,
        jurisdiction: facts.jurisdiction,
        currency: facts.currency,
        balanceMinor: facts.balanceMinor,
        accrualOn: facts.dueOn,
        overdueSince: facts.dueOn,
        overdueNoticeOn: notice,
        creditReportingNoticeOn: notice,
        disputes: facts.disputes,
      },
    ],
    history: { lastConversationAt: facts.spokeWithConsumerAt },
    // The consumer pack of Australia: default listing, hardship, limitation with extinguishment.
    packs: ['au'],
  }
}

/**
 * Writes the tenant's Australian default listings as of a day (docs/bureau-au.md): every AU consumer
 * account open and owing is judged by the `au` compliance pack for a `credit_report` action (the
 * default-listing rule, Privacy Act 1988 ss.6Q, 21D, and the pack's other credit-reporting checks);
 * allowed accounts go to the listing CSV, refused ones to `<out>.excluded.csv` with each reason. Both
 * files appear whole or not at all. Journaled as `bureau.au_default_listings_exported`.
 */
export async function exportDefaultListings(
  ctx: AppContext,
  request: ExportDefaultListingsRequest,
): Promise<ExportDefaultListingsResult> {
  authorize(ctx.actor, 'bureau.export')
  requireAllClients(ctx.actor, 'export the default listings')
  const tenant = ctx.actor.tenant
  const now = request.now ?? new Date()
  if (!/^\d{4}-\d{2}-\d{2}$/.test(request.asOf) || !parseLocalDate(request.asOf).ok)
    throw new AppError('invalid_date', `as-of must be a date YYYY-MM-DD, not "${request.asOf}"`)
  const today = localDateAt(now, tenant.time_zone)
  if (request.asOf > today)
    throw new AppError('invalid_date', `as-of ${request.asOf} is in the future (today is ${today})`)
  const batchSize = request.batchSize ?? DEFAULT_BATCH
  if (!Number.isSafeInteger(batchSize) || batchSize < 1)
    throw new AppError('invalid_option', `batch size must be a whole number >= 1, not ${batchSize}`)
  // The day's last moment in the tenant's zone (or now, for today).
  const dayEnd = instantAtLocalTime(request.asOf, '23:59', tenant.time_zone) + 59_999
  const at = new Date(Math.min(dayEnd, now.getTime())).toISOString()

  const excludedFile = `${request.out}.excluded.csv`
  const file = new AtomicFile(request.out, 'utf8')
  const report = new AtomicFile(excludedFile, 'utf8')
  const hash = createHash('sha256')
  let bytes = 0
  const emit = (text: string) => {
    const data = Buffer.from(text, 'utf8')
    file.write(data)
    hash.update(data)
    bytes += data.length
  }
  let listed = 0
  let excluded = 0
  try {
    emit(`${LISTING_HEADER}\n`)
    report.write(`${EXCLUDED_HEADER}\n`)
    const asOf = { firstDay: request.asOf, lastDay: request.asOf, at, tenantTimeZone: tenant.time_zone }
    for (
      let batch = await loadFurnishingBatch(ctx.store.db, tenant.id, 0, batchSize, asOf);
      batch !== null;
      batch = await loadFurnishingBatch(ctx.store.db, tenant.id, batch.lastAccountId, batchSize, asOf)
    ) {
      let lines = ''
      let refused = ''
      for (const facts of batch.facts) {
        if (!consideredForListing(facts)) continue
        const decision = evaluateCompliance(listingRequest(facts, at))
        if (decision.outcome === 'allow') {
          listed++
          lines += `${listingRow(facts, request.asOf).map(csvField).join(',')}\n`
        } else {
          excluded++
          for (const r of decision.reasons)
            refused += `${[facts.externalId, r.ruleId, r.message, r.citation].map(csvField).join(',')}\n`
        }
      }
      emit(lines)
      report.write(refused)
    }
    file.commit()
    report.commit()
  } catch (error) {
    file.abort()
    report.abort()
    throw error
  }
  const result: ExportDefaultListingsResult = {
    asOf: request.asOf,
    file: request.out,
    excludedFile,
    bytes,
    sha256: hash.digest('hex'),
    listed,
    excluded,
  }
  await ctx.store.db.transaction().execute((trx) =>
    appendJournalEvent(trx, {
      tenantId: tenant.id,
      type: 'bureau.au_default_listings_exported',
      actor: actorLabel(ctx.actor),
      subject: `au-default:${request.asOf}`,
      payload: { asOf: result.asOf, sha256: result.sha256, bytes, listed, excluded },
    }),
  )
  return result
}

function listingRow(facts: FurnishingFacts, asOf: string): string[] {
  const a = facts.address
  const address = a
    ? [a.line1, a.line2, a.city, a.region, a.postalCode, a.country]
        .filter((p) => p != null && p !== '')
        .join(', ')
    : ''
  const notice = noticeOn(facts) ?? ''
  return [
    facts.externalId,
    facts.debtor.name,
    facts.debtor.dateOfBirth ?? '',
    address,
    formatDecimal(fromMinor(facts.balanceMinor, 2)),
    facts.dueOn,
    notice,
    notice,
    asOf,
  ]
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value
}
