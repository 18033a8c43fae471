import type { OutboundMessage } from '../src/core/channels/message-sender.ts'
import { englishRenderer } from '../src/core/outreach/english-renderer.ts'
import { MailSink } from '../src/outreach/email/mail-sink.ts'
import { mailOptions, SmtpEmailSender } from '../src/outreach/email/smtp-email-sender.ts'
import type { BenchArgs } from './support/bench-args.ts'
import { report, round } from './support/bench-database.ts'

const FROM = 'Acme <billing@acme.example>'
/** Sends in flight at once, over the pool's connections. */
const CONCURRENCY = 16

/** N rendered emails (a consolidated reminder each) with keys unique to `round`. */
async function messages(count: number, roundName: string): Promise<OutboundMessage[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const rendered = await englishRenderer.render({
        channel: 'email',
        locale: 'en',
        tenantName: 'Acme',
        debtor: { name: `Debtor ${i}`, kind: 'person' },
        accounts: [
          {
            reference: `ACC-${i}`,
            creditor: 'Acme',
            currency: 'USD',
            balanceMinor: 12_000 + i,
            dueOn: '2026-01-15',
            action: {},
          },
        ],
        debtCollector: true,
        optOutUrl: `https://collect.example.test/unsubscribe/${i}`,
      })
      return {
        idempotencyKey: `${roundName}:${i}`,
        channel: 'email',
        to: `debtor${i}@example.test`,
        subject: rendered.subject,
        body: rendered.text,
        ...(rendered.html ? { html: rendered.html } : {}),
        replyTo: `reply+${i}@replies.example.test`,
        unsubscribe: {
          url: `https://collect.example.test/unsubscribe/${i}`,
          mailto: `unsubscribe+${i}@replies.example.test`,
        },
        tenant: 'acme',
        account: `ACC-${i}`,
      }
    }),
  )
}

async function timed(
  items: readonly OutboundMessage[],
  send: (m: OutboundMessage) => Promise<unknown>,
): Promise<number> {
  const start = performance.now()
  let next = 0
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < items.length) {
        const item = items[next++] as OutboundMessage
        await send(item)
      }
    }),
  )
  return (performance.now() - start) / 1000
}

/**
 * `npm run bench -- dispatch [--messages N]`: N emails through the SMTP adapter (SmtpEmailSender) to a
 * local SMTP server, against raw nodemailer `sendMail` of the same rendered messages over the same
 * connection pool in the same run (the floor). Rounds alternate; the best of each counts.
 */
export async function dispatchBench(args: BenchArgs): Promise<Record<string, unknown>> {
  const count = Number(args.flags.get('messages') ?? 2000)
  const sink = new MailSink({ keepInMemory: false })
  const port = await sink.listen()
  const sender = new SmtpEmailSender({ url: `smtp://127.0.0.1:${port}`, from: FROM })
  try {
    await timed(await messages(50, 'warm'), (m) => sender.send(m))
    let adapter = Number.POSITIVE_INFINITY
    let raw = Number.POSITIVE_INFINITY
    for (let r = 0; r < 3; r++) {
      const rawItems = await messages(count, `raw-${r}`)
      raw = Math.min(raw, await timed(rawItems, (m) => sender.transporter.sendMail(mailOptions(m, FROM))))
      const adapterItems = await messages(count, `adapter-${r}`)
      adapter = Math.min(adapter, await timed(adapterItems, (m) => sender.send(m)))
      report(`dispatch bench round ${r + 1}: adapter ${round(adapter)} s, raw nodemailer ${round(raw)} s`)
    }
    return {
      bench: 'dispatch',
      db: args.db,
      messages: count,
      seconds: round(adapter),
      floor_seconds: round(raw),
      messages_per_second: Math.round(count / adapter),
      floor_messages_per_second: Math.round(count / raw),
      ratio: round(adapter / raw),
      target_ratio: 1.3,
    }
  } finally {
    sender.close()
    await sink.close()
  }
}
