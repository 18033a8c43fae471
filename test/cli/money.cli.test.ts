import { expect, it } from 'vitest'
import { AppError, type ErrorCode } from '../../src/core/errors/index.ts'
import { accountsWithDebt } from '../money/money-fixtures.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { runCli } from './run-cli.ts'

describeEachDatabase('recoup money commands', ({ store, config }) => {
  it('runs each money-flow step and prints JSON; bad input exits with the code of its kind and a clear message', {
    timeout: 300_000,
  }, async () => {
    await accountsWithDebt(store(), 'cli-money', [
      { externalId: 'A1', jurisdiction: 'US-NY', currency: 'USD', principal: 120000 },
      { externalId: 'A2', jurisdiction: 'US-NY', currency: 'USD', principal: 50000 },
      { externalId: 'A3', jurisdiction: 'US-TX', currency: 'USD', principal: 60920 },
    ])
    const cli = (...args: string[]) => runCli(config(), [...args, '--tenant', 'cli-money'])
    const json = (r: ReturnType<typeof cli>) => {
      expect(r.stderr).toBe('')
      expect(r.status).toBe(0)
      return JSON.parse(r.stdout) as Record<string, unknown>
    }

    const plan = json(
      cli(
        'plan',
        'create',
        'A1',
        '--total',
        '1200.00',
        '--frequency',
        'monthly',
        '--instalments',
        '4',
        '--first-due',
        '2026-03-10',
        '--agreed-on',
        '2026-03-01',
      ),
    )
    expect(plan).toMatchObject({ account: 'A1', exception: false })
    expect(plan).not.toHaveProperty('accountId')
    // The README's example: 600.00 of a 609.20 balance in six monthly instalments, the first one month
    // after the day the plan is agreed (no --first-due).
    const readme = json(
      cli(
        ...['plan', 'create', 'A3', '--total', '600.00', '--frequency', 'monthly', '--instalments', '6'],
        ...['--agreed-on', '2026-06-20'],
      ),
    ) as { account: string; schedule: { totalMinor: number; instalments: { dueOn: string }[] } }
    expect(readme).toMatchObject({ account: 'A3', schedule: { totalMinor: 60000 } })
    expect(readme.schedule.instalments.map((i) => i.dueOn)).toEqual(
      ['07', '08', '09', '10', '11', '12'].map((m) => `2026-${m}-20`),
    )
    expect(
      json(
        cli(
          'promise',
          'add',
          'A2',
          '--amount',
          '100',
          '--due',
          '2026-03-10',
          '--channel',
          'phone',
          '--taken-by',
          'alice',
          '--taken-on',
          '2026-03-01',
        ),
      ),
    ).toHaveProperty('promiseId')
    expect(
      json(cli('hardship', 'add', 'A2', '--reason', 'illness', '--from', '2026-03-01', '--to', '2026-03-31')),
    ).toHaveProperty('pauseId')
    const dispute = json(
      cli('dispute', 'open', 'A2', '--reason', 'not mine', '--amount', '20.00', '--written'),
    )
    expect(json(cli('dispute', 'resolve', String(dispute.disputeId), '--for', 'creditor'))).toMatchObject({
      for: 'creditor',
    })
    const offer = json(
      cli(
        'settlement',
        'offer',
        'A2',
        '--amount',
        '400',
        '--expires',
        '2026-03-20',
        '--created-on',
        '2026-03-01',
      ),
    )
    expect(offer).toMatchObject({ discountMinor: 10000 })
    expect(json(cli('write-off', 'A2', '--amount', '10.00', '--reason', 'goodwill'))).toMatchObject({
      full: false,
      writtenOffMinor: 1000,
    })
    expect(json(cli('write-off', 'A1', '--reason', 'uncollectable'))).toMatchObject({
      full: true,
      closed: true,
    })

    const bad: [string[], RegExp][] = [
      [
        ['plan', 'create', 'A2', '--first-due', '2026-03-10'],
        /--instalments or --instalment-amount is required/,
      ],
      [
        ['plan', 'create', 'A2', '--total', '9999.00', '--instalments', '4'],
        /\[plan_above_balance\]: the plan total 9999\.00 USD is above the balance 490\.00 USD of account A2$/m,
      ],
      [
        ['plan', 'create', 'A2', '--total', '400', '--instalments', '40'],
        /an instalment of 10\.00 USD is below the minimum 25\.00 USD/,
      ],
      [
        [
          'plan',
          'create',
          'A2',
          '--instalments',
          '4',
          '--first-due',
          '2026-01-10',
          '--agreed-on',
          '2026-03-01',
        ],
        /\[invalid_plan\]: the first instalment would be due 2026-01-10, before the plan is agreed on 2026-03-01/,
      ],
      [
        ['plan', 'create', 'NOPE', '--instalments', '4'],
        /\[account_not_found\]: no account with external id "NOPE"/,
      ],
      [
        ['write-off', 'A2', '--amount', '99999.00', '--reason', 'x'],
        /cannot write off 99999\.00 USD: account A2 owes 4[0-9]{2}\.[0-9]{2} USD/,
      ],
      [
        ['dispute', 'open', 'A2', '--reason', 'x', '--amount', '99999.00'],
        /the disputed amount 99999\.00 USD must be more than zero and at most the balance 4[0-9]{2}\.[0-9]{2} USD of account A2/,
      ],
      [
        ['plan', 'create', 'A2', '--instalments', 'x', '--first-due', '2026-03-10'],
        /--instalments must be a whole number/,
      ],
      [
        [
          'promise',
          'add',
          'A2',
          '--amount',
          '1.234',
          '--due',
          '2026-03-10',
          '--channel',
          'phone',
          '--taken-by',
          'a',
        ],
        /more than 2 decimal places/,
      ],
      [
        [
          'promise',
          'add',
          'NOPE',
          '--amount',
          '1',
          '--due',
          '2026-03-10',
          '--channel',
          'phone',
          '--taken-by',
          'a',
        ],
        /no account with external id "NOPE"/,
      ],
      [['hardship', 'add', 'A2', '--reason', 'x', '--from', '2026-02-30', '--to', '2026-03-01'], /--from/],
      [['dispute', 'resolve', '1', '--for', 'nobody'], /--for must be debtor or creditor/],
      [['write-off', 'A1', '--reason', 'again'], /written_off/],
      [
        [
          'settlement',
          'offer',
          'A2',
          '--amount',
          '1',
          '--expires',
          '2026-01-01',
          '--created-on',
          '2026-03-01',
        ],
        /\[settlement_already_offered\]: account A2 already has a settlement offer of 400\.00 USD open until 2026-03-20/,
      ],
    ]
    for (const [args, message] of bad) {
      const r = cli(...args)
      expect(r.stderr).toMatch(message)
      const code = /error \[([a-z_]+)\]/.exec(r.stderr)?.[1] as ErrorCode
      expect(r.status, args.join(' ')).toBe(new AppError(code).exitCode)
    }
  })
})
