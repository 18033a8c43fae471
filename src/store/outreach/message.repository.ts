import { type Kysely, sql, type Transaction } from 'kysely'
import { dialectOf } from '../dialect.ts'
import { appendJournalEvent } from '../journal.repository.ts'
import type { Database, MessageChannel, MessageStatus } from '../schema.ts'
import { enqueueWebhookEvents } from '../webhooks/webhook-outbox.repository.ts'

const isPostgres = (db: Kysely<Database>) => dialectOf(db as unknown as Kysely<unknown>) === 'postgres'

export interface NewMessage {
  tenantId: number
  debtorId: number
  channel: MessageChannel
  contactPointId: number | null
  idempotencyKey: string
  recipient: string
  subject: string | null
  bodyText: string
  /** The renderer's input as JSON: a retry renders exactly the same message again. */
  renderInput: string
  compliance: string
  replyToken: string
  status: 'queued' | 'suppressed'
  claimedBy: string | null
  leaseUntil: string | null
  nowIso: string
  /** The outbox rows it carries, with their accounts. */
  rows: readonly { outboxId: number; accountId: number }[]
  /** Why the send-time check refused it (suppressed messages only). */
  refusal?: string
}

/**
 * Records a message for its outbox rows inside the caller's transaction. A queued message also
 * records one outbound contact event per account at once, so a frequency cap evaluated by any
 * dispatcher after this commit counts it while it is still in flight. A suppressed one blocks its
 * rows with the send-time reason.
 */
export async function insertMessage(trx: Transaction<Database>, m: NewMessage): Promise<number> {
  const { id } = await trx
    .insertInto('messages')
    .values({
      tenant_id: m.tenantId,
      debtor_id: m.debtorId,
      channel: m.channel,
      contact_point_id: m.contactPointId,
      idempotency_key: m.idempotencyKey,
      recipient: m.recipient,
      subject: m.subject,
      body_text: m.bodyText,
      render_input: m.renderInput,
      provider: null,
      status: m.status,
      next_attempt_at: m.nowIso,
      provider_message_id: null,
      error: m.refusal ?? null,
      compliance: m.compliance,
      claimed_by: m.claimedBy,
      lease_until: m.leaseUntil,
      reply_token: m.replyToken,
      sent_at: null,
      updated_at: m.nowIso,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await trx
    .insertInto('message_accounts')
    .values(
      m.rows.map((r) => ({
        message_id: id,
        outbox_id: r.outboxId,
        account_id: r.accountId,
        tenant_id: m.tenantId,
      })),
    )
    .execute()
  const outboxIds = m.rows.map((r) => r.outboxId)
  await trx
    .updateTable('outbox')
    .set(
      m.status === 'suppressed'
        ? {
            message_id: id,
            status: 'blocked',
            cancelled_at: m.nowIso,
            cancel_reason: `at send time: ${m.refusal}`,
          }
        : { message_id: id },
    )
    .where('id', 'in', outboxIds)
    .execute()
  if (m.status === 'queued') {
    await trx
      .insertInto('contact_events')
      .values(
        m.rows.map((r) => ({
          tenant_id: m.tenantId,
          account_id: r.accountId,
          contact_point_id: m.contactPointId,
          channel: m.channel,
          direction: 'outbound' as const,
          result: 'queued',
          occurred_at: m.nowIso,
          outbox_id: r.outboxId,
        })),
      )
      .execute()
  }
  return id
}

/** Moves due rows the send-time check deferred to the earliest time the rules allow. */
export async function deferOutbox(trx: Transaction<Database>, outboxIds: readonly number[], until: string) {
  if (outboxIds.length === 0) return
  await trx
    .updateTable('outbox')
    .set({ scheduled_at: until })
    .where('id', 'in', [...outboxIds])
    .execute()
}

/** A message a dispatcher holds, as the sending step needs it. */
export interface ClaimedMessage {
  id: number
  tenant_id: number
  channel: MessageChannel
  idempotency_key: string
  status: MessageStatus
  attempts: number
  claimed_by: string | null
  lease_until: string | null
  reply_token: string
  render_input: string
  recipient: string
  subject: string | null
  contact_point_id: number | null
}

const CLAIM_COLUMNS = [
  'id',
  'tenant_id',
  'channel',
  'idempotency_key',
  'status',
  'attempts',
  'claimed_by',
  'lease_until',
  'reply_token',
  'render_input',
  'recipient',
  'subject',
  'contact_point_id',
] as const

/**
 * Messages waiting to go out (queued, or handed off by a dispatcher that died before recording the
 * outcome) that are due and not held by a live dispatcher: `holderAlive` decides for a claim whose
 * lease has not run out. Each is taken with a compare-and-set on its holder, so two dispatchers never
 * both take one. A message taken over in `sending` is marked `resent_unconfirmed`.
 */
export async function claimMessages(
  db: Kysely<Database>,
  me: string,
  nowIso: string,
  leaseUntil: string,
  channels: readonly MessageChannel[],
  limit: number,
  holderAlive: (holder: string) => boolean,
): Promise<ClaimedMessage[]> {
  const candidates = await db
    .selectFrom('messages')
    .select(CLAIM_COLUMNS)
    .where('status', 'in', ['queued', 'sending'])
    .where('channel', 'in', [...channels])
    .where('next_attempt_at', '<=', nowIso)
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit * 4)
    .execute()
  const taken: ClaimedMessage[] = []
  for (const c of candidates) {
    if (taken.length >= limit) break
    const free =
      c.claimed_by === null ||
      c.claimed_by === me ||
      (c.lease_until !== null && c.lease_until < nowIso) ||
      !holderAlive(c.claimed_by)
    if (!free) continue
    const result = await db
      .updateTable('messages')
      .set({
        claimed_by: me,
        lease_until: leaseUntil,
        ...(c.status === 'sending' && c.claimed_by !== me ? { resent_unconfirmed: 1 } : {}),
      })
      .where('id', '=', c.id)
      .where('status', '=', c.status)
      .where((eb) =>
        c.claimed_by === null ? eb('claimed_by', 'is', null) : eb('claimed_by', '=', c.claimed_by),
      )
      .executeTakeFirst()
    if (Number(result.numUpdatedRows) === 1) taken.push({ ...c, claimed_by: me, lease_until: leaseUntil })
  }
  return taken
}

/**
 * The hand-off mark, committed just before the message goes to the provider: from here on a crash
 * leaves it in `sending`, which the next dispatcher treats as "may have been sent" (docs/outreach.md).
 * False when the claim was lost meanwhile.
 */
export async function markSending(
  db: Kysely<Database>,
  id: number,
  me: string,
  nowIso: string,
): Promise<boolean> {
  const result = await db
    .updateTable('messages')
    .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), updated_at: nowIso }))
    .where('id', '=', id)
    .where('claimed_by', '=', me)
    .where('status', 'in', ['queued', 'sending'])
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** The outbox rows and accounts a message carries. */
export async function messageRows(db: Kysely<Database>, messageId: number) {
  return db
    .selectFrom('message_accounts')
    .select(['outbox_id', 'account_id'])
    .where('message_id', '=', messageId)
    .orderBy('outbox_id')
    .execute()
}

