import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, expect, it } from 'vitest'
import type { Actor, Role } from '../../src/app/actor.ts'
import { fileCase, openCase } from '../../src/app/legal/open-case.ts'
import { postPayment } from '../../src/app/payments/post-payment.ts'
import { addPartner } from '../../src/app/placements/partners.ts'
import { placeAccount } from '../../src/app/placements/place-account.ts'
import { billOfSale } from '../../src/app/sales/bill-of-sale.ts'
import { buyBackAccount } from '../../src/app/sales/buy-back-account.ts'
import { cancelSale } from '../../src/app/sales/cancel-sale.ts'
import { closeSale } from '../../src/app/sales/close-sale.ts'
import { createSale } from '../../src/app/sales/create-sale.ts'
import { exportSaleFile } from '../../src/app/sales/export-sale-file.ts'
import { listSales, showSale } from '../../src/app/sales/show-sale.ts'
import { valueSale } from '../../src/app/sales/value-sale.ts'
import { furnishAccount } from '../../src/core/bureau/furnish-account.ts'
import { loadFurnishingFacts } from '../../src/store/bureau/metro2-facts.repository.ts'
import { saleCandidates } from '../../src/store/sales/sale.repository.ts'
import type { Tenant } from '../../src/store/tenant.repository.ts'
import { seedOutbox } from '../outreach/outreach-fixtures.ts'
import { describeEachDatabase } from '../support/databases.ts'

const ALL = ['ACC-1', 'ACC-2', 'ACC-3']

