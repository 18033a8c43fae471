import type { Command } from 'commander'
import { listMessages } from '../../app/outreach/list-messages.ts'
import { AppError } from '../../core/errors/index.ts'
import type { MessageListing } from '../../store/outreach/message-listing.repository.ts'
import { withActor } from '../cli-context.ts'
import { wholeNumberOption } from '../options.ts'

/** The plain-text listing: one block per message. */
export function describeMessages(messages: readonly MessageListing[]): string {
  if (messages.length === 0) return 'no messages (run `recoup dispatch` after `recoup run`)'
  const lines: string[] = []
  for (const m of messages) {
    lines.push(
      `#${m.id} ${m.channel} to ${m.recipient}  ${m.status.toUpperCase()}${m.sentAt ? ` ${m.sentAt}` : ''}  accounts ${m.accounts.join(', ')}`,
    )
    if (m.subject) lines.push(`  subject     ${m.subject}`)
    const reasons = m.compliance.reasons.map((r) => `${r.ruleId}: ${r.message}`).join('; ')
    lines.push(`  send-time   ${m.compliance.outcome}${reasons ? ` (${reasons})` : ''}`)
    if (m.providerMessageId) lines.push(`  provider    ${m.provider} ${m.providerMessageId}`)
    if (m.error) lines.push(`  error       ${m.error}`)
    for (const e of m.events)
      lines.push(`  ${e.kind.padEnd(11)} ${e.detail}${e.text ? `: ${e.text}` : ''}  ${e.occurredAt}`)
  }
  return lines.join('\n')
}

/** `recoup messages`: what was sent, refused or failed, with the send-time check and the status. */
export function registerMessagesCommand(program: Command): void {
  program
    .command('messages')
    .description('messages sent, refused or failed, with their send-time check and status')
    .option('--tenant <slug>', 'tenant (default: default)')
    .option('--account <id>', "only this account's messages (external id)")
    .option(
      '--status <status>',
      'only messages in this status (sent, delivered, bounced, failed, suppressed...)',
    )
    .option('--limit <n>', 'at most this many, newest first', '50')
    .option('--format <format>', 'text or json', 'text')
    .action(
      async (options: {
        tenant?: string
        account?: string
        status?: string
        limit: string
        format: string
      }) => {
        if (options.format !== 'text' && options.format !== 'json')
          throw new AppError('invalid_format', `--format must be text or json, not "${options.format}"`)
        const limit = wholeNumberOption('--limit', options.limit, 10_000)
        const messages = await withActor(options.tenant, (ctx) =>
          listMessages(ctx, {
            limit: Math.max(1, limit),
            ...(options.account ? { account: options.account } : {}),
            ...(options.status ? { status: options.status } : {}),
          }),
        )
        console.log(
          options.format === 'json' ? JSON.stringify(messages, null, 2) : describeMessages(messages),
        )
      },
    )
}
