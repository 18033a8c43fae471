import type { Kysely } from 'kysely'
import { columnTypes, oneOf } from './migration-helpers.ts'

/*
 * The debtor portal (docs/portal.md): its short server-side sessions, stored as the SHA-256 of their
 * random token only (like staff sessions, 0008), each bound to the one account its link named; the
 * evidence files a debtor uploads to a dispute (kept under RECOUP_DATA_DIR by a random name, never the
 * debtor's file name); and the debtor's date of birth, one of the details the portal checks.
 */

/** Spelled out, not imported: a migration must not change when the code moves on. */
const UPLOAD_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const

/** Adds portal_sessions, dispute_documents and debtors.date_of_birth. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { dateType, stampType, now, withId } = columnTypes(db)
  await db.schema.alterTable('debtors').addColumn('date_of_birth', dateType).execute()

  await db.schema
    .createTable('portal_sessions')
    .$call(withId)
    .addColumn('tenant_id', 'bigint', (c) => c.notNull())
    .addColumn('account_id', 'bigint', (c) => c.notNull())
    .addColumn('debtor_id', 'bigint', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', stampType, (c) => c.notNull().defaultTo(now))
    .addColumn('expires_at', stampType, (c) => c.notNull())
    .addColumn('last_seen_at', stampType, (c) => c.notNull())
    .addColumn('revoked_at', stampType)
    .addForeignKeyConstraint('portal_sessions_account_fk', ['account_id', 'tenant_id'], 'accounts', [
      'id',
      'tenant_id',
    ])
    .addForeignKeyConstraint('portal_sessions_debtor_fk', ['debtor_id', 'tenant_id'], 'debtors', [
      'id',
      'tenant_id',
    ])
    .execute()
  await db.schema.createIndex('portal_sessions_account').on('portal_sessions').column('account_id').execute()
  await db.schema.createIndex('portal_sessions_debtor').on('portal_sessions').column('debtor_id').execute()

  await db.schema
    .createTable('dispute_documents')
    .$call(withId)
    .addColumn('tenant_id', 'bigint', (c) => c.notNull())
    .addColumn('account_id', 'bigint', (c) => c.notNull())
    .addColumn('dispute_id', 'bigint', (c) => c.notNull().references('disputes.id'))
    // The file's name under RECOUP_DATA_DIR/disputes/<tenant id>/: random, never the uploader's.
    .addColumn('stored_name', 'text', (c) => c.notNull().unique())
    .addColumn('content_type', 'text', (c) => c.notNull().check(oneOf('content_type', UPLOAD_TYPES)))
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', stampType, (c) => c.notNull().defaultTo(now))
    .addForeignKeyConstraint('dispute_documents_account_fk', ['account_id', 'tenant_id'], 'accounts', [
      'id',
      'tenant_id',
    ])
    .execute()
  await db.schema
    .createIndex('dispute_documents_account')
    .on('dispute_documents')
    .column('account_id')
    .execute()
  await db.schema
    .createIndex('dispute_documents_dispute')
    .on('dispute_documents')
    .column('dispute_id')
    .execute()
}

/** Drops them again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('dispute_documents').execute()
  await db.schema.dropTable('portal_sessions').execute()
  await db.schema.alterTable('debtors').dropColumn('date_of_birth').execute()
}
