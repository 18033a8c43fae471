import { addDays, localDateAt, parseLocalDate } from '../../core/calendar/local-date.ts'
import { AppError } from '../../core/errors/index.ts'
import { SALE_MEMO_PREFIX } from '../../core/sales/sale-file.ts'
import { postPaymentsIn } from '../../money/post-payments.ts'
import { appendJournalEvent } from '../../store/journal.repository.ts'
import { writeLedgerLines } from '../../store/ledger.repository.ts'
import { lockAccounts } from '../../store/lock-accounts.ts'
import { accountIdByExternalId } from '../../store/money/money-account.repository.ts'
import {
  closingLinesOf,
  forwardedPaymentsOfAccount,
  markBoughtBack,
  reopenSoldAccount,
  saleAccountsOf,
} from '../../store/sales/sale.repository.ts'
import type { PaymentSource } from '../../store/schema.ts'
import { actorLabel } from '../actor.ts'
import { type AppContext, inTransaction } from '../app-context.ts'
import { authorize, requireAllClients } from '../authorize.ts'
import { redecideAccounts } from '../redecide-accounts.ts'
import { loadSale } from './load-sale.ts'
import { type SaleAccountView, saleAccountView } from './sale-view.ts'

export interface BuyBackInput {
  readonly sale: number | string
  /** The account's external id. */
  readonly account: string
  /** Why the buyer puts it back ("debtor deceased before the sale", "bankruptcy", ...). */
  readonly reason: string
  /** The put-back day (default today in the tenant's zone). */
  readonly on?: string
}

/**
 * Takes a sold account back (put-back) within the sale's buy-back window (closing day to closing day
 * + buybackDays, both inclusive; after it `buyback_not_allowed`): the closing lines are reversed (one
 * `reversal` each, so the balance is what it was at the sale), the account is open again and
 * re-decided, its sale link becomes `bought_back`. The payments forwarded to the buyer for it meanwhile
 * are then booked on it as payments (their references and received dates; postPaymentsIn, so a reference
 * already booked is a replay): the buyer returns them with the account (docs/debt-sale.md, "Buy-back").
 * Journaled as `sale.account_bought_back` with the lines written.
 */
export async function buyBackAccount(ctx: AppContext, input: BuyBackInput): Promise<SaleAccountView> {
  authorize(ctx.actor, 'sales.manage')
  requireAllClients(ctx.actor, 'buy back a sold account')
  const reason = typeof input.reason === 'string' ? input.reason.trim() : ''
  if (!reason || reason.length > 2000)
    throw new AppError('invalid_reason', 'reason: a buy-back needs a reason of at most 2000 characters', {
      field: 'reason',
    })
  const tenant = ctx.actor.tenant
  let on = localDateAt(new Date(), tenant.time_zone)
  if (input.on !== undefined) {
    const parsed = parseLocalDate(input.on)
    if (!parsed.ok) throw new AppError('invalid_date', `on: ${parsed.reason}`, { field: 'on' })
    on = parsed.date
  }
  const by = actorLabel(ctx.actor)
  return inTransaction(ctx, async (trx) => {
    const sale = await loadSale(trx, tenant.id, input.sale)
    if (sale.status !== 'closed' || sale.closed_on === null)
      throw new AppError(
        'buyback_not_allowed',
        `sale ${sale.id} is ${sale.status}: only a closed sale has a buy-back`,
      )
    const until = addDays(sale.closed_on, sale.buyback_days)
    if (on < sale.closed_on || on > until)
      throw new AppError(
        'buyback_not_allowed',
        `sale ${sale.id}: the buy-back window runs from ${sale.closed_on} to ${until}, not ${on}`,
        { field: 'on', buybackUntil: until },
      )
    const accountId = await accountIdByExternalId(trx, tenant.id, input.account)
    await lockAccounts(trx, tenant.id, [accountId])
    if (!(await markBoughtBack(trx, sale.id, accountId, on, reason)))
      throw new AppError('buyback_not_allowed', `account ${input.account} is not sold in sale ${sale.id}`, {
        field: 'account',
      })
    const closing = await closingLinesOf(trx, tenant.id, sale.id, accountId)
    const written = await writeLedgerLines(
      trx,
      closing.map((l) => ({
        tenantId: tenant.id,
        accountId,
        kind: 'reversal' as const,
        component: l.component,
        amountMinor: -l.amountMinor,
        effectiveOn: on,
        externalId: `sale:${sale.id}:buyback#${l.component}`,
        reversesId: l.id,
        memo: `${SALE_MEMO_PREFIX}${sale.id}: bought back: ${reason}`,
      })),
    )
    await reopenSoldAccount(trx, tenant.id, accountId)
    await appendJournalEvent(trx, {
      tenantId: tenant.id,
      type: 'sale.account_bought_back',
      actor: by,
      subject: `account:${accountId}`,
      covers: [{ table: 'ledger_entries', ids: written.map((w) => w.id) }],
      payload: {
        saleId: sale.id,
        accountId,
        on,
        reason,
        amountMinor: written.reduce((s, w) => s + w.amountMinor, 0),
      },
    })
    await redecideAccounts(trx, tenant, [
      { accountId, event: { key: `sale:${sale.id}:buyback`, at: `${on}T12:00:00Z` } },
    ])
    // The payments forwarded to the buyer meanwhile are booked on the account again (references kept:
    // a replay, not a second payment), so it owes what it owed at the sale less what the debtor paid.
    const forwarded = await forwardedPaymentsOfAccount(trx, tenant.id, sale.id, accountId)
    if (forwarded.length > 0) {
      const booked = await postPaymentsIn(
        trx,
        tenant,
        forwarded.map((f) => ({
          accountId,
          amountMinor: f.amountMinor,
          currency: f.currency,
          receivedOn: f.receivedOn,
          source: f.source as PaymentSource,
          externalId: f.reference,
          acceptLarge: true,
        })),
        { actor: by, redecide: (t, touched) => redecideAccounts(t, tenant, touched) },
      )
      const rejected = booked.rejected[0]
      if (rejected)
        throw new AppError(
          rejected.code,
          `sale ${sale.id}: the payment ${rejected.externalId} forwarded to the buyer cannot be booked on ` +
            `account ${input.account}: ${rejected.message}`,
          { reference: rejected.externalId },
        )
    }
    const line = (await saleAccountsOf(trx, tenant.id, sale.id)).find((l) => l.accountId === accountId)
    if (!line) throw new Error(`sale ${sale.id} lost account ${accountId}`)
    return saleAccountView(line)
  })
}
