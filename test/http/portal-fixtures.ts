import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { systemActor } from '../../src/app/actor.ts'
import { createApiKey } from '../../src/app/auth/api-keys.ts'
import type { IntakeRecord } from '../../src/core/intake/intake-record.ts'
import type { PortalLinkSettings } from '../../src/core/portal/portal-link.ts'
import type { Store } from '../../src/store/connect.ts'
import { createIntakeWriter } from '../../src/store/intake/intake-writer.ts'
import { ensureTenant, type Tenant } from '../../src/store/tenant.repository.ts'

export const PORTAL_SETTINGS: PortalLinkSettings = {
  secret: 'portal-test-secret-that-is-long-enough-123',
  publicUrl: 'https://pay.example.test',
  linkDays: 14,
}

/** A tenant with two debtors' accounts (A and B), postcodes, a date of birth, and an admin key. */
export async function portalBook(store: Store, slug: string) {
  const tenant: Tenant = await ensureTenant(store.db, {
    slug,
    name: `${slug} Collections`,
    kind: 'agency',
    timeZone: 'UTC',
    defaultCurrency: 'USD',
  })
  const record = (n: number, postcode: string): IntakeRecord => ({
    line: n + 2,
    debtor: {
      externalId: `${slug}-D${n}`,
      kind: 'person',
      name: `Debtor ${n}`,
      contacts: [{ kind: 'email', value: `d${n}@${slug}.test`, consent: 'granted' }],
      addresses: [
        { line1: `${n} High St`, city: 'Albany', postalCode: postcode, country: 'US', isPrimary: true },
      ],
    },
    account: {
      externalId: `${slug}-A${n}`,
      clientExternalId: 'north',
      clientName: 'North Bank',
      originalCreditor: 'North Bank',
      currentCreditor: 'North Bank',
      debtKind: 'consumer',
      currency: 'USD',
      jurisdiction: 'US-NY',
      openedOn: '2026-01-01',
      dueOn: '2026-06-01',
      status: 'open',
    },
    entries: [
      { kind: 'charge', amountMinor: 120_000, effectiveOn: '2026-01-01', externalId: 'principal' },
      { kind: 'fee', amountMinor: 2_500, effectiveOn: '2026-02-01', externalId: 'fee-1' },
    ],
  })
  await createIntakeWriter(store, tenant.id).write([record(0, '12207'), record(1, 'SW1A 1AA')])
  const accounts = await store.db
    .selectFrom('accounts')
    .select(['id', 'external_id', 'debtor_id'])
    .where('tenant_id', '=', tenant.id)
    .orderBy('id')
    .execute()
  await store.db
    .updateTable('debtors')
    .set({ date_of_birth: '1980-04-05' })
    .where('id', '=', Number(accounts[0]?.debtor_id))
    .execute()
  const key = await createApiKey(
    { store, actor: systemActor(tenant, 'test') },
    { name: 'portal admin', role: 'admin' },
  )
  return {
    tenant,
    a: { id: Number(accounts[0]?.id), ref: `${slug}-A0`, debtorId: Number(accounts[0]?.debtor_id) },
    b: { id: Number(accounts[1]?.id), ref: `${slug}-A1`, debtorId: Number(accounts[1]?.debtor_id) },
    staff: { authorization: `Bearer ${key.key}` },
  }
}

/** A temporary data dir for uploads. */
export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'recoup-portal-'))
}

/** Issues a link for the account through the staff endpoint; answers the token. */
export async function linkToken(app: FastifyInstance, slug: string, account: string, staff: object) {
  const response = await app.inject({
    method: 'POST',
    url: `/api/v1/tenants/${slug}/accounts/${account}/portal-link`,
    headers: staff as Record<string, string>,
  })
  if (response.statusCode !== 201) throw new Error(`portal-link: ${response.statusCode} ${response.body}`)
  const url = response.json().url as string
  return url.slice(url.indexOf('/pay/') + 5)
}

/** Opens a portal session; answers the headers a portal request sends (cookie, CSRF). */
export async function portalLogin(
  app: FastifyInstance,
  body: { token: string; reference: string; dateOfBirth?: string; postcode?: string },
) {
  const response = await app.inject({ method: 'POST', url: '/api/v1/portal/session', payload: body })
  if (response.statusCode !== 200) throw new Error(`portal session: ${response.statusCode} ${response.body}`)
  const setCookie = String(response.headers['set-cookie'])
  const cookie = setCookie.split(';')[0] ?? ''
  return { cookie, 'x-csrf-token': response.json().csrfToken as string, setCookie }
}
