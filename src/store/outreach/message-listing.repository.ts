import type { Kysely } from 'kysely'
import type { Database, MessageStatus } from '../schema.ts'

/** One message as listings show it. */
export interface MessageListing {
  id: number
  channel: string
  recipient: string
  subject: string | null
  status: MessageStatus
  provider: string | null
  providerMessageId: string | null
  error: string | null
  attempts: number
  createdAt: string
  sentAt: string | null
  accounts: string[]
  /** The send-time compliance check: outcome, reasons (rule, citation, message), packs, when. */
  compliance: { checkedAt?: string; outcome: string; reasons: { ruleId: string; message: string }[] }
  /** Receipts, replies and flags recorded against it, oldest first. */
  events: { kind: string; detail: string; text: string | null; occurredAt: string }[]
}

/** The tenant's messages, newest first, optionally for one account (external id) or one status. */
export async function listMessages(
  db: Kysely<Database>,
  tenantId: number,
  filter: { account?: string; status?: MessageStatus; limit: number },
): Promise<MessageListing[]> {
  let query = db
    .selectFrom('messages as m')
    .selectAll('m')
    .where('m.tenant_id', '=', tenantId)
    .orderBy('m.id', 'desc')
    .limit(filter.limit)
  if (filter.status) query = query.where('m.status', '=', filter.status)
  if (filter.account) {
    const account = filter.account
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('message_accounts as ma')
          .innerJoin('accounts as a', 'a.id', 'ma.account_id')
          .select('ma.message_id')
          .whereRef('ma.message_id', '=', 'm.id')
          .where('a.external_id', '=', account),
      ),
    )
  }
  const messages = await query.execute()
  if (messages.length === 0) return []
  const ids = messages.map((m) => m.id)
  const [accounts, events] = await Promise.all([
    db
      .selectFrom('message_accounts as ma')
      .innerJoin('accounts as a', 'a.id', 'ma.account_id')
      .select(['ma.message_id', 'a.external_id'])
      .where('ma.message_id', 'in', ids)
      .orderBy('ma.outbox_id')
      .execute(),
    db
      .selectFrom('message_events')
      .select(['message_id', 'kind', 'detail', 'text', 'occurred_at'])
      .where('message_id', 'in', ids)
      .orderBy('occurred_at')
      .orderBy('id')
      .execute(),
  ])
  return messages.map((m) => ({
    id: m.id,
    channel: m.channel,
    recipient: m.recipient,
    subject: m.subject,
    status: m.status,
    provider: m.provider,
    providerMessageId: m.provider_message_id,
    error: m.error,
    attempts: m.attempts,
    createdAt: m.created_at,
    sentAt: m.sent_at,
    accounts: accounts.filter((a) => a.message_id === m.id).map((a) => a.external_id),
    compliance: JSON.parse(m.compliance) as MessageListing['compliance'],
    events: events
      .filter((e) => e.message_id === m.id)
      .map((e) => ({ kind: e.kind, detail: e.detail, text: e.text, occurredAt: e.occurred_at })),
  }))
}
