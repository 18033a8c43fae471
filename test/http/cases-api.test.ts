import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildServer } from '../../src/http/build-server.ts'
import { createIntakeWriter } from '../../src/store/intake/intake-writer.ts'
import { ensureTenant } from '../../src/store/tenant.repository.ts'
import { injectAs } from '../support/auth.ts'
import { describeEachDatabase } from '../support/databases.ts'

const account = (line: number, externalId: string, dueOn: string) => ({
  line,
  debtor: {
    externalId: `d-${externalId}`,
    kind: 'business' as const,
    name: `${externalId} Ltd`,
    addresses: [{ line1: '1 Mill Lane', city: 'Leeds', country: 'GB', timeZone: 'Europe/London' }],
  },
  account: {
    externalId,
    originalCreditor: 'Acme Ltd',
    currentCreditor: 'Acme Ltd',
    debtKind: 'commercial' as const,
    currency: 'GBP',
    jurisdiction: 'GB',
    openedOn: dueOn,
    dueOn,
    status: 'open' as const,
  },
  entries: [{ kind: 'charge' as const, amountMinor: 800_000, effectiveOn: dueOn, externalId: 'principal' }],
})

describeEachDatabase('the legal-case routes', ({ store }) => {
  let app: FastifyInstance
  let api: Awaited<ReturnType<typeof injectAs>>
  let collector: Awaited<ReturnType<typeof injectAs>>
  const base = '/api/v1/tenants/cases-api/cases'

  beforeAll(async () => {
    const tenant = await ensureTenant(store().db, {
      slug: 'cases-api',
      name: 'Acme Ltd',
      kind: 'creditor',
      timeZone: 'Europe/London',
      defaultCurrency: 'GBP',
    })
    await createIntakeWriter(store(), tenant.id).write([
      account(2, 'UK-CO-1', '2026-03-01'),
      account(3, 'UK-OLD', '2015-01-01'),
    ])
    app = await buildServer(store(), { logger: false })
    api = await injectAs(app, store(), 'cases-api', 'manager')
    collector = await injectAs(app, store(), 'cases-api', 'collector')
  })
  afterAll(async () => app?.close())

  it('opens, lists, shows, records a hearing and a judgment, as the schemas say', async () => {
    const body = {
      accounts: ['UK-CO-1'],
      kind: 'uk_money_claim',
      filedOn: '2026-10-20',
      courtFee: '205',
      forum: 'County Court Money Claims Centre',
    }
    expect((await collector({ method: 'POST', url: base, payload: body })).statusCode).toBe(403)
    const opened = await api({ method: 'POST', url: base, payload: body })
    expect(opened.statusCode, opened.body).toBe(200)
    const id = opened.json().id as number
    expect(opened.json()).toMatchObject({
      status: 'open',
      claim: { principalMinor: 800_000, costsMinor: 20_500 },
      deadlines: [
        expect.objectContaining({ id: 'limitation', on: '2032-03-01', ruleId: 'gb.limitation-act.contract' }),
      ],
    })
    const list = await api({ url: `${base}?status=open` })
    expect(list.statusCode, list.body).toBe(200)
    expect(list.json().map((c: { id: number }) => c.id)).toEqual([id])
    expect((await api({ url: `${base}/${id}` })).json().accounts).toEqual(['UK-CO-1'])
    const hearing = await api({
      method: 'POST',
      url: `${base}/${id}/hearings`,
      payload: { on: '2026-12-01', purpose: 'directions', next: '2027-01-20' },
    })
    expect(hearing.statusCode, hearing.body).toBe(200)
    expect(hearing.json().hearings).toHaveLength(1)
    const judged = await api({
      method: 'POST',
      url: `${base}/${id}/close`,
      payload: { outcome: 'judgment', on: '2027-01-20', amount: '8500' },
    })
    expect(judged.statusCode, judged.body).toBe(200)
    expect(judged.json()).toMatchObject({
      status: 'judgment',
      outcome: { judgmentMinor: 850_000, postJudgmentRate: '8' },
    })

    // The case's evidence pack: its accounts under the case's caption, journaled.
    const pack = await api({ url: `${base}/${id}/evidence-pack.pdf?asOf=2027-01-20` })
    expect(pack.statusCode, pack.body).toBe(200)
    expect(pack.headers['content-type']).toBe('application/pdf')
    const file = join(mkdtempSync(join(tmpdir(), 'recoup-case-pack-')), 'pack.pdf')
    writeFileSync(file, pack.rawPayload)
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
    expect(text).toContain('Acme Ltd v. UK-CO-1 Ltd')
    expect(text).toContain(`County Court money claim: case ${id} (no court number yet)`)
    expect(text).toContain('County Court Money Claims Centre')
    const claimed = (opened.json().claim.totalMinor as number) / 100
    expect(text).toContain(`Claim ${claimed.toFixed(2)} GBP; filed 2026-10-20 (judgment)`)
    expect(text).toContain('Account UK-CO-1')
    const zip = await api({ url: `${base}/${id}/evidence-pack.zip` })
    expect(zip.statusCode, zip.body).toBe(200)
    expect(zip.rawPayload.subarray(0, 4)).toEqual(Buffer.from('PK\x03\x04', 'latin1'))
    const exported = await store()
      .db.selectFrom('journal_events')
      .select('payload')
      .where('type', '=', 'evidence.exported')
      .execute()
    expect(exported.length).toBeGreaterThanOrEqual(2)
    // A collector may read cases but not export evidence; an unknown case is a 404; a bad id a 400.
    expect((await collector({ url: `${base}/${id}/evidence-pack.pdf` })).statusCode).toBe(403)
    expect((await api({ url: `${base}/999999/evidence-pack.pdf` })).json().error.code).toBe('case_not_found')
    expect((await api({ url: `${base}/0/evidence-pack.zip` })).statusCode).toBe(400)
    expect((await api({ url: `${base}/99999999999999999999/evidence-pack.pdf` })).statusCode).toBe(400)
  })

  it('answers the gate refusal with its reasons, and unknown or bad input in the error format', async () => {
    const barred = await api({
      method: 'POST',
      url: base,
      payload: { accounts: ['UK-OLD'], kind: 'recovery_suit', filedOn: '2026-10-20' },
    })
    expect(barred.statusCode).toBe(422)
    expect(barred.json().error).toMatchObject({
      code: 'case_not_allowed',
      details: { reasons: [expect.objectContaining({ ruleId: 'gb.limitation-act.contract' })] },
    })
    expect((await api({ url: `${base}/999999` })).json().error.code).toBe('case_not_found')
    // An id past the safe integers is bad input, not a database error.
    for (const url of [`${base}/99999999999999999999`, `${base}/9007199254740992/close`]) {
      const huge = await api({
        method: url.endsWith('close') ? 'POST' : 'GET',
        url,
        payload: url.endsWith('close') ? { outcome: 'dismissal' } : undefined,
      })
      expect(huge.statusCode, huge.body).toBe(400)
    }
    const bad = await api({ method: 'POST', url: base, payload: { accounts: ['UK-OLD'], kind: 'duel' } })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.code).toBe('invalid_case')
  })
})
