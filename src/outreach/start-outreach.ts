import { dispatchMessages } from '../app/outreach/dispatch-messages.ts'
import { type OutreachConfig, sinkFoldersOf } from '../config/outreach-config.ts'
import { portalConfigFromEnv } from '../config/portal-config.ts'
import type { Store } from '../store/connect.ts'
import { recordInboundEmail } from './email/inbound-email.ts'
import { MailSink } from './email/mail-sink.ts'
import { configuredSenders } from './outreach-senders.ts'

interface Log {
  info(object: object, message?: string): void
  warn(object: object, message?: string): void
}

/**
 * What `recoup serve` runs besides the API: the development mail sink (when email goes to it, the
 * default), which also takes replies to Recoup's reply addresses as inbound mail, and the dispatcher
 * loop. Returns a stop function that ends the loop after its current pass and closes both.
 */
export async function startOutreach(
  store: Store,
  config: OutreachConfig,
  log: Log,
): Promise<() => Promise<void>> {
  let sink: MailSink | null = null
  const dir = sinkFoldersOf(config).mail
  if (dir !== null) {
    sink = new MailSink({
      dir,
      keepInMemory: false,
      onMail: (mail) => {
        recordInboundEmail(store, mail.raw, mail.to, config.replyDomain).catch((error: Error) =>
          log.warn({ error: error.message }, 'inbound mail not recorded'),
        )
      },
    })
    try {
      await sink.listen(config.mailSinkPort)
      log.info(
        { port: config.mailSinkPort, dir },
        'mail sink listening: mail sent by the dispatcher is kept here',
      )
    } catch (error) {
      log.warn(
        { error: (error as Error).message },
        `mail sink cannot listen on 127.0.0.1:${config.mailSinkPort}`,
      )
      sink = null
    }
  }
  if (config.dispatchIntervalSeconds === 0) {
    log.info({}, 'dispatcher disabled (RECOUP_DISPATCH_INTERVAL=0)')
    return async () => {
      await sink?.close()
    }
  }
  const { senders, close } = configuredSenders(config)
  const abort = new AbortController()
  const loop = dispatchMessages(store, {
    senders,
    links: { replyDomain: config.replyDomain, publicUrl: config.publicUrl, portal: portalConfigFromEnv() },
    attachments: config.mailAttachments,
    watch: { intervalMs: config.dispatchIntervalSeconds * 1000 },
    signal: abort.signal,
    onPass: (counts) => log.info(counts, 'dispatcher pass'),
  }).catch((error: Error) => log.warn({ error: error.message }, 'dispatcher stopped'))
  log.info({ intervalSeconds: config.dispatchIntervalSeconds }, 'dispatcher running')
  return async () => {
    abort.abort()
    await loop
    close()
    await sink?.close()
  }
}
