import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type BankCredit,
  creditorReferenceFor,
  indexCandidates,
  isValidCreditorReference,
  type MatchCandidate,
  matchBankCredit,
  nameKey,
} from '../../../src/core/payments/match-payment.ts'

const account = (over: Partial<MatchCandidate> & { accountId: string }): MatchCandidate => ({
  externalId: `EXT-${over.accountId}`,
  debtorName: `Debtor ${over.accountId}`,
  balanceMinor: 10000,
  currency: 'EUR',
  ...over,
})
const credit = (over: Partial<BankCredit> = {}): BankCredit => ({
  amountMinor: 10000,
  currency: 'EUR',
  unstructured: [],
  ...over,
})

const BOOK = [
  account({ accountId: 'a1', externalId: 'INV-10042', debtorName: 'Müller Bau GmbH', balanceMinor: 125000 }),
  account({
    accountId: 'a2',
    externalId: 'INV-100421',
    debtorName: 'Anna Schmidt',
    paymentReference: 'RF68ACC1001',
  }),
  account({ accountId: 'a3', externalId: 'ACC 77 B', debtorName: 'Jean Dupont SARL', balanceMinor: 50000 }),
  account({ accountId: 'a4', externalId: 'INV-20001', debtorName: 'Søren Ærø A/S', currency: 'DKK' }),
  account({ accountId: 'a5', externalId: 'SHARED-1', debtorName: 'Client One' }),
  account({ accountId: 'a6', externalId: 'SHARED-1', debtorName: 'Client Two' }),
  account({ accountId: 'a7', externalId: '12', debtorName: 'Tiny Number', balanceMinor: 1 }),
]
const INDEX = indexCandidates(BOOK)

describe('creditor references (ISO 11649)', () => {
  it.each([
    ['RF18539007547034', true], // the standard's own example
    ['RF18 5390 0754 7034', true],
    ['rf18539007547034', true],
    ['RF18539007547035', false],
    ['RF19539007547034', false],
    ['RF18', false],
    ['RF1853900754703412345678901', false], // 23 characters after the check digits
    ['XX18539007547034', false],
    ['RF18-5390-0754-7034', false],
    ['', false],
  ])('%s is valid: %s', (text, valid) => {
    expect(isValidCreditorReference(text)).toBe(valid)
  })

  it.each([
    ['539007547034', 'RF18539007547034'],
    ['ACC1001', 'RF68ACC1001'],
    ['acc 1001', 'RF68ACC1001'],
    ['1', 'RF741'],
    ['ACC2002', 'RF07ACC2002'], // check digits below 10 keep their leading zero
  ])('creditorReferenceFor(%s) is %s', (key, ref) => {
    expect(creditorReferenceFor(key)).toBe(ref)
  })

  it.each(['', 'A-1', 'ÄÖ', '1234567890123456789012'])('refuses the key %j', (key) => {
    expect(() => creditorReferenceFor(key)).toThrow(RangeError)
  })

  const key = fc.string({
    unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'),
    minLength: 1,
    maxLength: 21,
  })

  it('generates a valid reference for any key', () => {
    fc.assert(fc.property(key, (k) => isValidCreditorReference(creditorReferenceFor(k))))
  })

  // Mod 97 catches every single substitution within a character class (digit for digit, letter for
  // letter); a letter for a digit changes the number's length and is only caught 96 times in 97.
  it('rejects a reference with any one character changed', () => {
    fc.assert(
      fc.property(key, fc.nat(), fc.nat(), (k, at, by) => {
        const ref = creditorReferenceFor(k)
        const i = at % ref.length
        const ch = ref[i] ?? ''
        const alphabet = /\d/.test(ch) ? '0123456789' : 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
        const other = alphabet[(alphabet.indexOf(ch) + 1 + (by % (alphabet.length - 1))) % alphabet.length]
        expect(isValidCreditorReference(ref.slice(0, i) + other + ref.slice(i + 1))).toBe(false)
      }),
    )
  })
})

