import { readdirSync, readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../../src/core/errors/index.ts'
import { formatAmount } from '../../../src/core/money/money.ts'
import {
  indexCandidates,
  type MatchCandidate,
  matchBankCredit,
} from '../../../src/core/payments/match-payment.ts'
import {
  type CamtEntry,
  decodeCamtBytes,
  isPostableEntry,
  parseCamtStatement,
} from '../../../src/intake/bank/parse-camt.ts'

const FIXTURES = new URL('../../fixtures/bank/', import.meta.url)
const fixture = (name: string) => decodeCamtBytes(readFileSync(new URL(name, FIXTURES)), name)
const NS = 'urn:iso:std:iso:20022:tech:xsd:camt.053.001.08'
const IBAN = 'DE89370400440532013000'

/** A minimal camt.053 around the given <Ntry> elements; `stmt` goes after the statement's Id. */
function camt053(entries: string[], { ns = NS, ccy = 'EUR', id = '<Id>S1</Id>', stmt = '' } = {}): string {
  return `<?xml version="1.0"?><Document xmlns="${ns}"><BkToCstmrStmt>
<GrpHdr><MsgId>M1</MsgId><CreDtTm>2026-03-15T10:00:00</CreDtTm></GrpHdr>
<Stmt>${id}${stmt}<Acct><Id><IBAN>${IBAN}</IBAN></Id><Ccy>${ccy}</Ccy></Acct>
${entries.join('\n')}</Stmt></BkToCstmrStmt></Document>`
}

/** One booked entry; `inner` goes after AcctSvcrRef (NtryDtls, dates). */
function ntry(
  amount: string,
  {
    ccy = 'EUR',
    cd = 'CRDT',
    ref = 'R1',
    sts = '<Cd>BOOK</Cd>',
    date = '<BookgDt><Dt>2026-03-15</Dt></BookgDt>',
    inner = '',
  } = {},
) {
  const refXml = ref ? `<AcctSvcrRef>${ref}</AcctSvcrRef>` : ''
  return `<Ntry><Amt Ccy="${ccy}">${amount}</Amt><CdtDbtInd>${cd}</CdtDbtInd><Sts>${sts}</Sts>${date}${refXml}${inner}</Ntry>`
}

const tx = (amount: string, refs: string, extra = '') =>
  `<TxDtls><Refs>${refs}</Refs><Amt Ccy="EUR">${amount}</Amt>${extra}</TxDtls>`
const details = (...txs: string[]) => `<NtryDtls>${txs.join('')}</NtryDtls>`

const entriesOf = (xml: string): CamtEntry[] =>
  parseCamtStatement(xml, 'test.xml').statements.flatMap((s) => s.entries)
/** The second entry of a statement whose first entry is a good one. */
const secondEntry = (entry: string): CamtEntry => {
  const [good, other] = entriesOf(camt053([ntry('9.99', { ref: 'GOOD' }), entry]))
  expect(good?.rejected).toEqual([])
  expect(good?.review).toEqual([])
  return other as CamtEntry
}
const idsOf = (entry: CamtEntry | undefined) => entry?.transactions.map((t) => t.bankTransactionId)

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
  const ref = (r: string) => `${IBAN}|ref ${r}`

  it('reads the header and the account', () => {
    expect(statement).toMatchObject({ message: 'camt.053', version: 8, messageId: 'STMT-20240315-0001' })
    expect(stmt).toMatchObject({ id: 'DE89-2024-074', iban: IBAN, currency: 'EUR' })
    expect(entries).toHaveLength(8)
  })

  it.each([
    [1, 15000, 'CRDT', false, 'BOOK', [ref('CBK-20240315-000101')]],
    [2, 8990, 'CRDT', false, 'BOOK', [ref('CBK-20240315-000102')]],
    [3, 125000, 'CRDT', false, 'BOOK', [ref('CBK-20240315-000103')]],
    [4, 12000, 'CRDT', false, 'BOOK', [ref('CBK-20240315-000104')]],
    [5, 1250, 'DBIT', false, 'BOOK', [ref('CBK-20240315-000105')]],
    [6, 7500, 'DBIT', true, 'BOOK', [ref('CBK-20240315-000106')]],
    [7, 4000, 'CRDT', false, 'PDNG', [ref('CBK-20240315-000107')]],
    [8, 30000, 'CRDT', false, 'BOOK', [ref('CBK-20240315-000108-1'), ref('CBK-20240315-000108-2')]],
  ])('Ntry[%i]: %i minor, %s, reversal %s, %s', (position, minor, cd, reversal, status, ids) => {
    const entry = entries[position - 1]
    expect(entry).toMatchObject({
      position,
      path: `Stmt[1]/Ntry[${position}]`,
      amountMinor: minor,
      currency: 'EUR',
      creditDebit: cd,
      reversal,
      status,
      rejected: [],
      review: [],
    })
    expect(idsOf(entry)).toEqual(ids)
    expect(entry?.transactions.every((t) => t.identity === 'bank_reference')).toBe(true)
  })

  it('reads remittance, parties, dates and the chargeback reason', () => {
    expect(entries[0]?.transactions[0]).toMatchObject({
      endToEndId: 'SCHMIDT-2024-03',
      remittance: { structuredReference: 'RF68ACC1001', unstructured: [] },
      debtorName: 'Anna Schmidt',
      debtorIban: 'DE02120300000000202051',
      bankTransactionCode: 'PMNT/RCDT/ESCT',
    })
    expect(entries[1]?.transactions[0]?.endToEndId).toBeUndefined() // NOTPROVIDED is no id
    expect(entries[2]).toMatchObject({
      bookingDate: '2024-03-15',
      valueDate: '2024-03-18',
      date: '2024-03-15',
    })
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

describe('parseCamtStatement: the test corpus', () => {
  const files = readdirSync(FIXTURES).filter((f) => /^camt05[34]-v0\d-/.test(f))

  it('has every version and message the brief names', () => {
    expect(files.map((f) => f.slice(0, 11)).sort()).toEqual(
      [
        'camt053-v02',
        'camt053-v04',
        'camt053-v06',
        'camt053-v08',
        'camt054-v02',
        'camt054-v04',
        'camt054-v08',
      ].sort(),
    )
  })

  it.each(files)('%s parses, with its version, and every booked entry has an identity', (file) => {
    const statement = parseCamtStatement(fixture(file), file)
    expect(statement.message).toBe(`camt.${file.slice(4, 7)}`)
    expect(statement.version).toBe(Number(file.slice(9, 11)))
    for (const entry of statement.statements.flatMap((s) => s.entries)) {
      for (const t of entry.transactions)
        expect(t.bankTransactionId).toMatch(/^[A-Z]{2}\d{2}[A-Z0-9]+\|(ref|stmt|ntfctn) /)
    }
  })

  it('reads a latin-1 file as the declaration says', () => {
    const [, wagner] = parseCamtStatement(fixture('camt054-v02-german.xml'), 'x').statements[0]?.entries ?? []
    expect(wagner?.transactions[0]?.remittance.unstructured).toEqual(['K-4712 Überweisung für März'])
  })

  it('reads Belgian structured communications, QR and ESR references', () => {
    const belgian = parseCamtStatement(fixture('camt053-v02-belgian.xml'), 'x').statements[0]?.entries ?? []
    expect(belgian[0]?.transactions[0]?.remittance.structured).toEqual([
      { ref: '+++090/9337/55493+++', scheme: 'BE', normalized: '090933755493', type: 'SCOR', issuer: 'BBA' },
    ])
    expect(belgian[0]?.notes).toEqual([])
    const swiss = parseCamtStatement(fixture('camt054-v04-swiss.xml'), 'x').statements
    expect(swiss.map((s) => s.entries[0]?.transactions[0]?.remittance.structured[0]?.scheme)).toEqual([
      'QRR',
      'ISR',
      'QRR',
    ])
  })
})

describe('parseCamtStatement: files that cannot be read at all', () => {
  it.each([
    [
      'camt053-malformed.xml',
      /^camt053-malformed\.xml: malformed XML at line 10, column 5: Expected closing tag 'Stmt'/,
    ],
    ['camt053-wrong-namespace.xml', /namespace "urn:iso:std:iso:20022:tech:xsd:pain\.001\.001\.09"/],
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
    ['an empty document', ' ', /malformed XML/],
    ['a DOCTYPE', '<!DOCTYPE x [<!ENTITY a "b">]><Document/>', /DOCTYPE is not allowed/],
    ['another root element', `<Statement xmlns="${NS}"/>`, /found <Statement>/],
    ['camt.054 namespace over a statement', camt053([]).replace('053.001.08', '054.001.08'), /no Ntfctn/],
  ])('rejects %s', (_label, xml, message) => {
    expect(() => parseCamtStatement(xml, 'test.xml')).toThrow(message)
  })

  it.each([
    ['an empty file', new Uint8Array(), 'empty_file', /^x\.xml: the file is empty$/],
    ['binary data', Uint8Array.from([0x50, 0x4b, 3, 4, 0, 0, 0xff]), 'binary_file', /^x\.xml: binary data/],
    [
      'bytes that are not UTF-8',
      Uint8Array.from([...Buffer.from('<?xml version="1.0"?><a>'), 0xfc, ...Buffer.from('</a>')]),
      'invalid_encoding',
      /^x\.xml: the bytes are not valid UTF-8$/,
    ],
  ])('decodeCamtBytes refuses %s in one line', (_label, bytes, code, message) => {
    const error = (() => {
      try {
        decodeCamtBytes(bytes, 'x.xml')
      } catch (e) {
        return e as AppError
      }
    })()
    expect(error?.code).toBe(code)
    expect(error?.message).toMatch(message)
  })
})

describe('parseCamtStatement: a broken entry is rejected alone', () => {
  it.each([
    ['an unknown currency', ntry('1.00', { ccy: 'EUX' }), 'Amt', 'not an ISO 4217 code'],
    ['a negative amount', ntry('-5.00'), 'Amt', 'not an unsigned decimal'],
    ['a comma', ntry('1,000.00'), 'Amt', 'not an unsigned decimal'],
    ['three decimals in EUR', ntry('10.001'), 'Amt', '"10.001" has more than 2 decimal places for EUR'],
    ['no amount', ntry('').replace('<Amt Ccy="EUR"></Amt>', ''), 'Amt', 'amount is missing'],
    ['no credit/debit flag', ntry('1.00', { cd: 'CRED' }), 'CdtDbtInd', 'is not CRDT or DBIT'],
    ['an unknown status', ntry('1.00', { sts: '<Cd>DONE</Cd>' }), 'Sts', '"DONE"'],
    [
      'an impossible date',
      ntry('1.00', { date: '<BookgDt><Dt>2024-02-30</Dt></BookgDt>' }),
      'BookgDt',
      'not a real',
    ],
    [
      'the year 9999',
      ntry('1.00', { date: '<BookgDt><Dt>9999-12-31</Dt></BookgDt>' }),
      'BookgDt',
      'is outside the accepted dates',
    ],
    [
      'the year 0000 as value date',
      ntry('1.00', { date: '<ValDt><Dt>0000-01-01</Dt></ValDt>' }),
      'ValDt',
      '',
    ],
    [
      'the bank reference of another entry',
      ntry('2.00', { ref: 'GOOD' }),
      'AcctSvcrRef',
      'already used by Stmt[1]/Ntry[1]',
    ],
  ])('%s', (_label, xml, field, message) => {
    const entry = secondEntry(xml)
    expect(entry.rejected).toContainEqual({
      entry: 'Stmt[1]/Ntry[2]',
      field: `Stmt[1]/Ntry[2]/${field}`,
      message: expect.stringContaining(message),
    })
    expect(isPostableEntry(entry)).toBe(false)
  })

  it('an entry with no bank reference in a statement with no Id cannot be identified', () => {
    const [withRef, without] = entriesOf(camt053([ntry('1.00'), ntry('2.00', { ref: '' })], { id: '' }))
    expect(withRef?.rejected).toEqual([])
    expect(without?.rejected).toEqual([
      { entry: 'Stmt[1]/Ntry[2]', field: 'Stmt[1]/Id', message: expect.stringContaining('no statement Id') },
    ])
  })

  it('pending entries are never postable, whatever their state', () => {
    const [pending] = entriesOf(camt053([ntry('1.00', { sts: '<Cd>PDNG</Cd>' })]))
    expect(isPostableEntry(pending as CamtEntry)).toBe(false)
  })
})

describe('parseCamtStatement: details that disagree hold the entry for review at its own amount', () => {
  it.each([
    [
      'another currency than the account',
      ntry('1.00', { ccy: 'USD' }),
      'Amt',
      'in USD but the account is in EUR',
    ],
    [
      'transactions that do not add up',
      ntry('300.00', { inner: details(tx('100.00', ''), tx('150.00', '')) }),
      'Amt',
      'add up to 250.00 EUR, the entry is 300.00 EUR',
    ],
    [
      'a lone transaction of another amount',
      ntry('300.00', { inner: details(tx('100.00', '')) }),
      'Amt',
      'add up to 100.00 EUR',
    ],
    [
      'a lone transaction in another currency without exchange details',
      ntry('1.00', { inner: details('<TxDtls><Amt Ccy="USD">1.20</Amt></TxDtls>') }),
      'NtryDtls[1]/TxDtls[1]/Amt',
      'is 1.20 USD and no exchange details give its value in EUR',
    ],
    [
      'a batch transaction in another currency',
      ntry('2.00', { inner: details('<TxDtls><Amt Ccy="USD">1.00</Amt></TxDtls>', tx('1.00', '')) }),
      'NtryDtls[1]/TxDtls[1]/Amt',
      "no amount in the entry's EUR",
    ],
    [
      'a batch transaction without amount',
      ntry('2.00', { inner: details('<TxDtls><Refs><TxId>T1</TxId></Refs></TxDtls>', tx('2.00', '')) }),
      'NtryDtls[1]/TxDtls[1]/Amt',
      'missing in a batch',
    ],
    [
      'a malformed transaction amount',
      ntry('2.00', { inner: details(tx('1,00', ''), tx('1.00', '')) }),
      'NtryDtls[1]/TxDtls[1]/Amt',
      'not an unsigned decimal',
    ],
    [
      'a batch count that disagrees with its details',
      ntry('2.00', {
        inner: `<NtryDtls><Btch><NbOfTxs>3</NbOfTxs></Btch>${tx('1.00', '')}${tx('1.00', '')}</NtryDtls>`,
      }),
      'NtryDtls[1]/Btch/NbOfTxs',
      'declares 3 transactions but 2 are detailed',
    ],
    [
      'a batch booked without its details',
      ntry('50.00', { inner: '<NtryDtls><Btch><NbOfTxs>4</NbOfTxs></Btch></NtryDtls>' }),
      'NtryDtls',
      'a batch of 4 transactions booked without their details',
    ],
  ])('%s', (_label, xml, field, message) => {
    const entry = secondEntry(xml)
    expect(entry.rejected).toEqual([])
    expect(entry.review).toContainEqual({
      entry: 'Stmt[1]/Ntry[2]',
      field: `Stmt[1]/Ntry[2]/${field}`,
      message: expect.stringContaining(message),
    })
    expect(entry.transactions).toHaveLength(1)
    expect(entry.transactions[0]).toMatchObject({
      bankTransactionId: `${IBAN}|ref R1`,
      amountMinor: entry.amountMinor,
      path: 'Stmt[1]/Ntry[2]',
    })
    expect(entry.entryKey).toBe(`${IBAN}|ref R1`)
  })

  it('a foreign payment with exchange details takes the booked amount without review', () => {
    const inner = details(
      `<TxDtls><Amt Ccy="USD">110.00</Amt><AmtDtls><InstdAmt><Amt Ccy="USD">110.00</Amt><CcyXchg><SrcCcy>USD</SrcCcy><TrgtCcy>EUR</TrgtCcy><XchgRate>0.9</XchgRate></CcyXchg></InstdAmt></AmtDtls></TxDtls>`,
    )
    const entry = secondEntry(ntry('99.00', { inner }))
    expect(entry.review).toEqual([])
    expect(entry.transactions[0]?.amountMinor).toBe(9900)
  })

  it('an opposite-sign line inside a batch counts negatively in the sum', () => {
    const inner = details(tx('10.00', ''), tx('2.00', '', '<CdtDbtInd>DBIT</CdtDbtInd>'))
    const entry = secondEntry(ntry('8.00', { inner }))
    expect(entry.review).toEqual([])
    expect(entry.transactions.map((t) => [t.amountMinor, t.creditDebit])).toEqual([
      [1000, 'CRDT'],
      [200, 'DBIT'],
    ])
  })
})

describe('parseCamtStatement: transaction identity', () => {
  const at = (entry: number, txPos?: number) =>
    `${IBAN}|stmt S1|entry ${entry}${txPos === undefined ? '' : `|tx ${txPos}`}`

  it('is the bank reference, never a TxId or an EndToEndId', () => {
    const inner = details(tx('1.00', '<TxId>T1</TxId><EndToEndId>E1</EndToEndId>'))
    const [byRef, byPlace] = entriesOf(camt053([ntry('1.00', { inner }), ntry('1.00', { ref: '', inner })]))
    expect(idsOf(byRef)).toEqual([`${IBAN}|ref R1`])
    expect(idsOf(byPlace)).toEqual([at(2, 1)])
    expect(byPlace?.transactions[0]).toMatchObject({
      identity: 'position',
      references: { txId: 'T1', endToEndId: 'E1' },
    })
  })

  it('tells apart the transactions of a NOTPROVIDED batch, with or without an entry reference', () => {
    const e2e = '<EndToEndId>NOTPROVIDED</EndToEndId>'
    const inner = details(tx('1.00', e2e), tx('1.00', e2e), tx('1.00', e2e))
    const [withRef, without] = entriesOf(
      camt053([ntry('3.00', { ref: 'B7', inner }), ntry('3.00', { ref: '', inner })]),
    )
    expect(idsOf(withRef)).toEqual([1, 2, 3].map((n) => `${IBAN}|ref B7|tx ${n}`))
    expect(idsOf(without)).toEqual([1, 2, 3].map((n) => at(2, n)))
    expect(withRef?.transactions.every((t) => t.endToEndId === undefined)).toBe(true)
    expect([...(withRef?.rejected ?? []), ...(without?.rejected ?? [])]).toEqual([])
  })

  it('qualifies a transaction reference the bank repeated in every line of a batch', () => {
    const refs = '<AcctSvcrRef>SAME</AcctSvcrRef>'
    const [entry] = entriesOf(camt053([ntry('2.00', { inner: details(tx('1.00', refs), tx('1.00', refs)) })]))
    expect(idsOf(entry)).toEqual([`${IBAN}|ref SAME|tx 1`, `${IBAN}|ref SAME|tx 2`])
  })

  it('ignores placeholder references (NONREF, NOTPROVIDED) and keeps the proprietary one as information', () => {
    const inner = details(
      tx('1.00', '<AcctSvcrRef>NOTPROVIDED</AcctSvcrRef><Prtry><Tp>BANK</Tp><Ref>P-9</Ref></Prtry>'),
    )
    const [entry] = entriesOf(camt053([ntry('1.00', { ref: 'NONREF', inner })]))
    expect(idsOf(entry)).toEqual([at(1, 1)])
    expect(entry?.transactions[0]?.references).toEqual({ proprietary: 'BANK: P-9' })
  })

  it('an entry without details is identified by its own reference or place', () => {
    const [a, b] = entriesOf(camt053([ntry('1.00', { ref: 'FEE-1', cd: 'DBIT' }), ntry('1.00', { ref: '' })]))
    expect(idsOf(a)).toEqual([`${IBAN}|ref FEE-1`])
    expect(idsOf(b)).toEqual([at(2)])
  })

  it('keeps the pages of one statement apart and uses the other account id without an IBAN', () => {
    const xml = camt053([ntry('1.00', { ref: '' })], {
      stmt: '<StmtPgntn><PgNb>2</PgNb><LastPgInd>true</LastPgInd></StmtPgntn>',
    })
    expect(idsOf(entriesOf(xml)[0])).toEqual([`${IBAN}|stmt S1 page 2|entry 1`])
    const other = xml.replace(`<IBAN>${IBAN}</IBAN>`, '<Othr><Id>0532013000</Id></Othr>')
    expect(idsOf(entriesOf(other)[0])).toEqual(['0532013000|stmt S1 page 2|entry 1'])
  })

  it('is the same when the same statement is parsed again, and differs for another statement', () => {
    const xml = camt053([ntry('1.00', { ref: '' })])
    expect(idsOf(entriesOf(xml)[0])).toEqual(idsOf(entriesOf(xml.replace('<MsgId>M1', '<MsgId>M2'))[0]))
    expect(idsOf(entriesOf(xml.replace('<Id>S1</Id>', '<Id>S2</Id>'))[0])).toEqual([
      `${IBAN}|stmt S2|entry 1`,
    ])
  })
})

describe('parseCamtStatement: amounts, dates and remittance in every layout', () => {
  it('reads 001.02 amounts from AmtDtls: TxAmt, else the counter value, else the instructed amount', () => {
    const amtDtls = (inner: string) => `<TxDtls><AmtDtls>${inner}</AmtDtls></TxDtls>`
    const inner = details(
      amtDtls('<TxAmt><Amt Ccy="EUR">1.00</Amt></TxAmt>'),
      amtDtls(
        '<CntrValAmt><Amt Ccy="EUR">2.00</Amt></CntrValAmt><InstdAmt><Amt Ccy="USD">2.50</Amt></InstdAmt>',
      ),
      amtDtls('<InstdAmt><Amt Ccy="EUR">3.00</Amt></InstdAmt>'),
    )
    const [entry] = entriesOf(camt053([ntry('6.00', { inner })], { ns: NS.replace('08', '02') }))
    expect(entry?.review).toEqual([])
    expect(entry?.transactions.map((t) => t.amountMinor)).toEqual([100, 200, 300])
  })

  it('posts a notification entry without dates on the notification date, and says so', () => {
    const xml = camt053([ntry('1.00', { date: '' })])
      .replace(/BkToCstmrStmt/g, 'BkToCstmrDbtCdtNtfctn')
      .replace(/Stmt>/g, 'Ntfctn>')
      .replace('053.001.08', '054.001.08')
      .replace('<Id>S1</Id>', '<Id>N1</Id><CreDtTm>2026-03-16T09:00:00+01:00</CreDtTm>')
    const [entry] = entriesOf(xml)
    expect(entry).toMatchObject({ date: '2026-03-16', rejected: [] })
    expect(entry?.notes).toEqual([
      {
        entry: 'Ntfctn[1]/Ntry[1]',
        field: 'Ntfctn[1]/Ntry[1]/BookgDt',
        message: expect.stringContaining('2026-03-16'),
      },
    ])
    // Without any date in the file the entry (only) cannot be posted.
    const undated = entriesOf(xml.replace(/<CreDtTm>[^<]+<\/CreDtTm>/g, ''))[0]
    expect(undated?.rejected.map((r) => r.field)).toEqual(['Ntfctn[1]/Ntry[1]/BookgDt'])
  })

  it('reads the value date when there is no booking date, and a date-time as its date', () => {
    const [a, b] = entriesOf(
      camt053([
        ntry('1.00', { date: '<ValDt><Dt>2026-03-14</Dt></ValDt>' }),
        ntry('1.00', { ref: 'R2', date: '<BookgDt><DtTm>2026-03-13T23:10:00+01:00</DtTm></BookgDt>' }),
      ]),
    )
    expect([a?.date, b?.date]).toEqual(['2026-03-14', '2026-03-13'])
  })

  it('reads every Ustrd line, referred document numbers, and picks the RF reference among several', () => {
    const rmt = `<RmtInf><Ustrd>line one</Ustrd><Ustrd>line two</Ustrd><Strd><RfrdDocInf><Nb>INV-7</Nb></RfrdDocInf><CdtrRefInf><Ref>ABC-1</Ref></CdtrRefInf></Strd><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>RF68ACC1001</Ref></CdtrRefInf></Strd></RmtInf>`
    const [entry] = entriesOf(camt053([ntry('1.00', { inner: details(tx('1.00', '', rmt)) })]))
    expect(entry?.transactions[0]?.remittance).toMatchObject({
      structuredReference: 'RF68ACC1001',
      unstructured: ['line one', 'line two', 'INV-7'],
    })
    expect(entry?.transactions[0]?.remittance.structured.map((s) => s.scheme)).toEqual(['other', 'RF'])
  })

  it('notes a Belgian structured communication whose check digits are wrong', () => {
    const rmt = '<RmtInf><Strd><CdtrRefInf><Ref>+++123/4567/89003+++</Ref></CdtrRefInf></Strd></RmtInf>'
    const [entry] = entriesOf(camt053([ntry('1.00', { inner: details(tx('1.00', '', rmt)) })]))
    expect(entry?.notes.map((n) => n.message)).toEqual([expect.stringContaining('fails its mod-97 check')])
    expect(entry?.rejected).toEqual([])
  })

  it.each(['02', '03', '04', '05', '06', '07', '08'])('camt.053.001.%s and camt.054.001.%s', (v) => {
    expect(parseCamtStatement(camt053([ntry('1.00')], { ns: NS.replace('08', v) }), 'x').version).toBe(
      Number(v),
    )
    const notification = camt053([ntry('1.00')], { ns: NS.replace('053.001.08', `054.001.${v}`) })
      .replace(/BkToCstmrStmt/g, 'BkToCstmrDbtCdtNtfctn')
      .replace(/Stmt>/g, 'Ntfctn>')
    expect(parseCamtStatement(notification, 'x').statements[0]?.entries).toHaveLength(1)
  })

  it('reads the old bare status and the wrapped code or proprietary status', () => {
    const statuses = ['BOOK', '<Cd>BOOK</Cd>', '<Prtry>BOOK</Prtry>', 'PDNG']
    const entries = entriesOf(camt053(statuses.map((sts, i) => ntry('1.00', { sts, ref: `R${i}` }))))
    expect(entries.map((e) => e.status)).toEqual(['BOOK', 'BOOK', 'BOOK', 'PDNG'])
  })

  it.each([
    ['JPY', '1500', 1500],
    ['KWD', '1.250', 1250],
    ['EUR', '10.000', 1000],
    ['EUR', '0.5', 50],
  ])('%s %s is %i minor units', (ccy, amount, minor) => {
    expect(entriesOf(camt053([ntry(amount, { ccy })], { ccy }))[0]?.amountMinor).toBe(minor)
  })

  it('reads a prefixed document, a byte-order mark and entities', () => {
    const inner = details(
      tx('10.00', '<AcctSvcrRef>T1</AcctSvcrRef>', '<RmtInf><Ustrd>A &amp; B</Ustrd></RmtInf>'),
    )
    const plain = camt053([ntry('10.00', { inner })])
    const prefixed = `\uFEFF${plain.replace(/<(\/?)(?!\?)/g, '<$1c:').replace(`xmlns="${NS}"`, `xmlns:c="${NS}"`)}`
    const entry = entriesOf(prefixed)[0]
    expect(idsOf(entry)).toEqual([`${IBAN}|ref T1`])
    expect(entry?.transactions[0]?.remittance.unstructured).toEqual(['A & B'])
  })

  it('round-trips any amount exactly through the XML text', () => {
    fc.assert(
      fc.property(fc.constantFrom('EUR', 'JPY', 'KWD', 'CLF'), fc.nat({ max: 2 ** 50 }), (ccy, minor) => {
        const xml = camt053([ntry(formatAmount(minor, ccy), { ccy })], { ccy })
        expect(entriesOf(xml)[0]?.amountMinor).toBe(minor)
      }),
    )
  })
})
