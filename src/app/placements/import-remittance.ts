import { createHash } from 'node:crypto'
import { localDateAt } from '../../core/calendar/local-date.ts'
import { AppError, type ErrorCode } from '../../core/errors/index.ts'
import { CsvParser, type CsvRow } from '../../core/intake/csv-parser.ts'
import type { FieldError } from '../../core/intake/row-reader.ts'
import { formatAmount } from '../../core/money/money.ts'
import {
  checkRemittanceHeader,
  type RemittanceAmounts,
  type RemittanceLineText,
  readRemittanceRow,
  reconcileLine,
  remittanceAmounts,
} from '../../core/placements/remittance-file.ts'
import { type IncomingPayment, postPaymentsIn } from '../../money/post-payments.ts'
import { appendJournalEvent } from '../../store/journal.repository.ts'
import { partnerByCode } from '../../store/placements/placement.repository.ts'
import {
  bookedReferences,
  fixedFeesCharged,
  insertCommissions,
  insertRemittance,
  insertRemittanceLines,
  type NewCommission,
  type NewRemittanceLine,
  placementsByIds,
  type RemittablePlacement,
} from '../../store/placements/remittance.repository.ts'
import type { RemittanceLineStatus } from '../../store/schema.ts'
import { actorLabel } from '../actor.ts'
import { type AppContext, inTransaction } from '../app-context.ts'
import { authorize, requireAllClients } from '../authorize.ts'
import { redecideAccounts } from '../redecide-accounts.ts'
import { loadRemittanceReport, type RemittanceReport } from './remittance-report.ts'

/** The largest remittance file taken in one go (a month of an agency's collections is far less). */
export const MAX_REMITTANCE_BYTES = 5 * 1024 * 1024
/** A partner's reference is at most this long (it is part of the payment's idempotency key). */
const MAX_PARTNER_REFERENCE = 120

export interface ImportRemittanceInput {
  /** The partner's code. */
  readonly partner: string
  /** The file's name as sent (shown with the reconciliation). */
  readonly fileName: string
  /** The CSV text (docs/placements.md, "Remittance file in"). */
  readonly csv: string
  readonly source: 'cli' | 'api'
  readonly now?: Date
}

/** The column a posting refusal is about. */
const FIELD_OF_CODE: Partial<Record<ErrorCode, string>> = {
  account_not_found: 'account',
  account_closed: 'account',
  invalid_amount: 'collected',
  implausible_payment: 'collected',
  invalid_date: 'paid_on',
  currency_mismatch: 'currency',
  invalid_reference: 'reference',
  idempotency_conflict: 'reference',
  duplicate_payment: 'reference',
}

/** The payment's idempotency key: the partner's reference under the partner's code. */
export const remittancePaymentKey = (partnerCode: string, reference: string) =>
  `partner:${partnerCode}:${reference}`

interface WorkLine {
  text: RemittanceLineText
  status: RemittanceLineStatus | null
  problems: FieldError[]
  placement?: RemittablePlacement
  currency: string | null
  amounts?: RemittanceAmounts
  paymentId?: number
  commissionDueMinor?: number
  fixedFeeMinor?: number
  netExpectedMinor?: number
  differenceMinor?: number
}

/**
 * Takes in a partner's remittance file and reconciles it (docs/placements.md, "Remittance file in"):
 * every line is checked (file, line, field), matched to the partner's placement and its account
 * (active, or recalled after the day paid), and booked as a payment on the account through the one
 * payment poster (allocation, ledger, closing when paid, re-decision), idempotent by partner and
 * reference so a file sent twice books nothing twice. The commission due follows the placement's
 * rate (contingency half-up per line, the fixed fee once: with the first collection under "no
 * success, no fee"), and is recorded; the difference is what the partner remitted less what it
 * should have (gross: all it collected; net: that less the commission). Good lines are kept when
 * others are bad; the whole file is one transaction, stored with its lines, journaled as
 * `placement.remittance_reconciled` (and its webhook).
 */
