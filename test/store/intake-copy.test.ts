import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { DatabaseConfig } from '../../src/config/database-config.ts'
import type { IntakeRecord } from '../../src/core/intake/intake-record.ts'
import { importFile } from '../../src/intake/import-file.ts'
import { openStore, type Store } from '../../src/store/connect.ts'
import { copyField, copyLine } from '../../src/store/intake/copy-rows.ts'
import { createIntakeWriter } from '../../src/store/intake/intake-writer.ts'
import { createTenant, tempDir } from '../intake/import-fixtures.ts'
import { createTestDatabase, describeEachDatabase } from '../support/databases.ts'
import { createTestTenant } from '../support/factories.ts'

/** Text that COPY's text format must escape or pass through untouched. */
const AWKWARD = [
  'tab\there',
  'new\nline',
  'carriage\r\nreturn',
  'back\\slash \\N \\. \\t',
  'quote " and \' and ,comma',
  'emoji 💸 ü ñ 漢字',
  '\\',
  '\\.',
  ' spaces ',
]

it('formats COPY text fields: NULL as \\N, the empty string as nothing, specials escaped', () => {
  expect(copyField(null)).toBe('\\N')
  expect(copyField(undefined)).toBe('\\N')
  expect(copyField('')).toBe('')
  expect(copyField('\\N')).toBe('\\\\N')
  expect(copyField('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e')
  expect(copyField(-12)).toBe('-12')
  expect(copyLine(['x', null, '', 7])).toBe('x\t\\N\t\t7\n')
})

function awkwardRecord(n: number, text: string): IntakeRecord {
  return {
    line: n + 1,
    debtor: {
      externalId: `D-${text}`,
      kind: 'person',
      name: text,
      givenName: '',
      familyName: null,
      addresses: [{ line1: text, line2: '', city: null, country: 'US', isPrimary: true }],
      contacts: [
        { kind: 'email', value: `${text}@example.test` },
        { kind: 'postal', value: text },
      ],
    },
    account: {
      externalId: `A-${text}`,
      clientExternalId: `C-${text}`,
      clientName: text,
      originalCreditor: text,
      currentCreditor: '',
      debtKind: 'consumer',
      currency: 'USD',
      jurisdiction: 'US-NY',
      openedOn: '2026-01-01',
      dueOn: '2026-02-01',
      status: 'open',
      attributes: { note: text },
    },
    entries: [
      {
        kind: 'charge',
        amountMinor: 1000 + n,
        effectiveOn: '2026-01-01',
        externalId: `e-${text}`,
        memo: text,
      },
      { kind: 'fee', amountMinor: 5, effectiveOn: '2026-01-02', externalId: 'fee', memo: '' },
      { kind: 'payment', amountMinor: -10, effectiveOn: '2026-01-03', externalId: 'payment', memo: null },
    ],
  }
}

describeEachDatabase('intake of awkward text', ({ store, config }) => {
  it('round-trips tabs, newlines, backslashes, quotes, NULL against the empty string and emoji', async () => {
    const s = store()
    const tenant = await createTestTenant(s.db, 'awkward', { kind: 'agency' })
    const records = AWKWARD.map((text, n) => awkwardRecord(n, text))
    const first = await createIntakeWriter(s, tenant.id).write(records)
    expect(first).toMatchObject({ debtorsCreated: AWKWARD.length, accountsCreated: AWKWARD.length })
    expect(first.entriesPosted).toBe(3 * AWKWARD.length)
    const again = await createIntakeWriter(s, tenant.id).write(records)
    expect(again).toMatchObject({ debtorsCreated: 0, accountsCreated: 0, accountsExisting: AWKWARD.length })

    const debtors = await s.db
      .selectFrom('debtors')
      .select(['external_id', 'name', 'given_name', 'family_name'])
      .where('tenant_id', '=', tenant.id)
      .orderBy('id')
      .execute()
    expect(debtors).toEqual(
      AWKWARD.map((text) => ({ external_id: `D-${text}`, name: text, given_name: '', family_name: null })),
    )
    const accounts = await s.db
      .selectFrom('accounts as a')
      .innerJoin('clients as c', 'c.id', 'a.client_id')
      .select(['a.external_id', 'a.original_creditor', 'a.current_creditor', 'a.attributes', 'c.name'])
      .where('a.tenant_id', '=', tenant.id)
      .orderBy('a.id')
      .execute()
    expect(accounts).toEqual(
      AWKWARD.map((text) => ({
        external_id: `A-${text}`,
        original_creditor: text,
        current_creditor: '',
        attributes: JSON.stringify({ note: text }),
        name: text,
      })),
    )
    const addresses = await s.db
      .selectFrom('debtor_addresses')
      .select(['id', 'line1', 'line2', 'city'])
      .where('tenant_id', '=', tenant.id)
      .orderBy('id')
      .execute()
    expect(addresses.map(({ id: _, ...rest }) => rest)).toEqual(
      AWKWARD.map((text) => ({ line1: text, line2: '', city: null })),
    )
    const contacts = await s.db
      .selectFrom('contact_points')
      .select(['kind', 'value', 'address_id', 'phone_type'])
      .where('tenant_id', '=', tenant.id)
      .orderBy('id')
      .execute()
    expect(contacts).toEqual(
      AWKWARD.flatMap((text, n) => [
        { kind: 'email', value: `${text}@example.test`, address_id: null, phone_type: null },
        { kind: 'postal', value: text, address_id: addresses[n]?.id, phone_type: null },
      ]),
    )
    const memos = await s.db
      .selectFrom('ledger_entries')
      .select(['external_id', 'memo', 'component'])
      .where('tenant_id', '=', tenant.id)
      .orderBy('id')
      .execute()
    expect(memos).toEqual(
      AWKWARD.flatMap((text) => [
        { external_id: `e-${text}`, memo: text, component: 'principal' },
        { external_id: 'fee', memo: '', component: 'fee' },
        { external_id: 'payment', memo: null, component: 'principal' },
      ]),
    )
    if (config().kind === 'postgres') {
      // Non-ASCII arrived as the characters it is, not as mangled bytes.
      const client = new pg.Client({ connectionString: (config() as { url: string }).url })
      await client.connect()
      try {
        const schema = (config() as { schema?: string }).schema
        const { rows } = await client.query(
          `select length(name) as chars, octet_length(name) as bytes from ${schema}.debtors where name like 'emoji%'`,
        )
        const emoji = AWKWARD.find((text) => text.startsWith('emoji')) ?? ''
        expect(rows).toEqual([{ chars: [...emoji].length, bytes: Buffer.byteLength(emoji) }])
      } finally {
        await client.end()
      }
    }
  })

  it('imports a CSV file whose quoted cells hold tabs, newlines, backslashes and emoji', async () => {
    const s = store()
    const tenant = await createTenant(s, 'awkward-csv')
    const dir = tempDir('recoup-awkward-')
    const file = join(dir, 'awkward.csv')
    const names = AWKWARD
    const quote = (text: string) => `"${text.replaceAll('"', '""')}"`
    writeFileSync(
      file,
      [
        'account_id,debtor_id,debtor_name,given_name,amount,opened_on,due_on,address_line1,address_line2,country',
        ...names.map(
          (text, n) => `A${n},D${n},${quote(text)},,12.50,2026-01-01,2026-02-01,${quote(text)},,US`,
        ),
      ].join('\n'),
    )
    const summary = await importFile(s, { file, tenant, preset: 'generic', rejectsPath: join(dir, 'r.csv') })
    expect(summary).toMatchObject({ accountsCreated: names.length, rejected: 0 })
    const rows = await s.db
      .selectFrom('debtors as d')
      .innerJoin('debtor_addresses as a', 'a.debtor_id', 'd.id')
      .select(['d.external_id', 'd.name', 'd.given_name', 'a.line1', 'a.line2'])
      .where('d.tenant_id', '=', tenant.id)
      .orderBy('d.id')
      .execute()
    expect(rows).toEqual(
      names.map((text, n) => ({
        external_id: `D${n}`,
        name: text.trim(),
        given_name: null,
        line1: text.trim(),
        line2: null,
      })),
    )
  })
})

/** Waits until a backend waits for a lock held by `holder` (the other writer's open transaction). */
async function untilBlockedBy(observer: pg.Client, holder: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const { rows } = await observer.query(
      `select 1 from pg_locks w join pg_locks h on h.locktype = 'transactionid'
         and h.transactionid = w.transactionid and h.granted
       where not w.granted and h.pid = $1`,
      [holder],
    )
    if (rows.length > 0) return
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error('the intake writer never waited for the other transaction')
}

describe.skipIf(!inject('postgresAvailable'))('intake COPY beside a concurrent writer [postgres]', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined
  let store: Store | undefined
  let other: pg.Client | undefined
  let observer: pg.Client | undefined
  beforeAll(async () => {
    database = await createTestDatabase('postgres')
    store = await openStore(database.config)
    const { url, schema } = database.config as Extract<DatabaseConfig, { kind: 'postgres' }>
    other = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` })
    observer = new pg.Client({ connectionString: url })
    await other.connect()
    await observer.connect()
  })
  afterAll(async () => {
    await other?.end()
    await observer?.end()
    await store?.close()
    await database?.dispose()
  })

  it('a debtor or account another transaction commits first is taken as existing, not duplicated', async () => {
    const s = store as Store
    const o = other as pg.Client
    const tenant = await createTestTenant(s.db, 'race', { kind: 'agency' })
    const pid = (await o.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]?.pid as number
    const writer = createIntakeWriter(s, tenant.id)

    // First try (every row assumed new): the other transaction holds debtor D-one uncommitted.
    await o.query('begin')
    await o.query(
      `insert into debtors (tenant_id, external_id, kind, name) values ($1, 'D-one', 'person', 'x')`,
      [tenant.id],
    )
    const first = writer.write([awkwardRecord(1, 'one')])
    await untilBlockedBy(observer as pg.Client, pid)
    await o.query('commit')
    expect(await first).toMatchObject({ debtorsCreated: 0, accountsCreated: 1, entriesPosted: 3 })

    // The writer now looks rows up first; the other transaction inserts the next record's debtor and
    // account after that look-up, so the COPY meets them and the statements take over.
    await o.query('begin')
    const debtor = await o.query<{ id: number }>(
      `insert into debtors (tenant_id, external_id, kind, name) values ($1, 'D-two', 'person', 'y') returning id`,
      [tenant.id],
    )
    await o.query(
      `insert into accounts (tenant_id, debtor_id, external_id, original_creditor, current_creditor, debt_kind,
         currency, jurisdiction, opened_on, due_on, status)
       values ($1, $2, 'A-two', 'c', 'c', 'consumer', 'USD', 'US-NY', '2026-01-01', '2026-02-01', 'open')`,
      [tenant.id, debtor.rows[0]?.id],
    )
    const second = writer.write([awkwardRecord(2, 'two')])
    await untilBlockedBy(observer as pg.Client, pid)
    await o.query('commit')
    expect(await second).toEqual({
      debtorsCreated: 0,
      accountsCreated: 0,
      accountsExisting: 1,
      entriesPosted: 3,
      conflicts: [],
    })
    const counts = await s.db
      .selectFrom('accounts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', tenant.id)
      .executeTakeFirstOrThrow()
    expect(Number(counts.n)).toBe(2)
    const debtors = await s.db
      .selectFrom('debtors')
      .select(['external_id', 'name'])
      .where('tenant_id', '=', tenant.id)
      .orderBy('external_id')
      .execute()
    expect(debtors).toEqual([
      { external_id: 'D-one', name: 'x' },
      { external_id: 'D-two', name: 'y' },
    ])
  })
})
