import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildServer } from '../../src/http/build-server.ts'
import { XLSX_TYPE } from '../../src/http/routes/imports.schema.ts'
import { createTenant, tempDir } from '../intake/import-fixtures.ts'
import { injectAs } from '../support/auth.ts'
import { describeEachDatabase } from '../support/databases.ts'

type Api = Awaited<ReturnType<typeof injectAs>>

const HEADER = 'account_id,debtor_id,debtor_name,amount,opened_on,due_on,jurisdiction'
const csv = (rows: string[]) => `${[HEADER, ...rows].join('\n')}\n`

describeEachDatabase('account imports over HTTP', ({ store }) => {
  let app: FastifyInstance
  let admin: Api
  let readOnly: Api
  let other: Api
  const dataDir = tempDir('recoup-uploads-')
  const a = '/api/v1/tenants/imp-a'

  beforeAll(async () => {
    await createTenant(store(), 'imp-a')
    await createTenant(store(), 'imp-b')
    app = await buildServer(store(), { logger: false, uploads: { dataDir, limitBytes: 16_384 } })
    admin = await injectAs(app, store(), 'imp-a', 'admin')
    readOnly = await injectAs(app, store(), 'imp-a', 'read_only')
    other = await injectAs(app, store(), 'imp-b', 'admin')
  })
  afterAll(async () => app?.close())

  const upload = (api: Api, body: string | Buffer, type = 'text/csv', url = `${a}/imports`) =>
    api({ method: 'POST', url, headers: { 'content-type': type }, payload: body })

  /** Polls an import until it is no longer running (bounded by count, not by time). */
  async function finished(api: Api, id: number, base = a) {
    for (let i = 0; i < 500; i++) {
      const view = (await api(`${base}/imports/${id}`)).json()
      if (view.status !== 'running') return view
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    throw new Error(`import ${id} did not finish`)
  }

  it('imports an uploaded CSV in the background and serves its rejects with line and field', async () => {
    const response = await upload(
      admin,
      csv([
        'A-1,D-1,Ana Ruiz,120.50,2025-01-01,2025-02-01,US-NY',
        'A-2,D-2,Ben Ode,not-money,2025-01-01,2025-02-01,US-NY',
        'A-3,D-3,Cy Lee,10.00,2025-13-01,2025-02-01,US-NY',
      ]),
      'text/csv; charset=utf-8',
    )
    expect(response.statusCode, response.body).toBe(202)
    const started = response.json()
    expect(['running', 'completed']).toContain(started.status)
    const done = await finished(admin, started.id)
    expect(done).toMatchObject({
      status: 'completed',
      progress: null,
      failure: null,
      counts: { rowsRead: 3, accountsCreated: 1, rejected: 2 },
    })
    const rejects = await admin(`${a}/imports/${started.id}/rejects`)
    expect(rejects.statusCode).toBe(200)
    expect(rejects.headers['content-type']).toBe('text/csv; charset=utf-8')
    const lines = rejects.body.trimEnd().split(/\r?\n/)
    expect(lines[0]).toBe(`line,field,reason,${HEADER}`)
    expect(lines[1]).toMatch(/^3,amount,/)
    expect(lines[2]).toMatch(/^4,opened_on,/)
    // Stored under a random name: nothing of the client's file name or data reaches a path.
    const stored = readdirSync(join(dataDir, 'uploads'), { recursive: true }).map(String)
    for (const name of stored) expect(name).toMatch(/^\d+(\/[0-9a-f-]{36}\.csv(\.rejects\.csv)?)?$/)
  })

  it('imports an XLSX upload', async () => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('Accounts')
    sheet.addRow(HEADER.split(','))
    sheet.addRow(['X-1', 'DX-1', 'Xavier', '50.00', '2025-01-01', '2025-02-01', 'US-NY'])
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer())
    const response = await upload(admin, bytes, XLSX_TYPE)
    expect(response.statusCode, response.body).toBe(202)
    const done = await finished(admin, response.json().id)
    expect(done.counts).toMatchObject({ rowsRead: 1, accountsCreated: 1, rejected: 0 })
    expect((await admin(`${a}/imports/${done.id}/rejects`)).body).toBe('line,field,reason\r\n')
  })

  it('refuses a file wrong as a whole, an oversize body and other content types', async () => {
    const noColumns = await upload(admin, 'just,some,columns\n1,2,3\n')
    expect(noColumns.statusCode, noColumns.body).toBe(400)
    expect(noColumns.json().error.message).toMatch(/column/)
    const big = await upload(
      admin,
      csv(Array.from({ length: 600 }, (_, i) => `B-${i},D,N,1.00,2025-01-01,2025-02-01,US-NY`)),
    )
    expect(big.statusCode).toBe(413)
    expect(big.json().error.code).toBe('payload_too_large')
    const text = await upload(admin, 'hello', 'text/plain')
    expect(text.statusCode).toBe(415)
    for (const payload of [{ file: 'x' }, undefined]) {
      const json = await admin({ method: 'POST', url: `${a}/imports`, ...(payload ? { payload } : {}) })
      expect(json.statusCode, json.body).toBe(415)
      expect(json.json().error.code).toBe('unsupported_media_type')
    }
    const empty = await upload(admin, '')
    expect(empty.statusCode, empty.body).toBeGreaterThanOrEqual(400)
    expect(empty.statusCode).toBeLessThan(500)
  })

  it('lists imports by page, newest first', async () => {
    const page1 = (await admin(`${a}/imports?limit=1`)).json()
    expect(page1.items).toHaveLength(1)
    const page2 = (await admin(`${a}/imports?limit=1&cursor=${page1.nextCursor}`)).json()
    expect(page2.items[0].id).toBeLessThan(page1.items[0].id)
  })

  it('keeps uploads to managers, and another tenant’s imports out of sight', async () => {
    const refused = await upload(readOnly, csv(['R-1,D,N,1.00,2025-01-01,2025-02-01,US-NY']))
    expect(refused.statusCode).toBe(403)
    expect(refused.json().error.details).toEqual({ permission: 'accounts.import' })
    const list = await readOnly(`${a}/imports`)
    expect(list.statusCode).toBe(403)
    expect(list.json().error.details).toEqual({ permission: 'imports.read' })
    const theirs = await upload(
      other,
      csv(['S-1,D,N,1.00,2025-01-01,2025-02-01,US-NY']),
      'text/csv',
      '/api/v1/tenants/imp-b/imports',
    )
    expect(theirs.statusCode, theirs.body).toBe(202)
    const id = theirs.json().id as number
    await finished(other, id, '/api/v1/tenants/imp-b')
    for (const url of [`${a}/imports/${id}`, `${a}/imports/${id}/rejects`]) {
      const response = await admin(url)
      expect(response.statusCode, url).toBe(404)
      expect(response.json().error.code).toBe('import_not_found')
    }
    const mine = (await admin(`${a}/imports?limit=500`)).json()
    expect(mine.items.map((i: { id: number }) => i.id)).not.toContain(id)
  })
})
