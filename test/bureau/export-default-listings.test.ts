import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { systemActor } from '../../src/app/actor.ts'
import {
  EXCLUDED_HEADER,
  exportDefaultListings,
  LISTING_HEADER,
} from '../../src/app/bureau/export-default-listings.ts'
import type { Store } from '../../src/store/connect.ts'
import { loadDemo } from '../engine/engine-fixtures.ts'
import { describeEachDatabase } from '../support/databases.ts'

const NOW = new Date('2026-12-03T15:00:00Z')
const AS_OF = '2026-12-01'

/** Open consumer accounts of persons with a primary street address, to be turned into the cases. */
async function candidates(store: Store, tenantId: number, count: number) {
  const rows = await store.db
    .selectFrom('accounts as a')
    .innerJoin('debtors as d', 'd.id', 'a.debtor_id')
    .innerJoin('debtor_addresses as ad', 'ad.debtor_id', 'd.id')
    .select(['a.id', 'a.external_id'])
    .where('a.tenant_id', '=', tenantId)
    .where('a.jurisdiction', 'like', 'US%')
    .where('a.debt_kind', '=', 'consumer')
    .where('d.kind', '=', 'person')
    .where('a.status', '=', 'open')
    .where('ad.line1', 'is not', null)
    .where('ad.is_primary', '=', 1)
    .orderBy('a.id')
    .limit(count)
    .execute()
  expect(rows.length).toBe(count)
  return rows
}

/** Makes the account owe exactly `minor` since `dueOn`, in `jurisdiction`, with letters only at `letters`. */
async function shape(
  store: Store,
  tenantId: number,
  accountId: number,
  o: { jurisdiction: string; currency: string; dueOn: string; minor: number; letters: string[] },
) {
  await store.db
    .updateTable('accounts')
    .set({ jurisdiction: o.jurisdiction, currency: o.currency, due_on: o.dueOn, opened_on: '2025-01-01' })
    .where('id', '=', accountId)
    .execute()
  await store.db.deleteFrom('ledger_entries').where('account_id', '=', accountId).execute()
  await store.db
    .insertInto('ledger_entries')
    .values({
      tenant_id: tenantId,
      account_id: accountId,
      kind: 'charge',
      amount_minor: o.minor,
      effective_on: '2025-01-01',
      posted_at: '2025-01-01T00:00:00.000Z',
      external_id: `charge-${accountId}`,
      reverses_id: null,
      memo: null,
    })
    .execute()
  await store.db.deleteFrom('contact_events').where('account_id', '=', accountId).execute()
  for (const at of o.letters)
    await store.db
      .insertInto('contact_events')
      .values({
        tenant_id: tenantId,
        account_id: accountId,
        contact_point_id: null,
        channel: 'letter',
        direction: 'outbound',
        result: 'sent',
        occurred_at: at,
        outbox_id: null,
      })
      .execute()
}

