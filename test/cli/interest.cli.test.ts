import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../intake/import-fixtures.ts'
import { runCli } from './run-cli.ts'

// `recoup interest` never opens the database; the helper still wants a configuration.
const config = { kind: 'sqlite' as const, file: join(tempDir('recoup-interest-'), 'unused.db') }
/** Runs `recoup interest ARGS` (space-separated; no argument here contains a space). */
const interest = (args: string) => runCli(config, ['interest', ...args.split(' ')])
const CONTRACT = '--principal 1000.00 --currency GBP --due 2025-01-31 --to 2025-03-31 --rate 8.5'

describe('recoup interest', () => {
  it('GB: Late Payment Act statement with the fixed sum', () => {
    const run = interest(
      '--jurisdiction GB --principal 10000.00 --currency GBP --due 2024-08-14 --to 2024-09-13',
    )
    expect(run.status).toBe(0)
    const out = JSON.parse(run.stdout)
    // 10,000 x 13.25% x 30/365 = 108.90; fixed sum for 10,000.00 is 100.00
    expect(out).toMatchObject({
      jurisdiction: 'GB',
      currency: 'GBP',
      interestFrom: '2024-08-15',
      rates: [{ ratePercent: '13.25', referenceDate: '2024-06-30', referenceRatePercent: '5.25' }],
      breakdown: [
        {
          firstDay: '2024-08-15',
          lastDay: '2024-09-13',
          days: 30,
          balance: '10000.00',
          dailyInterest: '3.63013699',
          interest: '108.90',
        },
      ],
      interest: '108.90',
      fixedCompensation: { amount: '100.00', currency: 'GBP' },
      total: '208.90',
    })
    expect(out.roundingRule).toMatch(/half-even/)
  })

  it('contract: payments reduce the principal; --from last-payment starts after the last one', () => {
    const run = interest(`${CONTRACT} --payment 2025-03-01:200.00`)
    expect(run.status).toBe(0)
    const out = JSON.parse(run.stdout)
    // 29 days on 1,000 = 6.75, 30 days on 800 = 5.59 (see accrue-interest.test.ts)
    expect(out.breakdown.map((r: { interest: string }) => r.interest)).toEqual(['6.75', '5.59'])
    expect(out).toMatchObject({
      interest: '12.34',
      total: '12.34',
      fixedCompensation: null,
      basis: 'act/365',
    })
    const fromLast = JSON.parse(
      interest(`${CONTRACT} --payment 2025-03-01:200.00 --from last-payment`).stdout,
    )
    expect(fromLast).toMatchObject({ interestFrom: '2025-03-02', interest: '5.59' })
  })

  it('contract: compound monthly under act/360', () => {
    const out = JSON.parse(
      interest(`${CONTRACT.replace('8.5', '12')} --compound monthly --basis act/360`).stdout,
    )
    // 28 days: 120 x 28/360 = 9.33 capitalised; 31 days on 1,009.33: 100,933 x 0.12 x 31/360 = 1,042.97p -> 10.43
    expect(out).toMatchObject({ rests: [{ on: '2025-02-28', capitalised: '9.33' }], interest: '19.76' })
  })

  it('EU and IN statutory statements', () => {
    const eu = JSON.parse(
      interest('--jurisdiction EU-DE --principal 10000 --currency EUR --due 2025-03-31 --to 2025-09-30')
        .stdout,
    )
    // see statutory-interest.test.ts for the arithmetic
    expect(eu).toMatchObject({ interest: '533.83', fixedCompensation: { amount: '40.00' }, total: '573.83' })
    const india = JSON.parse(
      interest('--jurisdiction IN --principal 100000 --currency INR --acceptance 2025-02-10 --to 2025-04-08')
        .stdout,
    )
    expect(india).toMatchObject({ dueOn: '2025-02-25', interestFrom: '2025-02-26', interest: '2255.02' })
  })

  // Each line: the arguments after `recoup interest`, and what stderr must say.
  it.each([
    ['--currency GBP --due 2025-01-31 --to 2025-03-31 --rate 8', '--principal is required'],
    ['--principal 10.005 --currency GBP --due 2025-01-31 --to 2025-03-31 --rate 8', '--principal'],
    ['--principal -5 --currency GBP --due 2025-01-31 --to 2025-03-31 --rate 8', '--principal'],
    ['--principal 10 --currency XXY --due 2025-01-31 --to 2025-03-31 --rate 8', '--currency'],
    ['--principal 10 --currency GBP --due 2025-02-30 --to 2025-03-31 --rate 8', '--due'],
    ['--principal 10 --currency GBP --due 2025-01-31 --to tomorrow --rate 8', '--to'],
    ['--principal 10 --currency GBP --due 2025-01-31 --to 2025-03-31', '--rate is required'],
    ['--principal 10 --currency GBP --due 2025-01-31 --to 2025-03-31 --rate 8%', '--rate'],
    ['--principal 10 --currency GBP --due 2025-01-31 --to 2025-03-31 --rate 8 --basis 30/360', '--basis'],
    [
      '--principal 10 --currency GBP --due 2025-01-31 --to 2025-03-31 --rate 8 --compound daily',
      '--compound',
    ],
    [
      '--principal 10 --currency GBP --due 2025-01-31 --to 2025-03-31 --rate 8 --payment 2025-03-01',
      '--payment',
    ],
    [
      '--principal 10 --currency GBP --due 2025-01-31 --to 2025-03-31 --rate 8 --payment 2025-03-01:1.001',
      '--payment',
    ],
    ['--principal 10 --currency GBP --due 2025-01-31 --to 2025-03-31 --jurisdiction FR', '--jurisdiction'],
    [
      '--principal 10 --currency GBP --due 2025-01-31 --to 2025-03-31 --jurisdiction GB --rate 8',
      '--rate does not apply',
    ],
    [
      '--principal 10 --currency EUR --due 2025-01-31 --to 2025-03-31 --jurisdiction GB',
      '--currency must be GBP',
    ],
    ['--principal 10 --currency INR --to 2025-03-31 --jurisdiction IN', '--acceptance is required'],
    [
      '--principal 10 --currency EUR --due 2025-01-31 --to 2025-03-31 --jurisdiction EU-DE --points x',
      '--points',
    ],
    [
      '--principal 10 --currency GBP --due 2025-03-31 --to 2025-01-31 --rate 8',
      '--to 2025-01-31 is before --due 2025-03-31',
    ],
  ])('%s exits 2 naming the problem', (args, message) => {
    const run = interest(args)
    expect(run.status).toBe(2)
    expect(run.stderr).toContain(message)
    expect(run.stdout).toBe('')
  })
})
