import { describe, expect, it } from 'vitest'
import { buildDocument } from '../../../src/core/documents/build-document.ts'
import type { DocumentFacts } from '../../../src/core/documents/document-facts.ts'
import { documentText } from '../../../src/core/documents/document-model.ts'

const US: DocumentFacts = {
  collector: {
    name: 'Collect Co',
    addressLines: ['1 Main St', 'Sacramento, CA 95814'],
    isAgency: true,
    californiaLicenseNumber: null,
  },
  creditor: { original: 'Bank One', current: 'Bank One' },
  debtor: {
    name: 'Ana Ruiz',
    kind: 'person',
    addressLines: ['Ana Ruiz', '2 Elm St', 'Austin, TX 78701', 'US'],
    preferredLanguage: null,
  },
  account: {
    ref: 'US-1',
    currency: 'USD',
    jurisdiction: 'US-TX',
    debtKind: 'consumer',
    openedOn: '2026-01-01',
    dueOn: '2026-02-01',
    chargeOffOn: '2026-06-30',
  },
  ledger: [
    { kind: 'charge', component: 'principal', amountMinor: 100_000, effectiveOn: '2026-01-01', memo: null },
    { kind: 'interest', component: 'interest', amountMinor: 5_000, effectiveOn: '2026-03-01', memo: null },
    { kind: 'interest', component: 'interest', amountMinor: 2_500, effectiveOn: '2026-08-01', memo: null },
    { kind: 'fee', component: 'fee', amountMinor: 1_500, effectiveOn: '2026-08-15', memo: null },
    { kind: 'payment', component: 'principal', amountMinor: -20_000, effectiveOn: '2026-09-01', memo: null },
  ],
  mailingDate: '2026-11-20',
  statutory: null,
  cheque: null,
  timeBarred: false,
  validationPeriodEndsOn: null,
}

describe('validation notice (12 CFR 1006.34)', () => {
  it('computes the period end from the mailing date over the Thanksgiving holiday', () => {
    const built = buildDocument('validation-notice', US)
    // Mailed Friday 20 Nov 2026: five business days skip the weekends and Thanksgiving (26 Nov) -> 30 Nov.
    expect(built.dates).toEqual({
      assumedReceiptOn: '2026-11-30',
      validationPeriodEndsOn: '2026-12-30',
      itemizationDate: '2026-06-30',
    })
    const text = documentText(built.model)
    expect(text).toContain('by December 30, 2026 to dispute all or part of the debt')
    expect(text).toContain('As of June 30, 2026, you owed: $1,050.00')
    expect(text).toContain('You were charged this amount in interest: + $25.00')
    expect(text).toContain('You were charged this amount in fees: + $15.00')
    expect(text).toContain('You paid or were credited this amount toward the debt: – $200.00')
    expect(text).toContain('Total amount of the debt now: $890.00')
    expect(text).toContain('original creditor')
    expect(text).toContain('debt collector')
    expect(built.model.blocks.some((b) => b.type === 'tearOff')).toBe(true)
    expect(built.check.outcome).toBe('allow')
  })

  it('a Christmas mailing counts the holiday too', () => {
    const built = buildDocument('validation-notice', { ...US, mailingDate: '2026-12-23' })
    // 24 (Thu), [25 holiday], 28, 29, 30, 31 -> receipt 31 Dec; +30 days.
    expect(built.dates.assumedReceiptOn).toBe('2026-12-31')
    expect(built.dates.validationPeriodEndsOn).toBe('2027-01-30')
  })

  it('is only for US consumer debts', () => {
    expect(() =>
      buildDocument('validation-notice', { ...US, account: { ...US.account, jurisdiction: 'GB' } }),
    ).toThrow(expect.objectContaining({ code: 'document_not_applicable' }))
  })

  it('prints the California licence line, and in Arabic the Arabic disclosure', () => {
    const ca = {
      ...US,
      account: { ...US.account, jurisdiction: 'US-CA' },
      collector: { ...US.collector, californiaLicenseNumber: '10000-42' },
    }
    expect(documentText(buildDocument('validation-notice', ca).model)).toContain(
      'California Debt Collection License No. 10000-42',
    )
    const ar = buildDocument('validation-notice', {
      ...US,
      debtor: { ...US.debtor, preferredLanguage: 'ar' },
    })
    expect(ar.model.direction).toBe('rtl')
    expect(documentText(ar.model)).toContain('هذه الرسالة من جهة تحصيل ديون')
    expect(documentText(ar.model)).toContain('30 ديسمبر 2026')
    expect(ar.check.outcome).toBe('allow')
  })

  it('falls back to English where the kind has no texts in the language, and says so', () => {
    const built = buildDocument('validation-notice', {
      ...US,
      debtor: { ...US.debtor, preferredLanguage: 'fr-CA' },
    })
    expect(built.choice).toEqual({ locale: 'en', fallbackFrom: 'fr-CA' })
  })
})

