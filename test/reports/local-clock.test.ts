import { type RawBuilder, sql } from 'kysely'
import { expect, it } from 'vitest'
import { localClock } from '../../src/store/reports/local-time-sql.ts'
import { describeEachDatabase } from '../support/databases.ts'

/** Instants around New York's change to summer time (2026-03-08 07:00 UTC) and a month end. */
const INSTANTS = ['2026-03-08T06:30:00.000Z', '2026-03-08T07:30:00.000Z', '2026-03-31T23:59:00.000Z']
const FROM = Date.parse('2026-03-01T00:00:00.000Z')
const TO = Date.parse('2026-04-02T00:00:00.000Z')

describeEachDatabase('the reports’ local clock', ({ store }) => {
  const read = async (zone: string) => {
    const { db, dialect } = store()
    const clock = localClock(db, zone, FROM, TO)
    const out: { stamp: string; day: string; later: string }[] = []
    for (const iso of INSTANTS) {
      const at: RawBuilder<unknown> = dialect === 'postgres' ? sql`cast(${iso} as timestamptz)` : sql`${iso}`
      const day = clock.day(at)
      const row = await sql<{ stamp: string; day: string; later: string }>`select ${clock.stamp(at)} as stamp,
        cast(${day} as text) as day, cast(${clock.plusDays(day, 7)} as text) as later`.execute(db)
      out.push(row.rows[0] as { stamp: string; day: string; later: string })
    }
    return out
  }

  it('reads UTC stamps unshifted, and a zone with a change of offset shifted', async () => {
    expect(await read('UTC')).toEqual([
      { stamp: '2026-03-08 06', day: '2026-03-08', later: '2026-03-15' },
      { stamp: '2026-03-08 07', day: '2026-03-08', later: '2026-03-15' },
      { stamp: '2026-03-31 23', day: '2026-03-31', later: '2026-04-07' },
    ])
    expect(await read('America/New_York')).toEqual([
      { stamp: '2026-03-08 01', day: '2026-03-08', later: '2026-03-15' },
      { stamp: '2026-03-08 03', day: '2026-03-08', later: '2026-03-15' },
      { stamp: '2026-03-31 19', day: '2026-03-31', later: '2026-04-07' },
    ])
  })
})
