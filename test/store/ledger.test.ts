import { expect, it } from 'vitest'
import { AppError } from '../../src/core/errors/index.ts'
import { createIntakeWriter } from '../../src/store/intake/intake-writer.ts'
import { verifyJournalChain } from '../../src/store/journal.repository.ts'
import { accountBalance, postLedgerEntry, reverseLedgerEntry } from '../../src/store/ledger.repository.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { createTestTenant } from '../support/factories.ts'

describeEachDatabase('ledger', ({ store }) => {
  async function seedAccount(slug: string) {
    const s = store()
    const tenant = await createTestTenant(s.db, slug, { defaultCurrency: 'KWD' })
    await createIntakeWriter(s, tenant.id).write([
      {
        line: 2,
        debtor: { externalId: 'd', kind: 'business', name: 'Debtor' },
        account: {
          externalId: 'inv-1',
          originalCreditor: 'Seller',
          currentCreditor: 'Seller',
          debtKind: 'commercial',
          currency: 'KWD',
          jurisdiction: 'AE',
          openedOn: '2026-01-01',
          dueOn: '2026-01-31',
          status: 'open',
        },
        entries: [{ kind: 'charge', amountMinor: 10_500, effectiveOn: '2026-01-01', externalId: 'charge' }],
      },
    ])
    const account = await s.db
      .selectFrom('accounts')
      .select('id')
      .where('tenant_id', '=', tenant.id)
      .executeTakeFirstOrThrow()
    return { tenantId: tenant.id, accountId: Number(account.id) }
  }

  it('derives balances from entries as of any date and journals every posting', async () => {
    const { db } = store()
    const { tenantId, accountId } = await seedAccount('ledger-balance')
    const post = (kind: 'payment' | 'fee', amountMinor: number, effectiveOn: string, externalId: string) =>
      db.transaction().execute((trx) =>
        postLedgerEntry(trx, {
          tenantId,
          accountId,
          kind,
          amountMinor,
          effectiveOn,
          externalId,
          actor: 'test',
        }),
      )
    await post('payment', -2_500, '2026-02-10', 'bank-1')
    await post('fee', 1_000, '2026-03-01', 'fee-1')
    expect(await accountBalance(db, tenantId, accountId)).toBe(9_000)
    expect(await accountBalance(db, tenantId, accountId, '2026-02-28')).toBe(8_000)
    expect(await accountBalance(db, tenantId, accountId, '2025-12-31')).toBe(0)
    const again = await post('payment', -2_500, '2026-02-10', 'bank-1')
    expect(again.created).toBe(false)
    expect(await accountBalance(db, tenantId, accountId)).toBe(9_000)
    const chain = await verifyJournalChain(db, tenantId)
    expect(chain).toMatchObject({ events: 3, firstBreak: null })
    const types = await db
      .selectFrom('journal_events')
      .select('type')
      .where('tenant_id', '=', tenantId)
      .orderBy('seq')
      .execute()
    expect(types.map((t) => t.type)).toEqual([
      'intake.batch_committed',
      'ledger.entry_posted',
      'ledger.entry_posted',
    ])
  })

  it('gives one entry and no error to concurrent replays of a posting, and refuses a changed replay', async () => {
    const { db } = store()
    const { tenantId, accountId } = await seedAccount('ledger-replay')
    const post = (amountMinor: number) =>
      db.transaction().execute((trx) =>
        postLedgerEntry(trx, {
          tenantId,
          accountId,
          kind: 'payment',
          amountMinor,
          effectiveOn: '2026-02-10',
          externalId: 'bank-7',
          actor: 't',
        }),
      )
    const results = await Promise.all([post(-100), post(-100), post(-100)])
    expect(results.filter((r) => r.created)).toHaveLength(1)
    expect(new Set(results.map((r) => r.id)).size).toBe(1)
    expect(await accountBalance(db, tenantId, accountId)).toBe(10_400)
    await expect(post(-200)).rejects.toMatchObject({ code: 'entry_conflict' })
  })

  it('refuses an impossible value date on both databases alike', async () => {
    const { db } = store()
    const { tenantId, accountId } = await seedAccount('ledger-date')
    const attempt = db.transaction().execute((trx) =>
      postLedgerEntry(trx, {
        tenantId,
        accountId,
        kind: 'fee',
        amountMinor: 100,
        effectiveOn: '2024-02-30',
        actor: 't',
      }),
    )
    await expect(attempt).rejects.toMatchObject({ code: 'invalid_date' })
  })

  it('refuses amounts whose sign contradicts the kind', async () => {
    const { db } = store()
    const { tenantId, accountId } = await seedAccount('ledger-sign')
    const attempt = db.transaction().execute((trx) =>
      postLedgerEntry(trx, {
        tenantId,
        accountId,
        kind: 'payment',
        amountMinor: 500,
        effectiveOn: '2026-02-01',
        actor: 't',
      }),
    )
    await expect(attempt).rejects.toMatchObject({
      code: 'invalid_amount',
      message: 'payment amounts must be negative',
    })
  })

  it('reverses an entry once by appending its opposite', async () => {
    const { db } = store()
    const { tenantId, accountId } = await seedAccount('ledger-reverse')
    const payment = await db.transaction().execute((trx) =>
      postLedgerEntry(trx, {
        tenantId,
        accountId,
        kind: 'payment',
        amountMinor: -10_500,
        effectiveOn: '2026-02-01',
        actor: 't',
      }),
    )
    expect(await accountBalance(db, tenantId, accountId)).toBe(0)
    const reverse = () =>
      db.transaction().execute((trx) =>
        reverseLedgerEntry(trx, {
          tenantId,
          entryId: payment.id,
          effectiveOn: '2026-02-05',
          reason: 'cheque bounced',
          actor: 't',
        }),
      )
    await reverse()
    expect(await accountBalance(db, tenantId, accountId)).toBe(10_500)
    await expect(reverse()).rejects.toBeInstanceOf(AppError)
    await expect(reverse()).rejects.toMatchObject({ code: 'already_reversed' })
  })

  it('keeps tenants apart: another tenant cannot post to the account', async () => {
    const { db } = store()
    const { accountId } = await seedAccount('ledger-owner')
    const other = await createTestTenant(db, 'ledger-other')
    const attempt = db.transaction().execute((trx) =>
      postLedgerEntry(trx, {
        tenantId: other.id,
        accountId,
        kind: 'fee',
        amountMinor: 1,
        effectiveOn: '2026-02-01',
        actor: 't',
      }),
    )
    await expect(attempt).rejects.toMatchObject({ code: 'account_not_found' })
  })
})
