import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { systemActor } from '../../src/app/actor.ts'
import type { AppContext } from '../../src/app/app-context.ts'
import { applyUnmatchedCredit } from '../../src/app/payments/apply-unmatched-credit.ts'
import { importPayments } from '../../src/app/payments/import-payments.ts'
import { listUnmatchedCredits } from '../../src/app/payments/list-unmatched-credits.ts'
import { postPayment } from '../../src/app/payments/post-payment.ts'
import { reversePayment } from '../../src/app/payments/reverse-payment.ts'
import { AppError } from '../../src/core/errors/index.ts'
import { writeLedgerLines } from '../../src/store/ledger.repository.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { accountsWithDebt, componentBalances } from './money-fixtures.ts'

const NOW = new Date('2026-03-10T12:00:00Z')

/** The AppError a promise rejects with (fails the test when it resolves or throws something else). */
async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(AppError)
  return error as AppError
}

describeEachDatabase('payment hardening (issue 8, part 3)', ({ store }) => {
  const setup = async (slug: string) => {
    const s = store()
    const { tenant, ids } = await accountsWithDebt(s, slug, [
      { externalId: 'ACC-1', jurisdiction: 'US-NY', currency: 'USD', principal: 50_000 },
      { externalId: 'ACC-2', jurisdiction: 'DE', currency: 'EUR', principal: 10_000 },
    ])
    const ctx: AppContext = { store: s, actor: systemActor(tenant, 'test') }
    return { s, tenant, ids, ctx }
  }
  const pay = (over: Record<string, unknown> = {}) => ({
    account: 'ACC-1',
    amount: '120.00',
    reference: 'R-1',
    receivedOn: '2026-03-01',
    source: 'api' as const,
    now: NOW,
    ...over,
  })

  it('defect 1: allocation policies named like Object.prototype members are refused, not crashed on', async () => {
    const { ctx } = await setup('pay-proto')
    for (const policy of ['constructor', 'toString', '__proto__', 'valueOf', 'hasOwnProperty']) {
      const error = await appError(postPayment(ctx, pay({ policy, reference: `P-${policy}` })))
      expect(error.code).toBe('unknown_allocation_policy')
      expect(error.message).toContain(`"${policy}"`)
    }
  })

  it('defect 8: a reused reference is a 409 naming the external account and display amounts; another policy is a conflict', async () => {
    const { ctx } = await setup('pay-409')
    expect((await postPayment(ctx, pay())).replayed).toBe(false)
    expect((await postPayment(ctx, pay())).replayed).toBe(true)
    const changed = await appError(postPayment(ctx, pay({ amount: '121.00' })))
    expect(changed.code).toBe('idempotency_conflict')
    expect(changed.message).toContain('account ACC-1')
    expect(changed.message).toContain('120.00 USD')
    expect(changed.message).not.toMatch(/\b12000\b/)
    const otherPolicy = await appError(postPayment(ctx, pay({ policy: 'gb-practice' })))
    expect(otherPolicy.code).toBe('idempotency_conflict')
    expect(otherPolicy.message).toContain('allocation policy')
  })

  it('defect 9: references are trimmed the same way on every path', async () => {
    const { ctx, s, ids } = await setup('pay-trim')
    expect((await postPayment(ctx, pay({ reference: 'DUP-1' }))).replayed).toBe(false)
    expect((await postPayment(ctx, pay({ reference: ' DUP-1 ' }))).replayed).toBe(true)
    expect((await postPayment(ctx, pay({ reference: '\tDUP-1\n' }))).replayed).toBe(true)
    expect(await componentBalances(s, ids.get('ACC-1') as number)).toEqual({ principal: 38_000 })
    const reversed = await reversePayment(ctx, { reference: '  DUP-1 ', reason: 'posted in error', now: NOW })
    expect(reversed).toMatchObject({ reversed: true, reference: 'DUP-1', accounts: ['ACC-1'] })
  })

  it('defect 10: value dates before 1970 or over a week ahead, payments over 10x the balance and numbers for amounts are refused', async () => {
    const { ctx } = await setup('pay-limits')
    for (const receivedOn of ['1900-01-01', '1969-12-31', '2999-01-01', '2026-03-18']) {
      const error = await appError(postPayment(ctx, pay({ receivedOn, reference: `D-${receivedOn}` })))
      expect(error.code).toBe('invalid_date')
    }
    expect((await postPayment(ctx, pay({ receivedOn: '2026-03-17', reference: 'D-ok' }))).replayed).toBe(
      false,
    )
    const huge = await appError(postPayment(ctx, pay({ amount: '5000000.00', reference: 'BIG' })))
    expect(huge.code).toBe('implausible_payment')
    expect(huge.message).toContain('5000000.00 USD')
    expect(huge.message).toContain('ACC-1')
    const confirmed = await postPayment(
      ctx,
      pay({ amount: '5000000.00', reference: 'BIG', acceptLarge: true }),
    )
    expect(confirmed.replayed).toBe(false)
    const number = await appError(postPayment(ctx, pay({ amount: 120, reference: 'NUM' })))
    expect(number.code).toBe('invalid_amount')
  })

  it('item 3: the ledger writer and the database both refuse a wrong sign for the kind', async () => {
    const { s, tenant, ids } = await setup('pay-sign')
    const accountId = ids.get('ACC-1') as number
    const line = { tenantId: tenant.id, accountId, effectiveOn: '2026-03-01' }
    for (const [kind, amountMinor] of [
      ['payment', 100],
      ['charge', -100],
      ['fee', -1],
      ['write_off', 5],
      ['reversal', 0],
    ] as const) {
      const error = await appError(
        s.db.transaction().execute((trx) => writeLedgerLines(trx, [{ ...line, kind, amountMinor }])),
      )
      expect(error.code).toBe('invalid_amount')
      // A writer that bypasses the repository meets the database's own rule (0004-ledger-rules).
      await expect(
        sql`insert into ledger_entries (tenant_id, account_id, kind, component, amount_minor, effective_on, posted_at)
            values (${tenant.id}, ${accountId}, ${kind}, 'principal', ${amountMinor}, '2026-03-01', '2026-03-01T00:00:00Z')`.execute(
          s.db,
        ),
      ).rejects.toThrow(/ledger_sign|ledger_entries_sign/)
    }
    const charge = await s.db
      .selectFrom('ledger_entries')
      .select('id')
      .where('account_id', '=', accountId)
      .executeTakeFirstOrThrow()
    await expect(
      sql`update ledger_entries set amount_minor = -5 where id = ${charge.id}`.execute(s.db),
    ).rejects.toThrow(/ledger_sign|ledger_entries_sign/)
    const written = await s.db
      .transaction()
      .execute((trx) =>
        writeLedgerLines(trx, [{ ...line, kind: 'payment', amountMinor: -100, externalId: 'ok-1' }]),
      )
    expect(written).toHaveLength(1)
    expect(written[0]?.id).toBeGreaterThan(0)
  })

  it('defect 7: the payments CSV import reports like the accounts import and writes a reject file', async () => {
    const { ctx } = await setup('pay-csv')
    const dir = mkdtempSync(join(tmpdir(), 'recoup-pay-csv-'))
    const file = join(dir, 'payments.csv')
    writeFileSync(
      file,
      [
        'account,amount,currency,received_on,reference',
        'ACC-1,10.00,USD,2026-03-01,C-1',
        'ACC-1,11.00,USD,2026-03-01,C-2',
        'ACC-1,12.00,USD,2026-03-01,C-1',
        'ACC-1,10.00,XYZ,2026-03-01,C-3',
        'NOPE,10.00,USD,2026-03-01,C-4',
        'ACC-1,10.00,USD,1900-01-01,C-5',
        'ACC-1,10.00,USD,2026-03-01,',
      ].join('\n'),
    )
    const result = await importPayments(ctx, { file })
    expect(result.kind).toBe('csv')
    if (result.kind !== 'csv') return
    expect(result.summary.posted).toBe(2)
    expect(result.summary.rejected).toEqual([
      { line: 4, field: 'reference', reason: 'duplicate reference C-1: line 2 of this file has it' },
      { line: 5, field: 'currency', reason: '"XYZ" is not an ISO 4217 currency' },
      { line: 6, field: 'account', reason: 'no account "NOPE" in this tenant' },
      expect.objectContaining({ line: 7, field: 'received_on' }),
      expect.objectContaining({ line: 8, field: 'reference' }),
    ])
    expect(result.rejectedRows).toBe(5)
    expect(result.summary.rejectFile).toBe(`${file}.rejects.csv`)
    const rejects = readFileSync(`${file}.rejects.csv`, 'utf8').trim().split(/\r?\n/)
    expect(rejects[0]).toBe('line,field,reason,account,amount,currency,received_on,reference')
    expect(rejects[1]).toBe(
      '4,reference,duplicate reference C-1: line 2 of this file has it,ACC-1,12.00,USD,2026-03-01,C-1',
    )
    expect(rejects).toHaveLength(6)

    const extra = join(dir, 'extra.csv')
    writeFileSync(
      extra,
      'account,amount,currency,received_on,reference,note\nACC-1,1.00,USD,2026-03-01,E-1,hi\n',
    )
    const refused = await appError(importPayments(ctx, { file: extra }))
    expect(refused.code).toBe('invalid_header')
    expect(refused.message).toContain('unknown column(s) "note"')
  })

  it('defect 14: the unmatched queue shows bank references and external ids, and a credit can be applied once, journaled', async () => {
    const { s, tenant, ids, ctx } = await setup('pay-unmatched')
    const accountId = ids.get('ACC-1') as number
    await s.db
      .insertInto('unmatched_credits')
      .values({
        tenant_id: tenant.id,
        bank_statement_id: null,
        bank_transaction_id: 'BANK-77',
        amount_minor: 7_500,
        currency: 'USD',
        booked_on: '2026-03-02',
        debtor_name: 'Debtor ACC-1',
        remittance: JSON.stringify({ unstructured: 'thanks' }),
        suggestions: JSON.stringify([{ accountId: String(accountId), score: 0.6, reason: 'name' }]),
        status: 'open',
      })
      .execute()
    const queue = await listUnmatchedCredits(ctx)
    expect(queue).toEqual([
      expect.objectContaining({
        reference: 'BANK-77',
        amount: '75.00',
        currency: 'USD',
        suggestions: [{ account: 'ACC-1', score: 0.6, reason: 'name' }],
      }),
    ])
    expect(JSON.stringify(queue)).not.toContain(`"accountId"`)
    const wrongCurrency = await appError(applyUnmatchedCredit(ctx, { credit: 'BANK-77', account: 'ACC-2' }))
    expect(wrongCurrency.code).toBe('currency_mismatch')
    const applied = await applyUnmatchedCredit(ctx, { credit: ' BANK-77 ', account: 'ACC-1' })
    expect(applied).toMatchObject({ credit: 'BANK-77', account: 'ACC-1', amount: '75.00', currency: 'USD' })
    expect(await componentBalances(s, accountId)).toEqual({ principal: 42_500 })
    expect(await listUnmatchedCredits(ctx)).toEqual([])
    expect((await appError(applyUnmatchedCredit(ctx, { credit: 'BANK-77', account: 'ACC-1' }))).code).toBe(
      'already_applied',
    )
    expect((await appError(applyUnmatchedCredit(ctx, { credit: 'NOPE', account: 'ACC-1' }))).code).toBe(
      'unmatched_credit_not_found',
    )
    const event = await s.db
      .selectFrom('journal_events')
      .select(['actor', 'payload'])
      .where('tenant_id', '=', tenant.id)
      .where('type', '=', 'unmatched_credit.applied')
      .executeTakeFirstOrThrow()
    expect(event.actor).toBe('system:test')
    expect(JSON.parse(event.payload)).toMatchObject({ credit: 'BANK-77', account: 'ACC-1' })
  })
})
