import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { EXIT } from '../../src/core/errors/index.ts'
import { accountsWithDebt } from '../money/money-fixtures.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { runCli } from './run-cli.ts'

describeEachDatabase('recoup payments import|unmatched|apply', ({ store, config }) => {
  it('exits 3 with a reject file when rows are rejected, lists credits by bank reference and applies one', {
    timeout: 240_000,
  }, async () => {
    const { tenant, ids } = await accountsWithDebt(store(), 'cli-pay', [
      { externalId: 'C-1', jurisdiction: 'US-NY', currency: 'USD', principal: 30_000 },
    ])
    await store()
      .db.insertInto('unmatched_credits')
      .values({
        tenant_id: tenant.id,
        bank_statement_id: null,
        bank_transaction_id: 'BANK-9',
        amount_minor: 2_500,
        currency: 'USD',
        booked_on: '2026-03-02',
        debtor_name: null,
        remittance: '{}',
        suggestions: JSON.stringify([{ accountId: String(ids.get('C-1')), score: 0.7, reason: 'name' }]),
        status: 'open',
      })
      .execute()
    const file = join(mkdtempSync(join(tmpdir(), 'recoup-cli-pay-')), 'pay.csv')
    writeFileSync(
      file,
      'account,amount,currency,received_on,reference\nC-1,10.00,USD,2026-03-01,P-1\nC-1,10.00,USD,2026-03-01,P-1\n',
    )
    const cli = (...args: string[]) => runCli(config(), [...args, '--tenant', 'cli-pay'])
    const imported = cli('payments', 'import', file)
    expect(imported.status, imported.stderr).toBe(EXIT.partial)
    expect(imported.stderr).toContain(
      `${file}:3: reference: duplicate reference P-1: line 2 of this file has it`,
    )
    expect(JSON.parse(imported.stdout)).toMatchObject({ posted: 1, rejectFile: `${file}.rejects.csv` })
    expect(existsSync(`${file}.rejects.csv`)).toBe(true)

    const unmatched = cli('payments', 'unmatched')
    expect(unmatched.status, unmatched.stderr).toBe(0)
    const queue = JSON.parse(unmatched.stdout)
    expect(queue).toEqual([expect.objectContaining({ reference: 'BANK-9', amount: '25.00' })])
    expect(queue[0].suggestions).toEqual([{ account: 'C-1', score: 0.7, reason: 'name' }])
    expect(unmatched.stdout).not.toMatch(/"id"|accountId|tenant_id/)

    const applied = cli('payments', 'apply', 'BANK-9', 'C-1')
    expect(applied.status, applied.stderr).toBe(0)
    expect(JSON.parse(applied.stdout)).toMatchObject({ credit: 'BANK-9', account: 'C-1', amount: '25.00' })
  })
})
