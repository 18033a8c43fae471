import { describe, expect, it } from 'vitest'
import { parseAppConfig } from '../../src/config/app-config.ts'
import { databaseConfigFromEnv, describeDatabase } from '../../src/config/database-config.ts'
import { AppError } from '../../src/core/errors/index.ts'

/** The one-line message a configuration error carries, checking its code. */
function configError(read: () => unknown): string {
  try {
    read()
  } catch (error) {
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('invalid_configuration')
    return (error as AppError).message
  }
  throw new Error('expected an invalid_configuration error')
}

describe('database configuration', () => {
  it.each([
    [{}, { kind: 'sqlite', file: expect.stringMatching(/data\/recoup\.sqlite$/) }],
    [{ DATABASE_URL: 'sqlite:/tmp/x.sqlite' }, { kind: 'sqlite', file: '/tmp/x.sqlite' }],
    [{ DATABASE_URL: 'sqlite:///tmp/x.sqlite' }, { kind: 'sqlite', file: '/tmp/x.sqlite' }],
    [{ DATABASE_URL: 'sqlite::memory:' }, { kind: 'sqlite', file: ':memory:' }],
    [{ DATABASE_URL: '/tmp/plain.sqlite' }, { kind: 'sqlite', file: '/tmp/plain.sqlite' }],
    [
      { DATABASE_URL: './rel/x.sqlite' },
      { kind: 'sqlite', file: expect.stringMatching(/\/rel\/x\.sqlite$/) },
    ],
    [{ DATABASE_URL: 'postgres://u:p@h:5433/db' }, { kind: 'postgres', url: 'postgres://u:p@h:5433/db' }],
    [
      { DATABASE_URL: 'postgresql://h/db', RECOUP_DB_SCHEMA: 'recoup' },
      { kind: 'postgres', url: 'postgresql://h/db', schema: 'recoup' },
    ],
    [
      { DATABASE_URL: 'sqlite:/tmp/x.sqlite', RECOUP_DB_SCHEMA: '' },
      { kind: 'sqlite', file: '/tmp/x.sqlite' },
    ],
  ])('%j → %j', (env, expected) => {
    expect(databaseConfigFromEnv(env)).toEqual(expected)
  })

  // Defect 6: these used to become SQLite paths (and folders named after them).
  it.each([
    'mysql://root:hunter2@db/recoup',
    'postgress://h/db',
    'mongodb+srv://h/db',
    'file:/tmp/x.sqlite',
    'redis:6379',
  ])('refuses DATABASE_URL=%s, never echoing a password', (url) => {
    const message = configError(() => databaseConfigFromEnv({ DATABASE_URL: url }))
    expect(message).toMatch(/^DATABASE_URL must be postgres:\/\/\.\.\., postgresql:\/\/\.\.\., sqlite:PATH/)
    expect(message).not.toContain('hunter2')
  })

  it('refuses an empty sqlite: path, a bad schema name and a schema on SQLite', () => {
    expect(configError(() => databaseConfigFromEnv({ DATABASE_URL: 'sqlite:' }))).toContain(
      'names no SQLite file',
    )
    expect(
      configError(() =>
        databaseConfigFromEnv({ DATABASE_URL: 'postgres://h/db', RECOUP_DB_SCHEMA: 'a;drop' }),
      ),
    ).toContain('RECOUP_DB_SCHEMA must be a lower-case schema name')
    expect(configError(() => databaseConfigFromEnv({ RECOUP_DB_SCHEMA: 'x' }))).toContain('PostgreSQL only')
  })

  it('never prints a password', () => {
    const text = describeDatabase({ kind: 'postgres', url: 'postgres://user:s3cret@db.example:5432/recoup' })
    expect(text).toBe('PostgreSQL db.example:5432/recoup')
    expect(text).not.toContain('s3cret')
  })
})

