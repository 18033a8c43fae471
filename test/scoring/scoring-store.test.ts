import { join } from 'node:path'
import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { type Actor, systemActor } from '../../src/app/actor.ts'
import type { AppContext } from '../../src/app/app-context.ts'
import { evaluateModel } from '../../src/app/scoring/evaluate-model.ts'
import { scoreTenantAccounts } from '../../src/app/scoring/score-accounts.ts'
import { listModels, showModel } from '../../src/app/scoring/show-model.ts'
import { trainModel } from '../../src/app/scoring/train-model.ts'
import { AppError } from '../../src/core/errors/index.ts'
import { FEATURES } from '../../src/core/scoring/score-features.ts'
import { PROTECTED_ATTRIBUTES } from '../../src/core/scoring/scoring-history.ts'
import { importFile } from '../../src/intake/import-file.ts'
import type { Store } from '../../src/store/connect.ts'
import { loadAccountSnapshots } from '../../src/store/engine/account-snapshot.repository.ts'
import { listAccountScores, listScoreRuns } from '../../src/store/scoring/account-score.repository.ts'
import { loadScoringHistory } from '../../src/store/scoring/scoring-history.repository.ts'
import { tempDir } from '../intake/import-fixtures.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { createTestTenant } from '../support/factories.ts'
import { type ProtectedValues, writeInvoiceBook } from './scoring-fixtures.ts'

const AS_OF = '2026-02-01'

const protectedA = (d: number): ProtectedValues => ({
  sex: d % 2 ? 'F' : 'M',
  age: 20 + d,
  maritalStatus: d % 3 ? 'married' : 'single',
  race: ['a', 'b', 'c'][d % 3] as string,
  religion: d % 2 ? 'x' : 'y',
  nationalOrigin: d % 4 ? 'US' : 'MX',
  name: `Customer ${d}`,
})
// Every protected column (and the name, a proxy for sex and origin) differs; the books are identical.
const protectedB = (d: number): ProtectedValues => ({
  sex: d % 2 ? 'M' : 'F',
  age: 80 - d,
  maritalStatus: d % 3 ? 'divorced' : 'widowed',
  race: ['c', 'a', 'b'][d % 3] as string,
  religion: d % 2 ? 'z' : 'w',
  nationalOrigin: d % 4 ? 'IN' : 'DE',
  name: `Kunde Nr ${d * 7}`,
})

async function loadBook(
  store: Store,
  slug: string,
  protectedOf: (d: number) => ProtectedValues,
): Promise<AppContext> {
  const tenant = await createTestTenant(store.db, slug, { timeZone: 'America/New_York' })
  const dir = tempDir(`recoup-scoring-${slug}-`)
  const { csv, mapping } = writeInvoiceBook(dir, { debtors: 30, invoices: 20, seed: 11, protectedOf })
  const summary = await importFile(store, {
    file: csv,
    tenant,
    mappingFile: mapping,
    rejectsPath: join(dir, 'r.csv'),
  })
  expect(summary.rejected).toBe(0)
  return { store, actor: systemActor(tenant, 'test') as Actor }
}

