import type { Kysely, Transaction } from 'kysely'
import type { Database, MessageChannel, MessageEventKind, MessageStatus } from '../schema.ts'

/** A message found for a receipt or a reply, with the accounts it carried. */
export interface MessageRef {
  id: number
  tenant_id: number
  debtor_id: number
  channel: MessageChannel
  contact_point_id: number | null
  status: MessageStatus
  accountIds: number[]
}

async function withAccounts(db: Kysely<Database>, row: Omit<MessageRef, 'accountIds'> | undefined) {
  if (!row) return null
  const accounts = await db
    .selectFrom('message_accounts')
    .select('account_id')
    .where('message_id', '=', row.id)
    .orderBy('outbox_id')
    .execute()
  return { ...row, accountIds: accounts.map((a) => a.account_id) }
}

const REF = ['id', 'tenant_id', 'debtor_id', 'channel', 'contact_point_id', 'status'] as const

/** The message a provider knows by this id. */
export async function messageByProviderId(db: Kysely<Database>, providerMessageId: string) {
  return withAccounts(
    db,
    await db
      .selectFrom('messages')
      .select(REF)
      .where('provider_message_id', '=', providerMessageId)
      .executeTakeFirst(),
  )
}

/** The message whose reply address or opt-out link carries this token. */
export async function messageByToken(db: Kysely<Database>, token: string) {
  return withAccounts(
    db,
    await db.selectFrom('messages').select(REF).where('reply_token', '=', token).executeTakeFirst(),
  )
}

/** The latest message sent to this number or address (SMS replies name no message). */
export async function latestMessageTo(db: Kysely<Database>, channel: 'email' | 'sms', recipient: string) {
  return withAccounts(
    db,
    await db
      .selectFrom('messages')
      .select(REF)
      .where('channel', '=', channel)
      .where('recipient', '=', recipient)
      .where('status', 'in', ['sent', 'delivered', 'bounced'])
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst(),
  )
}

/** A new receipt, reply, opt-out, flag or confirmation; null when the provider's event id was seen before. */
export async function insertMessageEvent(
  trx: Transaction<Database>,
  event: {
    tenantId: number
    messageId: number | null
    accountId: number | null
    debtorId: number | null
    channel: string
    kind: MessageEventKind
    detail: string
    text: string | null
    externalId: string | null
    occurredAt: string
  },
): Promise<number | null> {
  const row = await trx
    .insertInto('message_events')
    .values({
      tenant_id: event.tenantId,
      message_id: event.messageId,
      account_id: event.accountId,
      debtor_id: event.debtorId,
      channel: event.channel,
      kind: event.kind,
      detail: event.detail,
      text: event.text,
      external_id: event.externalId,
      occurred_at: event.occurredAt,
      resolved_at: null,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'channel', 'external_id']).doNothing())
    .returning('id')
    .executeTakeFirst()
  return row?.id ?? null
}

/** Moves a message to a later status from a receipt (a delivered mail can still bounce; nothing goes back to sent). */
export async function setMessageStatus(
  trx: Transaction<Database>,
  id: number,
  status: MessageStatus,
  error: string | null,
  atIso: string,
): Promise<void> {
  await trx
    .updateTable('messages')
    .set({ status, updated_at: atIso, ...(error ? { error } : {}) })
    .where('id', '=', id)
    .where('status', 'in', status === 'delivered' ? ['sent'] : ['sent', 'delivered', 'sending'])
    .execute()
}

/**
 * Records the debtor's revocation of a channel on the contact point: opted out now (kept when already
 * set), consent revoked, and a `medium_opt_out` restriction naming the channel so every later decision
 * and send-time check refuses it. Answers whether this was a new revocation (then one confirmation may go).
 */
export async function revokeChannel(
  trx: Transaction<Database>,
  input: {
    tenantId: number
    debtorId: number
    contactPointId: number
    channel: string
    phrase: string
    atIso: string
  },
): Promise<boolean> {
  const point = await trx
    .selectFrom('contact_points')
    .select(['opted_out_at'])
    .where('id', '=', input.contactPointId)
    .executeTakeFirst()
  if (!point || point.opted_out_at !== null) return false
  await trx
    .updateTable('contact_points')
    .set({ opted_out_at: input.atIso, consent: 'revoked', consent_at: input.atIso })
    .where('id', '=', input.contactPointId)
    .execute()
  await trx
    .insertInto('debtor_restrictions')
    .values({
      tenant_id: input.tenantId,
      debtor_id: input.debtorId,
      kind: 'medium_opt_out',
      details: JSON.stringify({
        channel: input.channel,
        contactPointId: input.contactPointId,
        phrase: input.phrase,
      }),
      effective_at: input.atIso,
      ended_at: null,
    })
    .execute()
  return true
}

/** The flags waiting for a collector, oldest first. */
export async function openFlags(db: Kysely<Database>, tenantId: number) {
  return db
    .selectFrom('message_events as e')
    .leftJoin('accounts as a', 'a.id', 'e.account_id')
    .select(['e.id', 'e.detail', 'e.text', 'e.occurred_at', 'e.message_id', 'a.external_id as account'])
    .where('e.tenant_id', '=', tenantId)
    .where('e.kind', '=', 'flag')
    .where('e.resolved_at', 'is', null)
    .orderBy('e.occurred_at')
    .execute()
}

/** Timeline rows of one account from outreach (receipts, replies, flags), oldest first. */
export async function accountMessageEvents(db: Kysely<Database>, accountId: number) {
  return db
    .selectFrom('message_events')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('occurred_at')
    .orderBy('id')
    .execute()
}

/** The channel and recipient of the message with this reply token (the opt-out page masks it). */
export async function messageRecipientByToken(db: Kysely<Database>, token: string) {
  return db
    .selectFrom('messages')
    .select(['channel', 'recipient'])
    .where('reply_token', '=', token)
    .executeTakeFirst()
}
