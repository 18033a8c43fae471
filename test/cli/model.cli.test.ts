import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../intake/import-fixtures.ts'
import { writeInvoiceBook } from '../scoring/scoring-fixtures.ts'
import { runCli } from './run-cli.ts'

const dir = tempDir('recoup-model-cli-')
const config = { kind: 'sqlite' as const, file: join(dir, 'model.sqlite') }
const recoup = (...args: string[]) => runCli(config, args)

describe('recoup model', () => {
  it('trains, shows, evaluates and scores from the command line; bad input is one catalogued line', {
    timeout: 240_000,
  }, () => {
    const { csv, mapping } = writeInvoiceBook(dir, {
      debtors: 30,
      invoices: 20,
      seed: 4,
      protectedOf: (d) => ({
        sex: 'F',
        age: 40,
        maritalStatus: 'single',
        race: 'x',
        religion: 'y',
        nationalOrigin: 'US',
        name: `C ${d}`,
      }),
    })
    expect(recoup('tenant', 'create', 'books', '--time-zone', 'UTC', '--currency', 'USD').status).toBe(0)
    expect(recoup('import', csv, '--mapping', mapping, '--tenant', 'books').status).toBe(0)

    const none = recoup('model', 'show', '--target', 'pay_30', '--tenant', 'books')
    expect(none.status).toBe(4)
    expect(none.stderr).toMatch(/^error \[model_not_found\]: no model of pay_30 for tenant "books"/)

    const train = recoup(
      'model',
      'train',
      '--target',
      'late_payment',
      '--as-of',
      '2026-02-01',
      '--tenant',
      'books',
    )
    expect(train.status).toBe(0)
    expect(train.stdout).toMatch(/^late_payment v1: \d+ characteristics; split on \d{4}-\d\d-\d\d/)
    expect(train.stdout).toMatch(/AUC +0\.\d{3} +0\.\d{3}/)

    const list = JSON.parse(recoup('model', 'show', '--format', 'json', '--tenant', 'books').stdout)
    expect(list).toMatchObject([{ target: 'late_payment', version: 1 }])
    const shown = recoup('model', 'show', '--target', 'late_payment', '--tenant', 'books')
    expect(shown.stdout).toMatch(/600 points at 50:1 good:bad, 20 points double the odds/)
    expect(shown.stdout).toMatch(/PRIOR_LATE_SHARE/)

    const evaluated = JSON.parse(
      recoup(
        'model',
        'evaluate',
        '--target',
        'late_payment',
        '--as-of',
        '2026-02-01',
        '--format',
        'json',
        '--tenant',
        'books',
      ).stdout,
    )
    expect(evaluated.scorecard.auc).toBe(list[0].auc)
    expect(evaluated.scorecard.calibration).toHaveLength(10)

    const scored = JSON.parse(
      recoup('model', 'score', '--as-of', '2025-06-15', '--format', 'json', '--tenant', 'books').stdout,
    )
    expect(scored).toMatchObject([{ target: 'late_payment', version: 1, asOf: '2025-06-15' }])
    expect(scored[0].scored).toBeGreaterThan(0)

    for (const [args, code, exit] of [
      [['model', 'show', '--target', 'risk'], 'invalid_target', 2],
      [['model', 'train'], 'missing_option', 2],
      [['model', 'show', '--target', 'pay_30', '--version', '0'], 'invalid_model_version', 2],
      [['model', 'score', '--version', '2'], 'missing_option', 2],
      [['model', 'score', '--as-of', '2025-13-01', '--tenant', 'books'], 'invalid_date', 2],
      [['model', 'show', '--format', 'xml', '--tenant', 'books'], 'invalid_format', 2],
    ] as const) {
      const run = recoup(...args)
      expect(run.status, args.join(' ')).toBe(exit)
      expect(run.stderr).toMatch(new RegExp(`^error \\[${code || '[a-z_]+'}\\]`))
      expect(run.stderr).not.toMatch(/\n\s+at /)
    }
  })
})
