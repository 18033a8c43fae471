import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'
import { expect, it } from 'vitest'
import { actorForApiKey, logIn } from '../../src/app/auth/sessions.ts'
import type { DatabaseConfig } from '../../src/config/database-config.ts'
import { EXIT } from '../../src/core/errors/index.ts'
import { agencyBook } from '../support/auth.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { cliEnv, runCli } from './run-cli.ts'

const BIN = resolve(import.meta.dirname, '../../bin/recoup.js')

function runWithInput(config: DatabaseConfig, args: string[], input: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    env: cliEnv(config),
    encoding: 'utf8',
    input,
    timeout: 60_000,
  })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

describeEachDatabase('recoup user and recoup apikey', ({ store, config }) => {
  it('creates users (generated or given password, client limits), keys shown once; lists, revokes, disables', {
    timeout: 240_000,
  }, async () => {
    await agencyBook(store(), 'cli-agency')
    const t = ['--tenant', 'cli-agency']
    const created = runCli(config(), [
      'user',
      'create',
      'Ana@Agency.test',
      '--role',
      'collector',
      '--client',
      'north',
      ...t,
    ])
    expect(created.status, created.stderr).toBe(0)
    expect(created.stdout).toMatch(
      /^created user ana@agency\.test \(collector, id \d+\) limited to clients north\n/,
    )
    const password = /password \(shown once\): (\S+)/.exec(created.stdout)?.[1] as string
    expect(password.length).toBeGreaterThanOrEqual(20)
    const session = await logIn(store(), { tenant: 'cli-agency', email: 'ana@agency.test', password })
    expect(session.user.role).toBe('collector')

    const given = runWithInput(
      config(),
      ['user', 'create', 'bo@agency.test', '--role', 'manager', '--password-stdin', ...t],
      'a-long-password-1\n',
    )
    expect(given.status, given.stderr).toBe(0)
    expect(given.stdout).not.toContain('password')
    await expect(
      logIn(store(), { tenant: 'cli-agency', email: 'bo@agency.test', password: 'a-long-password-1' }),
    ).resolves.toBeTruthy()
    const short = runWithInput(
      config(),
      ['user', 'create', 'cy@agency.test', '--role', 'manager', '--password-stdin', ...t],
      'short\n',
    )
    expect(short.status).toBe(EXIT.badInput)
    expect(short.stderr).toContain('error [weak_password]')
    const again = runCli(config(), ['user', 'create', 'ana@agency.test', '--role', 'admin', ...t])
    expect(again.status).toBe(EXIT.conflict)
    expect(again.stderr).toContain('error [user_exists]')
    const badRole = runCli(config(), ['user', 'create', 'dee@agency.test', '--role', 'boss', ...t])
    expect(badRole.status).toBe(EXIT.badInput)
    expect(badRole.stderr).toContain('error [invalid_role]')

    const users = runCli(config(), ['user', 'list', ...t])
    expect(users.stdout).toMatch(/ana@agency\.test\tcollector\tactive\tnorth\t/)
    expect(users.stdout).toMatch(/bo@agency\.test\tmanager\tactive\tall clients\t20\d\d-/)

    const key = runCli(config(), ['apikey', 'create', '--name', 'ERP sync', '--role', 'manager', ...t])
    expect(key.status, key.stderr).toBe(0)
    const secret = /key \(shown once\): (rcp_k_\S+)/.exec(key.stdout)?.[1] as string
    const id = /created API key (\d+)/.exec(key.stdout)?.[1] as string
    expect((await actorForApiKey(store(), secret))?.roles).toEqual(['manager'])
    const keys = runCli(config(), ['apikey', 'list', ...t])
    expect(keys.stdout).toContain(`${id}\t${secret.slice(0, 10)}…\tERP sync\tmanager\tactive\tlast used `)
    expect(keys.stdout).not.toContain(secret)
    expect(runCli(config(), ['apikey', 'revoke', id, ...t]).stdout).toBe(`revoked API key ${id} "ERP sync"\n`)
    expect(await actorForApiKey(store(), secret)).toBeUndefined()
    const missing = runCli(config(), ['apikey', 'revoke', '99999', ...t])
    expect(missing.status).toBe(EXIT.notFound)

    expect(runCli(config(), ['user', 'disable', 'ana@agency.test', ...t]).stdout).toBe(
      'disabled user ana@agency.test\n',
    )
    await expect(
      logIn(store(), { tenant: 'cli-agency', email: 'ana@agency.test', password }),
    ).rejects.toMatchObject({
      code: 'invalid_credentials',
    })
  })
})
