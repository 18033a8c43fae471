import type { Command } from 'commander'
import { applyUnmatchedCredit } from '../../app/payments/apply-unmatched-credit.ts'
import { importPayments } from '../../app/payments/import-payments.ts'
import { listUnmatchedCredits } from '../../app/payments/list-unmatched-credits.ts'
import { postLateFees } from '../../app/payments/post-late-fees.ts'
import { postPayment } from '../../app/payments/post-payment.ts'
import { reversePayment } from '../../app/payments/reverse-payment.ts'
import { parseLocalDate } from '../../core/calendar/local-date.ts'
import { AppError, EXIT } from '../../core/errors/index.ts'
import { withActor } from '../cli-context.ts'
import { type FeeOptions, feePolicyFromOptions } from '../fee-options.ts'

const print = (value: unknown) => console.log(JSON.stringify(value, null, 2))

function requireDate(option: string, text: string): string {
  const parsed = parseLocalDate(text)
  if (!parsed.ok) throw new AppError('invalid_date', `${option}: ${parsed.reason}; use YYYY-MM-DD`)
  return parsed.date
}

/** `recoup payment post|reverse`, `recoup fees` and `recoup payments import|unmatched|apply`. */
export function registerPaymentCommands(program: Command): void {
  const payment = program.command('payment').description('record or reverse one payment')
  payment
    .command('post <account>')
    .description('record a payment on an account (by external id), allocated by its jurisdiction policy')
    .requiredOption('--amount <decimal>', 'amount in the account currency, e.g. 125.50')
    .requiredOption('--ref <id>', 'the bank or provider transaction id (a second post with it is a no-op)')
    .option('--on <date>', 'value date YYYY-MM-DD (default: today in the tenant zone)')
    .option('--policy <id>', 'allocation policy id instead of the jurisdiction default')
    .option('--accept-large', 'accept a payment above ten times what the account owes')
    .option('--tenant <slug>', 'tenant (default: default)')
    .action(
      async (
        account: string,
        o: {
          amount: string
          ref: string
          on?: string
          policy?: string
          acceptLarge?: boolean
          tenant?: string
        },
      ) => {
        const receivedOn = o.on === undefined ? undefined : requireDate('--on', o.on)
        const result = await withActor(o.tenant, (ctx) =>
          postPayment(ctx, {
            account,
            amount: o.amount,
            reference: o.ref,
            source: 'cli',
            ...(receivedOn ? { receivedOn } : {}),
            ...(o.policy !== undefined ? { policy: o.policy } : {}),
            ...(o.acceptLarge ? { acceptLarge: true } : {}),
          }),
        )
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
      const effectiveOn = o.on === undefined ? undefined : requireDate('--on', o.on)
      const result = await withActor(o.tenant, (ctx) =>
        reversePayment(ctx, { reference: ref, reason: o.reason, ...(effectiveOn ? { effectiveOn } : {}) }),
      )
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
      const asOf = o.asOf === undefined ? undefined : requireDate('--as-of', o.asOf)
      const { policy, currency } = feePolicyFromOptions(o)
      const result = await withActor(o.tenant, (ctx) =>
        postLateFees(ctx, { policy, ...(currency ? { currency } : {}), ...(asOf ? { asOf } : {}) }),
      )
      print(result)
    })

  const payments = program.command('payments').description('bulk payments: files and the unmatched queue')
  payments
    .command('import <file>')
    .description(
      'import a payments CSV (account,amount,currency,received_on,reference[,policy]) or an ISO 20022 camt.053/054 XML',
    )
    .option('--rejects <path>', 'where to write rejected CSV rows (default FILE.rejects.csv)')
    .option('--tenant <slug>', 'tenant (default: default)')
    .action(async (file: string, o: { rejects?: string; tenant?: string }) => {
      const result = await withActor(o.tenant, (ctx) =>
        importPayments(ctx, { file, ...(o.rejects !== undefined ? { rejectsPath: o.rejects } : {}) }),
      )
      if (result.kind === 'csv') {
        for (const r of result.summary.rejected) console.error(`${file}:${r.line}: ${r.field}: ${r.reason}`)
      }
      print(result.summary)
      // Done, but some rows were rejected: the documented "partial" exit code, as the accounts import.
      if (result.rejectedRows > 0) process.exitCode = EXIT.partial
    })
  payments
    .command('unmatched')
    .description('bank credits no rule could match, with suggested accounts (by external id)')
    .option('--tenant <slug>', 'tenant (default: default)')
    .action(async (o: { tenant?: string }) => {
      print(await withActor(o.tenant, (ctx) => listUnmatchedCredits(ctx)))
    })
  payments
    .command('apply <credit-ref> <account>')
    .description('apply an unmatched bank credit (by its bank reference) to an account (by external id)')
    .option('--accept-large', 'accept a credit above ten times what the account owes')
    .option('--tenant <slug>', 'tenant (default: default)')
    .action(async (credit: string, account: string, o: { acceptLarge?: boolean; tenant?: string }) => {
      const result = await withActor(o.tenant, (ctx) =>
        applyUnmatchedCredit(ctx, { credit, account, ...(o.acceptLarge ? { acceptLarge: true } : {}) }),
      )
      print(result)
    })
}