describeEachDatabase('risk scoring storage', ({ store }) => {
  it('never uses a protected attribute: changing them all (and the names) changes no score', async () => {
    const a = await loadBook(store(), 'protected-a', protectedA)
    const b = await loadBook(store(), 'protected-b', protectedB)
    const attributes = await store()
      .db.selectFrom('accounts')
      .select('attributes')
      .where('tenant_id', '=', a.actor.tenant.id)
      .executeTakeFirstOrThrow()
    expect(JSON.parse(attributes.attributes ?? '{}')).toHaveProperty('marital_status')
    // What the features are computed from carries no attributes and no names at all.
    const history = await loadScoringHistory(store().db, a.actor.tenant.id)
    expect(Object.keys(history.accounts[0] ?? {}).sort()).toEqual([
      'currency',
      'debtKind',
      'debtorId',
      'dueOn',
      'externalId',
      'id',
      'openedOn',
      'status',
    ])
    expect(
      PROTECTED_ATTRIBUTES.filter((p) => (FEATURES as readonly { name: string }[]).some((f) => f.name === p)),
    ).toEqual([])
    const trainedA = await trainModel(a, { target: 'late_payment', dataAsOf: AS_OF })
    const trainedB = await trainModel(b, { target: 'late_payment', dataAsOf: AS_OF })
    expect(trainedB.scorecard).toEqual(trainedA.scorecard)
    expect(trainedB.evaluation.scorecard.auc).toBe(trainedA.evaluation.scorecard.auc)
    for (const ctx of [a, b]) await scoreTenantAccounts(ctx, { target: 'late_payment', asOf: '2025-06-15' })
    const scores = async (ctx: AppContext) =>
      (await listAccountScores(store().db, ctx.actor.tenant.id)).map((s) => [
        s.external_id,
        s.score,
        s.band,
        s.reason_codes,
      ])
    const scoresA = await scores(a)
    expect(scoresA.length).toBeGreaterThan(10)
    expect(await scores(b)).toEqual(scoresA)
    // Editing the stored attributes and names afterwards changes nothing either.
    await store()
      .db.updateTable('accounts')
      .set({
        attributes: JSON.stringify({ sex: 'X', age: 99, race: 'q', religion: 'r', marital_status: 's' }),
      })
      .where('tenant_id', '=', a.actor.tenant.id)
      .execute()
    await store()
      .db.updateTable('debtors')
      .set({ name: 'Renamed' })
      .where('tenant_id', '=', a.actor.tenant.id)
      .execute()
    await scoreTenantAccounts(a, { target: 'late_payment', asOf: '2025-06-15' })
    expect(await scores(a)).toEqual(scoresA)
  })

  it('versions models per target, keeps their metrics, and replaces each account score', async () => {
    const ctx = await loadBook(store(), 'versions', protectedA)
    const first = await trainModel(ctx, { target: 'late_payment', dataAsOf: AS_OF })
    const second = await trainModel(ctx, { target: 'late_payment', dataAsOf: AS_OF, splitOn: '2025-03-01' })
    expect([first.version, second.version]).toEqual([1, 2])
    expect(second.evaluation.splitOn).toBe('2025-03-01')
    const shown = await showModel(ctx, 'late_payment', 1)
    expect(shown.evaluation).toEqual(first.evaluation)
    expect(shown.scorecard).toEqual(first.scorecard)
    expect((await showModel(ctx, 'late_payment')).version).toBe(2)
    const listed = await listModels(ctx)
    expect(listed.map((m) => m.version)).toEqual([2, 1])
    expect(listed[1]?.auc).toBe(first.evaluation.scorecard.auc)
    // The scorecard learns the debtors' habits: clearly better than chance on the later hold-out.
    expect(first.evaluation.scorecard.auc).toBeGreaterThan(0.7)
    const evaluated = await evaluateModel(ctx, { target: 'late_payment', version: 1, dataAsOf: AS_OF })
    expect(evaluated.scorecard.auc).toBeCloseTo(first.evaluation.scorecard.auc, 12)
    expect(evaluated.baseline.auc).toBeCloseTo(first.evaluation.baseline.auc, 12)

    const [run1] = await scoreTenantAccounts(ctx, { target: 'late_payment', version: 1, asOf: '2025-06-15' })
    const [run2] = await scoreTenantAccounts(ctx, { asOf: '2025-06-20' })
    expect(run2?.version).toBe(2)
    const rows = await listAccountScores(store().db, ctx.actor.tenant.id)
    expect(rows.length).toBe(run2?.scored)
    expect(new Set(rows.map((r) => r.as_of))).toEqual(new Set(['2025-06-20']))
    expect(rows.every((r) => r.score > 0 && r.bad_ppm >= 0 && r.bad_ppm <= 1_000_000)).toBe(true)
    const runs = await listScoreRuns(store().db, ctx.actor.tenant.id, rows[0]?.model_id as number)
    expect(runs.map((r) => r.scored)).toEqual([run2?.scored])
    expect(run1?.scored).toBeGreaterThan(0)
    const journal = await store()
      .db.selectFrom('journal_events')
      .select('type')
      .where('tenant_id', '=', ctx.actor.tenant.id)
      .where('type', 'like', 'model.%')
      .execute()
    expect(journal.map((j) => j.type)).toEqual([
      'model.trained',
      'model.trained',
      'model.scored',
      'model.scored',
    ])

    // The daily run reads the current score as facts.
    const ids = await store()
      .db.selectFrom('accounts')
      .select([sql<number>`min(id)`.as('lo'), sql<number>`max(id)`.as('hi')])
      .where('tenant_id', '=', ctx.actor.tenant.id)
      .executeTakeFirstOrThrow()
    const snapshots = await loadAccountSnapshots(
      store().db,
      { tenantId: ctx.actor.tenant.id, firstAccountId: Number(ids.lo), lastAccountId: Number(ids.hi) },
      '2025-06-20',
      { includeClosed: true },
    )
    const scored = snapshots.filter((s) => s.score)
    expect(scored.length).toBe(rows.length)
    const byId = new Map(rows.map((r) => [Number(r.account_id), r]))
    for (const s of scored) {
      const row = byId.get(s.accountId)
      expect(s.score).toEqual({
        score: row?.score,
        band: row?.band,
        reasonCodes: JSON.parse(row?.reason_codes ?? '[]'),
      })
    }
  })

  it('refuses what it cannot do with a catalogued error', async () => {
    const tenant = await createTestTenant(store().db, 'empty-scoring')
    const ctx: AppContext = { store: store(), actor: systemActor(tenant, 'test') }
    await expect(showModel(ctx, 'pay_30')).rejects.toMatchObject({ code: 'model_not_found' })
    await expect(scoreTenantAccounts(ctx, {})).rejects.toMatchObject({ code: 'model_not_found' })
    const error = await trainModel(ctx, { target: 'late_payment', dataAsOf: AS_OF }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('insufficient_training_data')
  })
})
