import type { Transaction } from 'kysely'
import { localDateAt, parseLocalDate } from '../core/calendar/local-date.ts'
import { AppError } from '../core/errors/index.ts'
import { parseAmount } from '../core/money/money.ts'
import { accountIdByExternalId, loadMoneyAccount } from '../store/money/money-account.repository.ts'
import type { Database } from '../store/schema.ts'
import type { Tenant } from '../store/tenant.repository.ts'
import { resolveTenant, withStore } from './cli-context.ts'

/** Prints a command's result as JSON (the money commands are meant for scripts as much as for people). */
export const printJson = (value: unknown): void => console.log(JSON.stringify(value, null, 2))

/** A required option's value, or `missing_option` (exit 2, like every other bad input). */
export function required(option: string, value: string | undefined): string {
  if (value === undefined || value.trim() === '')
    throw new AppError('missing_option', `${option} is required`)
  return value
}

/** A YYYY-MM-DD option, or `invalid_date` naming the option. */
export function dateOption(option: string, text: string): string {
  const parsed = parseLocalDate(text)
  if (!parsed.ok) throw new AppError('invalid_date', `${option}: ${parsed.reason}; use YYYY-MM-DD`)
  return parsed.date
}

/** A positive decimal amount in the account currency as minor units, or `invalid_amount` naming the option. */
export function amountOption(option: string, text: string, currency: string): number {
  const parsed = parseAmount(text, currency)
  if (!parsed.ok) throw new AppError('invalid_amount', `${option}: ${parsed.reason}`)
  if (parsed.minor <= 0)
    throw new AppError('invalid_amount', `${option} must be more than zero, not "${text}"`)
  return parsed.minor
}

/** What a money command's work receives: the transaction, the tenant, the account and today in its zone. */
export interface MoneyCommandContext {
  trx: Transaction<Database>
  tenant: Tenant
  account: { id: number; currency: string; externalId: string }
  today: string
}

/**
 * Runs one money command for the account with external id `accountRef` in `--tenant`: opens the
 * store, finds the account and does the work in ONE transaction, then prints the result as JSON.
 */
export async function runOnAccount(
  tenantSlug: string | undefined,
  accountRef: string,
  work: (ctx: MoneyCommandContext) => Promise<unknown>,
): Promise<void> {
  const result = await withStore(async (store) => {
    const tenant = await resolveTenant(store, tenantSlug)
    return store.db.transaction().execute(async (trx) => {
      const id = await accountIdByExternalId(trx, tenant.id, accountRef)
      const account = await loadMoneyAccount(trx, tenant.id, id)
      const today = localDateAt(new Date(), tenant.time_zone)
      return work({ trx, tenant, account, today })
    })
  })
  printJson(result)
}

/** The same for commands that name no account (a dispute by id). */
export async function runForTenant(
  tenantSlug: string | undefined,
  work: (trx: Transaction<Database>, tenant: Tenant) => Promise<unknown>,
): Promise<void> {
  const result = await withStore(async (store) => {
    const tenant = await resolveTenant(store, tenantSlug)
    return store.db.transaction().execute((trx) => work(trx, tenant))
  })
  printJson(result)
}
