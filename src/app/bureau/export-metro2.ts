import { createHash } from 'node:crypto'
import { AtomicFile } from '../../bureau/atomic-file.ts'
import {
  type ExclusionReason,
  type FurnishingPeriod,
  furnishAccount,
} from '../../core/bureau/furnish-account.ts'
import { metro2Header } from '../../core/bureau/metro2-header.ts'
import { CREDITOR_CLASSIFICATIONS, K1_LENGTH, RECORD_LENGTH } from '../../core/bureau/metro2-layout.ts'
import { alphanumeric } from '../../core/bureau/normalize-metro2.ts'
import {
  emptyTrailer,
  encodeHeader,
  encodeTrailer,
  tallyAccount,
  writeAccountInto,
} from '../../core/bureau/write-metro2.ts'
import { addDays, daysInMonth, localDateAt } from '../../core/calendar/local-date.ts'
import { instantAtLocalTime } from '../../core/calendar/local-time.ts'
import { AppError } from '../../core/errors/index.ts'
import { type FurnishingBatch, loadFurnishingBatch } from '../../store/bureau/metro2-facts.repository.ts'
import { appendJournalEvent } from '../../store/journal.repository.ts'
import { actorLabel } from '../actor.ts'
import type { AppContext } from '../app-context.ts'
import { authorize, requireAllClients } from '../authorize.ts'

/** A month's Metro 2 export: the month, where to write it, and the bureau-assigned identifiers. */
export interface ExportMetro2Request {
  /** "YYYY-MM": the month reported (its last day is the Date of Account Information). */
  readonly month: string
  /** The Metro 2 file; the exclusion report is written beside it as `<out>.excluded.csv`. */
  readonly out: string
  /** The furnisher's Identification Number the bureaus assigned (default: the tenant's slug). */
  readonly furnisherId?: string
  /** K1 Creditor Classification (default 12, financial). */
  readonly creditorClassification?: string
  /** Accounts read per batch (default 5,000). */
  readonly batchSize?: number
  /** The export's clock (tests). */
  readonly now?: Date
}

