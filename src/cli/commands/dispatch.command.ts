import type { Command } from 'commander'
import { dispatchMessages } from '../../app/outreach/dispatch-messages.ts'
import { appConfig } from '../../config/app-config.ts'
import { portalConfigFromEnv } from '../../config/portal-config.ts'
import { AppError } from '../../core/errors/index.ts'
import type { DispatchCounts } from '../../outreach/dispatch/dispatcher.ts'
import { configuredSenders } from '../../outreach/outreach-senders.ts'
import { withStore } from '../cli-context.ts'
import { wholeNumberOption } from '../options.ts'

/** One line per pass: what the dispatcher did. */
export function describeDispatch(c: DispatchCounts): string {
  const parts = [
    `${c.sent} sent`,
    `${c.queued} messages made`,
    `${c.suppressed} refused at send time`,
    `${c.deferred} deferred`,
    `${c.retried} to retry`,
    `${c.failed} failed`,
  ]
  if (c.resentUnconfirmed > 0) parts.push(`${c.resentUnconfirmed} resent after an unrecorded hand-off`)
  return `dispatch: ${parts.join(', ')}`
}

/** `recoup dispatch`: sends the due email and SMS of the outbox, exactly once per message. */
export function registerDispatchCommand(program: Command): void {
  program
    .command('dispatch')
    .description('send the due email and SMS in the outbox (re-checked at send time), once each')
    .option('--watch', 'keep dispatching every RECOUP_DISPATCH_INTERVAL seconds until stopped')
    .option('--batch-size <n>', 'outbox rows claimed per transaction', '50')
    .option('--at <instant>', 'act as if it were this ISO instant (replays and tests)')
    .option('--format <format>', 'text or json', 'text')
    .action(async (options: { watch?: boolean; batchSize: string; at?: string; format: string }) => {
      if (options.format !== 'text' && options.format !== 'json')
        throw new AppError('invalid_format', `--format must be text or json, not "${options.format}"`)
      const batchSize = wholeNumberOption('--batch-size', options.batchSize, 10_000)
      if (batchSize < 1) throw new AppError('invalid_option', '--batch-size must be at least 1')
      let at: Date | undefined
      if (options.at !== undefined) {
        at = new Date(options.at)
        if (!/^\d{4}-\d{2}-\d{2}T/.test(options.at) || Number.isNaN(at.getTime()))
          throw new AppError(
            'invalid_instant',
            `--at must be an ISO instant like 2026-03-03T15:00:00Z, not "${options.at}"`,
          )
      }
      const config = appConfig().outreach
      const { senders, close } = configuredSenders(config)
      const abort = new AbortController()
      const stop = () => abort.abort()
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
      try {
        const total = await withStore((store) =>
          dispatchMessages(store, {
            senders,
            links: {
              replyDomain: config.replyDomain,
              publicUrl: config.publicUrl,
              portal: portalConfigFromEnv(),
            },
            attachments: config.mailAttachments,
            ...(at ? { at } : {}),
            batchSize,
            signal: abort.signal,
            ...(options.watch
              ? {
                  watch: { intervalMs: Math.max(1, config.dispatchIntervalSeconds) * 1000 },
                  onPass: (c) => console.log(describeDispatch(c)),
                }
              : {}),
          }),
        )
        console.log(options.format === 'json' ? JSON.stringify(total) : describeDispatch(total))
      } finally {
        process.off('SIGINT', stop)
        process.off('SIGTERM', stop)
        close()
      }
    })
}
