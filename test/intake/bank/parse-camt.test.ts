import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../../src/core/errors/index.ts'
import { formatAmount } from '../../../src/core/money/money.ts'
import {
  indexCandidates,
  type MatchCandidate,
  matchBankCredit,
} from '../../../src/core/payments/match-payment.ts'
import { isPostableEntry, parseCamtStatement } from '../../../src/intake/bank/parse-camt.ts'

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/bank/${name}`, import.meta.url), 'utf8')
const NS = 'urn:iso:std:iso:20022:tech:xsd:camt.053.001.08'

/** A minimal camt.053 around the given <Ntry> elements. */
function camt053(entries: string[], { ns = NS, ccy = 'EUR' } = {}): string {
  return `<?xml version="1.0"?><Document xmlns="${ns}"><BkToCstmrStmt>
<GrpHdr><MsgId>M1</MsgId><CreDtTm>2024-03-15T10:00:00</CreDtTm></GrpHdr>
<Stmt><Id>S1</Id><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>${ccy}</Ccy></Acct>
${entries.join('\n')}</Stmt></BkToCstmrStmt></Document>`
}

/** One booked entry; `inner` goes after AcctSvcrRef (NtryDtls, dates). */
function ntry(
  amount: string,
  { ccy = 'EUR', cd = 'CRDT', ref = 'R1', sts = '<Cd>BOOK</Cd>', inner = '' } = {},
) {
  const refXml = ref ? `<AcctSvcrRef>${ref}</AcctSvcrRef>` : ''
  return `<Ntry><Amt Ccy="${ccy}">${amount}</Amt><CdtDbtInd>${cd}</CdtDbtInd><Sts>${sts}</Sts>${refXml}${inner}</Ntry>`
}

const tx = (amount: string, refs: string, extra = '') =>
  `<TxDtls><Refs>${refs}</Refs><Amt Ccy="EUR">${amount}</Amt>${extra}</TxDtls>`

function problemsOf(xml: string): { path: string; message: string }[] {
  try {
    parseCamtStatement(xml, 'test.xml')
  } catch (error) {
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('invalid_bank_statement')
    return ((error as AppError).details as { problems?: { path: string; message: string }[] }).problems ?? []
  }
  throw new Error('expected the statement to be rejected')
}

function errorOf(xml: string): AppError {
  try {
    parseCamtStatement(xml, 'test.xml')
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error('expected the statement to be rejected')
}

describe('parseCamtStatement: the hand-written camt.053.001.08', () => {
  const statement = parseCamtStatement(fixture('camt053-handwritten.xml'), 'camt053-handwritten.xml')
  const [stmt] = statement.statements
  const entries = stmt?.entries ?? []

  it('reads the header and the account', () => {
    expect(statement).toMatchObject({ message: 'camt.053', version: 8, messageId: 'STMT-20240315-0001' })
    expect(stmt).toMatchObject({ id: 'DE89-2024-074', iban: 'DE89370400440532013000', currency: 'EUR' })
    expect(entries).toHaveLength(8)
  })

  it.each([
    [0, 15000, 'CRDT', false, 'BOOK', ['CBK-20240315-000101']],
    [1, 8990, 'CRDT', false, 'BOOK', ['CBK-20240315-000102']],
    [2, 125000, 'CRDT', false, 'BOOK', ['CBK-20240315-000103']],
    [3, 12000, 'CRDT', false, 'BOOK', ['CBK-20240315-000104']],
    [4, 1250, 'DBIT', false, 'BOOK', ['CBK-20240315-000105']],
    [5, 7500, 'DBIT', true, 'BOOK', ['CBK-20240315-000106']],
    [6, 4000, 'CRDT', false, 'PDNG', ['CBK-20240315-000107']],
    [7, 30000, 'CRDT', false, 'BOOK', ['CBK-20240315-000108-1', 'CBK-20240315-000108-2']],
  ])('Ntry[%i]: %i minor, %s, reversal %s, %s', (i, minor, cd, reversal, status, ids) => {
    const entry = entries[i]
    expect(entry).toMatchObject({ amountMinor: minor, currency: 'EUR', creditDebit: cd, reversal, status })
    expect(entry?.transactions.map((t) => t.bankTransactionId)).toEqual(ids)
  })

  it('reads remittance, parties, dates and the chargeback reason', () => {
    expect(entries[0]?.transactions[0]).toMatchObject({
      endToEndId: 'SCHMIDT-2024-03',
      remittance: { structuredReference: 'RF68ACC1001', unstructured: [] },
      debtorName: 'Anna Schmidt',
      debtorIban: 'DE02120300000000202051',
    })
    expect(entries[1]?.transactions[0]?.endToEndId).toBeUndefined() // NOTPROVIDED is no id
    expect(entries[2]).toMatchObject({ bookingDate: '2024-03-15', valueDate: '2024-03-18' })
    expect(entries[5]?.transactions[0]).toMatchObject({ returnReason: 'MD06', endToEndId: 'DD-2024-02-7781' })
    expect(entries.map(isPostableEntry)).toEqual([true, true, true, true, true, true, false, true])
  })

  it('imports and matches against open accounts', () => {
    const accounts: MatchCandidate[] = [
      ['A1', 'INV-10001', 'Anna Schmidt', 15000, 'RF68ACC1001'],
      ['A2', 'INV-10042', 'Bäckerei Hoffmann KG', 8990],
      ['A3', 'INV-10077', 'Müller Bau GmbH', 125000],
      ['A4', 'INV-10100', 'Jean Dupont SARL', 50000],
      ['A5', 'INV-10200', 'Nordwind Logistik AG', 10000, 'RF18ACC5005'],
      ['A6', 'INV-10300', 'Nordwind Logistik AG', 20000],
    ].map(([accountId, externalId, debtorName, balanceMinor, paymentReference]) => ({
      accountId: String(accountId),
      externalId: String(externalId),
      debtorName: String(debtorName),
      balanceMinor: Number(balanceMinor),
      currency: 'EUR',
      ...(paymentReference ? { paymentReference: String(paymentReference) } : {}),
    }))
    const index = indexCandidates(accounts)
    const results = entries
      .filter((e) => isPostableEntry(e) && e.creditDebit === 'CRDT' && !e.reversal)
      .flatMap((e) => e.transactions)
      .map((t) => {
        const credit = { ...t, ...t.remittance }
        const result = matchBankCredit(credit, index)
        return result.status === 'matched'
          ? [result.accountId, result.rule]
          : ['-', result.suggestions[0]?.accountId]
      })
    expect(results).toEqual([
      ['A1', 'structured_reference'],
      ['A2', 'invoice_number'],
      ['A3', 'name_and_amount'],
      ['-', 'A4'],
      ['A5', 'structured_reference'],
      ['A6', 'invoice_number'],
    ])
  })
})

describe('parseCamtStatement: the hand-written camt.054.001.02', () => {
  it('reads the older layout (code status, Dbtr/Nm, AmtDtls/TxAmt, BookgDt/DtTm)', () => {
    const statement = parseCamtStatement(fixture('camt054-handwritten.xml'), 'camt054-handwritten.xml')
    expect(statement).toMatchObject({ message: 'camt.054', version: 2, messageId: 'NTF-20240316-0009' })
    expect(statement.statements[0]?.entries[0]).toMatchObject({
      amountMinor: 6400,
      status: 'BOOK',
      bookingDate: '2024-03-16',
      transactions: [
        {
          bankTransactionId: 'CBK-20240316-000901', // the entry's AcctSvcrRef beats the TxId
          endToEndId: 'E2E-5521',
          amountMinor: 6400,
          debtorName: 'Lena Fischer',
          remittance: { structuredReference: 'RF90ACC7007' },
        },
      ],
    })
  })
})

describe('parseCamtStatement: rejected files', () => {
  it.each([
    ['camt053-malformed.xml', /malformed XML at line 10, column 5: Expected closing tag 'Stmt'/],
    ['camt053-wrong-namespace.xml', /namespace "urn:iso:std:iso:20022:tech:xsd:pain\.001\.001\.09"/],
    [
      'camt053-three-decimals.xml',
      /Stmt\[0\]\/Ntry\[1\]\/Amt: "10\.001" has more than 2 decimal places for EUR/,
    ],
    [
      'camt053-duplicate-ref.xml',
      /duplicate bank transaction id "CBK-DUP-0001" at Stmt\[0\]\/Ntry\[0\], Stmt\[0\]\/Ntry\[2\]/,
    ],
  ])('%s', (name, message) => {
    expect(() => parseCamtStatement(fixture(name), name)).toThrow(message)
  })

  it.each([
    ['camt.053.001.01', 'urn:iso:std:iso:20022:tech:xsd:camt.053.001.01'],
    ['camt.053.001.09', 'urn:iso:std:iso:20022:tech:xsd:camt.053.001.09'],
    ['camt.052', 'urn:iso:std:iso:20022:tech:xsd:camt.052.001.08'],
    ['no namespace', ''],
  ])('rejects %s naming what it found', (_label, ns) => {
    const error = errorOf(camt053([ntry('1.00')], { ns }).replace(' xmlns=""', ''))
    expect(error.message).toContain(ns ? `namespace "${ns}"` : 'no namespace')
    expect(error.details).toMatchObject({ fileName: 'test.xml' })
  })

  it.each([
    ['an empty file', '', /malformed XML/],
    ['a DOCTYPE', '<!DOCTYPE x [<!ENTITY a "b">]><Document/>', /DOCTYPE is not allowed/],
    ['another root element', `<Statement xmlns="${NS}"/>`, /found <Statement>/],
    ['camt.054 namespace over a statement', camt053([]).replace('053.001.08', '054.001.08'), /no Ntfctn/],
  ])('rejects %s', (_label, xml, message) => {
    expect(() => parseCamtStatement(xml, 'test.xml')).toThrow(message)
  })

  it.each([
    ['an unknown currency', ntry('1.00', { ccy: 'EUX' }), 'Stmt[0]/Ntry[0]/Amt', 'not an ISO 4217 code'],
    ['a negative amount', ntry('-5.00'), 'Stmt[0]/Ntry[0]/Amt', 'not an unsigned decimal'],
    ['a comma', ntry('1,000.00'), 'Stmt[0]/Ntry[0]/Amt', 'not an unsigned decimal'],
    ['decimals in JPY', ntry('100.5', { ccy: 'JPY' }), 'Stmt[0]/Ntry[0]/Amt', 'more than 0 decimal places'],
    ['another currency than the account', ntry('1.00', { ccy: 'USD' }), 'Stmt[0]/Ntry[0]/Amt', 'in USD but'],
    ['no credit/debit flag', ntry('1.00', { cd: 'CRED' }), 'Stmt[0]/Ntry[0]/CdtDbtInd', 'CRDT or DBIT'],
    ['an unknown status', ntry('1.00', { sts: '<Cd>DONE</Cd>' }), 'Stmt[0]/Ntry[0]/Sts', '"DONE"'],
    ['no id at all', ntry('1.00', { ref: '' }), 'Stmt[0]/Ntry[0]', 'no AcctSvcrRef, TxId or EndToEndId'],
    [
      'only a NOTPROVIDED end-to-end id',
      ntry('1.00', {
        ref: '',
        inner: `<NtryDtls>${tx('1.00', '<EndToEndId>NOTPROVIDED</EndToEndId>')}</NtryDtls>`,
      }),
      'Stmt[0]/Ntry[0]/NtryDtls[0]/TxDtls[0]',
      'no AcctSvcrRef',
    ],
    [
      'an impossible date',
      ntry('1.00', { inner: '<BookgDt><Dt>2024-02-30</Dt></BookgDt>' }),
      'Stmt[0]/Ntry[0]/BookgDt',
      'not a real',
    ],
    [
      'transactions that do not add up',
      ntry('300.00', {
        inner: `<NtryDtls>${tx('100.00', '<TxId>T1</TxId>')}${tx('150.00', '<TxId>T2</TxId>')}</NtryDtls>`,
      }),
      'Stmt[0]/Ntry[0]/Amt',
      "differs from its transactions' sum 25000",
    ],
    [
      'a transaction in another currency',
      ntry('1.00', {
        inner: '<NtryDtls><TxDtls><Refs><TxId>T1</TxId></Refs><Amt Ccy="USD">1.00</Amt></TxDtls></NtryDtls>',
      }),
      'Stmt[0]/Ntry[0]/NtryDtls[0]/TxDtls[0]/Amt',
      'the entry is in EUR',
    ],
    [
      'a batch transaction without amount',
      ntry('2.00', {
        inner: `<NtryDtls><TxDtls><Refs><TxId>T1</TxId></Refs></TxDtls>${tx('2.00', '<TxId>T2</TxId>')}</NtryDtls>`,
      }),
      'Stmt[0]/Ntry[0]/NtryDtls[0]/TxDtls[0]/Amt',
      'missing in a batch',
    ],
    [
      'a repeated id inside a batch',
      ntry('2.00', {
        inner: `<NtryDtls>${tx('1.00', '<TxId>T1</TxId>')}${tx('1.00', '<TxId>T1</TxId>')}</NtryDtls>`,
      }),
      'Stmt[0]/Ntry[0]',
      'duplicate bank transaction id "T1"',
    ],
  ])('reports %s with its path', (_label, entry, path, message) => {
    const problems = problemsOf(camt053([ntry('9.99', { ref: 'GOOD' }), entry]))
    const shifted = path.replace('Ntry[0]', 'Ntry[1]')
    expect(problems).toContainEqual({ path: shifted, message: expect.stringContaining(message) })
  })

  it('collects every problem of the file in one error', () => {
    const xml = camt053([
      ntry('1.001', { ref: 'A' }),
      ntry('2.00', { ccy: 'XXQ', ref: 'B' }),
      ntry('3.00', { ref: 'A' }),
    ])
    const error = errorOf(xml)
    expect(error.message).toMatch(/^test\.xml: 3 problem\(s\), nothing imported: Stmt\[0\]\/Ntry\[0\]\/Amt/)
    expect((error.details as { problems: unknown[] }).problems).toHaveLength(3)
  })
})

describe('parseCamtStatement: what is accepted', () => {
  it.each(['02', '03', '04', '05', '06', '07', '08'])('camt.053.001.%s and camt.054.001.%s', (v) => {
    expect(parseCamtStatement(camt053([ntry('1.00')], { ns: NS.replace('08', v) }), 'x').version).toBe(
      Number(v),
    )
    const notification = camt053([ntry('1.00')], { ns: NS.replace('053.001.08', `054.001.${v}`) })
      .replace(/BkToCstmrStmt/g, 'BkToCstmrDbtCdtNtfctn')
      .replace(/Stmt>/g, 'Ntfctn>')
    expect(parseCamtStatement(notification, 'x').statements[0]?.entries).toHaveLength(1)
  })

  it.each([
    ['JPY', '1500', 1500],
    ['KWD', '1.250', 1250],
    ['EUR', '10.000', 1000],
    ['EUR', '0.5', 50],
  ])('%s %s is %i minor units', (ccy, amount, minor) => {
    expect(
      parseCamtStatement(camt053([ntry(amount, { ccy })], { ccy }), 'x').statements[0]?.entries[0]
        ?.amountMinor,
    ).toBe(minor)
  })

  it('reads a prefixed document, a byte-order mark, entities and opposite-sign batch lines', () => {
    const inner = `<NtryDtls>${tx('10.00', '<TxId>T1</TxId>', '<RmtInf><Ustrd>A &amp; B</Ustrd></RmtInf>')}${tx('2.00', '<TxId>T2</TxId>', '<CdtDbtInd>DBIT</CdtDbtInd>')}</NtryDtls>`
    const plain = camt053([ntry('8.00', { inner })])
    const prefixed = `\uFEFF${plain.replace(/<(\/?)(?!\?)/g, '<$1c:').replace(`xmlns="${NS}"`, `xmlns:c="${NS}"`)}`
    const entry = parseCamtStatement(prefixed, 'x').statements[0]?.entries[0]
    expect(entry?.transactions.map((t) => [t.bankTransactionId, t.amountMinor])).toEqual([
      ['T1', 1000],
      ['T2', 200],
    ])
    expect(entry?.transactions[0]?.remittance.unstructured).toEqual(['A & B'])
  })

  it('round-trips any amount exactly through the XML text', () => {
    fc.assert(
      fc.property(fc.constantFrom('EUR', 'JPY', 'KWD', 'CLF'), fc.nat({ max: 2 ** 50 }), (ccy, minor) => {
        const xml = camt053([ntry(formatAmount(minor, ccy), { ccy })], { ccy })
        expect(parseCamtStatement(xml, 'x').statements[0]?.entries[0]?.amountMinor).toBe(minor)
      }),
    )
  })
})
