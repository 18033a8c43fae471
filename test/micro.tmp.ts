import { coverOfRows } from '/work/wt/audit/src/core/journal/row-digest.ts'

const rows = Array.from({ length: 133334 }, (_, i) => ({
  id: i + 1,
  tenant_id: 1,
  account_id: i,
  kind: 'charge',
  amount_minor: 1000 + i,
  effective_on: '2026-01-01',
  posted_at: '2026-01-02T03:04:05.678Z',
  external_id: 'charge',
  reverses_id: null,
  memo: null,
  component: 'principal',
  payment_id: null,
}))
const t = performance.now()
for (let b = 0; b < rows.length; b += 1000)
  coverOfRows('ledger_entries', [[b + 1, Math.min(b + 1000, rows.length)]], rows.slice(b, b + 1000))
console.log('digest ms', performance.now() - t)
