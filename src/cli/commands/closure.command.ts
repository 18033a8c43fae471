import type { Command } from 'commander'
import { chargeOffAccount } from '../../app/money/charge-off-account.ts'
import { openDispute } from '../../app/money/open-dispute.ts'
import { recordVerificationSent } from '../../app/money/record-verification-sent.ts'
import { resolveDispute } from '../../app/money/resolve-dispute.ts'
import { writeOffAccount } from '../../app/money/write-off-account.ts'
import { AppError } from '../../core/errors/index.ts'
import { optionalDate, required, runMoneyStep } from '../money-options.ts'
import { wholeNumberOption } from '../options.ts'

const TENANT = ['--tenant <slug>', 'tenant (default: default)'] as const

function documentsOption(text: string | undefined): unknown[] {
  if (text === undefined) return []
  try {
    const parsed: unknown = JSON.parse(text)
    if (Array.isArray(parsed)) return parsed
  } catch {
    // reported below with the same message as a non-array
  }
  throw new AppError('invalid_option', '--documents must be a JSON array, e.g. \'["letter-2026-03-01.pdf"]\'')
}

/** `recoup dispute open|verify|resolve`, `write-off` and `charge-off` (registered by money.command.ts). */
export function registerClosureCommands(program: Command): void {
  const dispute = program.command('dispute').description('disputes raised by debtors')
  dispute
    .command('open <account>')
    .description('open a dispute on an account (by external id); collection of the disputed amount stops')
    .option('--reason <text>', 'the reason the debtor gave')
    .option('--amount <decimal>', 'disputed amount (default: the whole debt)')
    .option('--written', 'the dispute came in writing (FDCPA verification duty)')
    .option(
      '--channel <channel>',
      'how it came: letter, email, phone, portal (default: letter if written, else phone)',
    )
    .option('--documents <json>', 'JSON array of document references')
    .option(...TENANT)
    .action(async (account: string, o: Record<string, string | boolean | undefined>) => {
      const reason = required('--reason', o.reason as string | undefined)
      const documents = documentsOption(o.documents as string | undefined)
      const channel = o.channel as string | undefined
      const amount = o.amount as string | undefined
      await runMoneyStep(o.tenant as string | undefined, (ctx) =>
        openDispute(ctx, {
          account,
          reason,
          written: o.written === true,
          documents,
          ...(channel === undefined ? {} : { channel }),
          ...(amount === undefined ? {} : { amount }),
        }),
      )
    })
  dispute
    .command('verify <id>')
    .description('record that verification of the debt was sent for a dispute')
    .option(...TENANT)
    .action(async (id: string, o: { tenant?: string }) => {
      const disputeId = wholeNumberOption('dispute id', id)
      await runMoneyStep(o.tenant, (ctx) => recordVerificationSent(ctx, { disputeId }))
    })
  dispute
    .command('resolve <id>')
    .description('resolve a dispute for the debtor (the disputed amount is credited) or the creditor')
    .option('--for <party>', 'debtor or creditor')
    .option(...TENANT)
    .action(async (id: string, o: { for?: string; tenant?: string }) => {
      const disputeId = wholeNumberOption('dispute id', id)
      const party = required('--for', o.for)
      if (party !== 'debtor' && party !== 'creditor') {
        throw new AppError('invalid_option', `--for must be debtor or creditor, not "${party}"`)
      }
      await runMoneyStep(o.tenant, (ctx) => resolveDispute(ctx, { disputeId, for: party }))
    })

  program
    .command('write-off <account>')
    .description('write off part or all of an account (by external id); a full write-off closes it')
    .option('--amount <decimal>', 'amount to write off (default: everything outstanding)')
    .option('--reason <text>', 'why (recorded on the ledger and in the journal)')
    .option('--on <date>', 'value date YYYY-MM-DD (default: today in the tenant zone)')
    .option(...TENANT)
    .action(async (account: string, o: Record<string, string | undefined>) => {
      const reason = required('--reason', o.reason)
      const on = optionalDate('--on', o.on)
      await runMoneyStep(o.tenant, (ctx) =>
        writeOffAccount(ctx, {
          account,
          reason,
          ...(o.amount === undefined ? {} : { amount: o.amount }),
          ...(on ? { on } : {}),
        }),
      )
    })

  program
    .command('charge-off <account>')
    .description('record the day the creditor charged the account off (it stays open for collection)')
    .option('--on <date>', 'charge-off day YYYY-MM-DD (default: today in the tenant zone)')
    .option(...TENANT)
    .action(async (account: string, o: { on?: string; tenant?: string }) => {
      const on = optionalDate('--on', o.on)
      await runMoneyStep(o.tenant, (ctx) => chargeOffAccount(ctx, { account, ...(on ? { on } : {}) }))
    })
}
