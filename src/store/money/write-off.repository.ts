import type { Transaction } from 'kysely'
import { writeLedgerLines } from '../ledger.repository.ts'
import type { Database, LedgerComponent } from '../schema.ts'

/** Components a write-off or credit adjustment takes off, in this order (principal is the debt itself). */
const ORDER: readonly LedgerComponent[] = ['principal', 'interest', 'fee', 'cost']

/** A reduction of what is owed: a write-off (loss) or a credit adjustment (the debt was wrong). */
export interface DebtReduction {
  kind: 'write_off' | 'adjustment'
  /** Minor units to take off (positive), or `all` for everything outstanding. */
  amountMinor: number | 'all'
  effectiveOn: string
  /** Idempotency key prefix: one entry per component is `${key}#${component}`. */
  key: string
  memo: string
}

/**
 * Posts a reduction as negative ledger entries, one per component it touches, so each component's
 * balance stays true (a full write-off leaves every component at zero, not principal below zero and
 * fees above). Takes at most what is outstanding; returns the total posted (positive) and the lines.
 */
export async function postDebtReduction(
  trx: Transaction<Database>,
  tenantId: number,
  accountId: number,
  reduction: DebtReduction,
): Promise<{
  totalMinor: number
  lines: { component: LedgerComponent; amountMinor: number }[]
  /** Ids of the ledger lines written (for the journal's coverage). */
  ids: number[]
}> {
  const rows = await trx
    .selectFrom('ledger_entries')
    .select((eb) => ['component', eb.fn.sum<number>('amount_minor').as('owed')])
    .where('tenant_id', '=', tenantId)
    .where('account_id', '=', accountId)
    .groupBy('component')
    .execute()
  const owed = new Map(rows.map((r) => [r.component, Number(r.owed)]))
  // A credit balance (overpayment) offsets what is owed: never write off money the debtor already paid.
  let left =
    reduction.amountMinor === 'all' ? [...owed.values()].reduce((a, b) => a + b, 0) : reduction.amountMinor
  const lines: { component: LedgerComponent; amountMinor: number }[] = []
  for (const component of ORDER) {
    const take = Math.min(left, Math.max(owed.get(component) ?? 0, 0))
    if (take <= 0) continue
    lines.push({ component, amountMinor: take })
    left -= take
  }
  if (lines.length === 0) return { totalMinor: 0, lines, ids: [] }
  const written = await writeLedgerLines(
    trx,
    lines.map((line) => ({
      tenantId,
      accountId,
      kind: reduction.kind,
      component: line.component,
      amountMinor: -line.amountMinor,
      effectiveOn: reduction.effectiveOn,
      externalId: `${reduction.key}#${line.component}`,
      memo: reduction.memo,
    })),
  )
  return { totalMinor: lines.reduce((a, l) => a + l.amountMinor, 0), lines, ids: written.map((w) => w.id) }
}

/** Records the day the creditor charged the account off (the account itself stays as it is). */
export async function setChargeOffDay(
  trx: Transaction<Database>,
  tenantId: number,
  accountId: number,
  on: string,
): Promise<void> {
  await trx
    .updateTable('accounts')
    .set({ charge_off_on: on })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', accountId)
    .execute()
}
