import type { Command } from 'commander'
import { addHardshipPause } from '../../app/money/add-hardship-pause.ts'
import { createPlan } from '../../app/money/create-plan.ts'
import { offerSettlement } from '../../app/money/offer-settlement.ts'
import { recordPromise } from '../../app/money/record-promise.ts'
import { AppError } from '../../core/errors/index.ts'
import { dateOption, optionalDate, required, runMoneyStep } from '../money-options.ts'
import { wholeNumberOption } from '../options.ts'
import { registerClosureCommands } from './closure.command.ts'

const TENANT = ['--tenant <slug>', 'tenant (default: default)'] as const
type Options = Record<string, string | undefined>

/**
 * `recoup plan create`, `promise add`, `settlement offer`, `hardship add`, plus the dispute and closure
 * commands (closure.command.ts): each parses its options, calls its use case (src/app/money/) and
 * prints the result as JSON. Amounts are decimals in the account's currency.
 */
export function registerMoneyCommands(program: Command): void {
  program
    .command('plan')
    .description('payment plans')
    .command('create <account>')
    .description('create a payment plan for an account (by external id), checked against the policy')
    .option('--total <decimal>', 'what the plan collects, down payment included (default: the balance)')
    .option('--frequency <f>', 'weekly, fortnightly or monthly', 'monthly')
    .option('--instalments <n>', 'number of instalments after the down payment')
    .option('--instalment-amount <decimal>', 'amount of each instalment (instead of --instalments)')
    .option(
      '--first-due <date>',
      'first instalment due date YYYY-MM-DD (default: one period after --agreed-on)',
    )
    .option('--down-payment <decimal>', 'down payment, due on the first due date')
    .option('--agreed-on <date>', 'day the plan is agreed (default: today in the tenant zone)')
    .option('--approver-role <role>', 'role approving an exception to the policy')
    .option(...TENANT)
    .action(async (account: string, o: Options) => {
      const firstDueOn = optionalDate('--first-due', o.firstDue)
      const agreedOn = optionalDate('--agreed-on', o.agreedOn)
      if (o.instalments === undefined && o.instalmentAmount === undefined)
        throw new AppError('missing_option', '--instalments or --instalment-amount is required')
      const instalments =
        o.instalments === undefined ? undefined : wholeNumberOption('--instalments', o.instalments)
      await runMoneyStep(o.tenant, (ctx) =>
        createPlan(ctx, {
          account,
          ...(o.total === undefined ? {} : { total: o.total }),
          ...(o.downPayment === undefined ? {} : { downPayment: o.downPayment }),
          ...(o.frequency === undefined ? {} : { frequency: o.frequency }),
          ...(instalments === undefined ? {} : { instalments }),
          ...(o.instalmentAmount === undefined ? {} : { instalmentAmount: o.instalmentAmount }),
          ...(firstDueOn ? { firstDueOn } : {}),
          ...(agreedOn ? { agreedOn } : {}),
          ...(o.approverRole ? { approverRole: o.approverRole } : {}),
        }),
      )
    })

  program
    .command('promise')
    .description('promises to pay')
    .command('add <account>')
    .description('record a promise to pay on an account (by external id)')
    .option('--amount <decimal>', 'promised amount in the account currency')
    .option('--due <date>', 'promised payment date YYYY-MM-DD')
    .option('--channel <channel>', 'how it was given: phone, email, portal, letter...')
    .option('--taken-by <name>', 'who took it')
    .option('--taken-on <date>', 'day it was taken (default: today in the tenant zone)')
    .option(...TENANT)
    .action(async (account: string, o: Options) => {
      const dueOn = dateOption('--due', required('--due', o.due))
      const channel = required('--channel', o.channel)
      const takenBy = required('--taken-by', o.takenBy)
      const amount = required('--amount', o.amount)
      const takenOn = optionalDate('--taken-on', o.takenOn)
      await runMoneyStep(o.tenant, (ctx) =>
        recordPromise(ctx, { account, amount, dueOn, channel, takenBy, ...(takenOn ? { takenOn } : {}) }),
      )
    })

  program
    .command('settlement')
    .description('settlement offers')
    .command('offer <account>')
    .description('offer to settle an account (by external id) for less, until an expiry date')
    .option('--amount <decimal>', 'the amount that settles the whole debt')
    .option('--expires <date>', 'last day a payment completes the settlement YYYY-MM-DD')
    .option('--created-on <date>', 'day of the offer (default: today in the tenant zone)')
    .option(...TENANT)
    .action(async (account: string, o: Options) => {
      const expiresOn = dateOption('--expires', required('--expires', o.expires))
      const amount = required('--amount', o.amount)
      const createdOn = optionalDate('--created-on', o.createdOn)
      await runMoneyStep(o.tenant, (ctx) =>
        offerSettlement(ctx, { account, amount, expiresOn, ...(createdOn ? { createdOn } : {}) }),
      )
    })

  program
    .command('hardship')
    .description('hardship pauses')
    .command('add <account>')
    .description('pause collection contacts on an account (by external id) for a stated reason')
    .option('--reason <text>', 'why (job loss, illness...)')
    .option('--from <date>', 'first day of the pause YYYY-MM-DD')
    .option('--to <date>', 'last day of the pause YYYY-MM-DD')
    .option(...TENANT)
    .action(async (account: string, o: Options) => {
      const reason = required('--reason', o.reason)
      const from = dateOption('--from', required('--from', o.from))
      const to = dateOption('--to', required('--to', o.to))
      await runMoneyStep(o.tenant, (ctx) => addHardshipPause(ctx, { account, reason, from, to }))
    })

  registerClosureCommands(program)
}
