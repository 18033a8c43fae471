import { expect, it } from 'vitest'
import { systemActor } from '../../src/app/actor.ts'
import { scoreDemoBook } from '../../src/app/demo/demo-history.ts'
import { loadDemo } from '../../src/app/demo/load-demo.ts'
import { startDailyRun } from '../../src/app/engine/start-daily-run.ts'
import { findTenantBySlug } from '../../src/store/tenant.repository.ts'
import { describeEachDatabase } from '../support/databases.ts'

const AS_OF = '2026-11-20'

describeEachDatabase('the demo book is scored before its first run', ({ store }) => {
  const load = async (slug: string, accounts: number) => {
    await loadDemo(store(), { accounts, seed: 3, asOf: AS_OF, tenantSlug: slug, by: 'test' })
    const tenant = await findTenantBySlug(store().db, slug)
    if (!tenant) throw new Error('no tenant')
    return tenant
  }

  it('trains both targets and scores the owing accounts; the first run segments by risk', async () => {
    const tenant = await load('demo-scored', 2000)
    expect(await scoreDemoBook(store(), tenant, AS_OF)).toEqual(['late_payment', 'pay_30'])
    const db = store().db
    const scored = await db
      .selectFrom('account_scores')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', tenant.id)
      .executeTakeFirstOrThrow()
    expect(Number(scored.n)).toBeGreaterThan(1000)
    // The first run reads the scores: the B2B playbook gives low-risk customers their own segment.
    await startDailyRun({ store: store(), actor: systemActor(tenant, 'test') }, { asOf: AS_OF })
    const decisions = await db
      .selectFrom('decisions')
      .select('trace')
      .where('tenant_id', '=', tenant.id)
      .execute()
    const segments = new Set(decisions.map((d) => (JSON.parse(d.trace) as { segment?: string }).segment))
    expect(segments).toContain('low_risk')
  })

  it('leaves a book too small to learn from unscored, without failing', async () => {
    const tenant = await load('demo-small', 6)
    expect(await scoreDemoBook(store(), tenant, AS_OF)).toEqual([])
  })
})
