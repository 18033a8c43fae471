/** Server the PostgreSQL half of the suite uses; each test file works in a schema of its own. */
export const TEST_POSTGRES_URL =
  process.env.RECOUP_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
