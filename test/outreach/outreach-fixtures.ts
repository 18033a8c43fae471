import type { Kysely } from 'kysely'
import { writeLedgerLines } from '../../src/store/ledger.repository.ts'
import type { Database } from '../../src/store/schema.ts'
import type { Tenant } from '../../src/store/tenant.repository.ts'
import { createTestTenant } from '../support/factories.ts'

/** A fixed instant inside New York's contact window (10:00 EST on a Tuesday). */
export const SEND_AT = new Date('2026-03-03T15:00:00.000Z')

export interface DebtorSpec {
  /** Accounts of the debtor, each with one due action per channel listed. */
  accounts: number
  channels?: readonly ('email' | 'sms' | 'letter')[]
  /** The letter rows' action (default: a friendly reminder letter). */
  letterAction?: Record<string, unknown>
  jurisdiction?: string
  debtKind?: 'consumer' | 'commercial'
  email?: string
  phone?: string
  /** The debtor's preferred language (default "en"). */
  preferredLanguage?: string
}

/**
 * A tenant with debtors, accounts, contact points, one decision per account and due outbox rows,
 * written straight into the tables the daily run writes (the dispatcher reads nothing else).
 */
export async function seedOutbox(
  db: Kysely<Database>,
  slug: string,
  debtors: readonly DebtorSpec[],
  options: { kind?: 'creditor' | 'agency'; consolidate?: boolean } = {},
): Promise<{ tenant: Tenant; outboxIds: number[]; debtorIds: number[] }> {
  const tenant = await createTestTenant(db, slug, {
    kind: options.kind ?? 'creditor',
    timeZone: 'America/New_York',
  })
  if (options.consolidate === false)
    await db.updateTable('tenants').set({ consolidate_messages: 0 }).where('id', '=', tenant.id).execute()
  const outboxIds: number[] = []
  const debtorIds: number[] = []
  await db.transaction().execute(async (trx) => {
    let n = 0
    for (const [d, spec] of debtors.entries()) {
      const { id: debtorId } = await trx
        .insertInto('debtors')
        .values({
          tenant_id: tenant.id,
          external_id: `D-${d + 1}`,
          kind: spec.debtKind === 'commercial' ? 'business' : 'person',
          name: `Debtor ${d + 1}`,
          given_name: null,
          family_name: null,
          preferred_language: spec.preferredLanguage ?? 'en',
          stated_time_zone: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      debtorIds.push(debtorId)
      const { id: addressId } = await trx
        .insertInto('debtor_addresses')
        .values({
          tenant_id: tenant.id,
          debtor_id: debtorId,
          line1: '1 Main St',
          line2: null,
          city: 'New York',
          region: 'NY',
          postal_code: '10001',
          country: 'US',
          time_zone: 'America/New_York',
          is_primary: 1,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      const points: Record<string, number> = {}
      for (const channel of spec.channels ?? ['email']) {
        const { id } = await trx
          .insertInto('contact_points')
          .values({
            tenant_id: tenant.id,
            debtor_id: debtorId,
            kind: channel === 'email' ? 'email' : channel === 'letter' ? 'postal' : 'phone',
            phone_type: channel === 'sms' ? 'mobile' : null,
            value:
              channel === 'email'
                ? (spec.email ?? `debtor${d + 1}@example.test`)
                : channel === 'letter'
                  ? '1 Main St, New York, NY 10001, US'
                  : (spec.phone ?? `+1212555${String(1000 + d).slice(-4)}`),
            address_id: channel === 'letter' ? addressId : null,
            consent: channel === 'sms' ? 'granted' : 'unknown',
            consent_at: channel === 'sms' ? '2026-01-01T00:00:00.000Z' : null,
            opted_out_at: null,
            time_zone: 'America/New_York',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        points[channel] = id
      }
      for (let a = 0; a < spec.accounts; a++) {
        n++
        const { id: accountId } = await trx
          .insertInto('accounts')
          .values({
            tenant_id: tenant.id,
            client_id: null,
            debtor_id: debtorId,
            external_id: `ACC-${n}`,
            original_creditor: 'Acme Corp',
            current_creditor: 'Acme Corp',
            debt_kind: spec.debtKind ?? 'commercial',
            currency: 'USD',
            jurisdiction: spec.jurisdiction ?? 'US-NY',
            opened_on: '2025-06-01',
            due_on: '2026-01-15',
            charge_off_on: null,
            status: 'open',
            attributes: null,
            import_run_id: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        await writeLedgerLines(trx, [
          {
            tenantId: tenant.id,
            accountId,
            kind: 'charge',
            amountMinor: 12_000 + n,
            effectiveOn: '2025-06-01',
          },
        ])
        const { id: decisionId } = await trx
          .insertInto('decisions')
          .values({
            tenant_id: tenant.id,
            account_id: accountId,
            as_of: '2026-03-02',
            trigger: 'daily',
            trigger_ref: '',
            run_id: null,
            playbook_id: 'test',
            playbook_version: 1,
            variant: 'A',
            from_stage: null,
            to_stage: 'reminder',
            trace: '{}',
            error: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        const payloadOf = (channel: string) =>
          channel === 'letter' && spec.letterAction
            ? spec.letterAction
            : { type: 'send_message', channel, template: 'reminder_1', tone: 'friendly' }
        for (const channel of spec.channels ?? ['email']) {
          const { id } = await trx
            .insertInto('outbox')
            .values({
              tenant_id: tenant.id,
              account_id: accountId,
              decision_id: decisionId,
              idempotency_key: `${accountId}:reminder:2026-03-02:${channel}`,
              action_type: String(payloadOf(channel).type),
              channel,
              contact_point_id: points[channel] ?? null,
              payload: JSON.stringify(payloadOf(channel)),
              status: 'pending',
              scheduled_at: '2026-03-02T15:00:00.000Z',
              compliance: '{"outcome":"allow","reasons":[],"packs":[]}',
            })
            .returning('id')
            .executeTakeFirstOrThrow()
          outboxIds.push(id)
        }
      }
    }
  })
  return { tenant, outboxIds, debtorIds }
}
