import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { systemActor } from '../../src/app/actor.ts'
import { exportMetro2 } from '../../src/app/bureau/export-metro2.ts'
import { postPayment } from '../../src/app/payments/post-payment.ts'
import { readMetro2 } from '../../src/core/bureau/read-metro2.ts'
import { validateMetro2 } from '../../src/core/bureau/validate-metro2.ts'
import { trailerOf } from '../../src/core/bureau/write-metro2.ts'
import type { Store } from '../../src/store/connect.ts'
import { loadDemo } from '../engine/engine-fixtures.ts'
import { describeEachDatabase } from '../support/databases.ts'

const NOW = new Date('2026-12-03T15:00:00Z')

/** US consumer accounts of the demo that owe dollars, with a US street address: the furnishable kind. */
async function furnishable(store: Store, tenantId: number, count: number) {
  const rows = await store.db
    .selectFrom('accounts as a')
    .innerJoin('debtors as d', 'd.id', 'a.debtor_id')
    .innerJoin('debtor_addresses as ad', 'ad.debtor_id', 'd.id')
    .select(['a.id', 'a.external_id', 'a.debtor_id'])
    .where('a.tenant_id', '=', tenantId)
    .where('a.jurisdiction', 'like', 'US%')
    .where('a.debt_kind', '=', 'consumer')
    .where('d.kind', '=', 'person')
    .where('a.currency', '=', 'USD')
    .where('a.status', '=', 'open')
    .where('ad.line1', 'is not', null)
    .where('ad.is_primary', '=', 1)
    .orderBy('a.id')
    .limit(count)
    .execute()
  expect(rows.length).toBe(count)
  return rows
}