describe('matchBankCredit: the rules', () => {
  it.each<[string, Partial<BankCredit>, string, string]>([
    ['an issued RF reference', { structuredReference: 'RF68ACC1001' }, 'a2', 'structured_reference'],
    [
      'an RF reference printed in groups',
      { structuredReference: 'rf68 acc1 001' },
      'a2',
      'structured_reference',
    ],
    [
      'an RF reference beats an invoice number',
      { structuredReference: 'RF68ACC1001', unstructured: ['INV-10042'] },
      'a2',
      'structured_reference',
    ],
    ['an invoice number in the text', { unstructured: ['Rechnung INV-10042 danke'] }, 'a1', 'invoice_number'],
    [
      'an invoice number in other case and punctuation',
      { unstructured: ['re: (inv-10042).'] },
      'a1',
      'invoice_number',
    ],
    [
      'an invoice number split over two lines',
      { unstructured: ['pay INV-10', '042'] },
      'a1',
      'invoice_number',
    ],
    ['a number with spaces', { unstructured: ['ref acc 77 b thanks'] }, 'a3', 'invoice_number'],
    [
      'a non-RF structured reference holding the invoice',
      { structuredReference: 'INV-100421' },
      'a2',
      'invoice_number',
    ],
    ['name and amount', { debtorName: 'MULLER BAU', amountMinor: 125000 }, 'a1', 'name_and_amount'],
    [
      'name in another order and with a suffix',
      { debtorName: 'dupont, jean sarl', amountMinor: 50000 },
      'a3',
      'name_and_amount',
    ],
    ['folded letters', { debtorName: 'soren aero', currency: 'DKK' }, 'a4', 'name_and_amount'],
    [
      'an RF reference whatever the amount',
      { structuredReference: 'RF68ACC1001', amountMinor: 999999 },
      'a2',
      'structured_reference',
    ],
  ])('matches %s', (_label, over, accountId, rule) => {
    expect(matchBankCredit(credit(over), INDEX)).toMatchObject({ status: 'matched', accountId, rule })
  })

  it.each<[string, Partial<BankCredit>]>([
    ['an invoice number inside a longer token', { unstructured: ['INV-1004217'] }],
    ['a shorter prefix of an invoice number', { unstructured: ['INV-1004'] }],
    ['an invoice number shorter than 3 characters', { unstructured: ['order 12'], amountMinor: 5 }],
    ['an RF reference with a bad check', { structuredReference: 'RF69ACC1001' }],
    ['an RF reference issued for nobody', { structuredReference: creditorReferenceFor('NOBODY') }],
    ['an invoice number two accounts share', { unstructured: ['SHARED-1'] }],
    ['two invoice numbers in one payment', { unstructured: ['INV-10042 INV-100421'] }],
    ['the right name but another amount', { debtorName: 'Müller Bau', amountMinor: 100000 }],
    ['the right amount but another name', { debtorName: 'Hans Meier', amountMinor: 125000 }],
    ['a name that is only a legal suffix', { debtorName: 'GmbH' }],
  ])('does not match %s', (_label, over) => {
    expect(matchBankCredit(credit(over), INDEX).status).toBe('unmatched')
  })

  it('never matches across currencies, and says so', () => {
    for (const over of [
      { structuredReference: 'RF68ACC1001' },
      { unstructured: ['INV-10042'] },
      { debtorName: 'Müller Bau', amountMinor: 125000 },
    ]) {
      const result = matchBankCredit(credit({ ...over, currency: 'CHF' }), INDEX)
      expect(result.status).toBe('unmatched')
      if (result.status === 'unmatched') expect(result.suggestions[0]?.reason).toContain('currency differs')
    }
  })

  it('stops at a conflicting stronger rule instead of trusting a weaker one', () => {
    const book = [
      account({ accountId: 'usd', paymentReference: creditorReferenceFor('K1'), currency: 'USD' }),
      account({ accountId: 'eur', externalId: 'INV-555' }),
    ]
    const result = matchBankCredit(
      credit({ structuredReference: creditorReferenceFor('K1'), unstructured: ['INV-555'] }),
      book,
    )
    expect(result).toMatchObject({
      status: 'unmatched',
      suggestions: [{ accountId: 'eur' }, { accountId: 'usd' }],
    })
  })
})