describe('application configuration', () => {
  it('has documented defaults', () => {
    expect(parseAppConfig({})).toEqual({
      database: { kind: 'sqlite', file: expect.stringMatching(/data\/recoup\.sqlite$/) },
      port: 3000,
      host: '127.0.0.1',
      demoAccounts: 10_000,
      debug: false,
      rateLimitPerMinute: 6_000,
      trustProxy: false,
      firstAdminPassword: undefined,
      outreach: {
        smtpUrl: 'smtp://127.0.0.1:2525',
        mailFrom: 'Recoup <collections@recoup.localhost>',
        replyDomain: 'replies.recoup.localhost',
        publicUrl: 'http://127.0.0.1:3000',
        mailSinkPort: 2525,
        sinkDir: expect.stringMatching(/data\/sink$/),
        sms: null,
        dispatchIntervalSeconds: 10,
        mailAttachments: true,
        letters: true,
      },
      webhooks: {
        intervalSeconds: 5,
        timeoutSeconds: 10,
        maxAttempts: 8,
        disableAfterDead: 3,
        allowPrivate: false,
      },
    })
    expect(() => parseAppConfig({ RECOUP_WEBHOOK_MAX_ATTEMPTS: '0' })).toThrow(/RECOUP_WEBHOOK_MAX_ATTEMPTS/)
    expect(() => parseAppConfig({ RECOUP_WEBHOOK_ALLOW_PRIVATE: 'yes' })).toThrow(
      /RECOUP_WEBHOOK_ALLOW_PRIVATE/,
    )
  })

  it('reads the rate limit and the first admin password, never echoing the password', () => {
    expect(
      parseAppConfig({ RECOUP_RATE_LIMIT: '120', RECOUP_ADMIN_PASSWORD: 'a-long-password-1' }),
    ).toMatchObject({
      rateLimitPerMinute: 120,
      firstAdminPassword: 'a-long-password-1',
    })
    expect(() => parseAppConfig({ RECOUP_RATE_LIMIT: '0' })).toThrow(
      /RECOUP_RATE_LIMIT must be a whole number from 1/,
    )
    let message = ''
    try {
      parseAppConfig({ RECOUP_ADMIN_PASSWORD: 'short-pw' })
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toContain('RECOUP_ADMIN_PASSWORD must be 12 to 256 characters')
    expect(message).not.toContain('short-pw')
  })

  it('refuses a half-configured SMS provider and a malformed SMTP URL, naming the variable', () => {
    expect(() => parseAppConfig({ RECOUP_SMS_URL: 'https://api.example.test' })).toThrow(
      /RECOUP_SMS_URL is set but RECOUP_SMS_ACCOUNT_SID, RECOUP_SMS_AUTH_TOKEN, RECOUP_SMS_FROM is not/,
    )
    expect(() => parseAppConfig({ RECOUP_SMTP_URL: 'http://mail.example.test' })).toThrow(
      /RECOUP_SMTP_URL must use smtp/,
    )
    expect(() => parseAppConfig({ RECOUP_DISPATCH_INTERVAL: 'soon' })).toThrow(/RECOUP_DISPATCH_INTERVAL/)
  })

  it('reads every variable', () => {
    const config = parseAppConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      RECOUP_DEMO_ACCOUNTS: '0',
      RECOUP_DEBUG: '1',
    })
    expect(config).toMatchObject({ port: 8080, host: '0.0.0.0', demoAccounts: 0, debug: true })
  })

  it.each([
    [{ PORT: 'abc' }, 'PORT must be a whole number from 1 to 65535, not "abc"'],
    [{ PORT: '70000' }, 'PORT must be a whole number from 1 to 65535'],
    [{ PORT: '0' }, 'PORT must be a whole number from 1 to 65535'],
    [{ RECOUP_DEMO_ACCOUNTS: '-5' }, 'RECOUP_DEMO_ACCOUNTS must be a whole number from 0 to 10000000'],
    [{ RECOUP_DEMO_ACCOUNTS: '1e3' }, 'RECOUP_DEMO_ACCOUNTS must be a whole number'],
    [{ RECOUP_DEBUG: 'yes' }, 'RECOUP_DEBUG must be 0 or 1'],
    [{ HOST: 'a b' }, 'HOST must be a host name or address'],
    [{ RECOUP_DEMO_ACOUNTS: '5' }, 'unknown environment variable RECOUP_DEMO_ACOUNTS (a typo?); known:'],
  ])('refuses %j', (env, message) => {
    expect(configError(() => parseAppConfig(env))).toContain(message)
  })

  it('accepts the RECOUP_ variables read by the binary and the tests', () => {
    expect(() =>
      parseAppConfig({
        RECOUP_FROM_SOURCE: '1',
        RECOUP_TEST_DATABASE_URL: 'x',
        RECOUP_REQUIRE_POSTGRES: '1',
      }),
    ).not.toThrow()
  })
})
