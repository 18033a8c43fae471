import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { expect, it } from 'vitest'
import { importBankStatement } from '../../src/money/import-bank-statement.ts'
import { postPaymentsIn } from '../../src/money/post-payments.ts'
import { tempDir } from '../intake/import-fixtures.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { accountsWithDebt, componentBalances } from './money-fixtures.ts'

const FIXTURES = resolve(import.meta.dirname, '../fixtures/bank')
const HANDWRITTEN = join(FIXTURES, 'camt053-handwritten.xml')

describeEachDatabase('bank statement import (camt.053)', ({ store }) => {
  const setup = async (slug: string) => {
    const s = store()
    const { tenant, ids } = await accountsWithDebt(s, slug, [
      {
        externalId: 'ACC1001',
        jurisdiction: 'DE',
        currency: 'EUR',
        principal: 50_000,
        debtorName: 'Anna Schmidt',
      },
      {
        externalId: 'INV-10042',
        jurisdiction: 'DE',
        currency: 'EUR',
        principal: 8_990,
        debtorName: 'Bäckerei Hoffmann',
      },
      {
        externalId: 'M-77',
        jurisdiction: 'DE',
        currency: 'EUR',
        principal: 125_000,
        debtorName: 'Müller Bau GmbH',
      },
      {
        externalId: 'F-10100',
        jurisdiction: 'DE',
        currency: 'EUR',
        principal: 50_000,
        debtorName: 'Jean Dupont',
      },
      {
        externalId: 'ACC5005',
        jurisdiction: 'DE',
        currency: 'EUR',
        principal: 40_000,
        debtorName: 'Nordwind Logistik AG',
      },
      {
        externalId: 'INV-10300',
        jurisdiction: 'DE',
        currency: 'EUR',
        principal: 40_000,
        debtorName: 'Nordwind Logistik AG',
      },
      {
        externalId: 'INV-10500',
        jurisdiction: 'DE',
        currency: 'EUR',
        principal: 30_000,
        debtorName: 'Karl Weber',
      },
    ])
    // The direct debit the statement's MD06 return refers to, collected in February.
    await s.db.transaction().execute((trx) =>
      postPaymentsIn(
        trx,
        tenant,
        [
          {
            accountId: ids.get('INV-10500') as number,
            amountMinor: 7_500,
            currency: 'EUR',
            receivedOn: '2024-02-20',
            source: 'api',
            externalId: 'DD-COLLECT-7781',
            endToEndId: 'DD-2024-02-7781',
          },
        ],
        { actor: 'test', reevaluate: false },
      ),
    )
    return { s, tenant, ids }
  }

  it('matches by RF reference, invoice number and name+amount, queues the rest, reverses the returned debit', {
    timeout: 60_000,
  }, async () => {
    const { s, tenant, ids } = await setup('camt-a')
    const summary = await importBankStatement(s, tenant, HANDWRITTEN, { actor: 'test' })
    expect(summary).toMatchObject({
      message: 'camt.053',
      alreadyImported: false,
      credits: 6,
      matched: 5,
      posted: 5,
      unmatched: 1,
      reversals: 1,
      skippedPending: 1,
      rejected: [],
    })
    expect(await componentBalances(s, ids.get('ACC1001') as number)).toEqual({ principal: 35_000 })
    expect((await componentBalances(s, ids.get('INV-10042') as number)).principal).toBe(0)
    expect((await componentBalances(s, ids.get('M-77') as number)).principal).toBe(0)
    expect((await componentBalances(s, ids.get('INV-10500') as number)).principal).toBe(30_000)
    const queued = await s.db
      .selectFrom('unmatched_credits')
      .selectAll()
      .where('tenant_id', '=', tenant.id)
      .execute()
    expect(queued).toHaveLength(1)
    expect(queued[0]?.amount_minor).toBe(12_000)
    const suggestions = JSON.parse(queued[0]?.suggestions ?? '[]') as { accountId: string }[]
    expect(suggestions.map((x) => Number(x.accountId))).toContain(ids.get('F-10100'))
    const paid = await s.db
      .selectFrom('accounts')
      .select('status')
      .where('id', '=', ids.get('INV-10042') as number)
      .executeTakeFirstOrThrow()
    expect(paid.status).toBe('paid')

    const again = await importBankStatement(s, tenant, HANDWRITTEN, { actor: 'test' })
    expect(again.alreadyImported).toBe(true)
    // The same transactions in a re-exported file (another hash) post nothing new.
    const copy = join(tempDir('camt-'), 'reexport.xml')
    writeFileSync(copy, readFileSync(HANDWRITTEN, 'utf8').replace('<!--', '<!-- re-export'))
    const reexport = await importBankStatement(s, tenant, copy, { actor: 'test' })
    expect(reexport.posted).toBe(0)
    expect(reexport.reversals).toBe(0)
    expect(await componentBalances(s, ids.get('ACC1001') as number)).toEqual({ principal: 35_000 })
  })

  it.each([
    ['camt053-malformed.xml', /malformed|not well-formed|XML/i],
    ['camt053-wrong-namespace.xml', /namespace/i],
    ['camt053-three-decimals.xml', /decimal/i],
    ['camt053-duplicate-ref.xml', /duplicate/i],
  ])('refuses %s with a clear error and writes nothing', async (file, message) => {
    const { s, tenant } = await setup(`camt-bad-${file.length}-${file.charCodeAt(8)}`)
    await expect(importBankStatement(s, tenant, join(FIXTURES, file), { actor: 'test' })).rejects.toThrow(
      message,
    )
    const statements = await s.db
      .selectFrom('bank_statements')
      .select('id')
      .where('tenant_id', '=', tenant.id)
      .execute()
    expect(statements).toEqual([])
  })
})
