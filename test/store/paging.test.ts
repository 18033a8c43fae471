import { describe, expect, it } from 'vitest'
import { AppError } from '../../src/core/errors/index.ts'
import { encodeCursor, type PageRequest, pageOf, pageRequest } from '../../src/core/paging/page-cursor.ts'
import { keysetAfter, keysetOrder } from '../../src/store/paging.ts'
import { ensureTenant } from '../../src/store/tenant.repository.ts'
import { describeEachDatabase } from '../support/databases.ts'

const FIELDS = ['name', 'preferred_language'] as const

describe('page cursors', () => {
  it('refuses a cursor made for another sort, an edited one and garbage', () => {
    const byName = pageRequest({}, FIELDS, { field: 'name', direction: 'asc' })
    const cursor = encodeCursor(byName.sort, { value: 'm', id: 3 })
    expect(pageRequest({ cursor, sort: 'name' }, FIELDS, byName.sort).after).toEqual({ value: 'm', id: 3 })
    for (const bad of [
      () => pageRequest({ cursor, sort: '-name' }, FIELDS, byName.sort),
      () => pageRequest({ cursor: 'not a cursor!' }, FIELDS, byName.sort),
      () =>
        pageRequest(
          { cursor: Buffer.from('{"s":"name","v":1,"i":"x"}').toString('base64url') },
          FIELDS,
          byName.sort,
        ),
    ])
      expect(bad).toThrow(expect.objectContaining({ code: 'invalid_cursor' }))
    expect(() => pageRequest({ sort: 'secret' }, FIELDS, byName.sort)).toThrow(AppError)
    expect(() => pageRequest({ limit: 0 }, FIELDS, byName.sort)).toThrow(AppError)
  })
})

describeEachDatabase('keyset pages', (db) => {
  it('walks every row exactly once in either direction, NULLs included, however rows tie', async () => {
    const tenant = await ensureTenant(db.store().db, {
      slug: 'paging',
      name: 'Paging',
      kind: 'creditor',
      timeZone: 'UTC',
      defaultCurrency: 'USD',
    })
    const names = ['b', 'a', 'c', 'b', 'a', 'b', 'd', 'c', 'a', 'e', 'b']
    await db
      .store()
      .db.insertInto('debtors')
      .values(
        names.map((name, n) => ({
          tenant_id: tenant.id,
          external_id: `d${n}`,
          kind: 'person' as const,
          name,
          given_name: null,
          family_name: null,
          stated_time_zone: null,
          preferred_language: n % 3 === 0 ? null : `l${n % 4}`,
        })),
      )
      .execute()
    for (const field of FIELDS)
      for (const direction of ['asc', 'desc'] as const) {
        const expected = await db
          .store()
          .db.selectFrom('debtors')
          .select(['id', field])
          .where('tenant_id', '=', tenant.id)
          .orderBy(keysetOrder(field, 'id', { limit: 1, sort: { field, direction } }))
          .execute()
        const seen: number[] = []
        let cursor: string | undefined
        for (let pages = 0; pages < 50; pages += 1) {
          const page: PageRequest = pageRequest(
            { limit: 3, ...(cursor ? { cursor } : {}), sort: direction === 'desc' ? `-${field}` : field },
            FIELDS,
            { field: 'name', direction: 'asc' },
          )
          const rows = await db
            .store()
            .db.selectFrom('debtors')
            .select(['id', field])
            .where('tenant_id', '=', tenant.id)
            .where(keysetAfter(field, 'id', page))
            .orderBy(keysetOrder(field, 'id', page))
            .limit(page.limit + 1)
            .execute()
          const result = pageOf(rows, page, (r) => ({
            value: r[field] ?? null,
            id: r.id,
          }))
          seen.push(...result.items.map((r) => r.id))
          if (!result.nextCursor) break
          cursor = result.nextCursor
        }
        expect(seen, `${field} ${direction}`).toEqual(expected.map((r) => r.id))
        const values = expected.map((r) => r[field] ?? null)
        if (field === 'name') continue
        if (direction === 'asc') expect(values[0]).toBeNull()
        else expect(values.at(-1)).toBeNull()
      }
  })
})
