import type { Transaction } from 'kysely'
import { type LateFeePolicy, lateFeesDue } from '../core/fees/late-fee.ts'
import { appendJournalEvent } from '../store/journal.repository.ts'
import type { Database } from '../store/schema.ts'
import type { Tenant } from '../store/tenant.repository.ts'

/** Accounts per query when reading ledgers for fees. */
const CHUNK = 500

export interface LateFeeRun {
  accounts: number
  feesPosted: number
  totalMinor: number
}

/**
 * Posts the late fees due as of `asOf` on the tenant's open accounts under `policy`, in the caller's
 * transaction. Each fee's ledger external id is its period key (`fee:<policy>:<period start>`), unique
 * per account, so a re-run, a crash replay or a concurrent run can never post a period twice: the
 * insert of an existing key is skipped. The fee-bearing balance is principal (fees never bear fees).
 */
export async function postLateFeesAsOf(
  trx: Transaction<Database>,
  tenant: Tenant,
  asOf: string,
  policy: LateFeePolicy,
  actor: string,
  /** Only accounts in this currency (a fixed fee is an amount in one currency). */
  currency?: string,
): Promise<LateFeeRun> {
  const run: LateFeeRun = { accounts: 0, feesPosted: 0, totalMinor: 0 }
  const accounts = await trx
    .selectFrom('accounts')
    .select(['id', 'due_on'])
    .where('tenant_id', '=', tenant.id)
    .where('status', '=', 'open')
    .where('due_on', '<', asOf)
    .$if(currency !== undefined, (q) => q.where('currency', '=', currency as string))
    .orderBy('id')
    .execute()
  const postedAt = new Date().toISOString()
  for (let i = 0; i < accounts.length; i += CHUNK) {
    const chunk = accounts.slice(i, i + CHUNK)
    const entries = await trx
      .selectFrom('ledger_entries')
      .select(['account_id', 'component', 'amount_minor', 'effective_on', 'external_id'])
      .where('tenant_id', '=', tenant.id)
      .where(
        'account_id',
        'in',
        chunk.map((a) => a.id),
      )
      .where('effective_on', '<=', asOf)
      .orderBy('effective_on')
      .execute()
    const byAccount = new Map<number, typeof entries>()
    for (const e of entries) {
      const list = byAccount.get(e.account_id)
      if (list) list.push(e)
      else byAccount.set(e.account_id, [e])
    }
    const rows = []
    for (const account of chunk) {
      run.accounts++
      const ledger = byAccount.get(account.id) ?? []
      let opening = 0
      const changes: { on: string; deltaMinor: number }[] = []
      const posted: { key: string; amountMinor: number }[] = []
      for (const e of ledger) {
        if (e.external_id?.startsWith(`fee:${policy.id}:`))
          posted.push({ key: e.external_id, amountMinor: Number(e.amount_minor) })
        if (e.component !== 'principal') continue
        if (e.effective_on <= account.due_on) opening += Number(e.amount_minor)
        else changes.push({ on: e.effective_on, deltaMinor: Number(e.amount_minor) })
      }
      const due = lateFeesDue({
        policy,
        dueOn: account.due_on,
        asOf,
        openingBalanceMinor: opening,
        balanceChanges: changes,
        posted,
      })
      for (const fee of due) {
        if (fee.amountMinor <= 0) continue
        rows.push({
          tenant_id: tenant.id,
          account_id: account.id,
          kind: 'fee' as const,
          component: 'fee' as const,
          amount_minor: fee.amountMinor,
          effective_on: fee.periodStart,
          posted_at: postedAt,
          external_id: fee.key,
          memo: `late fee ${policy.id} for the period from ${fee.periodStart} (balance ${fee.balanceMinor})`,
        })
      }
    }
    for (let j = 0; j < rows.length; j += CHUNK) {
      const inserted = await trx
        .insertInto('ledger_entries')
        .values(rows.slice(j, j + CHUNK))
        .onConflict((oc) => oc.columns(['account_id', 'external_id']).doNothing())
        .returning('amount_minor')
        .execute()
      run.feesPosted += inserted.length
      run.totalMinor += inserted.reduce((sum, r) => sum + Number(r.amount_minor), 0)
    }
  }
  if (run.feesPosted > 0) {
    await appendJournalEvent(trx, {
      tenantId: tenant.id,
      type: 'fees.posted',
      actor,
      payload: { policy: policy.id, asOf, fees: run.feesPosted, totalMinor: run.totalMinor },
    })
  }
  return run
}
