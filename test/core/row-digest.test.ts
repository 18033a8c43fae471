import { describe, expect, it } from 'vitest'
import { CoveredIds } from '../../src/core/journal/covered-ids.ts'
import { canonicalRow, coverOfRows, storedTag, toIdRanges } from '../../src/core/journal/row-digest.ts'

const line = (id: number, amount: number | string) => ({
  id,
  tenant_id: 1,
  account_id: 7,
  kind: 'charge',
  amount_minor: amount,
  effective_on: '2026-01-01',
  posted_at: '2026-01-02T03:04:05.678Z',
  external_id: 'x',
  reverses_id: null,
  memo: null,
  component: 'principal',
  payment_id: null,
})

describe('row digests', () => {
  it('reads both databases alike: integers as numbers, absent and null the same, extra columns ignored', () => {
    expect(canonicalRow('ledger_entries', line(1, '100'))).toBe(canonicalRow('ledger_entries', line(1, 100)))
    expect(canonicalRow('ledger_entries', { ...line(1, 100), extra: 'ignored', memo: undefined })).toBe(
      canonicalRow('ledger_entries', line(1, 100)),
    )
  })

  it('changes with every audited column, and keeps the status of a payment apart from its facts', () => {
    const base = canonicalRow('ledger_entries', line(1, 100))
    for (const change of [
      { amount_minor: 101 },
      { effective_on: '2026-01-02' },
      { account_id: 8 },
      { memo: '' },
    ]) {
      expect(canonicalRow('ledger_entries', { ...line(1, 100), ...change })).not.toBe(base)
    }
    const payment = { id: 1, tenant_id: 1, amount_minor: 5, status: 'posted', reversed_at: null }
    expect(canonicalRow('payments', payment)).toBe(
      canonicalRow('payments', { ...payment, status: 'reversed' }),
    )
    expect(canonicalRow('payment_status', payment)).not.toBe(
      canonicalRow('payment_status', { ...payment, status: 'reversed' }),
    )
  })

  it('keeps one tag per row in id order and counts the rows', () => {
    const cover = coverOfRows('ledger_entries', [[1, 3]], [line(1, 1), line(2, 2), line(3, 3)])
    expect(cover).toMatchObject({ table: 'ledger_entries', ranges: [[1, 3]], count: 3, v: 1 })
    expect(cover.digest).toMatch(/^[0-9a-f]{64}$/)
    expect(storedTag(cover, 1)).toBe(coverOfRows('ledger_entries', [[2, 2]], [line(2, 2)]).tags)
    expect(() => coverOfRows('ledger_entries', [[1, 3]], [line(1, 1)])).toThrow('3 rows to cover, 1 found')
  })

  it('compresses ids into ranges', () => {
    expect(toIdRanges([5, 3, 4, 9, 1, 3])).toEqual([
      [1, 1],
      [3, 5],
      [9, 9],
    ])
    expect(toIdRanges([])).toEqual([])
  })

  it('answers coverage for ascending ids across overlapping and adjacent ranges', () => {
    const covered = new CoveredIds()
    covered.add([[10, 20]])
    covered.add([
      [1, 3],
      [21, 22],
      [15, 30],
    ])
    const asked = [1, 2, 3, 4, 9, 10, 25, 30, 31, 100]
    expect(asked.filter((id) => covered.has(id))).toEqual([1, 2, 3, 10, 25, 30])
  })
})
