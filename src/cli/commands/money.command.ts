import type { Command } from 'commander'
import { addHardshipPauseIn } from '../../money/hardship.service.ts'
import { createPlanIn } from '../../money/plans.service.ts'
import { recordPromiseIn } from '../../money/promises.service.ts'
import { offerSettlementIn } from '../../money/settlements.service.ts'
import { amountOption, dateOption, required, runOnAccount } from '../money-options.ts'
import { wholeNumberOption } from '../options.ts'
import { registerClosureCommands } from './closure.command.ts'

const ACTOR = 'cli'
const TENANT = ['--tenant <slug>', 'tenant (default: default)'] as const

/**
 * `recoup plan create`, `promise add`, `settlement offer`, `hardship add`, plus the dispute and closure
 * commands (closure.command.ts): the money-flow steps, each one transaction, printed as JSON.
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
    .option('--first-due <date>', 'first instalment due date YYYY-MM-DD')
    .option('--down-payment <decimal>', 'down payment, due on the first due date')
    .option('--agreed-on <date>', 'day the plan is agreed (default: today in the tenant zone)')
    .option('--approver-role <role>', 'role approving an exception to the policy')
    .option(...TENANT)
    .action(async (ref: string, o: Record<string, string | undefined>) => {
      const firstDueOn = dateOption('--first-due', required('--first-due', o.firstDue))
      const instalments =
        o.instalments === undefined ? undefined : wholeNumberOption('--instalments', o.instalments)
      await runOnAccount(o.tenant, ref, ({ trx, tenant, account, today }) => {
        const money = (option: string, text: string | undefined) =>
          text === undefined ? undefined : amountOption(option, text, account.currency)
        const total = money('--total', o.total)
        const downPayment = money('--down-payment', o.downPayment)
        const instalmentAmount = money('--instalment-amount', o.instalmentAmount)
        return createPlanIn(trx, tenant, {
          accountId: account.id,
          ...(total === undefined ? {} : { totalMinor: total }),
          ...(downPayment === undefined ? {} : { downPaymentMinor: downPayment }),
          frequency: o.frequency ?? 'monthly',
          ...(instalments === undefined ? {} : { instalments }),
          ...(instalmentAmount === undefined ? {} : { instalmentMinor: instalmentAmount }),
          firstDueOn,
          agreedOn: o.agreedOn ? dateOption('--agreed-on', o.agreedOn) : today,
          ...(o.approverRole ? { approverRole: o.approverRole } : {}),
          actor: ACTOR,
        })
      })
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
    .action(async (ref: string, o: Record<string, string | undefined>) => {
      const dueOn = dateOption('--due', required('--due', o.due))
      const channel = required('--channel', o.channel)
      const takenBy = required('--taken-by', o.takenBy)
      const amount = required('--amount', o.amount)
      await runOnAccount(o.tenant, ref, ({ trx, tenant, account, today }) =>
        recordPromiseIn(trx, tenant, {
          accountId: account.id,
          amountMinor: amountOption('--amount', amount, account.currency),
          dueOn,
          channel,
          takenBy,
          takenOn: o.takenOn ? dateOption('--taken-on', o.takenOn) : today,
          actor: ACTOR,
        }),
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
    .action(async (ref: string, o: Record<string, string | undefined>) => {
      const expiresOn = dateOption('--expires', required('--expires', o.expires))
      const amount = required('--amount', o.amount)
      await runOnAccount(o.tenant, ref, ({ trx, tenant, account, today }) =>
        offerSettlementIn(trx, tenant, {
          accountId: account.id,
          offerMinor: amountOption('--amount', amount, account.currency),
          expiresOn,
          createdOn: o.createdOn ? dateOption('--created-on', o.createdOn) : today,
          actor: ACTOR,
        }),
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
    .action(async (ref: string, o: Record<string, string | undefined>) => {
      const reason = required('--reason', o.reason)
      const from = dateOption('--from', required('--from', o.from))
      const to = dateOption('--to', required('--to', o.to))
      await runOnAccount(o.tenant, ref, ({ trx, tenant, account }) =>
        addHardshipPauseIn(trx, tenant, { accountId: account.id, reason, from, to, actor: ACTOR }),
      )
    })

  registerClosureCommands(program)
}