describe('letters and their checks', () => {
  it('a final notice with a pay-by date inside a running validation period is blocked (overshadowing)', () => {
    const built = buildDocument('final-notice', { ...US, validationPeriodEndsOn: '2026-12-30' })
    expect(built.dates.payBy).toBe('2026-12-04')
    expect(built.check.outcome).toBe('block')
    expect(built.check.reasons[0]?.ruleId).toBe('us.reg-f.overshadowing')
    expect(buildDocument('final-notice', US).check.outcome).toBe('allow')
  })

  it('a Letter of Claim: 30 days to reply, the three enclosures, and never on a time-barred debt', () => {
    const gb: DocumentFacts = {
      ...US,
      collector: { ...US.collector, isAgency: false },
      account: { ...US.account, jurisdiction: 'GB', currency: 'GBP' },
      mailingDate: '2026-12-01',
    }
    const built = buildDocument('letter-of-claim', gb)
    expect(built.dates).toEqual({ respondBy: '2026-12-31', firstClaimDay: '2027-01-01' })
    const text = documentText(built.model)
    for (const part of [
      'Information Sheet',
      'Reply Form',
      'Financial Statement',
      'by 31 December 2026',
      '£890.00',
    ])
      expect(text).toContain(part)
    expect(built.model.blocks.filter((b) => b.type === 'pageBreak')).toHaveLength(3)
    const barred = buildDocument('letter-of-claim', { ...gb, timeBarred: true })
    expect(barred.check.reasons.map((r) => r.ruleId)).toEqual(['us.reg-f.time-barred-threat'])
    // In Arabic and Hindi too, with the same dates, the three enclosures and no English fallback.
    for (const [locale, parts] of [
      ['ar', ['خطاب المطالبة', 'صحيفة المعلومات', 'نموذج الرد', 'البيان المالي', '2026']],
      ['hi', ['दावा पत्र', 'सूचना पत्रक', 'उत्तर फ़ॉर्म', 'वित्तीय विवरण', '2026']],
    ] as const) {
      const translated = buildDocument('letter-of-claim', gb, locale)
      expect(translated.choice).toEqual({ locale, fallbackFrom: null })
      expect(translated.dates).toEqual(built.dates)
      const words = documentText(translated.model)
      for (const part of parts) expect(words, `${locale}: ${part}`).toContain(part)
      expect(words).not.toContain('Information Sheet')
    }
  })

  it('a demand letter needs statutory figures and adds interest and compensation to the principal', () => {
    expect(() => buildDocument('demand-letter', US)).toThrow(
      expect.objectContaining({ code: 'document_not_applicable' }),
    )
    const gb: DocumentFacts = {
      ...US,
      collector: { ...US.collector, isAgency: false },
      account: { ...US.account, jurisdiction: 'GB', currency: 'GBP', debtKind: 'commercial' },
      statutory: {
        regime: 'GB',
        interestFrom: '2026-02-02',
        to: '2026-11-20',
        ratePercent: '11.75',
        interestMinor: 4_829,
        compensation: { minor: 7_000, currency: 'GBP' },
        citations: ['Late Payment of Commercial Debts (Interest) Act 1998'],
      },
    }
    const text = documentText(buildDocument('demand-letter', gb).model)
    expect(text).toContain(
      'Statutory interest at 11.75% a year from 2 February 2026 to 20 November 2026 £48.29',
    )
    expect(text).toContain('Fixed compensation for late payment £70.00')
    expect(text).toContain('Total claimed £1,008.29')
    expect(text).toContain('Please pay £1,008.29 by 4 December 2026')
  })

  it('an NI Act s.138 notice: 15 days to pay, and refused after the 30-day notice window', () => {
    const india: DocumentFacts = {
      ...US,
      collector: { ...US.collector, isAgency: false },
      debtor: { ...US.debtor, preferredLanguage: 'hi' },
      account: { ...US.account, jurisdiction: 'IN', currency: 'INR', debtKind: 'commercial' },
      cheque: {
        number: '004512',
        date: '2026-10-01',
        bank: 'State Bank of India',
        amountMinor: 12_345_600,
        presentedOn: '2026-10-20',
        bankInformedOn: '2026-10-25',
        returnReason: 'Funds insufficient',
      },
      mailingDate: '2026-11-10',
    }
    const built = buildDocument('ni-act-notice', india)
    expect(built.choice.locale).toBe('hi')
    expect(built.dates.noticeBy).toBe('2026-11-24')
    const text = documentText(built.model)
    expect(text).toContain('15 दिनों के भीतर')
    expect(text).toContain('₹1,23,456.00')
    expect(text).toContain('004512')
    const arabic = buildDocument('ni-act-notice', india, 'ar')
    expect(arabic.choice).toEqual({ locale: 'ar', fallbackFrom: null })
    expect(documentText(arabic.model)).toContain('خلال 15 يومًا')
    expect(documentText(arabic.model)).toContain('004512')
    expect(() => buildDocument('ni-act-notice', { ...india, mailingDate: '2026-11-25' })).toThrow(
      expect.objectContaining({ code: 'document_not_applicable' }),
    )
    expect(() => buildDocument('ni-act-notice', { ...india, cheque: null })).toThrow(
      expect.objectContaining({ code: 'missing_document_facts' }),
    )
  })

  it('a statement itemises every line with its running balance, in Hindi too', () => {
    const built = buildDocument('statement', { ...US, debtor: { ...US.debtor, preferredLanguage: 'hi' } })
    const table = built.model.blocks.find((b) => b.type === 'table')
    expect(table?.type === 'table' && table.rows.map((r) => r[3])).toEqual([
      '$1,000.00',
      '$1,050.00',
      '$1,075.00',
      '$1,090.00',
      '$890.00',
    ])
    expect(documentText(built.model)).toContain('खाता विवरण')
  })
})

describe('letters in Spanish, French and German', () => {
  it.each([
    ['es', 'Recordatorio de pago', '1 de febrero de 2026'],
    ['fr', 'Rappel de paiement', '1 février 2026'],
    ['de', 'Zahlungserinnerung', '1. Februar 2026'],
  ])('a %s reminder', (locale, title, due) => {
    const built = buildDocument('reminder', { ...US, debtor: { ...US.debtor, preferredLanguage: locale } })
    expect(built.choice).toEqual({ locale, fallbackFrom: null })
    expect(built.model.title).toBe(title)
    expect(documentText(built.model)).toContain(due)
  })

  it('a validation notice for a Spanish speaker falls back to English (no Spanish notice texts yet)', () => {
    const built = buildDocument('validation-notice', {
      ...US,
      debtor: { ...US.debtor, preferredLanguage: 'es' },
    })
    expect(built.choice).toEqual({ locale: 'en', fallbackFrom: 'es' })
  })
})
