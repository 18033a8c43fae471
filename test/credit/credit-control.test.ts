import { beforeAll, expect, it } from 'vitest'
import type { Actor, Role } from '../../src/app/actor.ts'
import { listCreditWarnings } from '../../src/app/credit/list-credit-warnings.ts'
import { runCreditCheck } from '../../src/app/credit/run-credit-check.ts'
import { setClientTerms, setDebtorTerms } from '../../src/app/credit/set-credit-terms.ts'
import { showDebtorCredit } from '../../src/app/credit/show-debtor-credit.ts'
import type { IntakeRecord } from '../../src/core/intake/intake-record.ts'
import { createIntakeWriter } from '../../src/store/intake/intake-writer.ts'
import { ensureTenant, type Tenant } from '../../src/store/tenant.repository.ts'
import { describeEachDatabase } from '../support/databases.ts'

type Entry = IntakeRecord['entries'][number]

let line = 1
/** One account of a debtor: opened on `openedOn`, charged `charge`, with these payments [day, minor]. */
function account(
  debtor: string,
  externalId: string,
  client: string,
  spec: {
    currency?: string
    openedOn: string
    charge: number
    paid?: [string, number][]
    status?: 'open' | 'paid'
  },
): IntakeRecord {
  const entries: Entry[] = [
    { kind: 'charge', amountMinor: spec.charge, effectiveOn: spec.openedOn, externalId: 'charge' },
    ...(spec.paid ?? []).map(
      ([day, minor], i): Entry => ({
        kind: 'payment',
        amountMinor: -minor,
        effectiveOn: day,
        externalId: `pay-${i}`,
      }),
    ),
  ]
  line += 1
  return {
    line,
    debtor: { externalId: debtor, kind: 'business', name: `Debtor ${debtor}` },
    account: {
      externalId,
      clientExternalId: client,
      clientName: `Client ${client}`,
      originalCreditor: 'Creditor',
      currentCreditor: 'Creditor',
      debtKind: 'commercial',
      currency: spec.currency ?? 'EUR',
      jurisdiction: 'DE',
      openedOn: spec.openedOn,
      dueOn: spec.openedOn,
      status: spec.status ?? 'open',
    },
    entries,
  }
}

/** Six invoices of 100.00 paid in 10, 10, 10, 20, 25 and 30 days. */
const TREND_DAYS = [
  ['2026-01-01', '2026-01-11'],
  ['2026-02-01', '2026-02-11'],
  ['2026-03-01', '2026-03-11'],
  ['2026-04-01', '2026-04-21'],
  ['2026-05-01', '2026-05-26'],
  ['2026-06-01', '2026-07-01'],
] as const

