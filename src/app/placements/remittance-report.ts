import type { Kysely, Transaction } from 'kysely'
import { AppError } from '../../core/errors/index.ts'
import type { FieldError } from '../../core/intake/row-reader.ts'
import {
  listRemittanceRows,
  remittanceById,
  remittanceLines,
} from '../../store/placements/remittance.repository.ts'
import type { Database, RemittanceLineStatus } from '../../store/schema.ts'
import type { AppContext } from '../app-context.ts'
import { authorize, requireAllClients } from '../authorize.ts'

type Db = Kysely<Database> | Transaction<Database>

/** One line of a remittance with its reconciliation. Amounts are minor units of `currency`. */
export interface RemittanceLineView {
  readonly line: number
  readonly status: RemittanceLineStatus
  /** As the file gave them. */
  readonly placementId: string
  readonly account: string
  readonly reference: string
  readonly paidOn: string | null
  readonly currency: string | null
  readonly collectedMinor: number | null
  /** Null for a line not booked (unmatched, duplicate, error). */
  readonly commissionDueMinor: number | null
  readonly commissionWithheldMinor: number | null
  readonly netExpectedMinor: number | null
  readonly netRemittedMinor: number | null
  /** `net remitted - net expected`; null for a line not booked. */
  readonly differenceMinor: number | null
  readonly paymentId: number | null
  readonly problems: FieldError[]
}

/** The booked lines' sums in one currency. */
export interface RemittanceTotals {
  readonly currency: string
  readonly lines: number
  readonly collectedMinor: number
  readonly commissionDueMinor: number
  readonly commissionWithheldMinor: number
  readonly netExpectedMinor: number
  readonly netRemittedMinor: number
  readonly differenceMinor: number
  /** Gross partner: the commission we owe it on its invoice; net partner: 0 (it kept its commission). */
  readonly commissionOwedMinor: number
}

/** A remittance and its reconciliation, as imported and as shown again. */
export interface RemittanceReport {
  readonly id: number
  readonly partner: string
  readonly partnerName: string
  readonly remit: 'gross' | 'net'
  readonly fileName: string
  readonly fileSha256: string
  readonly importedBy: string
  readonly importedAt: string
  readonly counts: Record<RemittanceLineStatus, number>
  /** Over the booked lines (matched and difference), per currency. */
  readonly totals: RemittanceTotals[]
  readonly lines: RemittanceLineView[]
}

/** Reads a stored remittance with its lines and computes the counts and totals. */
export async function loadRemittanceReport(db: Db, tenantId: number, id: number): Promise<RemittanceReport> {
  const remittance = await remittanceById(db, tenantId, id)
  if (!remittance) throw new AppError('remittance_not_found', `no remittance ${id} in this tenant`)
  const lines = (await remittanceLines(db, id)).map(
    (r): RemittanceLineView => ({
      line: r.line,
      status: r.status,
      placementId: r.placementRef,
      account: r.account,
      reference: r.reference,
      paidOn: r.paidOn,
      currency: r.currency,
      collectedMinor: r.collectedMinor,
      commissionDueMinor: r.commissionDueMinor,
      commissionWithheldMinor: r.commissionWithheldMinor,
      netExpectedMinor: r.netExpectedMinor,
      netRemittedMinor: r.netRemittedMinor,
      differenceMinor: r.differenceMinor,
      paymentId: r.paymentId,
      problems: JSON.parse(r.problems) as FieldError[],
    }),
  )
  const counts: Record<RemittanceLineStatus, number> = {
    matched: 0,
    difference: 0,
    unmatched: 0,
    duplicate: 0,
    forwarded: 0,
    error: 0,
  }
  const totals = new Map<string, { -readonly [K in keyof RemittanceTotals]: RemittanceTotals[K] }>()
  for (const l of lines) {
    counts[l.status]++
    if (l.paymentId === null || l.currency === null) continue
    let t = totals.get(l.currency)
    if (!t) {
      t = {
        currency: l.currency,
        lines: 0,
        collectedMinor: 0,
        commissionDueMinor: 0,
        commissionWithheldMinor: 0,
        netExpectedMinor: 0,
        netRemittedMinor: 0,
        differenceMinor: 0,
        commissionOwedMinor: 0,
      }
      totals.set(l.currency, t)
    }
    t.lines++
    t.collectedMinor += l.collectedMinor ?? 0
    t.commissionDueMinor += l.commissionDueMinor ?? 0
    t.commissionWithheldMinor += l.commissionWithheldMinor ?? 0
    t.netExpectedMinor += l.netExpectedMinor ?? 0
    t.netRemittedMinor += l.netRemittedMinor ?? 0
    t.differenceMinor += l.differenceMinor ?? 0
    if (remittance.remit === 'gross') t.commissionOwedMinor += l.commissionDueMinor ?? 0
  }
  return {
    ...remittance,
    counts,
    totals: [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
    lines,
  }
}

/** A stored remittance's reconciliation, shown again (`recoup placement remittance ID`). */
export async function getRemittance(ctx: AppContext, id: number): Promise<RemittanceReport> {
  authorize(ctx.actor, 'placements.read')
  requireAllClients(ctx.actor, 'read remittances')
  if (!Number.isSafeInteger(id) || id <= 0)
    throw new AppError('remittance_not_found', `no remittance ${id} in this tenant`)
  return loadRemittanceReport(ctx.store.db, ctx.actor.tenant.id, id)
}

/** A remittance in a list: without its lines. */
export type RemittanceSummary = Omit<RemittanceReport, 'lines'>

/** The tenant's remittances, newest first (at most 500), optionally of one partner. */
export async function listRemittances(ctx: AppContext, partner?: string): Promise<RemittanceSummary[]> {
  authorize(ctx.actor, 'placements.read')
  requireAllClients(ctx.actor, 'read remittances')
  const rows = await listRemittanceRows(ctx.store.db, ctx.actor.tenant.id, partner)
  const out: RemittanceSummary[] = []
  for (const r of rows) {
    const { lines: _, ...summary } = await loadRemittanceReport(ctx.store.db, ctx.actor.tenant.id, r.id)
    out.push(summary)
  }
  return out
}
