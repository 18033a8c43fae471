import type { Command } from 'commander'
import { localDateAt, parseLocalDate } from '../../core/calendar/local-date.ts'
import { AppError } from '../../core/errors/index.ts'
import { parseAmount } from '../../core/money/money.ts'
import { importBankStatement } from '../../money/import-bank-statement.ts'
import { importPaymentsCsv } from '../../money/import-payments-csv.ts'
import { postLateFeesAsOf } from '../../money/late-fees.service.ts'
import { postPaymentsIn } from '../../money/post-payments.ts'
import { reversePaymentIn } from '../../money/reverse-payment.ts'
import { resolveTenant, withStore } from '../cli-context.ts'
import { type FeeOptions, feePolicyFromOptions } from '../fee-options.ts'

const print = (value: unknown) => console.log(JSON.stringify(value, null, 2))

function requireDate(option: string, text: string): string {
  const parsed = parseLocalDate(text)
  if (!parsed.ok) throw new AppError('invalid_date', `${option}: ${parsed.reason}; use YYYY-MM-DD`)
  return parsed.date
}

/** `recoup payment post|reverse` and `recoup payments import|unmatched`: money coming in (and bouncing). */
export function registerPaymentCommands(program: Command): void {
  const payment = program.command('payment').description('record or reverse one payment')
  payment
    .command('post <account>')
    .description('record a payment on an account (by external id), allocated by its jurisdiction policy')
    .requiredOption('--amount <decimal>', 'amount in the account currency, e.g. 125.50')
    .requiredOption('--ref <id>', 'the bank or provider transaction id (a second post with it is a no-op)')
    .option('--on <date>', 'value date YYYY-MM-DD (default: today in the tenant zone)')
    .option('--policy <id>', 'allocation policy id instead of the jurisdiction default')
    .option('--tenant <slug>', 'tenant (default: default)')
    .action(
      async (
        accountRef: string,
        o: { amount: string; ref: string; on?: string; policy?: string; tenant?: string },
      ) => {
        const result = await withStore(async (store) => {
          const tenant = await resolveTenant(store, o.tenant)
          const account = await store.db
            .selectFrom('accounts')
            .select(['id', 'currency'])
            .where('tenant_id', '=', tenant.id)
            .where('external_id', '=', accountRef)
            .executeTakeFirst()
          if (!account) throw new AppError('account_not_found', `no account "${accountRef}" in this tenant`)
          const amount = parseAmount(o.amount, account.currency)
          if (!amount.ok) throw new AppError('invalid_amount', `--amount: ${amount.reason}`)
          const receivedOn = o.on ? requireDate('--on', o.on) : localDateAt(new Date(), tenant.time_zone)
          return store.db.transaction().execute((trx) =>
            postPaymentsIn(
              trx,
              tenant,
              [
                {
                  accountId: account.id,
                  amountMinor: amount.minor,
                  currency: account.currency,
                  receivedOn,
                  source: 'cli',
                  externalId: o.ref,
                  ...(o.policy ? { policyId: o.policy } : {}),
                },
              ],
              { actor: 'cli', reevaluate: true },
            ),
          )
        })
        const rejected = result.rejected[0]
        if (rejected) throw new AppError(rejected.code, rejected.message)
        print(result)
      },
    )
  payment
    .command('reverse <ref>')
    .description('reverse a payment (chargeback, returned debit, bounced cheque) by its reference')
    .requiredOption('--reason <text>', 'why, e.g. "MD06 chargeback"')
    .option('--on <date>', 'value date of the reversal (default: today in the tenant zone)')
    .option('--tenant <slug>', 'tenant (default: default)')
    .action(async (ref: string, o: { reason: string; on?: string; tenant?: string }) => {
      const result = await withStore(async (store) => {
        const tenant = await resolveTenant(store, o.tenant)
        const effectiveOn = o.on ? requireDate('--on', o.on) : localDateAt(new Date(), tenant.time_zone)
        return store.db
          .transaction()
          .execute((trx) =>
            reversePaymentIn(trx, tenant, { externalId: ref, reason: o.reason, effectiveOn, actor: 'cli' }),
          )
      })
      print(result)
    })

  program
    .command('fees')
    .description('post the late fees due on open accounts under a policy (never twice for a period)')
    .option('--fixed <decimal>', 'a fixed fee per period, in --currency')
    .option('--currency <code>', 'currency of the fixed fee; only accounts in it are charged')
    .option(
      '--percent <decimal>',
      'a fee of this percentage of the principal outstanding at the period start',
    )
    .option('--period <period>', '"month" or a number of days such as "30d"', 'month')
    .option('--grace <days>', 'days after the due date before the first period', '0')
    .option('--max-total <decimal>', 'cap of all fees under the policy on one account (in --currency)')
    .option('--id <policy>', 'policy id: part of every fee key', 'late-fee')
    .option('--as-of <date>', 'YYYY-MM-DD (default: today in the tenant zone)')
    .option('--tenant <slug>', 'tenant (default: default)')
    .action(async (o: FeeOptions) => {
      const result = await withStore(async (store) => {
        const tenant = await resolveTenant(store, o.tenant)
        const asOf = o.asOf ? requireDate('--as-of', o.asOf) : localDateAt(new Date(), tenant.time_zone)
        const { policy, currency } = feePolicyFromOptions(o)
        return store.db
          .transaction()
          .execute((trx) => postLateFeesAsOf(trx, tenant, asOf, policy, 'cli', currency))
      })
      print(result)
    })

  const payments = program.command('payments').description('bulk payments: files and the unmatched queue')
  payments
    .command('import <file>')
    .description(
      'import a payments CSV (account,amount,currency,received_on,reference) or an ISO 20022 camt.053/054 XML',
    )
    .option('--tenant <slug>', 'tenant (default: default)')
    .action(async (file: string, o: { tenant?: string }) => {
      const result = await withStore(async (store) => {
        const tenant = await resolveTenant(store, o.tenant)
        return /\.xml$/i.test(file)
          ? importBankStatement(store, tenant, file, { actor: 'cli' })
          : importPaymentsCsv(store, tenant, file, { actor: 'cli' })
      })
      print(result)
    })
  payments
    .command('unmatched')
    .description('bank credits no rule could match, with suggested accounts')
    .option('--tenant <slug>', 'tenant (default: default)')
    .action(async (o: { tenant?: string }) => {
      const rows = await withStore(async (store) => {
        const tenant = await resolveTenant(store, o.tenant)
        return store.db
          .selectFrom('unmatched_credits')
          .selectAll()
          .where('tenant_id', '=', tenant.id)
          .where('status', '=', 'open')
          .orderBy('id')
          .execute()
      })
      print(
        rows.map((r) => ({
          ...r,
          remittance: JSON.parse(r.remittance),
          suggestions: JSON.parse(r.suggestions),
        })),
      )
    })
}