export async function importRemittance(
  ctx: AppContext,
  input: ImportRemittanceInput,
): Promise<RemittanceReport> {
  authorize(ctx.actor, 'placements.manage')
  requireAllClients(ctx.actor, 'import a remittance')
  const tenant = ctx.actor.tenant
  if (Buffer.byteLength(input.csv, 'utf8') > MAX_REMITTANCE_BYTES)
    throw new AppError('payload_too_large', `${input.fileName}: a remittance file is at most 5 MiB`)
  const parser = new CsvParser()
  const parsed: CsvRow[] = []
  parser.push(input.csv, parsed)
  parser.end(parsed)
  const [header, ...data] = parsed
  if (!header || (header.fields.length === 1 && header.fields[0]?.trim() === ''))
    throw new AppError('empty_file', `${input.fileName} is empty`)
  const today = localDateAt(input.now ?? new Date(), tenant.time_zone)
  const actor = actorLabel(ctx.actor)
  return inTransaction(ctx, async (trx) => {
    const partner = await partnerByCode(trx, tenant.id, input.partner)
    if (!partner)
      throw new AppError('partner_not_found', `no partner with code "${input.partner}" in this tenant`, {
        field: 'partner',
      })
    const remit = partner.remit
    const checked = checkRemittanceHeader(header, remit)
    if (!checked.ok)
      throw new AppError(
        checked.reason.startsWith('missing') ? 'missing_columns' : 'invalid_header',
        `${input.fileName}: ${checked.reason}`,
      )
    const work: WorkLine[] = data
      .filter((row) => !row.fields.every((f) => f.trim() === ''))
      .map((row) => {
        const text = readRemittanceRow(row, checked.names, remit)
        const problems = [...text.problems]
        if (text.reference.length > MAX_PARTNER_REFERENCE)
          problems.push({ field: 'reference', reason: `at most ${MAX_PARTNER_REFERENCE} characters` })
        return { text, status: null, problems, currency: null }
      })
    if (work.length === 0) throw new AppError('empty_file', `${input.fileName} has a header and no lines`)

    const placements = await placementsByIds(
      trx,
      tenant.id,
      work
        .filter((w) => /^[1-9][0-9]{0,15}$/.test(w.text.placementRef))
        .map((w) => Number(w.text.placementRef)),
    )
    const booked = await bookedReferences(
      trx,
      tenant.id,
      partner.id,
      work.map((w) => w.text.reference),
    )
    const firstLine = new Map<string, number>()
    for (const w of work) {
      const placement = placements.get(Number(w.text.placementRef))
      const ours = placement && placement.partnerId === partner.id ? placement : undefined
      w.currency = ours?.currency ?? (w.text.currency || tenant.default_currency)
      w.amounts = remittanceAmounts(w.text, w.currency)
      w.problems.push(...w.amounts.problems)
      if (w.problems.length > 0) {
        w.status = 'error'
        continue
      }
      if (!ours) {
        w.status = 'unmatched'
        w.problems.push({
          field: 'placement_id',
          reason: `no placement ${w.text.placementRef} with partner ${partner.code} in this tenant`,
        })
        continue
      }
      w.placement = ours
      const paidOn = w.text.paidOn ?? ''
      if (ours.account !== w.text.account)
        w.problems.push({
          field: 'account',
          reason: `placement ${ours.id} is account ${ours.account}, not ${w.text.account}`,
        })
      else if (paidOn < ours.placedOn)
        w.problems.push({
          field: 'paid_on',
          reason: `${paidOn} is before the placement started (${ours.placedOn})`,
        })
      else if (ours.status === 'recalled' && ours.recalledOn !== null && paidOn > ours.recalledOn)
        w.problems.push({
          field: 'paid_on',
          reason: `${paidOn} is after the placement was recalled (${ours.recalledOn}): the account was ours again`,
        })
      if (w.problems.length > 0) {
        w.status = 'unmatched'
        continue
      }
      const earlier = firstLine.get(w.text.reference)
      const before = booked.get(w.text.reference)
      if (earlier !== undefined) {
        w.status = 'duplicate'
        w.problems.push({
          field: 'reference',
          reason: `line ${earlier} of this file has reference ${w.text.reference}`,
        })
      } else if (before) {
        w.status = 'duplicate'
        w.problems.push({
          field: 'reference',
          reason: `reference ${w.text.reference} was booked by remittance ${before.remittanceId}, line ${before.line}`,
        })
      }
      firstLine.set(w.text.reference, firstLine.get(w.text.reference) ?? w.text.line)
    }

    // Book the candidates as payments through the one poster: the ledger, allocation and closing.
    const candidates = work.filter((w) => w.status === null)
    const payments: IncomingPayment[] = candidates.map((w) => ({
      accountId: (w.placement as RemittablePlacement).accountId,
      amountMinor: w.amounts?.collectedMinor as number,
      currency: w.currency as string,
      receivedOn: w.text.paidOn as string,
      source: input.source === 'api' ? 'api' : 'csv',
      externalId: remittancePaymentKey(partner.code, w.text.reference),
    }))
    const posted =
      payments.length === 0
        ? undefined
        : await postPaymentsIn(trx, tenant, payments, {
            actor,
            today,
            redecide: (t, touched) => redecideAccounts(t, tenant, touched),
          })
    for (const r of posted?.rejected ?? []) {
      const w = candidates[r.index] as WorkLine
      w.status = 'error'
      w.problems.push({ field: FIELD_OF_CODE[r.code] ?? 'row', reason: r.message })
    }
    for (const p of posted?.posted ?? []) (candidates[p.index] as WorkLine).paymentId = p.paymentId
    // Sold accounts: the payment is the buyer's, recorded as forwarded (no payment, no commission here).
    for (const f of posted?.forwarded ?? []) {
      const w = candidates[f.index] as WorkLine
      w.status = 'forwarded'
      w.problems.push({
        field: 'account',
        reason: `account ${w.text.account} was sold to ${f.buyer} (sale ${f.saleId}): the payment is recorded as forwarded to the buyer, not booked`,
      })
    }
    for (const w of candidates)
      if (w.status === null && w.paymentId === undefined) {
        w.status = 'duplicate'
        w.problems.push({
          field: 'reference',
          reason: 'a payment with this partner reference is already recorded',
        })
      }

    // Reconcile the booked lines in file order; the fixed fee is charged once per placement.
    const charged = await fixedFeesCharged(
      trx,
      candidates.filter((w) => w.paymentId !== undefined).map((w) => (w.placement as RemittablePlacement).id),
    )
    for (const w of candidates) {
      if (w.paymentId === undefined) continue
      const placement = w.placement as RemittablePlacement
      const feeOwed = placement.fixedFeeMinor > 0 && !charged.has(placement.id)
      if (feeOwed) charged.add(placement.id)
      const r = reconcileLine(
        {
          collectedMinor: w.amounts?.collectedMinor as number,
          commissionWithheldMinor: w.amounts?.commissionWithheldMinor ?? 0,
          netRemittedMinor: w.amounts?.netRemittedMinor as number,
        },
        { percent: placement.commissionPercent, fixedFeeMinor: placement.fixedFeeMinor },
        remit,
        feeOwed,
      )
      w.status = r.status
      w.commissionDueMinor = r.commissionDueMinor
      w.fixedFeeMinor = feeOwed ? placement.fixedFeeMinor : 0
      w.netExpectedMinor = r.netExpectedMinor
      w.differenceMinor = r.differenceMinor
      const amount = (minor: number) => `${formatAmount(minor, placement.currency)} ${placement.currency}`
      if (r.status === 'difference')
        w.problems.push({
          field: 'net_remitted',
          reason:
            `remitted ${amount(w.amounts?.netRemittedMinor as number)}, expected ${amount(r.netExpectedMinor)}: ` +
            `${r.differenceMinor > 0 ? 'more' : 'less'} by ${amount(Math.abs(r.differenceMinor))}`,
        })
      const withheld = w.amounts?.commissionWithheldMinor ?? 0
      if (remit === 'net' && withheld !== r.commissionDueMinor)
        w.problems.push({
          field: 'commission_withheld',
          reason: `withheld ${amount(withheld)}, the commission due is ${amount(r.commissionDueMinor)}`,
        })
    }

    const hash = createHash('sha256').update(input.csv).digest('hex')
    const remittanceId = await insertRemittance(trx, {
      tenantId: tenant.id,
      partnerId: partner.id,
      fileName: input.fileName,
      fileSha256: hash,
      importedBy: actor,
    })
    const lineRows: NewRemittanceLine[] = work.map((w) => ({
      tenant_id: tenant.id,
      remittance_id: remittanceId,
      partner_id: partner.id,
      line: w.text.line,
      status: w.status ?? 'error',
      placement_ref: w.text.placementRef,
      account_ref: w.text.account,
      reference: w.text.reference,
      paid_on: w.text.paidOn,
      placement_id: w.placement?.id ?? null,
      currency: w.currency,
      collected_minor: w.amounts?.collectedMinor ?? null,
      commission_due_minor: w.commissionDueMinor ?? null,
      commission_withheld_minor: w.amounts?.commissionWithheldMinor ?? null,
      net_expected_minor: w.netExpectedMinor ?? null,
      net_remitted_minor: w.amounts?.netRemittedMinor ?? null,
      difference_minor: w.differenceMinor ?? null,
      payment_id: w.paymentId ?? null,
      problems: JSON.stringify(w.problems),
    }))
    const lineIds = await insertRemittanceLines(trx, lineRows)
    const commissions: NewCommission[] = []
    for (const w of work) {
      if (w.paymentId === undefined || !w.placement) continue
      const base = {
        tenantId: tenant.id,
        placementId: w.placement.id,
        currency: w.placement.currency,
        chargedOn: w.text.paidOn as string,
        remittanceLineId: lineIds.get(w.text.line) ?? null,
      }
      const fee = w.fixedFeeMinor ?? 0
      const contingency = (w.commissionDueMinor ?? 0) - fee
      if (contingency > 0) commissions.push({ ...base, kind: 'contingency', amountMinor: contingency })
      if (fee > 0) commissions.push({ ...base, kind: 'fixed_fee', amountMinor: fee })
    }
    await insertCommissions(trx, commissions)
    const report = await loadRemittanceReport(trx, tenant.id, remittanceId)
    await appendJournalEvent(trx, {
      tenantId: tenant.id,
      type: 'placement.remittance_reconciled',
      actor,
      subject: `partner:${partner.id}`,
      payload: {
        remittanceId,
        partner: partner.code,
        remit,
        fileSha256: hash,
        counts: report.counts,
        totals: report.totals,
      },
    })
    return report
  })
}
