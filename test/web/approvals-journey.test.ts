import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import { browserAvailable, launchBrowser, screenshot, seriousA11yViolations } from '../support/browser.ts'
import { startWebFixture, type WebFixture } from './web-fixture.ts'

const canRun = browserAvailable()

describe.skipIf(!canRun)('the approvals screen in Chromium, on the demo book', () => {
  let fixture: WebFixture
  beforeAll(async () => {
    fixture = await startWebFixture()
  }, 180_000)
  afterAll(async () => {
    await fixture?.close()
  })

  async function logIn(page: Page, who: keyof WebFixture['credentials'], path = '/') {
    await page.goto(`${fixture.baseUrl}${path}`)
    await page.getByLabel('Tenant').fill('demo')
    await page.getByLabel('E-mail').fill(fixture.credentials[who].email)
    await page.getByLabel('Password').fill(fixture.credentials[who].password)
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.getByRole('navigation', { name: 'Main' }).waitFor()
  }

  const heldRows = () =>
    fixture.store.db
      .selectFrom('outbox')
      .select(['id', 'status', 'approved_by', 'cancel_reason'])
      .where('tenant_id', '=', fixture.tenant.id)
      .execute()

  it('a manager approves one held action and rejects another with a reason', async () => {
    const before = await heldRows()
    const waiting = before.filter((r) => r.status === 'awaiting_approval')
    expect(waiting.length, 'the demo week holds actions for approval').toBeGreaterThanOrEqual(2)

    const own = await launchBrowser()
    onTestFinished(() => own.close())
    const { page, problems } = await own.newPage()
    await logIn(page, 'manager')
    await page.getByRole('link', { name: 'Approvals' }).click()
    await page.getByRole('heading', { name: 'Approvals', level: 1 }).waitFor()
    const approve = page.getByRole('button', { name: /^Approve / })
    await approve.first().waitFor()
    expect(await seriousA11yViolations(page), 'axe on the approvals screen').toEqual([])
    // Each row links to its account.
    const firstLink = page.locator('tbody tr').first().getByRole('link')
    expect(await firstLink.getAttribute('href')).toMatch(/^\/accounts\/[^/]+$/)

    await approve.first().click()
    await page
      .getByRole('status')
      .filter({ hasText: /^Approved: / })
      .waitFor()
    await expect
      .poll(async () => (await heldRows()).filter((r) => r.status === 'pending' && r.approved_by).length)
      .toBe(1)

    await page
      .getByRole('button', { name: /^Reject / })
      .first()
      .click()
    const form = page.getByRole('form', { name: /^Reject / })
    await form.getByLabel('Reason for rejecting').fill('The client asked us to hold legal steps')
    expect(await seriousA11yViolations(page), 'axe with the reject form open').toEqual([])
    await form.getByRole('button', { name: 'Confirm rejection' }).click()
    await page
      .getByRole('status')
      .filter({ hasText: /^Rejected: / })
      .waitFor()
    const after = await heldRows()
    const rejected = after.filter((r) => r.cancel_reason?.startsWith('rejected by user:'))
    expect(rejected).toHaveLength(1)
    expect(rejected[0]?.cancel_reason).toMatch(/: The client asked us to hold legal steps$/)
    expect(after.filter((r) => r.status === 'awaiting_approval')).toHaveLength(waiting.length - 2)
    await screenshot(page, 'approvals-manager')
    expect(problems).toEqual([])
  })

  it('a collector is not offered the approvals screen', async () => {
    const own = await launchBrowser()
    onTestFinished(() => own.close())
    const { page, problems } = await own.newPage()
    await logIn(page, 'collector')
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor()
    expect(
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Approvals' }).count(),
    ).toBe(0)
    expect(problems).toEqual([])
  })
})
