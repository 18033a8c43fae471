import { expect, it } from 'vitest'
import { debtorActor, systemActor } from '../../src/app/actor.ts'
import { renderAccountDocument } from '../../src/app/documents/render-account-document.ts'
import { recordPromise } from '../../src/app/money/record-promise.ts'
import { writeOffAccount } from '../../src/app/money/write-off-account.ts'
import { postPayment } from '../../src/app/payments/post-payment.ts'
import { issuePortalLink } from '../../src/app/portal/issue-portal-link.ts'
import { getAccount } from '../../src/app/records/get-account.ts'
import { listAccountRecords } from '../../src/app/records/list-account-records.ts'
import { getAgingReport } from '../../src/app/reports/get-aging-report.ts'
import { AppError } from '../../src/core/errors/index.ts'
import { PORTAL_SETTINGS, portalBook } from '../http/portal-fixtures.ts'
import { describeEachDatabase } from '../support/databases.ts'

async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work
    return 'ok'
  } catch (error) {
    if (error instanceof AppError) return error.code
    throw error
  }
}

describeEachDatabase('the debtor actor: one account, the portal acts only', ({ store }) => {
  it('sees and touches its own account only: another account is 404 as if it did not exist', async () => {
    const book = await portalBook(store(), 'scope')
    const other = await portalBook(store(), 'scope-other')
    const ctx = { store: store(), actor: debtorActor(book.tenant, book.a.debtorId, book.a.ref) }
    expect((await getAccount(ctx, { account: book.a.ref })).id).toBe(book.a.ref)
    for (const ref of [book.b.ref, other.a.ref]) {
      expect(await codeOf(getAccount(ctx, { account: ref }))).toBe('account_not_found')
      expect(await codeOf(renderAccountDocument(ctx, { kind: 'statement', account: ref }))).toBe(
        'account_not_found',
      )
      expect(await codeOf(listAccountRecords(ctx, 'promises', { account: ref }))).toBe('account_not_found')
      const promise = {
        account: ref,
        amount: '1.00',
        dueOn: '2099-01-01',
        channel: 'portal',
        takenBy: 'portal',
      }
      expect(await codeOf(recordPromise(ctx, promise))).toBe('account_not_found')
      const payment = { account: ref, amount: '1.00', reference: `X-${ref}`, source: 'api' as const }
      expect(await codeOf(postPayment(ctx, payment))).toBe('account_not_found')
    }
  })

  it('is refused every staff permission (403), even on its own account', async () => {
    const book = await portalBook(store(), 'scope-staff')
    const ctx = { store: store(), actor: debtorActor(book.tenant, book.a.debtorId, book.a.ref) }
    expect(await codeOf(writeOffAccount(ctx, { account: book.a.ref, reason: 'mine' }))).toBe('forbidden')
    expect(await codeOf(getAgingReport(ctx, {}))).toBe('forbidden')
    expect(await codeOf(issuePortalLink(ctx, { account: book.a.ref, settings: PORTAL_SETTINGS }))).toBe(
      'forbidden',
    )
    // A staff actor issues links for any account of its tenant.
    const staff = { store: store(), actor: systemActor(book.tenant, 'test') }
    const link = await issuePortalLink(staff, { account: book.b.ref, settings: PORTAL_SETTINGS })
    expect(link.url).toMatch(/\/pay\//)
  })
})
