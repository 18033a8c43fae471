import { expect, it } from 'vitest'
import {
  checkRemittanceHeader,
  readRemittanceRow,
  reconcileLine,
  remittanceAmounts,
} from '../../../src/core/placements/remittance-file.ts'

const row = (line: number, text: string) => ({ line, fields: text.split(',') })
const HEADER = 'placement_id,account,paid_on,collected,commission_withheld,net_remitted,reference'

it('refuses a header with an unknown, repeated or missing column; a net partner needs commission_withheld', () => {
  expect(checkRemittanceHeader(row(1, HEADER), 'net')).toMatchObject({ ok: true })
  const gross = 'placement_id,account,paid_on,collected,net_remitted,reference'
  expect(checkRemittanceHeader(row(1, gross), 'gross')).toMatchObject({ ok: true })
  expect(checkRemittanceHeader(row(1, gross), 'net')).toMatchObject({
    ok: false,
    reason: expect.stringMatching(/^missing column\(s\) commission_withheld \(a net-remit partner/),
  })
  expect(checkRemittanceHeader(row(1, `${HEADER},extra`), 'net')).toMatchObject({
    reason: expect.stringContaining('unknown column(s) "extra"'),
  })
  expect(checkRemittanceHeader(row(1, `${HEADER},account`), 'net')).toMatchObject({
    reason: 'column(s) account appear twice',
  })
})

it('reads a line with its field problems and parses amounts in the placement currency', () => {
  const names = HEADER.split(',')
  const good = readRemittanceRow(row(2, '12,ACC-1,2026-02-10,50.00,26.67,23.33, N-1 '), names, 'net')
  expect(good).toMatchObject({ placementRef: '12', reference: 'N-1', paidOn: '2026-02-10', problems: [] })
  expect(remittanceAmounts(good, 'USD')).toEqual({
    collectedMinor: 5000,
    commissionWithheldMinor: 2667,
    netRemittedMinor: 2333,
    problems: [],
  })
  // Yen have no decimals: 50.00 is exactly 50, 26.67 is no amount of yen.
  expect(remittanceAmounts(good, 'JPY').problems.map((p) => p.field)).toEqual([
    'commission_withheld',
    'net_remitted',
  ])
  const bad = readRemittanceRow(row(3, 'x,,2026-02-30,,1,1,'), names, 'net')
  expect(bad.problems.map((p) => p.field)).toEqual([
    'placement_id',
    'account',
    'paid_on',
    'reference',
    'collected',
  ])
})

it('reconciles to the minor unit: half-up per line, the fee once, gross all remitted, net less commission', () => {
  const rate = { percent: '33.33', fixedFeeMinor: 1000 }
  expect(
    reconcileLine(
      { collectedMinor: 15, commissionWithheldMinor: 5, netRemittedMinor: 10 },
      rate,
      'net',
      false,
    ),
  ).toEqual({ commissionDueMinor: 5, netExpectedMinor: 10, differenceMinor: 0, status: 'matched' })
  expect(
    reconcileLine(
      { collectedMinor: 5000, commissionWithheldMinor: 0, netRemittedMinor: 2332 },
      rate,
      'net',
      true,
    ),
  ).toEqual({ commissionDueMinor: 2667, netExpectedMinor: 2333, differenceMinor: -1, status: 'difference' })
  expect(
    reconcileLine(
      { collectedMinor: 5000, commissionWithheldMinor: 0, netRemittedMinor: 5000 },
      rate,
      'gross',
      true,
    ),
  ).toEqual({ commissionDueMinor: 2667, netExpectedMinor: 5000, differenceMinor: 0, status: 'matched' })
})
