import { describe, expect, it } from 'vitest'
import { databaseConfigFromEnv, describeDatabase } from '../../src/config/database-config.ts'

describe('database configuration', () => {
  it.each([
    [{}, { kind: 'sqlite', file: expect.stringMatching(/data\/recoup\.sqlite$/) }],
    [{ DATABASE_URL: 'sqlite:/tmp/x.sqlite' }, { kind: 'sqlite', file: '/tmp/x.sqlite' }],
    [{ DATABASE_URL: 'sqlite::memory:' }, { kind: 'sqlite', file: ':memory:' }],
    [{ DATABASE_URL: 'postgres://u:p@h:5433/db' }, { kind: 'postgres', url: 'postgres://u:p@h:5433/db' }],
    [
      { DATABASE_URL: 'postgresql://h/db', RECOUP_DB_SCHEMA: 'recoup' },
      { kind: 'postgres', url: 'postgresql://h/db', schema: 'recoup' },
    ],
  ])('%j → %j', (env, expected) => {
    expect(databaseConfigFromEnv(env)).toEqual(expected)
  })

  it('never prints a password', () => {
    const text = describeDatabase({ kind: 'postgres', url: 'postgres://user:s3cret@db.example:5432/recoup' })
    expect(text).toBe('PostgreSQL db.example:5432/recoup')
    expect(text).not.toContain('s3cret')
  })
})
