import { expect, it } from 'vitest'
import { systemActor } from '../../src/app/actor.ts'
import { exportLetterBatch } from '../../src/app/documents/export-letter-batch.ts'
import { renderAccountDocument } from '../../src/app/documents/render-account-document.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { documentAccounts } from './document-fixtures.ts'
import { HAS_PDFTOTEXT, pdfText } from './pdf-tools.ts'

describeEachDatabase('documents from the books', ({ store }) => {
  it.skipIf(!HAS_PDFTOTEXT)(
    'a US validation notice on Letter paper: figures from the ledger, dates from the mailing date',
    async () => {
      const tenant = await documentAccounts(store(), 'doc-vn')
      const ctx = { store: store(), actor: systemActor(tenant, 'test') }
      const doc = await renderAccountDocument(ctx, {
        kind: 'validation-notice',
        account: 'US-1',
        mailingDate: '2026-11-20',
        paper: 'letter',
        senderAddress: ['1 Main St', 'Chicago, IL 60601'],
      })
      expect(doc).toMatchObject({ locale: 'en', paper: 'LETTER', fallbackFrom: null })
      expect(doc.dates.validationPeriodEndsOn).toBe('2026-12-30')
      const text = pdfText(doc.pdf).replace(/\s+/g, ' ')
      expect(text).toContain('Collect Co is a debt collector')
      expect(text).toContain('Call or write to us by December 30, 2026 to dispute')
      // Itemized from the due date (no charge-off): 1,234.56 owed; fee 25.00; paid 100.00.
      expect(text).toContain('As of February 1, 2026, you owed: $1,234.56')
      expect(text).toContain('+ $25.00')
      expect(text).toContain('– $100.00')
      expect(text).toContain('Total amount of the debt now: $1,159.56')
      expect(text).toContain('Ana Ruiz 12 Elm Street Springfield, IL 62701 US')
    },
  )

  it.skipIf(!HAS_PDFTOTEXT)(
    "an Arabic statement by the debtor's preferred language, and a Hindi NI Act notice",
    async () => {
      const tenant = await documentAccounts(store(), 'doc-rtl')
      const ctx = { store: store(), actor: systemActor(tenant, 'test') }
      const ar = await renderAccountDocument(ctx, {
        kind: 'statement',
        account: 'AE-1',
        mailingDate: '2026-05-01',
      })
      expect(ar.locale).toBe('ar')
      const arText = pdfText(ar.pdf)
      // Shaped Arabic maps dotted letters that share a glyph body (س/ش, ي/ت) to one code point on
      // extraction, so only words without such pairs are compared; the word order test is pdf-engine.test.ts.
      expect(arText).toContain('كشف')
      expect(arText).toContain('2,425.00')
      // A negative amount in a right-to-left line reads minus first, i.e. the sign drawn right of the
      // figures (as Intl's Arabic formats with its letter mark): extracted in visual order, "100.00-".
      expect(arText).toContain('100.00-')
      const ni = await renderAccountDocument(ctx, {
        kind: 'ni-act-notice',
        account: 'IN-1',
        mailingDate: '2026-11-10',
      })
      expect(ni).toMatchObject({ locale: 'hi', dates: { noticeBy: '2026-11-24' } })
      const niText = pdfText(ni.pdf)
      expect(niText).toContain('₹1,23,456.00')
      expect(niText).toContain('004512')
      await expect(
        renderAccountDocument(ctx, { kind: 'ni-act-notice', account: 'AE-1', mailingDate: '2026-11-10' }),
      ).rejects.toMatchObject({ code: 'document_not_applicable' })
      await expect(renderAccountDocument(ctx, { kind: 'nope', account: 'AE-1' })).rejects.toMatchObject({
        code: 'invalid_document_kind',
      })
      await expect(
        renderAccountDocument(ctx, { kind: 'statement', account: 'missing' }),
      ).rejects.toMatchObject({
        code: 'account_not_found',
      })
    },
  )

  it('a print-and-mail batch: one PDF, a manifest with pages per letter, skipped letters reported, mailing date journalled', async () => {
    const tenant = await documentAccounts(store(), 'doc-batch')
    const ctx = { store: store(), actor: systemActor(tenant, 'test') }
    const batch = await exportLetterBatch(ctx, {
      kind: 'validation-notice',
      accounts: ['US-1', 'AE-1'],
      mailingDate: '2026-11-20',
    })
    expect(batch.letters).toBe(1)
    expect(batch.skipped).toEqual([
      expect.objectContaining({ account: 'AE-1', code: 'document_not_applicable' }),
    ])
    const lines = batch.manifestCsv.trim().split('\r\n')
    expect(lines[0]).toBe(
      'seq,account,kind,locale,paper,mailing_date,first_page,pages,recipient,address,country',
    )
    expect(lines[1]).toBe(
      '1,US-1,validation-notice,en,A4,2026-11-20,1,2,Ana Ruiz,"12 Elm Street | Springfield, IL 62701",US',
    )
    const statements = await exportLetterBatch(ctx, {
      kind: 'statement',
      accounts: ['US-1', 'AE-1', 'IN-1'],
      mailingDate: '2026-05-01',
    })
    const rows = statements.manifestCsv
      .trim()
      .split('\r\n')
      .slice(1)
      .map((r) => r.split(','))
    expect(rows.map((r) => [r[1], r[3], r[6], r[7]])).toEqual([
      ['US-1', 'en', '1', '1'],
      ['AE-1', 'ar', '2', '1'],
      ['IN-1', 'hi', '3', '1'],
    ])
    const events = await store()
      .db.selectFrom('journal_events')
      .select(['type', 'payload'])
      .where('tenant_id', '=', tenant.id)
      .where('type', '=', 'letters.batch_exported')
      .execute()
    expect(events).toHaveLength(2)
    expect(JSON.parse(events[0]?.payload ?? '{}')).toMatchObject({
      mailingDate: '2026-11-20',
      letters: [{ account: 'US-1', dates: { validationPeriodEndsOn: '2026-12-30' } }],
    })
  })
})