describe('matchBankCredit: suggestions', () => {
  it('ranks at most three, best first, each with a score and a reason', () => {
    const book = [
      account({
        accountId: 'near',
        externalId: 'INV-10100',
        debtorName: 'Jean Dupont SARL',
        balanceMinor: 50000,
      }),
      account({ accountId: 'name', externalId: 'X-1', debtorName: 'Jean Dupond', balanceMinor: 9000 }),
      account({ accountId: 'amount', externalId: 'X-2', debtorName: 'Other Person', balanceMinor: 12000 }),
      account({
        accountId: 'usd',
        externalId: 'X-3',
        debtorName: 'Jean Dupont',
        balanceMinor: 12000,
        currency: 'USD',
      }),
      account({ accountId: 'none', externalId: 'X-4', debtorName: 'Nobody Here', balanceMinor: 777 }),
    ]
    const result = matchBankCredit(
      credit({ amountMinor: 12000, debtorName: 'DUPONT JEAN', unstructured: ['acompte dossier 10100'] }),
      indexCandidates(book),
    )
    expect(result.status).toBe('unmatched')
    if (result.status !== 'unmatched') return
    expect(result.suggestions.map((s) => s.accountId)).toEqual(['near', 'name', 'usd'])
    expect(result.suggestions[0]?.reason).toBe(
      'reference fragment in remittance; debtor name similar (1.00); amount is 24% of balance',
    )
    const scores = result.suggestions.map((s) => s.score)
    expect(scores).toEqual([...scores].sort((a, b) => b - a))
    expect(result.suggestions[2]?.reason).toContain('currency differs')
    expect(matchBankCredit(credit({ debtorName: 'Jean' }), book, { maxSuggestions: 1 })).toMatchObject({
      suggestions: [{ accountId: 'name' }],
    })
  })

  it('suggests nothing when nothing resembles the credit', () => {
    expect(matchBankCredit(credit({ amountMinor: 31415, debtorName: 'Zyx Qwv' }), INDEX)).toEqual({
      status: 'unmatched',
      suggestions: [],
    })
  })
})

describe('matchBankCredit: properties', () => {
  const candidate = fc.record({
    key: fc.string({ unit: fc.constantFrom(...'ABCDEFGHJK0123456789'), minLength: 1, maxLength: 8 }),
    externalId: fc.string({ minLength: 1, maxLength: 12 }),
    debtorName: fc.string({ maxLength: 20 }),
    balanceMinor: fc.integer({ min: 1, max: 10_000_000 }),
    currency: fc.constantFrom('EUR', 'USD'),
  })

  it('a credit quoting the reference issued for an account always matches that account', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(candidate, { minLength: 1, maxLength: 30, selector: (c) => c.key }),
        fc.nat(),
        fc.array(fc.string(), { maxLength: 3 }),
        fc.nat({ max: 10_000_000 }),
        (raw, pick, text, amount) => {
          const book = raw.map((c, i) => ({
            ...c,
            accountId: `acc-${i}`,
            paymentReference: creditorReferenceFor(c.key),
          }))
          const target = book[pick % book.length]!
          const result = matchBankCredit(
            credit({
              amountMinor: amount,
              currency: target.currency,
              structuredReference: target.paymentReference,
              unstructured: text,
              debtorName: book[0]?.debtorName,
            }),
            indexCandidates(book),
          )
          expect(result).toEqual({
            status: 'matched',
            accountId: target.accountId,
            rule: 'structured_reference',
            confidence: 1,
          })
        },
      ),
    )
  })

  it('the name key ignores case, accents, word order and legal suffixes', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z]{1,8}$/), { minLength: 1, maxLength: 4 }), (words) => {
        const plain = nameKey(words.join(' '))
        expect(nameKey(`${[...words].reverse().join('  ').toUpperCase()} GmbH`)).toBe(plain)
      }),
    )
  })
})

describe('matchBankCredit: scale', () => {
  it('matches 2,000 credits against 10,000 indexed accounts quickly', () => {
    const book = Array.from({ length: 10_000 }, (_, i) =>
      account({
        accountId: `a${i}`,
        externalId: `INV-${100000 + i}`,
        debtorName: `Debtor ${i % 500} Ltd`,
        balanceMinor: 1000 + (i % 300) * 10,
        paymentReference: creditorReferenceFor(`K${i}`),
      }),
    )
    const started = performance.now()
    const index = indexCandidates(book)
    let matched = 0
    for (let i = 0; i < 2000; i++) {
      const over =
        i % 3 === 0
          ? { structuredReference: creditorReferenceFor(`K${i}`) }
          : i % 3 === 1
            ? { unstructured: [`payment INV-${100000 + i}`] }
            : { debtorName: `Debtor ${i % 500}`, amountMinor: 7 }
      if (matchBankCredit(credit(over), index).status === 'matched') matched++
    }
    expect(matched).toBe(1334)
    expect(performance.now() - started).toBeLessThan(5000)
  })
})