describeEachDatabase('credit control: terms, limits, exposure, early warnings, checks', ({ store }) => {
  let tenant: Tenant
  let other: Tenant
  const as = (role: Role, extra: Partial<Actor> = {}, t = () => tenant) => ({
    store: store(),
    actor: { tenant: t(), kind: 'user', id: `7${role.length}`, roles: [role], ...extra } as Actor,
  })
  const code = (promise: Promise<unknown>) =>
    promise.then(
      () => 'ok',
      (e: { code?: string; details?: { field?: string } }) => `${e.code}:${e.details?.field ?? ''}`,
    )

  beforeAll(async () => {
    tenant = await ensureTenant(store().db, {
      slug: 'credit',
      name: 'Credit',
      kind: 'agency',
      timeZone: 'UTC',
      defaultCurrency: 'EUR',
    })
    other = await ensureTenant(store().db, {
      slug: 'credit-other',
      name: 'Other',
      kind: 'creditor',
      timeZone: 'UTC',
      defaultCurrency: 'EUR',
    })
    await createIntakeWriter(store(), tenant.id).write([
      // 3000.00 + (2500.00 - 500.00) EUR open, and 100.00 USD: never added together.
      account('D-OVER', 'O-1', 'north', { openedOn: '2026-05-01', charge: 300_000 }),
      account('D-OVER', 'O-2', 'north', {
        openedOn: '2026-05-02',
        charge: 250_000,
        paid: [['2026-05-20', 50_000]],
      }),
      account('D-OVER', 'O-3', 'north', { currency: 'USD', openedOn: '2026-05-03', charge: 10_000 }),
      // Paid in 60 and 50 days against north's 30.
      account('D-LATE', 'L-1', 'north', {
        openedOn: '2026-01-01',
        charge: 10_000,
        paid: [['2026-03-02', 10_000]],
        status: 'paid',
      }),
      account('D-LATE', 'L-2', 'north', {
        openedOn: '2026-02-01',
        charge: 10_000,
        paid: [
          ['2026-03-01', 4_000],
          ['2026-03-23', 6_000],
        ],
        status: 'paid',
      }),
      ...TREND_DAYS.map(([opened, paid], i) =>
        account('D-TREND', `T-${i + 1}`, 'south', {
          openedOn: opened,
          charge: 10_000,
          paid: [[paid, 10_000]],
          status: 'paid',
        }),
      ),
      account('D-OK', 'K-1', 'south', { openedOn: '2026-06-01', charge: 5_000 }),
      account('D-TWO', 'W-1', 'north', { openedOn: '2026-06-01', charge: 5_000 }),
      account('D-TWO', 'W-2', 'south', { openedOn: '2026-06-01', charge: 5_000 }),
    ])
    await createIntakeWriter(store(), other.id).write([
      account('D-ELSEWHERE', 'E-1', 'theirs', { openedOn: '2026-06-01', charge: 5_000 }),
    ])
  })

  it('sets client terms and debtor limits, journaled; exposure per currency is exact from the ledger', async () => {
    expect(await setClientTerms(as('manager'), { client: 'north', termsDays: 30 })).toMatchObject({
      client: 'north',
      termsDays: 30,
      limit: null,
    })
    await setClientTerms(as('admin'), {
      client: 'south',
      termsDays: 45,
      limit: { amount: '10000.00', currency: 'EUR' },
    })
    const line = await setDebtorTerms(as('manager'), {
      debtor: 'D-OVER',
      limit: { amount: '4000.00', currency: 'EUR' },
    })
    expect(line).toMatchObject({
      debtor: 'D-OVER',
      client: 'north',
      termsDays: 30,
      termsSource: 'client',
      limit: { limitMinor: 400_000, currency: 'EUR' },
      limitSource: 'debtor',
      exposures: [
        { currency: 'EUR', exposureMinor: 500_000, openAccounts: 2 },
        { currency: 'USD', exposureMinor: 10_000, openAccounts: 1 },
      ],
      standing: {
        currency: 'EUR',
        limitMinor: 400_000,
        exposureMinor: 500_000,
        availableMinor: -100_000,
        overLimit: true,
        utilisationPercent: '125.0',
      },
    })
    expect(line.warnings).toEqual([
      expect.objectContaining({
        code: 'over_limit',
        figures: { currency: 'EUR', limit: '4000.00', exposure: '5000.00', over: '1000.00' },
      }),
    ])
    const events = await store()
      .db.selectFrom('journal_events')
      .select(['type', 'actor', 'payload'])
      .where('tenant_id', '=', tenant.id)
      .where('type', 'like', 'credit.%')
      .orderBy('seq')
      .execute()
    expect(events.map((e) => e.type)).toEqual([
      'credit.policy_set',
      'credit.policy_set',
      'credit.debtor_terms_set',
    ])
    expect(JSON.parse(events[2]?.payload ?? '{}')).toMatchObject({
      debtor: 'D-OVER',
      before: null,
      after: { termsDays: null, limit: { minor: 400_000, currency: 'EUR' } },
    })
    // Terms only: the limit stays; the client's default limit applies where the debtor sets none.
    const south = await showDebtorCredit(as('read_only'), { debtor: 'D-OK' })
    expect(south.lines).toEqual([
      expect.objectContaining({ client: 'south', termsDays: 45, limitSource: 'client', warnings: [] }),
    ])
    expect((await setDebtorTerms(as('manager'), { debtor: 'D-OVER', termsDays: 60 })).limit).toEqual({
      limitMinor: 400_000,
      currency: 'EUR',
    })
  })

  it('lists over-limit, late payers and rising days-to-pay with their figures, paged', async () => {
    const all = await listCreditWarnings(as('collector'), {})
    expect(all.nextCursor).toBeNull()
    expect(all.items.map((l) => [l.debtor, l.warnings.map((w) => w.code)])).toEqual([
      ['D-OVER', ['over_limit']],
      ['D-LATE', ['late_payer']],
      ['D-TREND', ['rising_days_to_pay']],
    ])
    const late = all.items[1]
    expect(late?.paymentHistory).toEqual({ paidInvoices: 2, meanDaysToPay: '55.0', late: true, trend: null })
    expect(late?.warnings[0]?.figures).toEqual({
      paidInvoices: 2,
      meanDaysToPay: '55.0',
      termsDays: 30,
      meanDaysLate: '25.0',
    })
    expect(all.items[2]?.paymentHistory).toMatchObject({ meanDaysToPay: '17.5', late: false })
    expect(all.items[2]?.warnings[0]?.figures).toEqual({
      recentInvoices: 3,
      recentMeanDaysToPay: '25.0',
      earlierInvoices: 3,
      earlierMeanDaysToPay: '10.0',
      riseDays: '15.0',
    })
    // One line a page: three pages, then the end.
    const seen: string[] = []
    let cursor: string | undefined
    for (let page = 0; page < 4; page++) {
      const result = await listCreditWarnings(as('read_only'), { limit: 1, ...(cursor ? { cursor } : {}) })
      seen.push(...result.items.map((l) => l.debtor))
      if (!result.nextCursor) break
      cursor = result.nextCursor
    }
    expect(seen).toEqual(['D-OVER', 'D-LATE', 'D-TREND'])
    expect(
      (await listCreditWarnings(as('read_only'), { code: 'late_payer' })).items.map((l) => l.debtor),
    ).toEqual(['D-LATE'])
    // A user limited to the south client sees only south's lines.
    const southOnly = await listCreditWarnings(as('collector', { clientIds: [await clientId('south')] }), {})
    expect(southOnly.items.map((l) => l.debtor)).toEqual(['D-TREND'])
    expect(await code(listCreditWarnings(as('read_only'), { cursor: 'nonsense!' }))).toBe(
      'invalid_cursor:cursor',
    )
  })

  it('runs the rules-based credit check with reasons', async () => {
    const late = await runCreditCheck(as('read_only'), { debtor: 'D-LATE' })
    expect(late).toMatchObject({ currency: 'EUR', exposureMinor: 0, limitMinor: null })
    expect(late.decision).toMatchObject({
      provider: 'rules',
      outcome: 'refer',
      recommendedLimit: { minor: 10_000, currency: 'EUR' },
    })
    expect(late.decision.reasons).toEqual([
      {
        ruleId: 'credit.days-late',
        outcome: 'refer',
        message: 'pays in 55.0 days on average against terms of 30 (25.0 days late)',
      },
    ])
    const trend = await runCreditCheck(as('read_only'), { debtor: 'D-TREND', amount: '500.00' })
    expect(trend.decision.outcome).toBe('approve')
    expect(trend.decision.recommendedLimit).toEqual({ minor: 1_000_000, currency: 'EUR' })
    expect(trend.decision.reasons.map((r) => r.ruleId)).toEqual(['credit.days-late', 'credit.exposure'])
    // The limit is in EUR: a check in USD cannot be approved against it.
    const usd = await runCreditCheck(as('read_only'), { debtor: 'D-TREND', currency: 'USD', amount: '1.00' })
    expect(usd).toMatchObject({ currency: 'USD', limitMinor: null })
    expect(usd.decision.outcome).toBe('refer')
    expect(usd.decision.reasons.find((r) => r.ruleId === 'credit.exposure')).toMatchObject({
      outcome: 'refer',
      message: expect.stringContaining('the limit is set in EUR, not in USD'),
    })
    const over = await runCreditCheck(as('read_only'), { debtor: 'D-OVER' })
    expect(over.decision.outcome).toBe('refer')
    expect(over.decision.reasons.map((r) => [r.ruleId, r.outcome])).toEqual([
      ['credit.thin-history', 'refer'],
      ['credit.exposure', 'refer'],
    ])
  })

  it('refuses bad input with the field, and finds no debtor or client outside the tenant or scope', async () => {
    const m = as('manager')
    const limit = (amount: unknown, currency: unknown = 'EUR') =>
      code(setDebtorTerms(m, { debtor: 'D-OK', limit: { amount, currency } }))
    expect(await limit('-1.00')).toBe('invalid_amount:limit.amount')
    expect(await limit(12.5)).toBe('invalid_amount:limit.amount')
    expect(await limit('12.345')).toBe('invalid_amount:limit.amount')
    expect(await limit('12.00', 'XYZ')).toBe('invalid_currency:limit.currency')
    for (const termsDays of [366, -1, 1.5, '30'])
      expect(await code(setClientTerms(m, { client: 'north', termsDays }))).toBe(
        'invalid_credit_terms:termsDays',
      )
    expect(await code(setDebtorTerms(m, { debtor: 'D-OK' }))).toBe('invalid_credit_terms:termsDays')
    expect(await code(setClientTerms(m, { client: 'nope', termsDays: 30 }))).toBe('client_not_found:client')
    expect(await code(setDebtorTerms(m, { debtor: 'D-TWO', termsDays: 10 }))).toBe(
      'credit_client_required:client',
    )
    expect((await setDebtorTerms(m, { debtor: 'D-TWO', client: 'south', termsDays: 10 })).client).toBe(
      'south',
    )
    expect(await code(showDebtorCredit(m, { debtor: 'D-ELSEWHERE' }))).toBe('debtor_not_found:')
    expect(await code(setClientTerms(m, { client: 'theirs', termsDays: 30 }))).toBe('client_not_found:client')
    const southOnly = as('manager', { clientIds: [await clientId('south')] })
    expect(await code(showDebtorCredit(southOnly, { debtor: 'D-OVER' }))).toBe('debtor_not_found:')
    expect(await code(setClientTerms(southOnly, { client: 'north', termsDays: 30 }))).toBe(
      'client_not_found:client',
    )
    expect(await code(setDebtorTerms(as('collector'), { debtor: 'D-OK', termsDays: 5 }))).toBe('forbidden:')
    expect(await code(runCreditCheck(m, { debtor: 'D-OK', currency: 'EURO' }))).toBe(
      'invalid_currency:currency',
    )
    // The other tenant sees its own debtor and nothing of ours.
    const theirs = await showDebtorCredit(
      as('read_only', {}, () => other),
      { debtor: 'D-ELSEWHERE' },
    )
    expect(theirs.lines.map((l) => l.client)).toEqual(['theirs'])
    expect(
      await code(
        showDebtorCredit(
          as('read_only', {}, () => other),
          { debtor: 'D-OVER' },
        ),
      ),
    ).toBe('debtor_not_found:')
  })

  async function clientId(externalId: string): Promise<number> {
    const row = await store()
      .db.selectFrom('clients')
      .select('id')
      .where('tenant_id', '=', tenant.id)
      .where('external_id', '=', externalId)
      .executeTakeFirstOrThrow()
    return Number(row.id)
  }
})
