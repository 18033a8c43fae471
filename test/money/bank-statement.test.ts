import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { expect, it } from 'vitest'
import { type BankImportSummary, importBankStatement } from '../../src/money/import-bank-statement.ts'
import { postPaymentsIn } from '../../src/money/post-payments.ts'
import type { Store } from '../../src/store/connect.ts'
import { tempDir } from '../intake/import-fixtures.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { accountsWithDebt, componentBalances } from './money-fixtures.ts'

const FIXTURES = resolve(import.meta.dirname, '../fixtures/bank')
const HANDWRITTEN = join(FIXTURES, 'camt053-handwritten.xml')

/** Writes a variant of a corpus file (the same statement re-exported, or another day's) to a temp dir. */
function variant(dir: string, name: string, edit: (xml: string) => string): string {
  const path = join(dir, name)
  writeFileSync(path, edit(readFileSync(join(FIXTURES, name), 'latin1')), 'latin1')
  return path
}

const payments = (s: Store, tenantId: number) =>
  s.db
    .selectFrom('payments')
    .select(['external_id', 'amount_minor', 'end_to_end_id'])
    .where('tenant_id', '=', tenantId)
    .orderBy('id')
    .execute()
const queue = (s: Store, tenantId: number) =>
  s.db.selectFrom('unmatched_credits').selectAll().where('tenant_id', '=', tenantId).orderBy('id').execute()

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
      ignored: 1,
      rejected: [],
      review: [],
    })
    expect(await componentBalances(s, ids.get('ACC1001') as number)).toEqual({ principal: 35_000 })
    expect((await componentBalances(s, ids.get('INV-10042') as number)).principal).toBe(0)
    expect((await componentBalances(s, ids.get('M-77') as number)).principal).toBe(0)
    expect((await componentBalances(s, ids.get('INV-10500') as number)).principal).toBe(30_000)
    const queued = await queue(s, tenant.id)
    expect(queued).toHaveLength(1)
    expect(queued[0]?.amount_minor).toBe(12_000)
    const suggestions = JSON.parse(queued[0]?.suggestions ?? '[]') as {
      accountId: string
      externalId: string
    }[]
    expect(suggestions.map((x) => Number(x.accountId))).toContain(ids.get('F-10100'))
    expect(suggestions.map((x) => x.externalId)).toContain('F-10100')
    const paid = await s.db
      .selectFrom('accounts')
      .select('status')
      .where('id', '=', ids.get('INV-10042') as number)
      .executeTakeFirstOrThrow()
    expect(paid.status).toBe('paid')

    const again = await importBankStatement(s, tenant, HANDWRITTEN, { actor: 'test' })
    expect(again.alreadyImported).toBe(true)
    // The same transactions in a re-exported file (another hash) post nothing new and queue nothing
    // again, even for the account the first import paid in full (it is no longer open to match).
    const copy = join(tempDir('camt-'), 'reexport.xml')
    writeFileSync(copy, readFileSync(HANDWRITTEN, 'utf8').replace('<!--', '<!-- re-export'))
    const reexport = await importBankStatement(s, tenant, copy, { actor: 'test' })
    expect(reexport).toMatchObject({ posted: 0, unmatched: 0, reversals: 0, replayed: 7, rejected: [] })
    expect(await componentBalances(s, ids.get('ACC1001') as number)).toEqual({ principal: 35_000 })
    expect(await queue(s, tenant.id)).toHaveLength(1)
  })

  it.each([
    ['camt053-malformed.xml', /^camt053-malformed\.xml: malformed XML at line \d+/],
    ['camt053-wrong-namespace.xml', /^camt053-wrong-namespace\.xml: .*namespace/],
  ])('refuses %s with one error line naming the file and writes nothing', async (file, message) => {
    const { s, tenant } = await setup(`camt-bad-${file.length}-${file.charCodeAt(8)}`)
    const error = await importBankStatement(s, tenant, join(FIXTURES, file), { actor: 'test' }).catch(
      (e: Error) => e,
    )
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toMatch(message)
    expect((error as Error).message).not.toContain('\n')
    const statements = await s.db
      .selectFrom('bank_statements')
      .select('id')
      .where('tenant_id', '=', tenant.id)
      .execute()
    expect(statements).toEqual([])
  })

  it('imports the other entries of a file with broken ones and reports each by entry, reference and field', async () => {
    const { s, tenant } = await setup('camt-entries')
    const dir = tempDir('camt-entries-')
    // The old fixtures used to refuse the whole file; now only the broken entry is left out.
    for (const name of ['camt053-three-decimals.xml', 'camt053-duplicate-ref.xml']) {
      const path = join(dir, name)
      writeFileSync(path, readFileSync(join(FIXTURES, name), 'utf8'))
      const summary = await importBankStatement(s, tenant, path, { actor: 'test' })
      expect(summary.rejected).toHaveLength(1)
      expect(summary.rejected[0]?.field).toMatch(/^Stmt\[1\]\/Ntry\[\d\]/)
      expect(summary.credits + summary.ignored + summary.skippedPending).toBeGreaterThan(0)
    }
  })
})

