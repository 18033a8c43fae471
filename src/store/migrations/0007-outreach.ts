import type { Kysely } from 'kysely'
import { columnTypes, oneOf } from './migration-helpers.ts'

/*
 * Outreach: the messages the dispatcher sends for outbox rows (one message may carry several rows of
 * one debtor when the tenant consolidates), the accounts each message is about, what comes back
 * (provider receipts, replies, flags for a collector) and the contact point's deliverability. The
 * outbox keeps its statuses: a row becomes `sent` when its message is accepted, `blocked` when the
 * send-time compliance check refuses it and `cancelled` (with the reason) when the provider refuses it
 * for good; the message row holds the detail.
 */

export const MESSAGE_STATUSES = [
  'queued',
  'sending',
  'sent',
  'delivered',
  'bounced',
  'failed',
  'suppressed',
] as const

/** Creates the outreach tables and columns. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { stampType, now, withId } = columnTypes(db)

  await db.schema
    .createTable('messages')
    .$call(withId)
    .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
    .addColumn('debtor_id', 'bigint', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull().check(oneOf('channel', ['email', 'sms'])))
    .addColumn('contact_point_id', 'bigint')
    // The first outbox row's key (plus ":consolidated" when it carries several): stable across retries.
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('body_text', 'text')
    // The renderer's input (JSON): a retry after a crash renders exactly the same message again.
    .addColumn('render_input', 'text', (c) => c.notNull())
    .addColumn('provider', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', [...MESSAGE_STATUSES])))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', stampType, (c) => c.notNull())
    .addColumn('provider_message_id', 'text')
    .addColumn('error', 'text')
    // The send-time compliance result (outcome, reasons, packs) as JSON text.
    .addColumn('compliance', 'text', (c) => c.notNull())
    // Which dispatcher holds it ("host:pid:nonce") and until when; a dead holder's claim is reclaimed.
    .addColumn('claimed_by', 'text')
    .addColumn('lease_until', stampType)
    // Set when the message went out again after a hand-off whose outcome was never recorded (a crash).
    .addColumn('resent_unconfirmed', 'integer', (c) => c.notNull().defaultTo(0))
    // Replies to `reply+TOKEN@...` (email) are attached to this message's accounts.
    .addColumn('reply_token', 'text', (c) => c.notNull())
    .addColumn('created_at', stampType, (c) => c.notNull().defaultTo(now))
    .addColumn('sent_at', stampType)
    .addColumn('updated_at', stampType)
    .addUniqueConstraint('messages_tenant_key', ['tenant_id', 'idempotency_key'])
    .addUniqueConstraint('messages_reply_token', ['reply_token'])
    .execute()
  await db.schema.createIndex('messages_due').on('messages').columns(['status', 'next_attempt_at']).execute()
  await db.schema.createIndex('messages_debtor').on('messages').columns(['debtor_id', 'created_at']).execute()
  await db.schema
    .createIndex('messages_provider_id')
    .on('messages')
    .columns(['provider', 'provider_message_id'])
    .execute()

  await db.schema
    .createTable('message_accounts')
    .addColumn('message_id', 'bigint', (c) => c.notNull().references('messages.id'))
    .addColumn('outbox_id', 'bigint', (c) => c.notNull().references('outbox.id'))
    .addColumn('account_id', 'bigint', (c) => c.notNull())
    .addColumn('tenant_id', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('message_accounts_pk', ['message_id', 'outbox_id'])
    .addUniqueConstraint('message_accounts_outbox', ['outbox_id'])
    .execute()
  await db.schema
    .createIndex('message_accounts_account')
    .on('message_accounts')
    .column('account_id')
    .execute()

  // Receipts (delivered, bounced...), replies and collector flags: each message's and account's timeline.
  await db.schema
    .createTable('message_events')
    .$call(withId)
    .addColumn('tenant_id', 'bigint', (c) => c.notNull())
    .addColumn('message_id', 'bigint')
    .addColumn('account_id', 'bigint')
    .addColumn('debtor_id', 'bigint')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(oneOf('kind', ['receipt', 'inbound', 'opt_out', 'flag', 'confirmation'])),
    )
    // Receipts: the status; inbound: the sender; flags: the category (dispute, cease, attorney...).
    .addColumn('detail', 'text', (c) => c.notNull())
    // The reply text, the bounce diagnostic, the phrase that raised a flag.
    .addColumn('text', 'text')
    // Provider event id when the provider gives one: the same receipt recorded twice is one row.
    .addColumn('external_id', 'text')
    .addColumn('occurred_at', stampType, (c) => c.notNull())
    .addColumn('resolved_at', stampType)
    .addUniqueConstraint('message_events_external', ['tenant_id', 'channel', 'external_id'])
    .execute()
  await db.schema
    .createIndex('message_events_account')
    .on('message_events')
    .columns(['account_id', 'occurred_at'])
    .execute()

  await db.schema.alterTable('outbox').addColumn('message_id', 'bigint').execute()
  await db.schema.alterTable('contact_points').addColumn('undeliverable_at', stampType).execute()
  await db.schema.alterTable('contact_points').addColumn('undeliverable_reason', 'text').execute()
  // Tenant setting: one message per debtor, channel and day listing several accounts (1) or one each (0).
  await db.schema
    .alterTable('tenants')
    .addColumn('consolidate_messages', 'integer', (c) => c.notNull().defaultTo(1))
    .execute()
}

/** Drops them again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tenants').dropColumn('consolidate_messages').execute()
  await db.schema.alterTable('contact_points').dropColumn('undeliverable_reason').execute()
  await db.schema.alterTable('contact_points').dropColumn('undeliverable_at').execute()
  await db.schema.alterTable('outbox').dropColumn('message_id').execute()
  for (const table of ['message_events', 'message_accounts', 'messages']) {
    await db.schema.dropTable(table).ifExists().execute()
  }
}
