import { expect, it } from 'vitest'
import { systemActor } from '../../src/app/actor.ts'
import { approveEscalation } from '../../src/app/approvals/decide-approval.ts'
import { runDemoHistory } from '../../src/app/demo/demo-history.ts'
import { loadDemo } from '../../src/app/demo/load-demo.ts'
import { buildEvidencePack } from '../../src/app/evidence/build-evidence-pack.ts'
import { carryOutPlacements } from '../../src/app/placements/carry-out-placements.ts'
import { listPlacements } from '../../src/app/placements/list-placements.ts'
import { findTenantBySlug } from '../../src/store/tenant.repository.ts'
import { describeEachDatabase } from '../support/databases.ts'

/**
 * Issue 13's first demo: on the demo portfolio, a consumer account climbs consumer-agency's soft,
 * firm and final stages to the gated legal review, whose referral to the law firm `counsel` waits for
 * approval; approved, the dispatcher's placement step places it, and outreach holds off it.
 */
describeEachDatabase('a demo consumer account escalates through approval into a placement', ({ store }) => {
  it('reaches legal review, is approved, placed with counsel, and its evidence pack is built', {
    timeout: 300_000,
  }, async () => {
    await loadDemo(store(), { accounts: 60, seed: 7, asOf: '2026-07-01', by: 'test', tenantSlug: 'esc' })
    const tenant = await findTenantBySlug(store().db, 'esc')
    if (!tenant) throw new Error('no tenant')
    await runDemoHistory(store(), tenant, { from: '2026-07-01', to: '2026-11-20' })

    const held = await store()
      .db.selectFrom('outbox')
      .innerJoin('accounts', 'accounts.id', 'outbox.account_id')
      .select(['outbox.id', 'accounts.external_id as account', 'outbox.payload'])
      .where('outbox.tenant_id', '=', tenant.id)
      .where('outbox.action_type', '=', 'place_with_agency')
      .where('outbox.status', '=', 'awaiting_approval')
      .where('accounts.debt_kind', '=', 'consumer')
      .orderBy('outbox.id')
      .execute()
    expect(held.length, 'a consumer account waits for approval of its referral').toBeGreaterThan(0)
    const row = held[0]
    if (!row) throw new Error('unreachable')
    expect(JSON.parse(row.payload)).toEqual({ type: 'place_with_agency', agency: 'counsel' })

    const manager = { store: store(), actor: { ...systemActor(tenant, 'test'), role: 'manager' as const } }
    await approveEscalation(manager, { id: row.id })
    const counts = await carryOutPlacements(store(), new Date('2026-11-21T15:00:00Z'), tenant.id)
    expect(counts.placed).toBe(1)

    const placements = await listPlacements(manager, { partner: 'counsel', status: 'active' })
    expect(placements.map((p) => p.account)).toEqual([row.account])
    expect(placements[0]).toMatchObject({ partner: 'counsel', placedOn: '2026-11-21' })

    const pack = await buildEvidencePack(
      { store: store(), actor: systemActor(tenant, 'test') },
      { accounts: [row.account], dataDir: '/nonexistent', letterDir: null, asOf: '2026-11-21' },
    )
    expect(pack.manifest.accounts).toEqual([row.account])
    expect(pack.manifest.journal.intact).toBe(true)
  })
})
