import type { Command } from 'commander'
import { computeAccountInterestStatement } from '../../app/interest/compute-account-interest-statement.ts'
import { computeInterestStatement } from '../../app/interest/compute-interest-statement.ts'
import type { InterestRequest } from '../../app/interest/interest-request.ts'
import { DAY_COUNT_BASES } from '../../core/interest/day-count.ts'
import { withActor } from '../cli-context.ts'

interface InterestOptions extends Omit<InterestRequest, 'payments'> {
  payment: string[]
  account?: string
  tenant?: string
}

/** `recoup interest`: a contractual or statutory interest statement, from given inputs or an account, as JSON. */
export function registerInterestCommand(program: Command): void {
  program
    .command('interest')
    .description('interest statement (contractual or statutory late-payment interest) as JSON')
    .option('--principal <amount>', 'principal outstanding, e.g. 1000.00')
    .option('--currency <code>', 'ISO 4217 currency of the principal')
    .option('--due <date>', 'due date YYYY-MM-DD (India: the agreed date, optional)')
    .option('--to <date>', 'last day of interest YYYY-MM-DD (with --account: default today)')
    .option(
      '--jurisdiction <code>',
      "contract (default; with --account: the account's statutory regime), GB, EU-<country> (e.g. EU-DE) or IN",
    )
    .option('--rate <percent>', 'contract: annual rate in percent, e.g. 8.5')
    .option('--basis <basis>', `day count: ${DAY_COUNT_BASES.join(', ')}`)
    .option('--compound <rests>', 'contract: none (default) or monthly')
    .option('--from <start>', 'contract: interest from the due date (due, default) or last-payment')
    .option(
      '--payment <date:amount>',
      'a payment reducing the principal (repeatable)',
      (v, all: string[]) => [...all, v],
      [],
    )
    .option('--acceptance <date>', 'IN: day the goods or services were accepted')
    .option('--rate-mode <mode>', 'IN: floating (default) or fixed Bank Rate')
    .option('--points <points>', 'EU: points over the reference rate (default 8)')
    .option(
      '--account <ref>',
      "an account's statement (external id): principal, currency, due date and principal changes from its ledger",
    )
    .option('--tenant <slug>', 'tenant of --account (default: default)')
    .action(async ({ payment, account, tenant, ...fields }: InterestOptions) => {
      const request: InterestRequest = { ...fields, payments: payment }
      const view = account
        ? await withActor(tenant, (ctx) => computeAccountInterestStatement(ctx, { ...request, account }))
        : computeInterestStatement(request)
      process.stdout.write(`${JSON.stringify(view, null, 2)}\n`)
    })
}