/** A letter handed to the print house: its mailing date starts the clock the attribute names. */
export interface LetterMailed {
  readonly accountId: number
  readonly kind: string
  readonly mailingDate: string
  /** The account attribute that takes the date (validationNoticeSentOn...), or null. */
  readonly attribute: string | null
}

export type SendRecord =
  | {
      kind: 'accepted'
      provider: string
      providerMessageId: string
      /** Letters only: what was mailed, recorded with the send (see `recordLettersMailed`). */
      mailed?: readonly LetterMailed[]
    }
  | { kind: 'retry'; provider: string; error: string; nextAttemptAt: string }
  | { kind: 'failed'; provider: string; error: string; recipientInvalid: boolean }

/**
 * Records what the provider answered, with the outbox rows and contact events, in one transaction:
 * accepted = `sent` (accepted by the provider, delivery comes later by receipt, announced as
 * `message.sent` in the same transaction); a transient failure
 * goes back to `queued` for its next attempt; a permanent one is `failed`, its rows cancelled with the
 * reason, and an invalid recipient marks the contact point undeliverable with the evidence.
 */
export async function recordSend(
  db: Kysely<Database>,
  messageId: number,
  me: string,
  record: SendRecord,
  nowIso: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!isPostgres(trx)) await sql`update tenants set id = id where 0 = 1`.execute(trx)
    const message = await trx
      .selectFrom('messages')
      .select(['id', 'tenant_id', 'channel', 'contact_point_id', 'claimed_by', 'status'])
      .where('id', '=', messageId)
      .$if(isPostgres(trx), (qb) => qb.forUpdate())
      .executeTakeFirstOrThrow()
    if (message.claimed_by !== me || message.status !== 'sending') return
    const rows = await messageRows(trx, messageId)
    const outboxIds = rows.map((r) => r.outbox_id)
    if (record.kind === 'accepted') {
      await trx
        .updateTable('messages')
        .set({
          status: 'sent',
          provider: record.provider,
          provider_message_id: record.providerMessageId,
          error: null,
          sent_at: nowIso,
          updated_at: nowIso,
          claimed_by: null,
          lease_until: null,
        })
        .where('id', '=', messageId)
        .execute()
      await trx
        .updateTable('outbox')
        .set({ status: 'sent', sent_at: nowIso })
        .where('id', 'in', outboxIds)
        .execute()
      await trx
        .updateTable('contact_events')
        .set({ result: 'sent', occurred_at: nowIso })
        .where('outbox_id', 'in', outboxIds)
        .where('direction', '=', 'outbound')
        .execute()
      if (record.mailed?.length) await recordLettersMailed(trx, message.tenant_id, messageId, record.mailed)
      // Ids only, no recipient: the provider accepted it; delivery or failure follows by receipt.
      await enqueueWebhookEvents(trx, message.tenant_id, [
        {
          type: 'message.sent',
          data: {
            messageId,
            channel: message.channel,
            accountIds: [...new Set(rows.map((r) => r.account_id))],
          },
        },
      ])
      return
    }
    if (record.kind === 'retry') {
      await trx
        .updateTable('messages')
        .set({
          status: 'queued',
          provider: record.provider,
          error: record.error,
          next_attempt_at: record.nextAttemptAt,
          updated_at: nowIso,
          claimed_by: null,
          lease_until: null,
        })
        .where('id', '=', messageId)
        .execute()
      return
    }
    await trx
      .updateTable('messages')
      .set({
        status: 'failed',
        provider: record.provider,
        error: record.error,
        updated_at: nowIso,
        claimed_by: null,
        lease_until: null,
      })
      .where('id', '=', messageId)
      .execute()
    await trx
      .updateTable('outbox')
      .set({ status: 'cancelled', cancelled_at: nowIso, cancel_reason: `send failed: ${record.error}` })
      .where('id', 'in', outboxIds)
      .execute()
    await trx
      .updateTable('contact_events')
      .set({ result: 'failed' })
      .where('outbox_id', 'in', outboxIds)
      .where('direction', '=', 'outbound')
      .execute()
    if (record.recipientInvalid && message.contact_point_id !== null) {
      await markUndeliverable(trx, message.contact_point_id, `${record.provider}: ${record.error}`, nowIso)
    }
  })
}

