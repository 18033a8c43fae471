import { describe, expect, it } from 'vitest'
import {
  csvField,
  PLACEMENT_FILE_COLUMNS,
  type PlacementFileInput,
  placementFileCsv,
  placementFileRow,
} from '../../../src/core/placements/placement-file.ts'

const INPUT: PlacementFileInput = {
  placementId: 7,
  partner: 'north-agency',
  placedOn: '2026-03-03',
  expectedReturnOn: '2026-08-30',
  account: {
    externalId: 'ACC-1',
    originalCreditor: 'Acme Corp',
    currentCreditor: 'Acme Corp',
    debtKind: 'consumer',
    currency: 'USD',
    dueOn: '2026-01-15',
    chargeOffOn: '2026-02-01',
    attributes: { deceased: true },
  },
  debtor: { externalId: 'D-1', name: 'Smith, "Jo"', kind: 'person' },
  address: {
    line1: '1 Main St',
    line2: null,
    city: 'New York',
    region: 'NY',
    postalCode: '10001',
    country: 'US',
  },
  emails: ['jo@example.test'],
  phones: ['+12125550100'],
  ledger: [
    { kind: 'charge', component: 'principal', amountMinor: 100_00, effectiveOn: '2025-06-01', memo: null },
    { kind: 'fee', component: 'fee', amountMinor: 25_00, effectiveOn: '2026-01-20', memo: null },
    { kind: 'interest', component: 'interest', amountMinor: 1_50, effectiveOn: '2026-02-15', memo: null },
    { kind: 'fee', component: 'fee', amountMinor: 5_00, effectiveOn: '2026-02-20', memo: null },
    { kind: 'payment', component: 'principal', amountMinor: -40_00, effectiveOn: '2026-02-25', memo: null },
    { kind: 'payment', component: 'principal', amountMinor: -1_00, effectiveOn: '2026-04-01', memo: null },
  ],
  disputed: true,
  attorney: false,
  cease: true,
}

describe('the placement file', () => {
  it('itemizes from the charge-off date to the file day, with flags and the documented column order', () => {
    const row = placementFileRow(INPUT, '2026-03-03')
    const byColumn = Object.fromEntries(PLACEMENT_FILE_COLUMNS.map((c, i) => [c, row[i]]))
    expect(byColumn).toMatchObject({
      placement_id: '7',
      account: 'ACC-1',
      debtor_name: 'Smith, "Jo"',
      email: 'jo@example.test',
      address_line2: '',
      itemization_date: '2026-02-01',
      itemization_amount: '125.00',
      interest_since: '1.50',
      fees_since: '5.00',
      paid_since: '40.00',
      balance: '91.50',
      charge_off_on: '2026-02-01',
      dispute: 'Y',
      attorney: 'N',
      bankruptcy: 'N',
      deceased: 'Y',
      cease: 'Y',
    })
    expect(row).toHaveLength(PLACEMENT_FILE_COLUMNS.length)
    // Without a charge-off the itemization runs from the due date.
    const noChargeOff = placementFileRow(
      { ...INPUT, account: { ...INPUT.account, chargeOffOn: null } },
      '2026-03-03',
    )
    expect(noChargeOff[PLACEMENT_FILE_COLUMNS.indexOf('itemization_date')]).toBe('2026-01-15')
    expect(noChargeOff[PLACEMENT_FILE_COLUMNS.indexOf('itemization_amount')]).toBe('100.00')
  })

  it('quotes fields that need it and defuses spreadsheet formulas; negative amounts stay numbers', () => {
    expect(csvField('Smith, "Jo"')).toBe('"Smith, ""Jo"""')
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`)
    expect(csvField('@cmd')).toBe("'@cmd")
    expect(csvField('-12.50')).toBe('-12.50')
    expect(csvField('+12125550100')).toBe('+12125550100')
    expect(csvField('-cmd')).toBe("'-cmd")
    const csv = placementFileCsv([placementFileRow(INPUT, '2026-03-03')])
    expect(csv.split('\r\n')[0]).toBe(PLACEMENT_FILE_COLUMNS.join(','))
    expect(csv.endsWith('\r\n')).toBe(true)
  })
})