describeEachDatabase(
  'debt sale: select, value, files, close, forwarded payments, Metro 2 DA, buy-back',
  ({ store }) => {
    let tenant: Tenant
    let other: Tenant
    let saleId = 0
    const ids = new Map<string, number>()

    const as = (role: Role, who: Tenant = tenant) => ({
      store: store(),
      actor: { tenant: who, kind: 'user', id: `7${role.length}`, roles: [role] } as Actor,
    })
    const balance = async (account: string) => {
      const row = await store()
        .db.selectFrom('ledger_entries')
        .select((eb) => eb.fn.sum<number>('amount_minor').as('b'))
        .where('account_id', '=', ids.get(account) ?? 0)
        .executeTakeFirst()
      return Number(row?.b ?? 0)
    }
    const journal = async (type: string) =>
      (
        await store()
          .db.selectFrom('journal_events')
          .select('payload')
          .where('tenant_id', '=', tenant.id)
          .where('type', '=', type)
          .orderBy('seq')
          .execute()
      ).map((e) => JSON.parse(e.payload) as Record<string, unknown>)

    beforeAll(async () => {
      const db = store().db
      // Four consumer accounts (ACC-1..4, owing 120.01..120.04 USD), one pending reminder each.
      tenant = (
        await seedOutbox(
          db,
          'sales',
          [1, 2, 3, 4].map(() => ({ accounts: 1, debtKind: 'consumer' as const })),
        )
      ).tenant
      // Another tenant with the same account references: never selected by the first tenant's sales.
      other = (
        await seedOutbox(
          db,
          'sales-other',
          [1, 2].map(() => ({ accounts: 1, debtKind: 'consumer' as const })),
        )
      ).tenant
      for (const r of await db
        .selectFrom('accounts')
        .select(['id', 'external_id'])
        .where('tenant_id', '=', tenant.id)
        .execute())
        ids.set(r.external_id, Number(r.id))
      await db
        .updateTable('accounts')
        .set({ charge_off_on: '2026-02-01' })
        .where('tenant_id', '=', tenant.id)
        .where('external_id', 'in', ['ACC-1', 'ACC-2'])
        .execute()
      // ACC-1 has a current pay_30 score: 70% bad (no payment), so a 30% payment probability.
      const { id: modelId } = await db
        .insertInto('score_models')
        .values({
          tenant_id: tenant.id,
          target: 'pay_30',
          version: 1,
          trained_by: 'test',
          data_as_of: '2026-02-28',
          split_on: '2026-01-31',
          scorecard: '{}',
          baseline: '{}',
          metrics: '{}',
          examples: '[]',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await db
        .insertInto('account_scores')
        .values({
          account_id: ids.get('ACC-1') ?? 0,
          tenant_id: tenant.id,
          model_id: Number(modelId),
          as_of: '2026-02-28',
          score: 420,
          band: 'high',
          bad_ppm: 700_000,
          reason_codes: '[]',
        })
        .execute()
    })

    it('refuses bad filters and terms with the field named, and non-managers', async () => {
      const create = (input: Record<string, unknown>, role: Role = 'manager') =>
        createSale(as(role), { buyer: 'Buyer LLC', pricePercent: '12.5', asOf: '2026-03-01', ...input }).then(
          () => 'ok',
          (e: { code: string; details?: { field?: string } }) => `${e.code} ${e.details?.field ?? ''}`.trim(),
        )
      expect(await create({ filter: { colour: 'red' } })).toBe('invalid_sale filter.colour')
      expect(await create({ filter: { minBalance: '10.00' } })).toBe('invalid_sale filter.minBalance')
      expect(await create({ filter: { currency: 'USD', minBalance: 'ten' } })).toBe(
        'invalid_sale filter.minBalance',
      )
      expect(await create({ filter: { chargeOffFrom: '2026-02-30' } })).toBe(
        'invalid_sale filter.chargeOffFrom',
      )
      expect(await create({ filter: { chargeOffFrom: '2026-03-01', chargeOffTo: '2026-02-01' } })).toBe(
        'invalid_sale filter.chargeOffTo',
      )
      expect(await create({ filter: { debtKind: 'student' } })).toBe('invalid_sale filter.debtKind')
      expect(await create({ filter: { status: 'sold' } })).toBe('invalid_sale filter.status')
      expect(await create({ filter: { client: 'nobody' } })).toBe('invalid_sale filter.client')
      expect(await create({ filter: { accounts: ['ACC-1', 'NOPE'] } })).toBe(
        'account_not_found filter.accounts',
      )
      expect(await create({ pricePercent: '12,5' })).toBe('invalid_sale pricePercent')
      expect(await create({ pricePercent: '100.01' })).toBe('invalid_sale pricePercent')
      expect(await create({ recoveryFraction: '1.5' })).toBe('invalid_sale recoveryFraction')
      expect(await create({ buyer: ' ' })).toBe('invalid_sale buyer')
      expect(await create({ filter: { chargeOffFrom: '2030-01-01' } })).toBe('sale_empty')
      expect(await create({}, 'collector')).toBe('forbidden')
    })

    it('selects by filter within the tenant only', async () => {
      const byBalance = await createSale(as('manager'), {
        buyer: 'Range Buyer',
        pricePercent: '10',
        asOf: '2026-03-01',
        filter: { currency: 'USD', minBalance: '120.02', maxBalance: '120.03' },
      })
      expect((await showSale(as('manager'), { sale: byBalance.id })).lines.map((l) => l.account)).toEqual([
        'ACC-2',
        'ACC-3',
      ])
      const chargedOff = await createSale(as('admin'), {
        buyer: 'CO Buyer',
        pricePercent: '10',
        asOf: '2026-03-01',
        filter: { chargeOffFrom: '2026-01-01', chargeOffTo: '2026-02-01' },
      })
      expect((await showSale(as('manager'), { sale: chargedOff.id })).lines.map((l) => l.account)).toEqual([
        'ACC-1',
        'ACC-2',
      ])
      const theirs = await createSale(as('manager', other), {
        buyer: 'B',
        pricePercent: '10',
        asOf: '2026-03-01',
      })
      const accountsOfTheirs = await store()
        .db.selectFrom('sale_accounts as s')
        .innerJoin('accounts as a', 'a.id', 's.account_id')
        .select('a.tenant_id')
        .where('s.sale_id', '=', theirs.id)
        .execute()
      expect(accountsOfTheirs.map((r) => Number(r.tenant_id))).toEqual([other.id, other.id])
      await expect(showSale(as('manager'), { sale: theirs.id })).rejects.toMatchObject({
        code: 'sale_not_found',
      })
      for (const sale of [byBalance.id, chargedOff.id])
        await cancelSale(as('manager'), { sale, reason: 'superseded' })
      await cancelSale(as('manager', other), { sale: theirs.id, reason: 'test' })
    })

    it('values exactly: score x recovery fraction, else the age bucket, times the price percentage', async () => {
      const sale = await createSale(as('manager'), {
        buyer: 'Debt Buyer LLC',
        pricePercent: '12.5',
        buybackDays: 30,
        asOf: '2026-03-01',
        filter: { accounts: ALL },
      })
      saleId = sale.id
      expect(sale).toMatchObject({
        status: 'draft',
        currency: 'USD',
        accounts: 3,
        pricePercent: '12.5',
        recoveryFraction: '0.40',
        balanceMinor: 36_006,
        expectedMinor: 5040,
        priceMinor: 630,
        buybackUntil: null,
      })
      const detail = await showSale(as('manager'), { sale: sale.id })
      expect(
        detail.lines.map((l) => [
          l.account,
          l.basis,
          l.paymentPpm,
          l.recoveryRate,
          l.expectedMinor,
          l.priceMinor,
        ]),
      ).toEqual([
        // 12001 x 0.3 x 0.40 = 1440.12 -> 1440; x 12.5% = 180
        ['ACC-1', 'score', 300_000, '0.12', 1440, 180],
        // 28 days after charge-off: 12002 x 0.15 = 1800.3 -> 1800; 225
        ['ACC-2', 'age', null, '0.15', 1800, 225],
        // 45 days after due: 12003 x 0.15 = 1800.45 -> 1800; 225
        ['ACC-3', 'age', null, '0.15', 1800, 225],
      ])
      // Valued again at 13.33%: 1440 x 0.1333 = 191.952 -> 192; 1800 x 0.1333 = 239.94 -> 240.
      const again = await valueSale(as('manager'), {
        sale: sale.id,
        pricePercent: '13.33',
        asOf: '2026-03-01',
      })
      expect(again).toMatchObject({ pricePercent: '13.33', expectedMinor: 5040, priceMinor: 672 })
      await valueSale(as('manager'), { sale: sale.id, pricePercent: '12.5', asOf: '2026-03-01' })
      expect((await journal('sale.valued')).length).toBe(2)
      await expect(showSale(as('collector'), { sale: sale.id })).rejects.toMatchObject({ code: 'forbidden' })
    })

    it('refuses an actor limited to some clients on every sale command', async () => {
      const limited = { ...as('manager'), actor: { ...as('manager').actor, clientIds: [1] } as Actor }
      const sale = saleId
      const attempts: [string, () => Promise<unknown>][] = [
        ['create', () => createSale(limited, { buyer: 'X', pricePercent: '1', asOf: '2026-03-01' })],
        ['show', () => showSale(limited, { sale })],
        ['list', () => listSales(limited)],
        ['bill', () => billOfSale(limited, { sale })],
        ['value', () => valueSale(limited, { sale, pricePercent: '12.5', asOf: '2026-03-01' })],
        ['cancel', () => cancelSale(limited, { sale, reason: 'no' })],
        ['close', () => closeSale(limited, { sale, on: '2026-03-05' })],
        ['export', () => exportSaleFile(limited, { sale })],
        [
          'buy back',
          () => buyBackAccount(limited, { sale, account: 'ACC-1', reason: 'no', on: '2026-03-06' }),
        ],
      ]
      for (const [what, attempt] of attempts)
        expect([
          what,
          await attempt().then(
            () => 'ok',
            (e: { code?: string; details?: { scope?: string } }) => `${e.code} ${e.details?.scope}`,
          ),
        ]).toEqual([what, 'forbidden clients'])
      expect((await showSale(as('manager'), { sale })).status).toBe('draft')
    })

    it('writes the sale file with identity, address, charge-off, itemization, disputes, limitation and price', async () => {
      const file = await exportSaleFile(as('manager'), { sale: saleId })
      const [header, ...rows] = file.csv
        .trimEnd()
        .split('\r\n')
        .map((l) => l.split(','))
      expect(file.accounts).toBe(3)
      const first = Object.fromEntries((header ?? []).map((h, i) => [h, rows[0]?.[i]]))
      expect(first).toMatchObject({
        sale_id: String(saleId),
        buyer: 'Debt Buyer LLC',
        account: 'ACC-1',
        original_creditor: 'Acme Corp',
        original_account_number: 'ACC-1',
        debtor: 'D-1',
        debtor_name: 'Debtor 1',
        address_line1: '1 Main St',
        city: 'New York',
        region: 'NY',
        postal_code: '10001',
        country: 'US',
        currency: 'USD',
        charge_off_on: '2026-02-01',
        charge_off_amount: '120.01',
        itemization_date: '2026-02-01',
        itemization_amount: '120.01',
        paid_since: '0.00',
        balance: '120.01',
        last_payment_on: '',
        dispute_open: 'N',
        disputes: '0',
        valuation_basis: 'score',
        recovery_rate: '0.12',
        expected_recovery: '14.40',
        price: '1.80',
      })
      expect(first.limitation_ends_on).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      const third = Object.fromEntries((header ?? []).map((h, i) => [h, rows[2]?.[i]]))
      expect(third).toMatchObject({
        account: 'ACC-3',
        charge_off_on: '',
        charge_off_amount: '',
        itemization_date: '2026-01-15',
      })
      expect((await journal('sale.file_exported')).length).toBe(1)
    })

    it('renders the bill of sale PDF', async () => {
      const { pdf } = await billOfSale(as('manager'), { sale: saleId })
      const dir = mkdtempSync(join(tmpdir(), 'recoup-bill-'))
      try {
        writeFileSync(join(dir, 'bill.pdf'), pdf)
        const text = execFileSync('pdftotext', ['-layout', join(dir, 'bill.pdf'), '-'], { encoding: 'utf8' })
        expect(text).toContain(`DRAFT - Bill of Sale No. ${saleId}`)
        expect(text).toContain('Buyer: Debt Buyer LLC')
        expect(text).toContain('6.30 USD (12.5% of the expected recovery of 50.40 USD)')
        expect(text).toContain('Schedule A: 3 accounts')
        expect(text).toMatch(/ACC-2\s+Debtor 2\s+120\.02\s+2\.25/)
        expect(text).toMatch(/Total\s+360\.06\s+6\.30/)
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    })

    it('closes: balances to zero, pending actions cancelled, accounts sold; only managers, only once', async () => {
      await expect(closeSale(as('collector'), { sale: saleId, on: '2026-03-05' })).rejects.toMatchObject({
        code: 'forbidden',
      })
      const closed = await closeSale(as('manager'), { sale: saleId, on: '2026-03-05' })
      expect(closed).toMatchObject({
        status: 'closed',
        closedOn: '2026-03-05',
        buybackUntil: '2026-04-04',
        cancelledActions: 3,
      })
      for (const account of ALL) expect(await balance(account)).toBe(0)
      expect(await balance('ACC-4')).toBe(12_004)
      const outbox = await store()
        .db.selectFrom('outbox')
        .select(['account_id', 'status'])
        .where('tenant_id', '=', tenant.id)
        .orderBy('account_id')
        .execute()
      expect(outbox.map((o) => o.status)).toEqual(['cancelled', 'cancelled', 'cancelled', 'pending'])
      const accounts = await store()
        .db.selectFrom('accounts')
        .select(['status', 'close_reason'])
        .where('tenant_id', '=', tenant.id)
        .orderBy('id')
        .execute()
      expect(accounts.map((a) => a.status)).toEqual(['closed', 'closed', 'closed', 'open'])
      expect(accounts[0]?.close_reason).toBe(`sale ${saleId}: sold to Debt Buyer LLC`)
      await expect(closeSale(as('manager'), { sale: saleId, on: '2026-03-05' })).rejects.toMatchObject({
        code: 'sale_not_draft',
      })
      // A sold account is not offered again.
      await expect(
        createSale(as('manager'), { buyer: 'X', pricePercent: '1', filter: { accounts: ['ACC-1'] } }),
      ).rejects.toMatchObject({ code: 'invalid_sale' })
      expect((await journal('sale.closed'))[0]).toMatchObject({ saleId, cancelledActions: 3 })
      expect((await listSales(as('manager'), { status: 'closed' })).map((s) => s.id)).toEqual([saleId])
    })

    it('reports sold accounts DA in the month of the sale', async () => {
      const facts = await loadFurnishingFacts(
        store().db,
        { tenantId: tenant.id, firstAccountId: ids.get('ACC-1') ?? 0, lastAccountId: ids.get('ACC-4') ?? 0 },
        {
          firstDay: '2026-03-01',
          lastDay: '2026-03-31',
          at: '2026-03-31T23:59:59Z',
          tenantTimeZone: 'America/New_York',
        },
      )
      const period = {
        firstDay: '2026-03-01',
        lastDay: '2026-03-31',
        at: '2026-03-31T23:59:59Z',
        timeStamp: '2026-04-01T00:00:00',
        identificationNumber: 'ACME',
        accountType: '48' as const,
        creditorClassification: '12',
      }
      const statuses = facts.map((f) => {
        // The passive-collection gate is met: the consumer was spoken to.
        const outcome = furnishAccount({ ...f, spokeWithConsumerAt: '2026-02-01T15:00:00Z' }, period)
        return [f.externalId, f.soldOn, outcome.furnished ? outcome.account.accountStatus : outcome.reason]
      })
      expect(statuses).toEqual([
        ['ACC-1', '2026-03-05', 'DA'],
        ['ACC-2', '2026-03-05', 'DA'],
        ['ACC-3', '2026-03-05', 'DA'],
        ['ACC-4', null, '93'],
      ])
    })

    it('forwards a payment on a sold account to the buyer, never books it, and replays it once', async () => {
      const pay = () =>
        postPayment(as('collector'), {
          account: 'ACC-2',
          amount: '50.00',
          reference: 'BANK-77',
          receivedOn: '2026-03-10',
          source: 'api',
        })
      const result = await pay()
      expect(result).toMatchObject({
        replayed: false,
        ledgerEntryIds: [],
        forwarded: { saleId, buyer: 'Debt Buyer LLC' },
      })
      expect(await balance('ACC-2')).toBe(0)
      expect(
        await store().db.selectFrom('payments').select('id').where('tenant_id', '=', tenant.id).execute(),
      ).toEqual([])
      expect(await pay()).toMatchObject({ replayed: true })
      // The same reference with another amount is no replay: refused, as for a booked payment.
      await expect(
        postPayment(as('collector'), {
          account: 'ACC-2',
          amount: '60.00',
          reference: 'BANK-77',
          receivedOn: '2026-03-10',
          source: 'api',
        }),
      ).rejects.toMatchObject({
        code: 'idempotency_conflict',
        message: expect.stringMatching(/already forwarded.*differs in amount/),
      })
      const detail = await showSale(as('manager'), { sale: saleId })
      expect(detail.forwarded).toMatchObject([
        { account: 'ACC-2', amountMinor: 5000, receivedOn: '2026-03-10', reference: 'BANK-77' },
      ])
      expect((await journal('payments.forwarded')).length).toBe(1)
      // An account not sold is booked as before.
      const booked = await postPayment(as('collector'), {
        account: 'ACC-4',
        amount: '4.00',
        reference: 'BANK-78',
        receivedOn: '2026-03-10',
        source: 'api',
      })
      expect(booked.forwarded).toBeUndefined()
      expect(await balance('ACC-4')).toBe(11_604)
    })

    it('buys back inside the window (closing reversed, open again, journaled) and refuses outside it', async () => {
      await expect(
        buyBackAccount(as('manager'), { sale: saleId, account: 'ACC-3', reason: 'late', on: '2026-04-05' }),
      ).rejects.toMatchObject({ code: 'buyback_not_allowed', details: { buybackUntil: '2026-04-04' } })
      await expect(
        buyBackAccount(as('manager'), {
          sale: saleId,
          account: 'ACC-4',
          reason: 'never sold',
          on: '2026-03-20',
        }),
      ).rejects.toMatchObject({ code: 'buyback_not_allowed' })
      const back = await buyBackAccount(as('manager'), {
        sale: saleId,
        account: 'ACC-1',
        reason: 'debtor deceased before the sale',
        on: '2026-04-04',
      })
      expect(back).toMatchObject({ account: 'ACC-1', status: 'bought_back', boughtBackOn: '2026-04-04' })
      expect(await balance('ACC-1')).toBe(12_001)
      const account = await store()
        .db.selectFrom('accounts')
        .select(['status', 'closed_on'])
        .where('id', '=', ids.get('ACC-1') ?? 0)
        .executeTakeFirstOrThrow()
      expect(account).toEqual({ status: 'open', closed_on: null })
      await expect(
        buyBackAccount(as('manager'), { sale: saleId, account: 'ACC-1', reason: 'twice', on: '2026-04-04' }),
      ).rejects.toMatchObject({ code: 'buyback_not_allowed' })
      expect((await journal('sale.account_bought_back'))[0]).toMatchObject({
        accountId: ids.get('ACC-1'),
        amountMinor: 12_001,
      })
      // Bought back, its payments are ours again.
      const booked = await postPayment(as('collector'), {
        account: 'ACC-1',
        amount: '1.00',
        reference: 'BANK-79',
        receivedOn: '2026-04-04',
        source: 'api',
      })
      expect(booked.forwarded).toBeUndefined()
      expect(await balance('ACC-1')).toBe(11_901)
    })

    it('books the payments forwarded to the buyer when an account is bought back, once', async () => {
      await buyBackAccount(as('manager'), {
        sale: saleId,
        account: 'ACC-2',
        reason: 'disputed',
        on: '2026-03-20',
      })
      // Owed 120.02 at the sale; the debtor paid 50.00 to the buyer meanwhile (BANK-77).
      expect(await balance('ACC-2')).toBe(7002)
      const payments = await store()
        .db.selectFrom('payments')
        .select(['external_id', 'amount_minor', 'received_on'])
        .where('account_id', '=', ids.get('ACC-2') ?? 0)
        .execute()
      expect(
        payments.map((p) => [p.external_id, Number(p.amount_minor), String(p.received_on).slice(0, 10)]),
      ).toEqual([['BANK-77', 5000, '2026-03-10']])
      const again = await postPayment(as('collector'), {
        account: 'ACC-2',
        amount: '50.00',
        reference: 'BANK-77',
        receivedOn: '2026-03-10',
        source: 'api',
      })
      expect(again).toMatchObject({ replayed: true })
      expect(await balance('ACC-2')).toBe(7002)
    })

    it('never sells an account placed or held by a legal case, and neither places nor sues one in a draft sale', async () => {
      const acc4 = ids.get('ACC-4') ?? 0
      const draft = await createSale(as('manager'), {
        buyer: 'Late Buyer',
        pricePercent: '10',
        asOf: '2026-03-20',
        filter: { accounts: ['ACC-4'] },
      })
      await addPartner(as('manager'), {
        code: 'north-agency',
        name: 'North Collections LLC',
        kind: 'agency',
        remit: 'net',
        terms: { contingency: { basis: 'age', tiers: [{ from: 0, percent: '25' }] }, noSuccessNoFee: true },
      })
      await expect(
        placeAccount(as('manager'), { account: 'ACC-4', partner: 'north-agency', placedOn: '2026-03-20' }),
      ).rejects.toMatchObject({ code: 'placement_not_allowed', message: expect.stringMatching(/draft sale/) })
      await expect(
        openCase(as('manager'), { accounts: ['ACC-4'], kind: 'recovery_suit', filedOn: '2026-03-20' }),
      ).rejects.toMatchObject({ code: 'case_not_allowed', message: expect.stringMatching(/draft sale/) })
      // Placed or sued meanwhile (by a path that predates the checks): the closing refuses, naming why.
      const db = store().db
      const partner = await db
        .selectFrom('partners')
        .select('id')
        .where('tenant_id', '=', tenant.id)
        .executeTakeFirstOrThrow()
      const { id: placementId } = await db
        .insertInto('placements')
        .values({
          tenant_id: tenant.id,
          account_id: acc4,
          partner_id: Number(partner.id),
          status: 'active',
          placed_on: '2026-03-20',
          expected_return_on: '2026-09-20',
          commission_percent: '25',
          fixed_fee_minor: 0,
          balance_minor: 11_604,
          currency: 'USD',
          placed_by: 'test',
        } as never)
        .returning('id')
        .executeTakeFirstOrThrow()
      await expect(closeSale(as('manager'), { sale: draft.id, on: '2026-03-21' })).rejects.toMatchObject({
        code: 'sale_stale',
        message: expect.stringMatching(/ACC-4 is placed with north-agency/),
      })
      await db.deleteFrom('placements').where('id', '=', Number(placementId)).execute()
      const debtor = await db
        .selectFrom('accounts')
        .select('debtor_id')
        .where('id', '=', acc4)
        .executeTakeFirstOrThrow()
      const { id: caseId } = await db
        .insertInto('legal_cases')
        .values({
          tenant_id: tenant.id,
          debtor_id: Number(debtor.debtor_id),
          kind: 'recovery_suit',
          status: 'draft',
          forum: null,
          case_number: null,
          parties: '{}',
          counsel_partner_id: null,
          currency: 'USD',
          principal_minor: 11_604,
          interest_minor: 0,
          costs_minor: 0,
          claim_minor: 11_604,
          court_fee_minor: 0,
          counsel_fee_minor: 0,
          costs_recoverable: 1,
          filed_on: null,
          facts: '{}',
          economics: '{}',
          opened_by: 'test',
        } as never)
        .returning('id')
        .executeTakeFirstOrThrow()
      await db
        .insertInto('legal_case_accounts')
        .values({ tenant_id: tenant.id, case_id: Number(caseId), account_id: acc4, held: 1 })
        .execute()
      await expect(closeSale(as('manager'), { sale: draft.id, on: '2026-03-21' })).rejects.toMatchObject({
        code: 'sale_stale',
        message: expect.stringMatching(new RegExp(`ACC-4 is held by legal case ${caseId}`)),
      })
      // Filing a drafted case on an account in a draft sale is refused too.
      await expect(
        fileCase(as('manager'), { id: Number(caseId), filedOn: '2026-03-21' }),
      ).rejects.toMatchObject({
        code: 'case_not_allowed',
        message: expect.stringMatching(/ACC-4 is in draft sale/),
      })
      // Nor does a new sale select it.
      await expect(
        createSale(as('manager'), { buyer: 'X', pricePercent: '1', filter: { accounts: ['ACC-4'] } }),
      ).rejects.toMatchObject({ code: 'invalid_sale' })
      await cancelSale(as('manager'), { sale: draft.id, reason: 'held' })
      // The account list is read in chunks: far more ids than a statement takes.
      const many = Array.from({ length: 70_000 }, (_, i) => 10_000_000 + i)
      const found = await saleCandidates(db, tenant.id, {
        status: 'open',
        accountIds: [...many, ids.get('ACC-3') ?? 0],
      })
      expect(found.map((c) => c.externalId)).toEqual([])
      const open = await saleCandidates(db, tenant.id, {
        status: 'open',
        accountIds: [...many, ids.get('ACC-1') ?? 0],
      })
      expect(open.map((c) => c.externalId)).toEqual(['ACC-1'])
    })
  },
)
