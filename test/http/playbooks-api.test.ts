import { readFileSync } from 'node:fs'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Actor, systemActor } from '../../src/app/actor.ts'
import { startDailyRun } from '../../src/app/engine/start-daily-run.ts'
import { activatePlaybookVersion, savePlaybookVersion } from '../../src/app/playbooks/manage-playbooks.ts'
import { buildServer } from '../../src/http/build-server.ts'
import { DEFAULT_PLAYBOOK_FILES } from '../../src/playbook/default-playbooks.ts'
import type { Tenant } from '../../src/store/tenant.repository.ts'
import { accountsWithDebt } from '../money/money-fixtures.ts'
import { injectAs } from '../support/auth.ts'
import { describeEachDatabase } from '../support/databases.ts'

const consumerFile = DEFAULT_PLAYBOOK_FILES.find((f) => f.endsWith('consumer-agency.yaml')) as string
const shipped = readFileSync(consumerFile, 'utf8')
/** The shipped consumer playbook as version 2, with another description. */
const version2 = shipped
  .replace(/^version: 1$/m, 'version: 2')
  .replace(/^description: .*$/m, 'description: Consumer strategy, tenant edition.')

describeEachDatabase('/api/v1/tenants/:tenant/playbooks', ({ store }) => {
  let app: FastifyInstance
  let tenant: Tenant
  let manager: Awaited<ReturnType<typeof injectAs>>
  let collector: Awaited<ReturnType<typeof injectAs>>
  let reader: Awaited<ReturnType<typeof injectAs>>
  let stranger: Awaited<ReturnType<typeof injectAs>>
  beforeAll(async () => {
    ;({ tenant } = await accountsWithDebt(store(), 'api-pb', [
      { externalId: 'C-1', jurisdiction: 'DE', currency: 'EUR', principal: 10_000 },
    ]))
    await accountsWithDebt(store(), 'api-pb-other', [
      { externalId: 'C-1', jurisdiction: 'DE', currency: 'EUR', principal: 10_000 },
    ])
    app = await buildServer(store(), { logStream: { write: () => {} } })
    manager = await injectAs(app, store(), 'api-pb', 'manager')
    collector = await injectAs(app, store(), 'api-pb', 'collector')
    reader = await injectAs(app, store(), 'api-pb', 'read_only')
    stranger = await injectAs(app, store(), 'api-pb-other')
  })
  afterAll(async () => {
    await app?.close()
  })
  const base = '/api/v1/tenants/api-pb/playbooks'

  it('saves a version inactive, activates it, and the next daily run applies it', async () => {
    const before = await reader({ method: 'GET', url: base })
    expect(before.statusCode, before.body).toBe(200)
    expect(before.json()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          playbookId: 'consumer-agency',
          version: 1,
          origin: 'shipped',
          versionId: null,
        }),
      ]),
    )

    const saved = await manager({ method: 'POST', url: `${base}/versions`, payload: { document: version2 } })
    expect(saved.statusCode, saved.body).toBe(201)
    const version = saved.json()
    expect(version).toMatchObject({
      playbookId: 'consumer-agency',
      version: 2,
      description: 'Consumer strategy, tenant edition.',
      active: false,
      activatedAt: null,
    })
    expect(version.stages.length).toBeGreaterThan(2)
    // Saved but not active: the set is unchanged.
    expect((await reader({ method: 'GET', url: base })).json()).toContainEqual(
      expect.objectContaining({ playbookId: 'consumer-agency', version: 1, origin: 'shipped' }),
    )
    // The same document again is the stored version, not a second one.
    const again = await manager({ method: 'POST', url: `${base}/versions`, payload: { document: version2 } })
    expect(again.statusCode).toBe(200)
    expect(again.json().id).toBe(version.id)

    const one = await reader({ method: 'GET', url: `${base}/versions/${version.id}` })
    expect(one.statusCode).toBe(200)
    expect(one.json().source).toBe(version2)
    const listed = await reader({ method: 'GET', url: `${base}/versions?playbook=consumer-agency` })
    expect(listed.json()).toMatchObject({ items: [{ id: version.id }], nextCursor: null })
    expect((await reader({ method: 'GET', url: `${base}/versions?playbook=nope` })).json().items).toEqual([])

    const activated = await manager({ method: 'POST', url: `${base}/versions/${version.id}/activate` })
    expect(activated.statusCode, activated.body).toBe(200)
    expect(activated.json()).toMatchObject({ id: version.id, active: true, activatedBy: expect.any(String) })
    const after = (await reader({ method: 'GET', url: base })).json()
    expect(after).toContainEqual(
      expect.objectContaining({
        playbookId: 'consumer-agency',
        version: 2,
        origin: 'tenant',
        versionId: version.id,
      }),
    )
    expect(after).toContainEqual(expect.objectContaining({ playbookId: 'b2b-invoice', origin: 'shipped' }))

    const result = await startDailyRun(
      { store: store(), actor: systemActor(tenant, 'test') },
      { asOf: '2026-04-01' },
    )
    const runId = result.status === 'completed' ? result.summary.runId : result.runId
    const run = await store()
      .db.selectFrom('runs')
      .select('playbooks')
      .where('id', '=', runId)
      .executeTakeFirstOrThrow()
    const applied = (JSON.parse(run.playbooks) as { id: string; version: number }[]).map(
      (p) => `${p.id}@${p.version}`,
    )
    expect(applied).toContain('consumer-agency@2')
    expect(applied).not.toContain('consumer-agency@1')

    const journal = await store()
      .db.selectFrom('journal_events')
      .select(['type', 'actor'])
      .where('tenant_id', '=', tenant.id)
      .where('type', 'like', 'playbook.%')
      .orderBy('seq')
      .execute()
    expect(journal.map((e) => e.type)).toEqual(['playbook.saved', 'playbook.activated'])
  })

  it('activating version 1 after 2 leaves one active version of the playbook', async () => {
    const saved = await manager({ method: 'POST', url: `${base}/versions`, payload: { document: shipped } })
    expect(saved.statusCode, saved.body).toBe(201)
    const first = saved.json()
    expect((await manager({ method: 'POST', url: `${base}/versions/${first.id}/activate` })).statusCode).toBe(
      200,
    )
    const versions = (
      await reader({ method: 'GET', url: `${base}/versions?playbook=consumer-agency` })
    ).json().items
    expect(
      versions.filter((v: { active: boolean }) => v.active).map((v: { version: number }) => v.version),
    ).toEqual([1])
    expect((await reader({ method: 'GET', url: base })).json()).toContainEqual(
      expect.objectContaining({
        playbookId: 'consumer-agency',
        version: 1,
        origin: 'tenant',
        versionId: first.id,
      }),
    )
  })

  it('simulates a stored version without writing anything', async () => {
    const version = (
      await reader({ method: 'GET', url: `${base}/versions?playbook=consumer-agency&sort=id` })
    ).json().items[0]
    const countDecisions = async () =>
      Number(
        (
          await store()
            .db.selectFrom('decisions')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('tenant_id', '=', tenant.id)
            .executeTakeFirstOrThrow()
        ).n,
      )
    const decisions = await countDecisions()
    const simulated = await manager({
      method: 'POST',
      url: `${base}/versions/${version.id}/simulate`,
      payload: { from: '2026-03-01', to: '2026-03-31' },
    })
    expect(simulated.statusCode, simulated.body).toBe(200)
    const report = simulated.json()
    expect(report.days).toBe(31)
    expect(report.playbooks).toContainEqual({ id: 'consumer-agency', version: 2 })
    expect(report.accounts.replayed).toBe(1)
    expect(await countDecisions()).toBe(decisions)
    const backwards = await manager({
      method: 'POST',
      url: `${base}/versions/${version.id}/simulate`,
      payload: { from: '2026-03-31', to: '2026-03-01' },
    })
    expect(backwards.statusCode).toBe(400)
  })

  it('refuses bad documents with their line and field, and another document under a stored version', async () => {
    const broken = await manager({
      method: 'POST',
      url: `${base}/versions`,
      payload: { document: 'id: x\nversion: 1\nstages:\n  - key: a\n    steps: nope\n' },
    })
    expect(broken.statusCode).toBe(400)
    expect(broken.json().error.code).toBe('invalid_playbook')
    expect(broken.json().error.details[0]).toMatchObject({
      line: expect.any(Number),
      path: expect.any(String),
    })
    const clash = await manager({
      method: 'POST',
      url: `${base}/versions`,
      payload: { document: version2.replace('tenant edition', 'another edition') },
    })
    expect(clash.statusCode).toBe(409)
    expect(clash.json().error).toMatchObject({ code: 'playbook_version_exists' })
    const extra = await manager({
      method: 'POST',
      url: `${base}/versions`,
      payload: { document: version2, extra: 1 },
    })
    expect(extra.statusCode).toBe(400)
  })

  it('limits saving and activating to managers, and hides versions from other tenants', async () => {
    const id = (await reader({ method: 'GET', url: `${base}/versions` })).json().items[0].id
    expect(
      (await collector({ method: 'POST', url: `${base}/versions`, payload: { document: version2 } }))
        .statusCode,
    ).toBe(403)
    expect((await collector({ method: 'POST', url: `${base}/versions/${id}/activate` })).statusCode).toBe(403)
    expect((await collector({ method: 'GET', url: `${base}/versions/${id}` })).statusCode).toBe(200)
    const other = '/api/v1/tenants/api-pb-other/playbooks'
    const foreign = await stranger({ method: 'GET', url: `${other}/versions/${id}` })
    expect(foreign.statusCode).toBe(404)
    expect(foreign.json().error.code).toBe('playbook_version_not_found')
    expect((await stranger({ method: 'POST', url: `${other}/versions/${id}/activate` })).statusCode).toBe(404)
    expect(
      (
        await stranger({
          method: 'POST',
          url: `${other}/versions/${id}/simulate`,
          payload: { from: '2026-03-01', to: '2026-03-02' },
        })
      ).statusCode,
    ).toBe(404)
    expect((await stranger({ method: 'GET', url: `${other}/versions` })).json().items).toEqual([])
    // Another tenant's path with this tenant's key.
    expect((await manager({ method: 'GET', url: `${other}/versions/${id}` })).statusCode).toBe(404)
    expect((await app.inject({ method: 'GET', url: `${base}/versions` })).statusCode).toBe(401)
  })
})