export interface ExportMetro2Result {
  readonly month: string
  readonly file: string
  readonly excludedFile: string
  readonly bytes: number
  readonly sha256: string
  /** Base segments written, each with a K1 segment. */
  readonly furnished: number
  readonly statuses: { readonly '93': number; readonly '62': number; readonly DA: number }
  /** Accounts reported with XB or XC (disputed). */
  readonly disputed: number
  readonly excluded: number
  readonly excludedByReason: Partial<Record<ExclusionReason, number>>
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/
const DEFAULT_BATCH = 5000

/**
 * Writes the tenant's Metro 2 file for a month (docs/metro2.md): every account is read in id batches
 * and judged by the pure furnishing rules (US consumer debts in dollars, the Reg F passive-collection
 * gate, disputes, the FCRA seven years, closings reported once); each furnished account is streamed to
 * the file as its Base and K1 segments and each other one to the exclusion report with its reason.
 * Both files appear whole or not at all (temporary name, then rename). Journaled as
 * `bureau.metro2_exported` with the counts and the file's SHA-256.
 */
export async function exportMetro2(
  ctx: AppContext,
  request: ExportMetro2Request,
): Promise<ExportMetro2Result> {
  authorize(ctx.actor, 'bureau.export')
  requireAllClients(ctx.actor, 'export the Metro 2 file')
  const tenant = ctx.actor.tenant
  const now = request.now ?? new Date()
  const period = furnishingPeriod(request, tenant, now)
  const batchSize = request.batchSize ?? DEFAULT_BATCH
  if (!Number.isSafeInteger(batchSize) || batchSize < 1)
    throw new AppError('invalid_option', `batch size must be a whole number >= 1, not ${batchSize}`)

  const excludedFile = `${request.out}.excluded.csv`
  const file = new AtomicFile(request.out)
  const report = new AtomicFile(excludedFile, 'utf8')
  const hash = createHash('sha256')
  let bytes = 0
  const emit = (data: Uint8Array) => {
    file.write(data)
    hash.update(data)
    bytes += data.length
  }
  const trailer = emptyTrailer()
  const excludedByReason: Partial<Record<ExclusionReason, number>> = {}
  let excluded = 0
  let disputed = 0
  let next: Promise<FurnishingBatch | null> | undefined
  try {
    emit(
      encodeHeader(
        metro2Header({ reporterName: tenant.name, activityDate: period.lastDay, dateCreated: period.today }),
      ),
    )
    report.write('account,reason,detail,citation\n')
    const asOf = {
      firstDay: period.firstDay,
      lastDay: period.lastDay,
      at: period.at,
      tenantTimeZone: tenant.time_zone,
    }
    next = loadFurnishingBatch(ctx.store.db, tenant.id, 0, batchSize, asOf)
    for (let batch = await next; batch !== null; batch = await next) {
      // The next batch is read while this one is judged and written (on PostgreSQL, by the pool's other
      // connections; SQLite's synchronous reads simply run at the await).
      next = loadFurnishingBatch(ctx.store.db, tenant.id, batch.lastAccountId, batchSize, asOf)
      // Each account's segments are written as it is judged (the same bytes encodeAccounts gives), so
      // its record is garbage before the next account's is built.
      const segments = new Uint8Array(batch.accounts * (RECORD_LENGTH + K1_LENGTH))
      let at = 0
      let lines = ''
      for (const facts of batch.facts) {
        const outcome = furnishAccount(facts, period)
        if (outcome.furnished) {
          at += writeAccountInto(outcome.account, segments, at)
          tallyAccount(trailer, outcome.account)
          const code = outcome.account.complianceConditionCode
          if (code === 'XB' || code === 'XC') disputed++
        } else {
          excluded++
          excludedByReason[outcome.reason] = (excludedByReason[outcome.reason] ?? 0) + 1
          lines += `${[facts.externalId, outcome.reason, outcome.detail, outcome.citation ?? ''].map(csvField).join(',')}\n`
        }
      }
      emit(segments.subarray(0, at))
      report.write(lines)
    }
    emit(encodeTrailer(trailer))
    file.commit()
    report.commit()
  } catch (error) {
    // A batch still being read when the export fails: its own failure, if any, is not reported twice.
    next?.catch(() => {})
    file.abort()
    report.abort()
    throw error
  }
  const result: ExportMetro2Result = {
    month: request.month,
    file: request.out,
    excludedFile,
    bytes,
    sha256: hash.digest('hex'),
    furnished: trailer.totalBaseRecords,
    statuses: { '93': trailer.status93, '62': trailer.status62, DA: trailer.statusDA },
    disputed,
    excluded,
    excludedByReason,
  }
  await ctx.store.db.transaction().execute((trx) =>
    appendJournalEvent(trx, {
      tenantId: tenant.id,
      type: 'bureau.metro2_exported',
      actor: actorLabel(ctx.actor),
      subject: `metro2:${request.month}`,
      payload: {
        month: result.month,
        activityDate: period.lastDay,
        sha256: result.sha256,
        bytes: result.bytes,
        furnished: result.furnished,
        statuses: result.statuses,
        disputed: result.disputed,
        excluded: result.excluded,
        excludedByReason: result.excludedByReason,
      },
    }),
  )
  return result
}

/** The month's days, the gate's instant (the month's last moment, or now while it runs) and the ids. */
function furnishingPeriod(
  request: ExportMetro2Request,
  tenant: AppContext['actor']['tenant'],
  now: Date,
): FurnishingPeriod & { today: string } {
  const match = MONTH.exec(request.month)
  if (!match) throw new AppError('invalid_date', `month must be YYYY-MM, not "${request.month}"`)
  const year = Number(match[1])
  const month = Number(match[2])
  const firstDay = `${match[1]}-${match[2]}-01`
  const lastDay = `${match[1]}-${match[2]}-${String(daysInMonth(year, month)).padStart(2, '0')}`
  const today = localDateAt(now, tenant.time_zone)
  if (firstDay > today)
    throw new AppError('invalid_date', `month ${request.month} has not started yet (today is ${today})`)
  const monthEnd = instantAtLocalTime(addDays(lastDay, 1), '00:00', tenant.time_zone) - 1
  const classification = request.creditorClassification ?? '12'
  if (!CREDITOR_CLASSIFICATIONS.includes(classification))
    throw new AppError('invalid_option', `creditor classification must be 01 to 15, not "${classification}"`)
  const furnisherId = alphanumeric(request.furnisherId ?? tenant.slug, 20)
  if (furnisherId === '') throw new AppError('invalid_option', 'the furnisher id must hold letters or digits')
  return {
    firstDay,
    lastDay,
    today,
    at: new Date(Math.min(monthEnd, now.getTime())).toISOString(),
    timeStamp: now.toISOString().slice(0, 19),
    identificationNumber: furnisherId,
    accountType: tenant.kind === 'agency' ? '48' : '0C',
    creditorClassification: classification,
  }
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value
}
