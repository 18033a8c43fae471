import { localDateAt, parseLocalDate } from '../../core/calendar/local-date.ts'
import { AppError } from '../../core/errors/index.ts'
import { formatAmount } from '../../core/money/money.ts'
import { SALE_MEMO_PREFIX } from '../../core/sales/sale-file.ts'
import { closeAccountIn } from '../../money/closure.service.ts'
import { appendJournalEvent } from '../../store/journal.repository.ts'
import { lockAccounts } from '../../store/lock-accounts.ts'
import { loadMoneyAccount } from '../../store/money/money-account.repository.ts'
import { postDebtReduction } from '../../store/money/write-off.repository.ts'
import {
  closeSaleRow,
  markAccountSold,
  saleAccountsOf,
  saleBlockersAmong,
} from '../../store/sales/sale.repository.ts'
import { actorLabel } from '../actor.ts'
import { type AppContext, inTransaction } from '../app-context.ts'
import { authorize, requireAllClients } from '../authorize.ts'
import { loadDraftSale, loadSale } from './load-sale.ts'
import { type SaleView, saleView } from './sale-view.ts'

export interface CloseSaleInput {
  readonly sale: number | string
  /** The closing day (default today in the tenant's zone). */
  readonly on?: string
}

/** What closing did, beside the sale itself. */
export interface ClosedSale extends SaleView {
  readonly cancelledActions: number
}

/**
 * Closes a draft sale (managers and admins): in one transaction, under the accounts' locks, each
 * account must still owe exactly what it was valued at (else `sale_stale`: value it again) and be
 * neither placed with a partner nor held by a legal case (else `sale_stale` naming why); its balance
 * goes to zero by a closing `adjustment` per component (external id `sale:<id>#component`), it is
 * closed as `closed` with the reason "sale N: sold to BUYER", its pending outbox actions are
 * cancelled, and its sale link becomes `sold` (one sale per account). Journaled as `sale.closed` with
 * the ledger lines it wrote. The buy-back window runs from the closing day.
 */
export async function closeSale(ctx: AppContext, input: CloseSaleInput): Promise<ClosedSale> {
  authorize(ctx.actor, 'sales.manage')
  requireAllClients(ctx.actor, 'close a debt sale')
  const tenant = ctx.actor.tenant
  let on = localDateAt(new Date(), tenant.time_zone)
  if (input.on !== undefined) {
    const parsed = parseLocalDate(input.on)
    if (!parsed.ok) throw new AppError('invalid_date', `on: ${parsed.reason}`, { field: 'on' })
    on = parsed.date
  }
  const by = actorLabel(ctx.actor)
  return inTransaction(ctx, async (trx) => {
    const draft = await loadDraftSale(trx, tenant.id, input.sale)
    if (on < draft.valued_on)
      throw new AppError('invalid_date', `on: the sale was valued on ${draft.valued_on}`, { field: 'on' })
    // Taking the draft first serialises two closings of the same sale.
    if (!(await closeSaleRow(trx, tenant.id, draft.id, on, by)))
      throw new AppError('sale_not_draft', `sale ${draft.id} is no longer a draft`)
    const lines = await saleAccountsOf(trx, tenant.id, draft.id)
    await lockAccounts(
      trx,
      tenant.id,
      lines.map((l) => l.accountId),
    )
    // Under the locks: an account placed with a partner or held by a legal case since the valuation is not sold.
    const blockers = await saleBlockersAmong(
      trx,
      tenant.id,
      lines.map((l) => l.accountId),
    )
    for (const line of lines) {
      const why = blockers.get(line.accountId)
      if (why)
        throw new AppError(
          'sale_stale',
          `sale ${draft.id}: account ${line.externalId} ${why}; recall it or leave it out of the sale`,
          { account: line.externalId },
        )
    }
    const reason = `${SALE_MEMO_PREFIX}${draft.id}: sold to ${draft.buyer}`
    const ledgerIds: number[] = []
    let cancelledActions = 0
    for (const line of lines) {
      const account = await loadMoneyAccount(trx, tenant.id, line.accountId)
      if (account.status !== 'open' || account.balanceMinor !== line.balanceMinor) {
        const money = (m: number) => `${formatAmount(m, account.currency)} ${account.currency}`
        throw new AppError(
          'sale_stale',
          `sale ${draft.id}: account ${account.externalId} ` +
            (account.status !== 'open'
              ? `is ${account.status}`
              : `owes ${money(account.balanceMinor)}, valued at ${money(line.balanceMinor)}`) +
            '; value the sale again (`recoup sale value`)',
          { account: account.externalId },
        )
      }
      if (!(await markAccountSold(trx, draft.id, account.id, on)))
        throw new AppError(
          'sale_stale',
          `sale ${draft.id}: account ${account.externalId} is sold in another sale`,
          {
            account: account.externalId,
          },
        )
      const written = await postDebtReduction(trx, tenant.id, account.id, {
        kind: 'adjustment',
        amountMinor: 'all',
        effectiveOn: on,
        key: `sale:${draft.id}`,
        memo: reason,
      })
      ledgerIds.push(...written.ids)
      const closed = await closeAccountIn(trx, tenant, account.id, {
        status: 'closed',
        on,
        reason,
        actor: by,
      })
      cancelledActions += closed.cancelledActions
    }
    await appendJournalEvent(trx, {
      tenantId: tenant.id,
      type: 'sale.closed',
      actor: by,
      subject: `sale:${draft.id}`,
      covers: [{ table: 'ledger_entries', ids: ledgerIds }],
      payload: {
        saleId: draft.id,
        buyer: draft.buyer,
        closedOn: on,
        accounts: lines.map((l) => l.accountId),
        balanceMinor: draft.balance_minor,
        priceMinor: draft.price_minor,
        currency: draft.currency,
        cancelledActions,
      },
    })
    return { ...saleView(await loadSale(trx, tenant.id, draft.id), lines.length), cancelledActions }
  })
}