/** Marks a contact point undeliverable (kept: the first evidence stays). */
export async function markUndeliverable(
  trx: Transaction<Database>,
  contactPointId: number,
  reason: string,
  atIso: string,
): Promise<void> {
  await trx
    .updateTable('contact_points')
    .set({ undeliverable_at: atIso, undeliverable_reason: reason.slice(0, 500) })
    .where('id', '=', contactPointId)
    .where('undeliverable_at', 'is', null)
    .execute()
}

/** Fields of `messages` for reading back (listing, rendering). */
export async function messageById(db: Kysely<Database>, id: number) {
  return db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Counts of messages by status (for summaries and tests). */
export async function messageStatusCounts(db: Kysely<Database>, tenantId?: number) {
  const rows = await db
    .selectFrom('messages')
    .select(['status', sql<number>`count(*)`.as('n')])
    .$if(tenantId !== undefined, (qb) => qb.where('tenant_id', '=', tenantId as number))
    .groupBy('status')
    .execute()
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) as Partial<
    Record<MessageStatus, number>
  >
}

/**
 * The mailing date of printed letters, in the send's transaction: each date that starts a legal clock
 * goes into the account's attributes (where the compliance request reads it, the earliest date kept:
 * a second copy does not restart a clock), and one `letters.mailed` journal event lists them all.
 */
async function recordLettersMailed(
  trx: Transaction<Database>,
  tenantId: number,
  messageId: number,
  mailed: readonly LetterMailed[],
): Promise<void> {
  for (const letter of mailed) {
    if (letter.attribute === null) continue
    const row = await trx
      .selectFrom('accounts')
      .select('attributes')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', letter.accountId)
      .executeTakeFirst()
    if (!row) continue
    const attributes = row.attributes ? (JSON.parse(row.attributes) as Record<string, unknown>) : {}
    const before = attributes[letter.attribute]
    // The earliest well-formed date is kept: a second copy does not restart a clock.
    if (typeof before === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(before) && before <= letter.mailingDate)
      continue
    attributes[letter.attribute] = letter.mailingDate
    await trx
      .updateTable('accounts')
      .set({ attributes: JSON.stringify(attributes) })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', letter.accountId)
      .execute()
  }
  await appendJournalEvent(trx, {
    tenantId,
    type: 'letters.mailed',
    actor: 'system:dispatcher',
    subject: `message:${messageId}`,
    payload: {
      messageId,
      letters: mailed.map((l) => ({ accountId: l.accountId, kind: l.kind, mailingDate: l.mailingDate })),
    },
  })
}