/** The accounts the corpus statements pay, in EUR (Germany, Belgium) and CHF (Switzerland). */
const CORPUS_ACCOUNTS = [
  ['ACC1001', 'EUR', 50_000, 'Anna Schmidt'],
  ['INV-10042', 'EUR', 8_990, 'Bäckerei Hoffmann'],
  ['INV-2024-0815', 'EUR', 25_000, 'Jan Peeters'],
  ['INV-2024-0816', 'EUR', 12_000, 'Marie Dubois'],
  ['K-4711', 'EUR', 10_000, 'Klaus Becker'],
  ['K-4712', 'EUR', 6_000, 'Petra Wagner'],
  ['K-4713', 'EUR', 4_550, 'Jürgen Schulz'],
  ['F-7731', 'CHF', 30_000, 'Thomas Huber'],
  ['F-7732', 'CHF', 15_000, 'Sandra Keller'],
] as const

type Expected = Partial<Omit<BankImportSummary, 'rejected' | 'review' | 'notes'>> & {
  rejected?: string[]
  /** The bank's references of the rejected entries, in order. */
  references?: string[]
  review?: string[]
  notes?: number
}

/** What each corpus file must give: counts, and the fields of the entries it reports. */
const CORPUS: [string, Expected][] = [
  [
    'camt053-v02-belgian.xml',
    { version: 2, credits: 4, matched: 3, posted: 3, unmatched: 1, reversals: 1, ignored: 1, rejected: [] },
  ],
  [
    'camt053-v04-swiss.xml',
    {
      version: 4,
      credits: 4,
      matched: 2,
      posted: 2,
      unmatched: 2,
      ignored: 1,
      skippedPending: 1,
      rejected: [],
      review: ['Stmt[1]/Ntry[2]/NtryDtls', 'Stmt[1]/Ntry[4]/NtryDtls[1]/TxDtls[1]/Amt'],
    },
  ],
  [
    'camt053-v06-german.xml',
    { version: 6, credits: 5, matched: 4, posted: 4, unmatched: 1, reversals: 1, ignored: 1, rejected: [] },
  ],
  [
    'camt053-v08-problems.xml',
    {
      version: 8,
      credits: 5,
      matched: 1,
      posted: 1,
      unmatched: 4,
      rejected: ['Stmt[1]/Ntry[3]/Amt', 'Stmt[1]/Ntry[4]/AcctSvcrRef', 'Stmt[1]/Ntry[5]/BookgDt'],
      references: ['COBA-20260320-0003', 'COBA-20260320-0001', 'COBA-20260320-0005'],
      review: ['Stmt[1]/Ntry[2]/Amt'],
    },
  ],
  ['camt054-v02-german.xml', { version: 2, credits: 2, matched: 2, posted: 2, rejected: [], notes: 1 }],
  ['camt054-v04-swiss.xml', { version: 4, credits: 4, matched: 2, posted: 2, unmatched: 2, rejected: [] }],
  ['camt054-v08-swiss.xml', { version: 8, credits: 1, posted: 1, ignored: 1, rejected: [], notes: 1 }],
]