async function sendLetter(store: Store, tenantId: number, accountId: number, at: string) {
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

describeEachDatabase('Metro 2 export on the demo portfolio', ({ store }) => {
  it('furnishes what passes the gates, round-trips through the reader and lists the rest with reasons', async () => {
    const tenant = await loadDemo(store(), 300, 'metro2')
    const ctx = { store: store(), actor: systemActor(tenant, 'test') }
    const [lettered, disputed, spoken, silent, tooSoon] = await furnishable(store(), tenant.id, 5)
    // 1006.30(a): a letter 29 days before the month's end passes; one 5 days before does not yet.
    await sendLetter(store(), tenant.id, lettered!.id, '2026-11-01T15:00:00.000Z')
    await sendLetter(store(), tenant.id, disputed!.id, '2026-10-20T15:00:00.000Z')
    await sendLetter(store(), tenant.id, tooSoon!.id, '2026-11-25T15:00:00.000Z')
    await store()
      .db.insertInto('contact_events')
      .values({
        tenant_id: tenant.id,
        account_id: spoken!.id,
        contact_point_id: null,
        channel: 'call',
        direction: 'outbound',
        result: 'conversation',
        occurred_at: '2026-11-28T17:00:00.000Z',
        outbox_id: null,
      })
      .execute()
    await store()
      .db.insertInto('disputes')
      .values({
        tenant_id: tenant.id,
        account_id: disputed!.id,
        received_at: '2026-11-10T12:00:00.000Z',
        written: 1,
        amount_minor: null,
        reason: 'not mine',
        verification_sent_at: null,
        resolved_at: null,
        resolution: null,
      })
      .execute()

    const dir = mkdtempSync(join(tmpdir(), 'recoup-metro2-'))
    const out = join(dir, 'metro2-2026-11.dat')
    const result = await exportMetro2(ctx, { month: '2026-11', out, now: NOW, batchSize: 64 })

    const bytes = readFileSync(out)
    expect(validateMetro2(bytes)).toEqual([])
    const file = readMetro2(bytes)
    expect(file.trailer).toEqual(trailerOf(file.accounts))
    expect(file.trailer.totalBaseRecords).toBe(result.furnished)
    expect(file.trailer.totalK1).toBe(result.furnished)
    expect(file.header).toMatchObject({ activityDate: '2026-11-30', dateCreated: '2026-12-03' })
    expect(result.bytes).toBe(bytes.length)
    expect(bytes.length).toBe(426 * 2 + 460 * result.furnished)

    const byNumber = new Map(file.accounts.map((a) => [a.consumerAccountNumber, a]))
    expect(new Set(byNumber.keys())).toEqual(
      new Set([lettered, disputed, spoken].map((a) => a!.external_id.toUpperCase())),
    )
    const reported = byNumber.get(lettered!.external_id.toUpperCase())!
    expect(reported).toMatchObject({
      portfolioType: 'O',
      accountType: '48',
      accountStatus: '93',
      complianceConditionCode: '',
      dateOfAccountInformation: '2026-11-30',
      countryCode: 'US',
      originalCreditor: { classification: '12' },
    })
    expect(reported.currentBalance).toBeGreaterThan(0)
    expect(byNumber.get(disputed!.external_id.toUpperCase())?.complianceConditionCode).toBe('XB')
    expect(result).toMatchObject({ disputed: 1, statuses: { '93': 3, '62': 0, DA: 0 } })

    const total = await store()
      .db.selectFrom('accounts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', tenant.id)
      .executeTakeFirstOrThrow()
    expect(result.furnished + result.excluded).toBe(Number(total.n))
    const report = readFileSync(result.excludedFile, 'utf8').trim().split('\n')
    expect(report[0]).toBe('account,reason,detail,citation')
    expect(report.length - 1).toBe(result.excluded)
    const reasonOf = (ref: string) => report.find((line) => line.startsWith(`${ref},`))
    expect(reasonOf(silent!.external_id)).toMatch(
      /,passive_collection,.*no conversation.*,12 CFR 1006\.30\(a\)/,
    )
    expect(reasonOf(tooSoon!.external_id)).toMatch(
      /passive_collection,.*wait after the message ends 2026-12-/,
    )
    expect(result.excludedByReason.not_us).toBeGreaterThan(0)
    expect(readdirSync(dir).sort()).toEqual(['metro2-2026-11.dat', 'metro2-2026-11.dat.excluded.csv'])

    const event = await store()
      .db.selectFrom('journal_events')
      .select(['payload'])
      .where('tenant_id', '=', tenant.id)
      .where('type', '=', 'bureau.metro2_exported')
      .executeTakeFirstOrThrow()
    expect(JSON.parse(event.payload as unknown as string)).toMatchObject({
      month: '2026-11',
      furnished: 3,
      sha256: result.sha256,
    })
  })

  it('reports a paid account 62 once, a settled one with AU, and leaves no file when it fails', async () => {
    const tenant = await loadDemo(store(), 120, 'metro2-paid')
    const ctx = { store: store(), actor: systemActor(tenant, 'test') }
    const [paid, settled, earlier] = await furnishable(store(), tenant.id, 3)
    for (const a of [paid, settled, earlier])
      await sendLetter(store(), tenant.id, a!.id, '2026-09-01T15:00:00.000Z')
    const close = async (
      account: { id: number; external_id: string },
      status: 'paid' | 'settled',
      on: string,
    ) => {
      const balance = await store()
        .db.selectFrom('ledger_entries')
        .select((eb) => eb.fn.sum<number>('amount_minor').as('b'))
        .where('account_id', '=', account.id)
        .executeTakeFirstOrThrow()
      const owed = Number(balance.b)
      const amount = status === 'paid' ? owed : Math.floor(owed / 2)
      await postPayment(ctx, {
        account: account.external_id,
        amount: (amount / 100).toFixed(2),
        reference: `pay-${account.id}`,
        receivedOn: on,
        acceptLarge: true,
        source: 'api',
      })
      if (status === 'settled')
        await store()
          .db.updateTable('accounts')
          .set({ status, closed_on: on, close_reason: 'settled' })
          .where('id', '=', account.id)
          .execute()
    }
    await close(paid!, 'paid', '2026-11-12')
    await close(settled!, 'settled', '2026-11-20')
    await close(earlier!, 'paid', '2026-10-05')

    const dir = mkdtempSync(join(tmpdir(), 'recoup-metro2-'))
    const result = await exportMetro2(ctx, { month: '2026-11', out: join(dir, 'm.dat'), now: NOW })
    const file = readMetro2(readFileSync(join(dir, 'm.dat')))
    const of = (ref: string) => file.accounts.find((a) => a.consumerAccountNumber === ref.toUpperCase())
    expect(of(paid!.external_id)).toMatchObject({
      accountStatus: '62',
      currentBalance: 0,
      dateClosed: '2026-11-12',
      dateOfLastPayment: '2026-11-12',
      specialComment: '',
    })
    expect(of(paid!.external_id)?.actualPayment).toBeGreaterThan(0)
    expect(of(settled!.external_id)).toMatchObject({ accountStatus: '62', specialComment: 'AU' })
    expect(of(earlier!.external_id)).toBeUndefined()
    const report = readFileSync(result.excludedFile, 'utf8')
    expect(report).toContain(`${earlier!.external_id},closed_before_month,closed 2026-10-05`)

    await expect(
      exportMetro2(ctx, { month: '2026-11', out: join(dir, 'missing-dir', 'm.dat'), now: NOW }),
    ).rejects.toThrow()
    expect(existsSync(join(dir, 'missing-dir'))).toBe(false)
    await expect(
      exportMetro2(ctx, { month: '2027-01', out: join(dir, 'x.dat'), now: NOW }),
    ).rejects.toMatchObject({
      code: 'invalid_date',
    })
    await expect(
      exportMetro2(ctx, { month: '2026-13', out: join(dir, 'x.dat'), now: NOW }),
    ).rejects.toMatchObject({
      code: 'invalid_date',
    })
    expect(readdirSync(dir).sort()).toEqual(['m.dat', 'm.dat.excluded.csv'])
  })
})
