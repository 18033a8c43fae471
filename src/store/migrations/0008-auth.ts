import type { Kysely } from 'kysely'
import { columnTypes, oneOf } from './migration-helpers.ts'

/*
 * Who may use a tenant's books: staff users (argon2id password hashes, lockout counters), their
 * server-side sessions, the clients an agency user is limited to, and API keys. Sessions and keys are
 * stored as the SHA-256 of their random token only, so a copy of the database lets nobody in. None of
 * these rows is part of the books: replacing a demo portfolio keeps them (TENANT_ACCESS_TABLES).
 */

/** Spelled out, not imported: a migration must not change when the code moves on. */
const ROLES = ['admin', 'manager', 'collector', 'compliance', 'read_only'] as const

/** Adds users, user_clients, sessions, api_keys and idempotency_keys. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { stampType, now, withId } = columnTypes(db)
  await db.schema
    .createTable('users')
    .$call(withId)
    .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
    // Lower-cased; unique per tenant (the same person may work for two tenants).
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(oneOf('role', ROLES)))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', ['active', 'disabled'])))
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', stampType)
    .addColumn('last_login_at', stampType)
    .addColumn('created_at', stampType, (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('users_tenant_email', ['tenant_id', 'email'])
    .execute()

  // An agency user with rows here sees only these clients' accounts; none means every client.
  await db.schema
    .createTable('user_clients')
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id'))
    .addColumn('client_id', 'bigint', (c) => c.notNull().references('clients.id'))
    .addPrimaryKeyConstraint('user_clients_pk', ['user_id', 'client_id'])
    .execute()

  await db.schema
    .createTable('sessions')
    .$call(withId)
    .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', stampType, (c) => c.notNull().defaultTo(now))
    .addColumn('expires_at', stampType, (c) => c.notNull())
    .addColumn('last_seen_at', stampType, (c) => c.notNull())
    .addColumn('revoked_at', stampType)
    .execute()
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute()

  await db.schema
    .createTable('api_keys')
    .$call(withId)
    .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    // The first characters of the key, shown in listings so people can tell keys apart.
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull().check(oneOf('role', ROLES)))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', stampType, (c) => c.notNull().defaultTo(now))
    .addColumn('last_used_at', stampType)
    .addColumn('revoked_at', stampType)
    .execute()

  // Idempotency-Key on POSTs: the first answer to (tenant, actor, key), replayed to a retry.
  await db.schema
    .createTable('idempotency_keys')
    .$call(withId)
    .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', ['pending', 'done'])))
    .addColumn('response_status', 'integer')
    .addColumn('response_body', 'text')
    .addColumn('created_at', stampType, (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('idempotency_keys_actor_key', ['tenant_id', 'actor', 'key'])
    .execute()
}

/** Drops them again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['idempotency_keys', 'api_keys', 'sessions', 'user_clients', 'users']) {
    await db.schema.dropTable(table).execute()
  }
}
