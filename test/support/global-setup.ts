import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { buildWeb, webIsFresh } from '../../scripts/build-web.js'
import { TEST_POSTGRES_URL } from './test-postgres-url.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAvailable: boolean
  }
}

/**
 * Checks once whether PostgreSQL answers. In CI (CI=true) or with RECOUP_REQUIRE_POSTGRES=1 a missing
 * server fails the run; elsewhere the PostgreSQL half of the suite is skipped with a visible notice.
 */
export default async function setup(project: TestProject): Promise<void> {
  // The browser tests and the server's pages need the built web app (npm install builds it; an edit
  // under web/ since then is rebuilt here, in about two seconds).
  if (!webIsFresh()) await buildWeb({ quiet: true })
  const required = process.env.CI === 'true' || process.env.RECOUP_REQUIRE_POSTGRES === '1'
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 3000 })
  let available = false
  try {
    await client.connect()
    await client.query('select 1')
    available = true
  } catch (error) {
    const message = `PostgreSQL is not reachable at ${TEST_POSTGRES_URL}: ${(error as Error).message}`
    if (required) throw new Error(`${message} (required in CI)`)
    console.warn(
      `\n*** NOTICE: ${message}\n*** The PostgreSQL storage tests are SKIPPED. Set RECOUP_TEST_DATABASE_URL or start PostgreSQL.\n`,
    )
  } finally {
    await client.end().catch(() => {})
  }
  project.provide('postgresAvailable', available)
}
