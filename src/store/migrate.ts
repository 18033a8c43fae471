import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely'
import * as foundation from './migrations/0001-foundation.ts'
import * as engine from './migrations/0002-engine.ts'
import * as money from './migrations/0003-money.ts'
import * as ledgerRules from './migrations/0004-ledger-rules.ts'
import * as engineErrors from './migrations/0005-engine-errors.ts'
import * as outreach from './migrations/0007-outreach.ts'
import * as auth from './migrations/0008-auth.ts'
import * as scoring from './migrations/0009-scoring.ts'
import * as foreignKeyIndexes from './migrations/0011-foreign-key-indexes.ts'
import * as callTasks from './migrations/0013-call-tasks.ts'
import * as webhooks from './migrations/0014-webhooks.ts'
import * as recordListIndexes from './migrations/0015-record-list-indexes.ts'
import * as messageTemplates from './migrations/0018-message-templates.ts'
import * as playbookVersions from './migrations/0019-playbook-versions.ts'
import * as letterMessages from './migrations/0020-letter-messages.ts'
import * as portal from './migrations/0021-portal.ts'
import * as tenantSettings from './migrations/0022-tenant-settings.ts'
import * as outboxApprovals from './migrations/0023-outbox-approvals.ts'
import * as placements from './migrations/0026-placements.ts'
import * as portalCharges from './migrations/0027-portal-charges.ts'
import * as portalLinkFailures from './migrations/0028-portal-link-failures.ts'
import * as legalCases from './migrations/0029-legal-cases.ts'
import * as remittances from './migrations/0030-remittances.ts'
import * as debtSales from './migrations/0031-debt-sales.ts'
import * as creditControl from './migrations/0032-credit-control.ts'
import * as decisionSchedule from './migrations/0034-decision-schedule.ts'

/** Migrations are imported statically so they travel with the code, in order of their names. */
const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-engine': engine,
  '0003-money': money,
  '0004-ledger-rules': ledgerRules,
  '0005-engine-errors': engineErrors,
  '0007-outreach': outreach,
  '0008-auth': auth,
  '0009-scoring': scoring,
  '0011-foreign-key-indexes': foreignKeyIndexes,
  '0013-call-tasks': callTasks,
  '0014-webhooks': webhooks,
  '0015-record-list-indexes': recordListIndexes,
  '0018-message-templates': messageTemplates,
  '0019-playbook-versions': playbookVersions,
  '0020-letter-messages': letterMessages,
  '0021-portal': portal,
  '0022-tenant-settings': tenantSettings,
  '0023-outbox-approvals': outboxApprovals,
  '0026-placements': placements,
  '0027-portal-charges': portalCharges,
  '0028-portal-link-failures': portalLinkFailures,
  '0029-legal-cases': legalCases,
  '0030-remittances': remittances,
  '0031-debt-sales': debtSales,
  '0032-credit-control': creditControl,
  '0034-decision-schedule': decisionSchedule,
}

/** PostgreSQL error codes of a catalog read that raced another schema's DDL (see migrateToLatest). */
const RACING_CATALOG_READS = new Set(['3F000', '42P01', '42703'])

const provider: MigrationProvider = { getMigrations: async () => migrations }

/**
 * Brings the schema up to date; safe to call on every start and from several processes (the migrator
 * takes a lock). `schema` names the PostgreSQL schema when Recoup lives outside the default one, so
 * the migrator's own bookkeeping tables are looked up there and not in another schema.
 */
export async function migrateToLatest(db: Kysely<unknown>, schema?: string): Promise<string[]> {
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) })
  for (let attempt = 1; ; attempt++) {
    const { error, results } = await migrator.migrateToLatest()
    if (!error) return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
    // Kysely's table introspection reads every schema's catalog rows; a schema another installation
    // drops or migrates at that moment fails the read, not the migration: the schema is gone
    // (3F000), or a table or column of it vanished between two catalog lookups (42P01, 42703). A
    // failed migration rolled back its transaction, so trying again is safe. Try again.
    if (attempt < 5 && RACING_CATALOG_READS.has((error as { code?: string }).code ?? '')) {
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt))
      continue
    }
    throw error instanceof Error ? error : new Error(String(error))
  }
}
