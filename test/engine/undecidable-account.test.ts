import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { reevaluateAccount } from '../../src/engine/reevaluate-account.ts'
import { runDaily } from '../../src/engine/run-daily.service.ts'
import { loadDefaultPlaybooks } from '../../src/playbook/default-playbooks.ts'
import { runCli } from '../cli/run-cli.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { DEMO_AS_OF, loadDemo } from './engine-fixtures.ts'

describeEachDatabase('an account that cannot be decided', ({ store, config }) => {
  it('gets an error decision, is listed in the summary, and the run completes', {
    timeout: 120_000,
  }, async () => {
    const s = store()
    const tenant = await loadDemo(s, 60)
    const victim = await s.db
      .selectFrom('accounts')
      .select(['id', 'external_id'])
      .where('tenant_id', '=', tenant.id)
      .where('status', '=', 'open')
      .orderBy('id')
      .executeTakeFirstOrThrow()
    // Straight SQL: the importer refuses such dates, older data may still hold them.
    await sql`update accounts set due_on = '9999-12-31', jurisdiction = 'US-FL', debt_kind = 'consumer' where id = ${victim.id}`.execute(
      s.db,
    )
    const run = () =>
      runDaily(s, { tenant, asOf: DEMO_AS_OF, playbooks: loadDefaultPlaybooks(), batchSize: 16 })
    const result = await run()
    if (result.status !== 'completed') throw new Error('expected an in-process run')
    expect(result.summary.accounts).toBeGreaterThan(10)
    expect(result.summary.errors).toBe(1)
    expect(result.summary.errorAccounts).toEqual([
      { account: victim.external_id, reason: expect.stringMatching(/\S/) },
    ])
    const runRow = await s.db
      .selectFrom('runs')
      .select('status')
      .where('tenant_id', '=', tenant.id)
      .executeTakeFirstOrThrow()
    expect(runRow.status).toBe('completed')
    const decision = await s.db
      .selectFrom('decisions')
      .selectAll()
      .where('account_id', '=', victim.id)
      .executeTakeFirstOrThrow()
    expect(decision.error).toMatch(/\S/)
    // The others were decided as usual.
    const others = await s.db
      .selectFrom('decisions')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('tenant_id', '=', tenant.id)
      .where('error', 'is', null)
      .executeTakeFirstOrThrow()
    expect(Number(others.n)).toBeGreaterThan(0)
    // A re-run (forced) does not crash either and writes nothing new.
    const again = await runDaily(s, {
      tenant,
      asOf: DEMO_AS_OF,
      playbooks: loadDefaultPlaybooks(),
      batchSize: 16,
      force: true,
    })
    expect(again.status).toBe('completed')
    // `recoup explain` shows the day it was not decided, and why.
    const explained = runCli(config(), ['explain', victim.external_id, '--tenant', 'demo'])
    expect(explained.status, explained.stderr).toBe(0)
    expect(explained.stdout).toContain(`${DEMO_AS_OF}  daily run: NOT DECIDED: ${decision.error}`)
    // `recoup run` the next day completes (exit 0) and lists the account in its summary.
    const next = runCli(config(), ['run', '--tenant', 'demo', '--as-of', '2026-03-03'])
    expect(next.status, next.stderr).toBe(0)
    expect(next.stdout).toContain('not decided (errors)  1')
    expect(next.stdout).toContain(victim.external_id)
  })

  it('an event re-decision of it records the error instead of failing the change that caused it', async () => {
    const s = store()
    const tenant = await s.db
      .selectFrom('tenants')
      .selectAll()
      .where('slug', '=', 'demo')
      .executeTakeFirstOrThrow()
    const victim = await s.db
      .selectFrom('accounts')
      .select('id')
      .where('tenant_id', '=', tenant.id)
      .where('due_on', '=', '9999-12-31')
      .executeTakeFirstOrThrow()
    const result = await reevaluateAccount(s, {
      tenant,
      accountId: victim.id,
      event: { key: 'payment:test-1', at: '2026-03-04T12:00:00Z' },
    })
    expect(result.decision).toBeNull()
    expect(result.written.errors).toBe(1)
    const row = await s.db
      .selectFrom('decisions')
      .select(['error', 'trigger'])
      .where('account_id', '=', victim.id)
      .where('trigger_ref', '=', 'payment:test-1')
      .executeTakeFirstOrThrow()
    expect(row.trigger).toBe('event')
    expect(row.error).toContain('is outside the accepted dates')
  })
})
