import { join } from 'node:path'
import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { IBM_SAMPLE, tempDir } from '../intake/import-fixtures.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { withIbmSample } from '../support/ibm-sample.ts'
import { runCli } from './run-cli.ts'

withIbmSample('recoup CLI: import, aging, audit verify', () => {
  describeEachDatabase('recoup CLI: import, aging, audit verify', ({ store, config }) => {
    it('imports the IBM sample, reports aging, and verifies the journal until a row is tampered with', async () => {
      const rejects = join(tempDir('recoup-cli-'), 'rejects.csv')
      const created = runCli(config(), [
        'tenant',
        'create',
        'ibm',
        '--time-zone',
        'America/New_York',
        '--currency',
        'USD',
      ])
      expect(created).toMatchObject({ status: 0, stdout: expect.stringContaining('created tenant ibm') })
      const imported = runCli(config(), [
        'import',
        IBM_SAMPLE,
        '--preset',
        'ibm-ar',
        '--tenant',
        'ibm',
        '--rejects',
        rejects,
      ])
      expect(imported.status).toBe(0)
      expect(imported.stdout + imported.stderr).toMatch(/2466/)

      const aging = runCli(config(), [
        'aging',
        '--tenant',
        'ibm',
        '--as-of',
        '2013-06-30',
        '--format',
        'json',
      ])
      expect(aging.status).toBe(0)
      const report = JSON.parse(aging.stdout)
      expect(report).toMatchObject({
        asOf: '2013-06-30',
        timeZone: 'America/New_York',
        bucketLabels: ['current', '1-30', '31-60', '61-90', '91-120', '121+'],
      })
      expect(report.totals[0].currency).toBe('USD')
      const csv = runCli(config(), ['aging', '--tenant', 'ibm', '--as-of', '2013-06-30', '--format', 'csv'])
      expect(csv.stdout.split('\n')[0]).toBe('scope,client_id,client_name,currency,bucket,accounts,balance')

      // One batch event and one completion event for the import; the re-import writes nothing and only
      // records its completion: three events.
      runCli(config(), ['import', IBM_SAMPLE, '--preset', 'ibm-ar', '--tenant', 'ibm', '--rejects', rejects])
      const intact = runCli(config(), ['audit', 'verify'])
      expect(intact.status).toBe(0)
      expect(intact.stdout).toContain('ok   ibm: 3 events, chain intact')

      const { db } = store()
      await sql`update journal_events set payload = replace(payload, '2466', '2465') where seq = 2
        and tenant_id = (select id from tenants where slug = 'ibm')`.execute(db)
      const tampered = runCli(config(), ['audit', 'verify'])
      expect(tampered.status).toBe(1)
      expect(tampered.stdout).toMatch(
        /FAIL ibm: first bad event seq 2 \(id \d+\): content does not match its hash/,
      )
    })

    it('rejects bad arguments with a clear error and the exit code of its kind', () => {
      const badDate = runCli(config(), ['aging', '--as-of', '2013-02-30'])
      expect(badDate).toMatchObject({
        status: 2,
        stderr: expect.stringContaining('not a real calendar date'),
      })
      const absurd = runCli(config(), ['aging', '--as-of', '0000-01-01'])
      expect(absurd).toMatchObject({
        status: 2,
        stderr: expect.stringContaining('outside the accepted dates'),
      })
      const badBuckets = runCli(config(), ['aging', '--buckets', '60,30'])
      expect(badBuckets).toMatchObject({ status: 2, stderr: expect.stringContaining('increasing') })
      const noTenant = runCli(config(), ['aging', '--tenant', 'nobody'])
      expect(noTenant).toMatchObject({ status: 4, stderr: expect.stringContaining('no tenant "nobody"') })
      const unknownAudit = runCli(config(), ['audit', 'verify', '--tenant', 'nobody'])
      expect(unknownAudit).toMatchObject({ status: 4, stderr: expect.stringContaining('no tenant "nobody"') })
      const missingFile = runCli(config(), ['import', '/nonexistent/file.csv'])
      expect(missingFile.status).toBe(4)
      expect(missingFile.stderr).toMatch(/nonexistent/)
    })
  })
})
