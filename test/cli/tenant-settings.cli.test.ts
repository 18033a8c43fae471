import { expect, it } from 'vitest'
import { EXIT } from '../../src/core/errors/index.ts'
import { findTenantBySlug } from '../../src/store/tenant.repository.ts'
import { tenantNamed } from '../support/auth.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { runCli } from './run-cli.ts'

describeEachDatabase('recoup tenant settings', ({ store, config }) => {
  it('shows the settings, changes them through the same use case, and refuses bad values', {
    timeout: 180_000,
  }, async () => {
    await tenantNamed(store(), 'cli-settings')
    const t = ['--tenant', 'cli-settings']
    const shown = runCli(config(), ['tenant', 'settings', ...t])
    expect(shown.status, shown.stderr).toBe(0)
    expect(JSON.parse(shown.stdout)).toMatchObject({ timeZone: 'UTC', customised: [] })
    const set = runCli(config(), [
      'tenant',
      'settings',
      ...t,
      '--set',
      'plans.maxMonths=6',
      'settlements.minOfferPercent=70',
      'plans.minInstalmentMinorByCurrency={"JPY":3000}',
      'timeZone=Europe/Berlin',
    ])
    expect(set.status, set.stderr).toBe(0)
    expect(JSON.parse(set.stdout)).toMatchObject({
      timeZone: 'Europe/Berlin',
      plans: { maxMonths: 6, minInstalmentMinorByCurrency: { JPY: 3000 } },
      settlements: { minOfferPercent: '70' },
    })
    const tenant = await findTenantBySlug(store().db, 'cli-settings')
    expect(tenant?.time_zone).toBe('Europe/Berlin')
    const event = await store()
      .db.selectFrom('journal_events')
      .select(['actor'])
      .where('tenant_id', '=', tenant?.id ?? 0)
      .where('type', '=', 'tenant.settings_updated')
      .executeTakeFirstOrThrow()
    expect(event.actor).toBe('system:cli')
    const bad = runCli(config(), ['tenant', 'settings', ...t, '--set', 'settlements.maxValidityDays=0'])
    expect(bad.status).toBe(EXIT.badInput)
    expect(bad.stderr).toContain('settlements.maxValidityDays')
  })
})
