import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'
import type { DatabaseConfig } from '../../src/config/database-config.ts'

const BIN = resolve(import.meta.dirname, '../../bin/recoup.js')

/** Environment that points the real `recoup` binary at a test database. */
export function cliEnv(config: DatabaseConfig): NodeJS.ProcessEnv {
  const env = { ...process.env }
  delete env.RECOUP_DB_SCHEMA
  if (config.kind === 'sqlite') env.DATABASE_URL = `sqlite:${config.file}`
  else {
    env.DATABASE_URL = config.url
    if (config.schema) env.RECOUP_DB_SCHEMA = config.schema
  }
  return env
}

/** Runs `recoup ARGS` to completion and returns its exit status and output. */
export function runCli(
  config: DatabaseConfig,
  args: string[],
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    env: cliEnv(config),
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}
