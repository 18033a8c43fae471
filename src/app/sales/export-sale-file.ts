import type { Kysely } from 'kysely'
import { AppError } from '../../core/errors/index.ts'
import { saleFileCsv, saleFileRow } from '../../core/sales/sale-file.ts'
import { accountLimitation } from '../../engine/account-limitation.ts'
import { complianceRequestBase } from '../../engine/build-compliance-request.ts'
import { loadAccountSnapshots } from '../../store/engine/account-snapshot.repository.ts'
import { appendJournalEvent } from '../../store/journal.repository.ts'
import { saleFileAccounts } from '../../store/sales/sale.repository.ts'
import type { Database } from '../../store/schema.ts'
import { actorLabel } from '../actor.ts'
import { type AppContext, inTransaction } from '../app-context.ts'
import { authorize, requireAllClients } from '../authorize.ts'
import { loadSale } from './load-sale.ts'

export interface SaleFile {
  readonly sale: number
  readonly asOf: string
  readonly accounts: number
  /** The CSV text (docs/debt-sale.md, "Sale file"). */
  readonly csv: string
}

/**
 * The sale file for the buyer: one row per account of the sale with the debtor's identity and current
 * primary address, the original creditor and account number, the charge-off date and amount, the Reg F
 * itemization and payments since, the last payment, disputes, the packs' limitation date and the
 * valuation. Balances run to `asOf` (default: the closing day, else the valuation day). Handing
 * personal data to a buyer is journaled (`sale.file_exported`).
 */
export async function exportSaleFile(
  ctx: AppContext,
  input: { sale: number | string; asOf?: string },
): Promise<SaleFile> {
  authorize(ctx.actor, 'sales.manage')
  requireAllClients(ctx.actor, 'export a sale file')
  const tenant = ctx.actor.tenant
  if (input.asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(input.asOf))
    throw new AppError('invalid_date', 'asOf: a date YYYY-MM-DD', { field: 'asOf' })
  return inTransaction(ctx, async (trx) => {
    const sale = await loadSale(trx, tenant.id, input.sale)
    const asOf = input.asOf ?? sale.closed_on ?? sale.valued_on
    const accounts = await saleFileAccounts(trx, tenant.id, sale.id, new Date().toISOString())
    const limitation = await limitationDays(
      trx,
      ctx,
      accounts.map((a) => a.accountId),
      asOf,
    )
    const rows = accounts.map((a) =>
      saleFileRow(
        { ...a, saleId: sale.id, buyer: sale.buyer, limitationEndsOn: limitation.get(a.accountId) ?? null },
        asOf,
      ),
    )
    await appendJournalEvent(trx, {
      tenantId: tenant.id,
      type: 'sale.file_exported',
      actor: actorLabel(ctx.actor),
      subject: `sale:${sale.id}`,
      payload: { saleId: sale.id, buyer: sale.buyer, asOf, accounts: accounts.map((a) => a.accountId) },
    })
    return { sale: sale.id, asOf, accounts: rows.length, csv: saleFileCsv(rows) }
  })
}

/**
 * The packs' last day to sue for each account (engine/account-limitation.ts, as documents read it),
 * from the accounts' snapshots read by id range (closed accounts included).
 */
async function limitationDays(
  db: Kysely<Database>,
  ctx: AppContext,
  ids: readonly number[],
  asOf: string,
): Promise<Map<number, string>> {
  const out = new Map<number, string>()
  if (ids.length === 0) return out
  const wanted = new Set(ids)
  const collector = ctx.actor.tenant.kind === 'agency' ? 'third_party' : 'original_creditor'
  const snapshots = await loadAccountSnapshots(
    db,
    { tenantId: ctx.actor.tenant.id, firstAccountId: Math.min(...ids), lastAccountId: Math.max(...ids) },
    asOf,
    { includeClosed: true },
  )
  for (const s of snapshots) {
    if (!wanted.has(s.accountId)) continue
    const limitation = accountLimitation(complianceRequestBase(s, collector), asOf)
    if (limitation) out.set(s.accountId, limitation.endsOn)
  }
  return out
}
