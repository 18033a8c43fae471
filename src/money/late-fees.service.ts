import type { Transaction } from 'kysely'
import { type LateFeePolicy, lateFeesDue } from '../core/fees/late-fee.ts'
import { appendJournalEvent } from '../store/journal.repository.ts'
import { type LedgerLine, writeLedgerLines } from '../store/ledger.repository.ts'
import { feeAccounts, feeLedgers } from '../store/money/late-fee.repository.ts'
import type { Database } from '../store/schema.ts'
import type { Tenant } from '../store/tenant.repository.ts'

/** Accounts per query when reading ledgers for fees. */
const CHUNK = 500

export interface LateFeeRun {
  accounts: number
  feesPosted: number
  totalMinor: number
  /** The accounts a fee was posted on. */
  charged: number[]
  /** Ids of the ledger lines inserted (for the journal's coverage of the rows it records). */
  ledgerEntryIds: number[]
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
  const run: LateFeeRun = { accounts: 0, feesPosted: 0, totalMinor: 0, charged: [], ledgerEntryIds: [] }
  const accounts = await feeAccounts(trx, tenant.id, asOf, currency)
  const charged = new Set<number>()
  for (let i = 0; i < accounts.length; i += CHUNK) {
    const chunk = accounts.slice(i, i + CHUNK)
    const ledgers = await feeLedgers(
      trx,
      tenant.id,
      chunk.map((a) => a.id),
      asOf,
    )
    const lines: LedgerLine[] = []
    for (const account of chunk) {
      run.accounts++
      let opening = 0
      const changes: { on: string; deltaMinor: number }[] = []
      const posted: { key: string; amountMinor: number }[] = []
      for (const e of ledgers.get(account.id) ?? []) {
        if (e.externalId?.startsWith(`fee:${policy.id}:`))
          posted.push({ key: e.externalId, amountMinor: e.amountMinor })
        if (e.component !== 'principal') continue
        if (e.effectiveOn <= account.dueOn) opening += e.amountMinor
        else changes.push({ on: e.effectiveOn, deltaMinor: e.amountMinor })
      }
      const due = lateFeesDue({
        policy,
        dueOn: account.dueOn,
        asOf,
        openingBalanceMinor: opening,
        balanceChanges: changes,
        posted,
      })
      for (const fee of due) {
        if (fee.amountMinor <= 0) continue
        lines.push({
          tenantId: tenant.id,
          accountId: account.id,
          kind: 'fee',
          component: 'fee',
          amountMinor: fee.amountMinor,
          effectiveOn: fee.periodStart,
          externalId: fee.key,
          memo: `late fee ${policy.id} for the period from ${fee.periodStart} (balance ${fee.balanceMinor})`,
        })
      }
    }
    const written = await writeLedgerLines(trx, lines, { onConflict: 'skip' })
    for (const w of written) {
      run.feesPosted++
      run.totalMinor += w.amountMinor
      run.ledgerEntryIds.push(w.id)
      charged.add(w.accountId)
    }
  }
  run.charged = [...charged].sort((a, b) => a - b)
  if (run.feesPosted > 0) {
    await appendJournalEvent(trx, {
      tenantId: tenant.id,
      type: 'fees.posted',
      actor,
      covers: [{ table: 'ledger_entries', ids: run.ledgerEntryIds }],
      payload: { policy: policy.id, asOf, fees: run.feesPosted, totalMinor: run.totalMinor },
    })
  }
  return run
}