describeEachDatabase('bank statement corpus (camt.053/054, 001.02-001.08)', ({ store }) => {
  const setup = async (slug: string) => {
    const s = store()
    const { tenant, ids } = await accountsWithDebt(
      s,
      slug,
      CORPUS_ACCOUNTS.map(([externalId, currency, principal, debtorName]) => ({
        externalId,
        jurisdiction: 'DE',
        currency,
        principal,
        debtorName,
      })),
    )
    // A direct debit Recoup collected: the Belgian and German statements return it.
    await s.db.transaction().execute((trx) =>
      postPaymentsIn(
        trx,
        tenant,
        [
          {
            accountId: ids.get('ACC1001') as number,
            amountMinor: 2_000,
            currency: 'EUR',
            receivedOn: '2026-03-02',
            source: 'api',
            externalId: 'DD-COLLECT-0042',
            endToEndId: 'SDD-2026-0042',
          },
        ],
        { actor: 'test', reevaluate: false },
      ),
    )
    return { s, tenant, ids }
  }

  it.each(CORPUS)(
    '%s imports every valid entry and is idempotent on re-import',
    { timeout: 60_000 },
    async (file, expected) => {
      const { s, tenant } = await setup(`corpus-${file.replace(/\W/g, '').slice(4, 20)}`)
      const summary = await importBankStatement(s, tenant, join(FIXTURES, file), { actor: 'test' })
      const { rejected, references, review, notes, ...counts } = expected
      expect(summary).toMatchObject({ alreadyImported: false, ...counts })
      expect(summary.rejected.map((r) => r.field)).toEqual(rejected ?? [])
      expect(summary.review.map((r) => r.field)).toEqual(review ?? [])
      if (notes !== undefined) expect(summary.notes).toHaveLength(notes)
      if (references) expect(summary.rejected.map((r) => r.reference)).toEqual(references)
      for (const r of summary.rejected) expect(r.code).toBe('invalid_bank_statement')
      for (const r of [...summary.rejected, ...summary.review]) {
        expect(r.entry).toMatch(/^(Stmt|Ntfctn)\[\d+\]\/Ntry\[\d+\]$/)
        expect(r.field.startsWith(r.entry)).toBe(true)
        expect(r.reason).not.toBe('')
      }
      const before = { payments: await payments(s, tenant.id), queue: await queue(s, tenant.id) }
      expect(before.payments.length - 1).toBe(summary.posted)
      expect(before.queue).toHaveLength(summary.unmatched)

      expect(
        (await importBankStatement(s, tenant, join(FIXTURES, file), { actor: 'test' })).alreadyImported,
      ).toBe(true)
      // A re-export of the same statement (new message id and creation time, so another hash).
      const copy = variant(tempDir('corpus-'), file, (xml) =>
        xml
          .replace(/<MsgId>([^<]+)<\/MsgId>/, '<MsgId>$1-REEXPORT</MsgId>')
          .replace('<!--', '<!-- re-export'),
      )
      const reexport = await importBankStatement(s, tenant, copy, { actor: 'test' })
      expect(reexport).toMatchObject({
        alreadyImported: false,
        posted: 0,
        unmatched: 0,
        reversals: 0,
        replayed: summary.posted + summary.unmatched + summary.reversals,
      })
      expect(reexport.rejected.map((r) => r.field)).toEqual(rejected ?? [])
      expect(await payments(s, tenant.id)).toEqual(before.payments)
      expect(await queue(s, tenant.id)).toEqual(before.queue)
    },
  )

  it('a batch whose payers all sent NOTPROVIDED imports every transaction, each under its own identity', async () => {
    const { s, tenant, ids } = await setup('corpus-notprovided')
    await importBankStatement(s, tenant, join(FIXTURES, 'camt053-v06-german.xml'), { actor: 'test' })
    const batch = 'DE02300501101010101010|stmt camt53_20260317_DE02300501101010101010_0054|entry 2'
    const posted = (await payments(s, tenant.id)).map((p) => p.external_id)
    expect(posted).toEqual(expect.arrayContaining([`${batch}|tx 1`, `${batch}|tx 2`]))
    expect((await queue(s, tenant.id)).map((q) => q.bank_transaction_id)).toEqual([`${batch}|tx 3`])
    expect((await componentBalances(s, ids.get('K-4712') as number)).principal).toBe(0)
    expect((await componentBalances(s, ids.get('K-4713') as number)).principal).toBe(0)
    // The Rücklastschrift reversed the collected direct debit.
    expect((await componentBalances(s, ids.get('ACC1001') as number)).principal).toBe(50_000)
  })

  it('an entry whose details disagree waits in the queue at its own amount, with the reason', async () => {
    const { s, tenant, ids } = await setup('corpus-held')
    await importBankStatement(s, tenant, join(FIXTURES, 'camt053-v08-problems.xml'), { actor: 'test' })
    const held = (await queue(s, tenant.id)).find(
      (q) => q.bank_transaction_id === 'DE89370400440532013000|ref COBA-20260320-0002',
    )
    expect(held).toMatchObject({
      amount_minor: 30_000,
      currency: 'EUR',
      booked_on: '2026-03-20',
      status: 'open',
    })
    expect(JSON.parse(held?.remittance ?? '{}')).toMatchObject({
      entry: 'Stmt[1]/Ntry[2]',
      reference: 'COBA-20260320-0002',
      review: ['Stmt[1]/Ntry[2]/Amt: its transactions add up to 250.00 EUR, the entry is 300.00 EUR'],
      unstructured: ['K-4711', 'K-4712'],
    })
    // Neither account its lines name was paid: a person splits the 300.00.
    expect((await componentBalances(s, ids.get('K-4711') as number)).principal).toBe(10_000)
    expect((await componentBalances(s, ids.get('K-4712') as number)).principal).toBe(6_000)
  })

  it('two statements with identical-looking entries and no bank references do not collide', async () => {
    const { s, tenant } = await setup('corpus-nextday')
    const first = await importBankStatement(s, tenant, join(FIXTURES, 'camt053-v06-german.xml'), {
      actor: 'test',
    })
    // The next statement of the account: another Stmt/Id, the same-looking payments.
    const nextDay = variant(tempDir('corpus-'), 'camt053-v06-german.xml', (xml) =>
      xml.replaceAll('_0054<', '_0055<').replace('<MsgId>camt53_20260318', '<MsgId>camt53_20260319'),
    )
    const second = await importBankStatement(s, tenant, nextDay, { actor: 'test' })
    // Only the return repeats: its payment was reversed by the first statement (reported as a note).
    expect(second).toMatchObject({ credits: first.credits, replayed: 1, reversals: 0, rejected: [] })
    expect(second.notes.map((n) => n.reason)).toContain('payment "SDD-2026-0042" was already reversed')
    expect(second.posted + second.unmatched).toBe(first.credits)
    expect(await payments(s, tenant.id)).toHaveLength(1 + first.posted + second.posted)
  })

  it('a partial return is reported in display units for its entry, and the rest imports', async () => {
    const { s, tenant, ids } = await setup('corpus-partial-return')
    const partial = variant(tempDir('corpus-'), 'camt053-v06-german.xml', (xml) =>
      xml.replaceAll('<Amt Ccy="EUR">20.00</Amt>', '<Amt Ccy="EUR">25.00</Amt>'),
    )
    const summary = await importBankStatement(s, tenant, partial, { actor: 'test' })
    expect(summary).toMatchObject({ posted: 4, reversals: 0 })
    expect(summary.rejected).toEqual([
      {
        bankTransactionId:
          'DE02300501101010101010|stmt camt53_20260317_DE02300501101010101010_0054|entry 3|tx 1',
        entry: 'Stmt[1]/Ntry[3]',
        field: 'Stmt[1]/Ntry[3]/NtryDtls[1]/TxDtls[1]/Refs/EndToEndId',
        code: 'return_amount_mismatch',
        reason:
          'the return of 25.00 EUR does not equal payment "SDD-2026-0042"; a partial return needs a manual adjustment',
      },
    ])
    expect((await componentBalances(s, ids.get('ACC1001') as number)).principal).toBe(48_000)
  })

  it('an identity re-used with other facts is refused for that entry only', async () => {
    const { s, tenant } = await setup('corpus-conflict')
    await importBankStatement(s, tenant, join(FIXTURES, 'camt053-v06-german.xml'), { actor: 'test' })
    // The same statement Id re-sent with entry 5's amount changed: a different transaction under a
    // positional identity already taken must not be taken for a replay, nor silently posted.
    const changed = variant(tempDir('corpus-'), 'camt053-v06-german.xml', (xml) =>
      xml.replace('<Amt Ccy="EUR">30.00</Amt>', '<Amt Ccy="EUR">35.00</Amt>'),
    )
    const summary = await importBankStatement(s, tenant, changed, { actor: 'test' })
    expect(summary.rejected).toEqual([
      expect.objectContaining({
        entry: 'Stmt[1]/Ntry[5]',
        field: 'Stmt[1]/Ntry[5]',
        code: 'entry_conflict',
        reason: expect.stringMatching(
          /already imported for 30\.00 EUR on 2026-03-17; this transaction is 35\.00 EUR/,
        ),
      }),
    ])
    expect(summary).toMatchObject({ posted: 0, unmatched: 0, replayed: 5 })
  })
})