describeEachDatabase('stored playbook versions: review findings', ({ store }) => {
  let tenant: Tenant
  beforeAll(async () => {
    ;({ tenant } = await accountsWithDebt(store(), 'pb-review', [
      { externalId: 'R-1', jurisdiction: 'DE', currency: 'EUR', principal: 10_000 },
    ]))
  })
  const ctx = (extra: Partial<Actor> = {}) => ({
    store: store(),
    actor: { tenant, kind: 'user' as const, id: 'review', roles: ['manager' as const], ...extra },
  })

  it('refuses a document whose stored form would not compile (YAML .inf becomes null in JSON)', async () => {
    const infinite = version2
      .replace(/^version: 2$/m, 'version: 30')
      .replace(
        /^appliesTo: .*$/m,
        'appliesTo: { all: [{ fact: debtKind, eq: consumer }, { fact: balanceMinor, lt: .inf }] }',
      )
    expect(infinite).toContain('.inf')
    await expect(savePlaybookVersion(ctx(), { text: infinite })).rejects.toMatchObject({
      code: 'invalid_playbook',
    })
  })

  it('refuses other content under a shipped id and version, and accepts the shipped text itself', async () => {
    const edited = shipped.replace(/^description: .*$/m, 'description: changed')
    await expect(savePlaybookVersion(ctx(), { text: edited })).rejects.toMatchObject({
      code: 'playbook_version_exists',
    })
    await expect(savePlaybookVersion(ctx(), { text: shipped })).resolves.toMatchObject({ created: true })
  })

  it('refuses saving and activating to a user limited to some clients', async () => {
    await expect(savePlaybookVersion(ctx({ clientIds: [1] }), { text: version2 })).rejects.toMatchObject({
      code: 'forbidden',
    })
  })

  it('serialises concurrent saves and activations: every answer is clean and one version stays active', async () => {
    const texts = [3, 4, 5, 6].map((v) => version2.replace(/^version: 2$/m, `version: ${v}`))
    const saved = await Promise.all([...texts, ...texts].map((text) => savePlaybookVersion(ctx(), { text })))
    expect(saved.filter((s) => s.created)).toHaveLength(4)
    const ids = [...new Set(saved.map((s) => s.version.id))]
    const activated = await Promise.allSettled(ids.map((id) => activatePlaybookVersion(ctx(), { id })))
    expect(activated.map((a) => a.status)).toEqual(ids.map(() => 'fulfilled'))
    const active = await store()
      .db.selectFrom('playbook_versions')
      .select('id')
      .where('tenant_id', '=', tenant.id)
      .where('playbook_id', '=', 'consumer-agency')
      .where('active', '=', 1)
      .execute()
    expect(active).toHaveLength(1)
  })
})