describeEachDatabase('Australian default listings', ({ store }) => {
  it('lists the account meeting every condition and excludes each failing one with its reason', async () => {
    const tenant = await loadDemo(store(), 60, 'au-list')
    const other = await loadDemo(store(), 20, 'au-other')
    const ctx = { store: store(), actor: systemActor(tenant, 'test') }
    const [good, young, small, unnoticed, recent, american] = await candidates(store(), tenant.id, 6)
    const [foreign] = await candidates(store(), other.id, 1)
    const au = { jurisdiction: 'AU-NSW', currency: 'AUD', minor: 15_000 }
    const letter = '2026-11-01T12:00:00.000Z'
    await shape(store(), tenant.id, good!.id, { ...au, dueOn: '2026-10-02', letters: [letter] })
    await shape(store(), tenant.id, young!.id, { ...au, dueOn: '2026-10-03', letters: [letter] })
    await shape(store(), tenant.id, small!.id, {
      ...au,
      minor: 14_999,
      dueOn: '2026-09-01',
      letters: [letter],
    })
    await shape(store(), tenant.id, unnoticed!.id, { ...au, dueOn: '2026-09-01', letters: [] })
    await shape(store(), tenant.id, recent!.id, {
      ...au,
      dueOn: '2026-09-01',
      letters: ['2026-11-18T12:00:00.000Z'],
    })
    await shape(store(), tenant.id, american!.id, {
      jurisdiction: 'US-NY',
      currency: 'USD',
      minor: 50_000,
      dueOn: '2026-09-01',
      letters: [letter],
    })
    await shape(store(), other.id, foreign!.id, { ...au, dueOn: '2026-09-01', letters: [letter] })
    // The demo's references repeat across tenants: give the other tenant's account its own.
    await store()
      .db.updateTable('accounts')
      .set({ external_id: 'OTHER-TENANT-AU-1' })
      .where('id', '=', foreign!.id)
      .execute()

    const dir = mkdtempSync(join(tmpdir(), 'recoup-au-list-'))
    const out = join(dir, 'au.csv')
    const result = await exportDefaultListings(ctx, { asOf: AS_OF, out, now: NOW, batchSize: 16 })

    const lines = readFileSync(out, 'utf8').trim().split('\n')
    expect(lines[0]).toBe(LISTING_HEADER)
    const row = lines.find((l) => l.startsWith(`${good!.external_id},`))
    expect(row).toBeDefined()
    expect(row).toMatch(/,150\.00,2026-10-02,2026-11-01,2026-11-01,2026-12-01$/)
    const report = readFileSync(result.excludedFile, 'utf8').trim().split('\n')
    expect(report[0]).toBe(EXCLUDED_HEADER)
    const reasons = (ref: string) => report.filter((l) => l.startsWith(`${ref},`)).join('\n')
    const RULE = 'au.credit-reporting.default-listing'
    expect(reasons(good!.external_id)).toBe('')
    expect(reasons(young!.external_id)).toContain(`${RULE},`)
    expect(reasons(young!.external_id)).toContain('may be listed from 2026-12-02')
    expect(reasons(small!.external_id)).toContain('AUD 149.99 is below the AUD 150.00')
    expect(reasons(unnoticed!.external_id)).toContain('no written notice of the overdue payment')
    expect(reasons(unnoticed!.external_id)).toContain('may be disclosed (creditReportingNoticeOn)')
    expect(reasons(recent!.external_id)).toContain('may be listed from 2026-12-03')
    expect(reasons(recent!.external_id)).toContain('Privacy Act 1988 ss.6Q, 21D')
    for (const ref of [young, small, unnoticed, recent].map((a) => a!.external_id))
      expect(lines.some((l) => l.startsWith(`${ref},`))).toBe(false)
    // Not AU: neither listed nor excluded; another tenant's account never appears.
    for (const ref of [american!.external_id, 'OTHER-TENANT-AU-1']) {
      expect(lines.some((l) => l.startsWith(`${ref},`))).toBe(false)
      expect(reasons(ref)).toBe('')
    }
    expect(result.listed).toBe(lines.length - 1)
    expect(readdirSync(dir).sort()).toEqual(['au.csv', 'au.csv.excluded.csv'])

    const event = await store()
      .db.selectFrom('journal_events')
      .select(['payload'])
      .where('tenant_id', '=', tenant.id)
      .where('type', '=', 'bureau.au_default_listings_exported')
      .executeTakeFirstOrThrow()
    expect(JSON.parse(event.payload as unknown as string)).toMatchObject({
      asOf: AS_OF,
      listed: result.listed,
      sha256: result.sha256,
    })
    await expect(
      exportDefaultListings(ctx, { asOf: '2026-12-31', out: join(dir, 'x.csv'), now: NOW }),
    ).rejects.toMatchObject({ code: 'invalid_date' })
    await expect(
      exportDefaultListings(ctx, { asOf: '1 Dec', out: join(dir, 'x.csv'), now: NOW }),
    ).rejects.toMatchObject({ code: 'invalid_date' })
  })
})
