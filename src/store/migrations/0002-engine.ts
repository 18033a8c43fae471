import type { Kysely } from 'kysely'
import { columnTypes, oneOf } from './migration-helpers.ts'

/*
 * The collections engine's state: where each account stands in its playbook, every decision with its
 * trace, the outbox of scheduled actions, contact history, debtor restrictions (attorney, cease,
 * opt-outs, stated inconvenient times), disputes and promises as the engine reads them, and the daily
 * runs split into durable batches. Tenant-owned rows reference accounts by (account_id, tenant_id) as in
 * 0001, so a decision or an outbox row can never point into another tenant's books.
 */

const ACCOUNT_FK = ['account_id', 'tenant_id'] as const
const ACCOUNT_KEY = ['id', 'tenant_id'] as const

/** Creates the engine tables and their indexes. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { dateType, stampType, now, withId } = columnTypes(db)

  await db.schema
    .createTable('strategy_states')
    .addColumn('account_id', 'bigint', (c) => c.primaryKey())
    .addColumn('tenant_id', 'bigint', (c) => c.notNull())
    .addColumn('playbook_id', 'text', (c) => c.notNull())
    .addColumn('playbook_version', 'integer', (c) => c.notNull())
    .addColumn('variant', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('stage_entered_on', dateType, (c) => c.notNull())
    .addColumn('next_step', 'integer', (c) => c.notNull())
    .addColumn('updated_on', dateType, (c) => c.notNull())
    .addForeignKeyConstraint('strategy_states_account_fk', [...ACCOUNT_FK], 'accounts', [...ACCOUNT_KEY])
    .execute()

  await db.schema
    .createTable('runs')
    .$call(withId)
    .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
    .addColumn('as_of', dateType, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', ['running', 'completed'])))
    .addColumn('batch_size', 'integer', (c) => c.notNull())
    // The playbook documents the run applies, so every worker decides with exactly the same ones.
    .addColumn('playbooks', 'text', (c) => c.notNull())
    .addColumn('started_at', stampType, (c) => c.notNull().defaultTo(now))
    .addColumn('finished_at', stampType)
    .addColumn('counts', 'text')
    .addUniqueConstraint('runs_tenant_as_of', ['tenant_id', 'as_of'])
    .execute()

  await db.schema
    .createTable('run_batches')
    .$call(withId)
    .addColumn('run_id', 'bigint', (c) => c.notNull().references('runs.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('first_account_id', 'bigint', (c) => c.notNull())
    .addColumn('last_account_id', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', ['pending', 'done'])))
    .addColumn('finished_at', stampType)
    .addColumn('worker', 'text')
    .addColumn('counts', 'text')
    .addUniqueConstraint('run_batches_run_seq', ['run_id', 'seq'])
    .execute()

  await db.schema
    .createTable('decisions')
    .$call(withId)
    .addColumn('tenant_id', 'bigint', (c) => c.notNull())
    .addColumn('account_id', 'bigint', (c) => c.notNull())
    .addColumn('as_of', dateType, (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull().check(oneOf('trigger', ['daily', 'event'])))
    // '' for the daily run; the event's key (e.g. "payment:123") for event-triggered decisions.
    .addColumn('trigger_ref', 'text', (c) => c.notNull())
    .addColumn('run_id', 'bigint')
    .addColumn('playbook_id', 'text', (c) => c.notNull())
    .addColumn('playbook_version', 'integer', (c) => c.notNull())
    .addColumn('variant', 'text', (c) => c.notNull())
    .addColumn('from_stage', 'text')
    .addColumn('to_stage', 'text', (c) => c.notNull())
    .addColumn('trace', 'text', (c) => c.notNull())
    .addColumn('created_at', stampType, (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('decisions_once', ['account_id', 'as_of', 'trigger', 'trigger_ref'])
    .addUniqueConstraint('decisions_id_tenant', ['id', 'tenant_id'])
    .addForeignKeyConstraint('decisions_account_fk', [...ACCOUNT_FK], 'accounts', [...ACCOUNT_KEY])
    .execute()

  await db.schema
    .createTable('outbox')
    .$call(withId)
    .addColumn('tenant_id', 'bigint', (c) => c.notNull())
    .addColumn('account_id', 'bigint', (c) => c.notNull())
    .addColumn('decision_id', 'bigint', (c) => c.notNull())
    // account:as-of:stage:step; a re-run or a crash replay inserts nothing twice.
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('action_type', 'text', (c) => c.notNull())
    .addColumn('channel', 'text')
    .addColumn('contact_point_id', 'bigint')
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(oneOf('status', ['pending', 'awaiting_approval', 'blocked', 'sent', 'cancelled'])),
    )
    .addColumn('scheduled_at', stampType)
    .addColumn('compliance', 'text', (c) => c.notNull())
    .addColumn('created_at', stampType, (c) => c.notNull().defaultTo(now))
    .addColumn('sent_at', stampType)
    .addColumn('cancelled_at', stampType)
    .addColumn('cancel_reason', 'text')
    .addUniqueConstraint('outbox_tenant_key', ['tenant_id', 'idempotency_key'])
    .addForeignKeyConstraint('outbox_decision_fk', ['decision_id', 'tenant_id'], 'decisions', [
      ...ACCOUNT_KEY,
    ])
    .execute()
  await db.schema.createIndex('outbox_account').on('outbox').columns(['account_id', 'status']).execute()
  await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'scheduled_at']).execute()

  await db.schema
    .createTable('contact_events')
    .$call(withId)
    .addColumn('tenant_id', 'bigint', (c) => c.notNull())
    .addColumn('account_id', 'bigint', (c) => c.notNull())
    .addColumn('contact_point_id', 'bigint')
    .addColumn('channel', 'text', (c) =>
      c.notNull().check(oneOf('channel', ['call', 'sms', 'email', 'letter', 'visit'])),
    )
    .addColumn('direction', 'text', (c) => c.notNull().check(oneOf('direction', ['outbound', 'inbound'])))
    // Call results as in Reg F counting; messages: delivered / undeliverable; inbound: responded.
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('occurred_at', stampType, (c) => c.notNull())
    .addColumn('outbox_id', 'bigint')
    .addForeignKeyConstraint('contact_events_account_fk', [...ACCOUNT_FK], 'accounts', [...ACCOUNT_KEY])
    .execute()
  await db.schema
    .createIndex('contact_events_account')
    .on('contact_events')
    .columns(['account_id', 'occurred_at'])
    .execute()

  await db.schema
    .createTable('debtor_restrictions')
    .$call(withId)
    .addColumn('tenant_id', 'bigint', (c) => c.notNull())
    .addColumn('debtor_id', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .check(
          oneOf('kind', [
            'attorney',
            'cease',
            'employer_prohibits_work_contact',
            'medium_opt_out',
            'inconvenient_time',
            'inconvenient_place',
            'direct_consent',
          ]),
        ),
    )
    // Kind-specific facts as JSON: the attorney's name and address, the channel, the time range...
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('effective_at', stampType, (c) => c.notNull())
    .addColumn('ended_at', stampType)
    .addForeignKeyConstraint('debtor_restrictions_debtor_fk', ['debtor_id', 'tenant_id'], 'debtors', [
      ...ACCOUNT_KEY,
    ])
    .execute()
  await db.schema
    .createIndex('debtor_restrictions_debtor')
    .on('debtor_restrictions')
    .column('debtor_id')
    .execute()

  await db.schema
    .createTable('disputes')
    .$call(withId)
    .addColumn('tenant_id', 'bigint', (c) => c.notNull())
    .addColumn('account_id', 'bigint', (c) => c.notNull())
    .addColumn('received_at', stampType, (c) => c.notNull())
    .addColumn('written', 'integer', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint')
    .addColumn('reason', 'text')
    .addColumn('verification_sent_at', stampType)
    .addColumn('resolved_at', stampType)
    .addColumn('resolution', 'text')
    .addForeignKeyConstraint('disputes_account_fk', [...ACCOUNT_FK], 'accounts', [...ACCOUNT_KEY])
    .execute()
  await db.schema.createIndex('disputes_account').on('disputes').column('account_id').execute()

  await db.schema
    .createTable('promises')
    .$call(withId)
    .addColumn('tenant_id', 'bigint', (c) => c.notNull())
    .addColumn('account_id', 'bigint', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('due_on', dateType, (c) => c.notNull())
    .addColumn('state', 'text', (c) =>
      c.notNull().check(oneOf('state', ['open', 'kept', 'partially_kept', 'broken'])),
    )
    .addColumn('created_at', stampType, (c) => c.notNull().defaultTo(now))
    .addForeignKeyConstraint('promises_account_fk', [...ACCOUNT_FK], 'accounts', [...ACCOUNT_KEY])
    .execute()
  await db.schema.createIndex('promises_account').on('promises').column('account_id').execute()
}

/** Drops the engine tables. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'promises',
    'disputes',
    'debtor_restrictions',
    'contact_events',
    'outbox',
    'decisions',
    'run_batches',
    'runs',
    'strategy_states',
  ]) {
    await db.schema.dropTable(table).ifExists().execute()
  }
}
