import { expect, it } from 'vitest'
import { createTenant } from '../../src/app/tenants/create-tenant.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { runCli } from './run-cli.ts'

describeEachDatabase('recoup demo and recoup tenant create', ({ store, config }) => {
  it('a second `recoup demo` into the same tenant says so (exit 5); --replace loads the new one', {
    timeout: 120_000,
  }, () => {
    const demo = (...args: string[]) =>
      runCli(config(), ['demo', '--accounts', '30', '--as-of', '2026-03-15', '--tenant', 'cli-demo', ...args])
    expect(demo('--seed', '3').status).toBe(0)
    const again = demo('--seed', '4')
    expect(again.status).toBe(5)
    expect(again.stdout).toBe('')
    expect(again.stderr).toMatch(
      /^error \[demo_exists\]: tenant "cli-demo" already holds a demo portfolio \(30 accounts, seed 3, as of 2026-03-15\); add --replace[^\n]*\n$/,
    )
    const replaced = demo('--seed', '4', '--replace')
    expect(replaced.status).toBe(0)
    expect(replaced.stdout).toContain('removed the earlier demo portfolio of tenant cli-demo (30 accounts)')
  })

  it('tenant create: refuses a taken slug, bad settings and an overlong name with their codes', async () => {
    await createTenant(store(), { slug: 'taken' })
    const cases = [
      [{ slug: 'taken' }, 'tenant_exists'],
      [{ slug: 'Bad Slug' }, 'invalid_slug'],
      [{ slug: 'ok-1', kind: 'bank' }, 'invalid_kind'],
      [{ slug: 'ok-2', timeZone: 'Mars/Olympus' }, 'invalid_time_zone'],
      [{ slug: 'ok-3', currency: 'XYZ' }, 'invalid_currency'],
      [{ slug: 'ok-4', name: 'n'.repeat(10_000) }, 'invalid_option'],
    ] as const
    for (const [input, code] of cases) {
      await expect(createTenant(store(), input)).rejects.toMatchObject({ code })
    }
    const created = await createTenant(store(), {
      slug: 'ibm',
      timeZone: 'America/New_York',
      currency: 'usd',
    })
    expect(created).toMatchObject({
      slug: 'ibm',
      kind: 'creditor',
      time_zone: 'America/New_York',
      default_currency: 'USD',
    })
  })
})
