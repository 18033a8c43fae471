import { describe, expect, it } from 'vitest'
import { compileMapping } from '../../../src/core/intake/compile-mapping.ts'
import { mapRow } from '../../../src/core/intake/map-row.ts'
import { presetMapping } from '../../../src/core/intake/mapping-presets.ts'

const context = { defaultCurrency: 'EUR', creditorName: 'Tenant', decodedAsUtf8: true }

/** Maps one row given as column → value with the generic preset, the header being its columns. */
function map(values: Record<string, string>) {
  const header = Object.keys(values)
  return mapRow(compileMapping(presetMapping('generic'), header, context), 2, Object.values(values))
}

const base = {
  account_id: 'A1',
  debtor_id: 'D1',
  debtor_name: 'Ann Lee',
  amount: '100.00',
  opened_on: '2025-01-10',
  due_on: '2025-02-10',
  jurisdiction: 'us-ny',
}

describe('mapRow with the generic preset', () => {
  it('defaults: person, consumer debt, tenant as creditor, currency from context, open', () => {
    const result = map(base)
    if (!result.ok) throw new Error(JSON.stringify(result.errors))
    expect(result.record.debtor.kind).toBe('person')
    expect(result.record.account).toMatchObject({
      debtKind: 'consumer',
      currency: 'EUR',
      jurisdiction: 'US-NY',
      originalCreditor: 'Tenant',
      currentCreditor: 'Tenant',
      status: 'open',
      attributes: null,
    })
  })

  it('builds contacts, a primary address, a client, a part payment and a settlement', () => {
    const result = map({
      ...base,
      jurisdiction: '',
      currency: 'jpy',
      amount: '5000',
      paid_amount: '1000',
      paid_on: '2025-03-01',
      settled_on: '2025-04-01',
      client_id: 'C9',
      client_name: 'Client Nine',
      email: 'ann@example.com',
      phone: '+1 (212) 555-0100',
      phone_type: 'Mobile',
      address_line1: '1 Main St',
      city: 'New York',
      country: 'us',
    })
    if (!result.ok) throw new Error(JSON.stringify(result.errors))
    const { debtor, account, entries } = result.record
    expect(debtor.contacts).toEqual([
      { kind: 'email', value: 'ann@example.com' },
      { kind: 'phone', value: '+12125550100', phoneType: 'mobile' },
    ])
    expect(debtor.addresses).toEqual([
      {
        line1: '1 Main St',
        line2: null,
        city: 'New York',
        region: null,
        postalCode: null,
        country: 'US',
        isPrimary: true,
      },
    ])
    expect(account).toMatchObject({
      jurisdiction: 'US',
      currency: 'JPY',
      clientExternalId: 'C9',
      currentCreditor: 'Client Nine',
      status: 'paid',
    })
    expect(entries.map((e) => [e.kind, e.amountMinor, e.effectiveOn, e.externalId])).toEqual([
      ['charge', 5000, '2025-01-10', 'import:charge'],
      ['payment', -1000, '2025-03-01', 'import:payment'],
      ['payment', -4000, '2025-04-01', 'import:settlement'],
    ])
  })

  it('takes an explicit status over the computed one', () => {
    const result = map({ ...base, status: 'written_off' })
    expect(result.ok && result.record.account.status).toBe('written_off')
  })

  it.each<{ name: string; values: Record<string, string>; field: string; reason: unknown }>([
    {
      name: 'unknown currency',
      values: { currency: 'XYZ' },
      field: 'currency',
      reason: '"XYZ" is not an ISO 4217 currency code',
    },
    {
      name: 'decimals for JPY',
      values: { currency: 'JPY', amount: '10.5' },
      field: 'amount',
      reason: '"10.5" has more than 0 decimal places for JPY',
    },
    { name: 'missing due date', values: { due_on: '' }, field: 'due_on', reason: 'is required' },
    {
      name: 'US date in an ISO file',
      values: { opened_on: '1/10/2025' },
      field: 'opened_on',
      reason: '"1/10/2025" is not a date in iso format',
    },
    {
      name: 'negative paid amount',
      values: { paid_amount: '-1', paid_on: '2025-02-01' },
      field: 'paid_amount',
      reason: '"-1" must be zero or more',
    },
    {
      name: 'due before opened',
      values: { due_on: '2025-01-09' },
      field: 'due_on',
      reason: '2025-01-09 is before opened_on 2025-01-10',
    },
    {
      name: 'paid before opened',
      values: { paid_amount: '5', paid_on: '2024-12-31' },
      field: 'paid_on',
      reason: '2024-12-31 is before opened_on 2025-01-10',
    },
    {
      name: 'settled before opened',
      values: { settled_on: '2025-01-01' },
      field: 'settled_on',
      reason: '2025-01-01 is before opened_on 2025-01-10',
    },
    {
      name: 'overpayment',
      values: { paid_amount: '100.01', paid_on: '2025-02-01' },
      field: 'paid_amount',
      reason: 'is more than the amount owed: an overpayment cannot open an account',
    },
    {
      name: 'paid amount without date',
      values: { paid_amount: '5' },
      field: 'paid_on',
      reason: 'is required when there is a paid amount',
    },
    {
      name: 'bad jurisdiction',
      values: { jurisdiction: 'New York' },
      field: 'jurisdiction',
      reason: expect.stringContaining('"NEW YORK"'),
    },
    {
      name: 'no jurisdiction nor country',
      values: { jurisdiction: '' },
      field: 'jurisdiction',
      reason: 'is required (or a country)',
    },
    {
      name: 'bad country',
      values: { country: 'USA' },
      field: 'country',
      reason: '"USA" is not a two-letter ISO 3166 country code',
    },
    {
      name: 'address without country',
      values: { city: 'Paris' },
      field: 'country',
      reason: 'is required with an address',
    },
    {
      name: 'bad e-mail',
      values: { email: 'ann at example' },
      field: 'email',
      reason: '"ann at example" is not an e-mail address',
    },
    {
      name: 'bad phone',
      values: { phone: '555-0100' },
      field: 'phone',
      reason: expect.stringContaining('international phone number'),
    },
    {
      name: 'bad debtor kind',
      values: { debtor_kind: 'robot' },
      field: 'debtor_kind',
      reason: '"robot" is not one of person, business',
    },
    {
      name: 'bad debt kind',
      values: { debt_kind: 'mortgage' },
      field: 'debt_kind',
      reason: '"mortgage" is not one of consumer, commercial',
    },
    {
      name: 'bad status',
      values: { status: 'gone' },
      field: 'status',
      reason: expect.stringContaining('"gone" is not one of open'),
    },
    {
      name: 'bad time zone',
      values: { time_zone: 'Mars/Olympus' },
      field: 'time_zone',
      reason: '"Mars/Olympus" is not an IANA time zone',
    },
    {
      name: 'bad language',
      values: { preferred_language: 'English' },
      field: 'preferred_language',
      reason: expect.stringContaining('language tag'),
    },
  ])('rejects $name', ({ values, field, reason }) => {
    expect(map({ ...base, ...values })).toEqual({ ok: false, errors: [{ field, reason }] })
  })
})
