import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { addDays } from '../../src/core/calendar/local-date.ts'

/** A small deterministic generator (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

export interface ProtectedValues {
  sex: string
  age: number
  maritalStatus: string
  race: string
  religion: string
  nationalOrigin: string
  name: string
}

/**
 * Writes a B2B invoice book as a CSV plus a mapping file that keeps protected attributes (sex, age,
 * marital status, race, religion, national origin) in the accounts' attributes: `debtors` customers
 * with a hidden habit of paying late, an invoice a month each from 2024-01-02, all paid by 2026-01-31.
 * `protectedOf(debtor)` chooses what the protected columns and the name say.
 */
export function writeInvoiceBook(
  dir: string,
  options: {
    debtors: number
    invoices: number
    seed: number
    protectedOf: (debtor: number) => ProtectedValues
  },
): { csv: string; mapping: string } {
  const rnd = prng(options.seed)
  const header =
    'account_id,debtor_id,debtor_name,amount,opened_on,due_on,jurisdiction,debt_kind,debtor_kind,paid_amount,paid_on,sex,age,marital_status,race,religion,national_origin'
  const lines = [header]
  for (let d = 0; d < options.debtors; d++) {
    const lateness = [0.1, 0.45, 0.85][d % 3] as number
    const p = options.protectedOf(d)
    for (let i = 0; i < options.invoices; i++) {
      const opened = addDays('2024-01-02', i * 30 + Math.floor(rnd() * 10))
      const due = addDays(opened, 30)
      const amount = (100 + Math.floor(rnd() * 4900)).toFixed(2)
      const late = rnd() < lateness
      const paid = late ? addDays(due, 1 + Math.floor(rnd() * 40)) : addDays(due, -Math.floor(rnd() * 20))
      lines.push(
        [
          `INV-${d}-${i}`,
          `C-${d}`,
          p.name,
          amount,
          opened,
          due,
          'US-NY',
          'commercial',
          'business',
          amount,
          paid,
          p.sex,
          p.age,
          p.maritalStatus,
          p.race,
          p.religion,
          p.nationalOrigin,
        ].join(','),
      )
    }
  }
  const csv = join(dir, 'invoices.csv')
  writeFileSync(csv, `${lines.join('\n')}\n`)
  const mapping = join(dir, 'mapping.json')
  const fields = Object.fromEntries(
    [
      'account_id',
      'debtor_id',
      'debtor_name',
      'amount',
      'opened_on',
      'due_on',
      'jurisdiction',
      'debt_kind',
      'debtor_kind',
      'paid_amount',
      'paid_on',
    ].map((f) => [f, f]),
  )
  writeFileSync(
    mapping,
    JSON.stringify({
      fields,
      attributes: {
        sex: 'sex',
        age: { column: 'age', type: 'integer' },
        marital_status: 'marital_status',
        race: 'race',
        religion: 'religion',
        national_origin: 'national_origin',
      },
    }),
  )
  return { csv, mapping }
}
