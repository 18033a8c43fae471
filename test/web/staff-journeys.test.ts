import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import { addDays, localDateAt } from '../../src/core/calendar/local-date.ts'
import {
  browserAvailable,
  launchBrowser,
  screenshot,
  seriousA11yViolations,
  type TestBrowser,
} from '../support/browser.ts'
import { startWebFixture, type WebFixture } from './web-fixture.ts'

const canRun = browserAvailable()

describe.skipIf(!canRun)('the staff web app in Chromium, on the demo book', () => {
  let fixture: WebFixture
  let browser: TestBrowser
  beforeAll(async () => {
    fixture = await startWebFixture({ accounts: 500 })
    browser = await launchBrowser()
  }, 180_000)
  afterAll(async () => {
    await browser?.close()
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

  async function expectAccessible(page: Page, screen: string) {
    expect(await seriousA11yViolations(page), `axe: serious or critical violations on ${screen}`).toEqual([])
  }

  it('journey 1: a collector logs in, works a queue item, records a right-party contact with a promise, and the queue and timeline update', async () => {
    const { page, problems } = await browser.newPage()
    await logIn(page, 'collector')
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor()
    await expectAccessible(page, 'the dashboard')

    await page.getByRole('link', { name: 'Work queue' }).click()
    await page.getByRole('heading', { name: 'Work queue', level: 1 }).waitFor()
    const calls = page.getByRole('link', { name: /^Call about / })
    await calls.first().waitFor()
    await expectAccessible(page, 'the work queue')
    // Each call shows its expected value of the balance and the risk band its score gave (the demo
    // book is scored before its first run).
    const items = await page.getByRole('list', { name: 'Calls to make' }).locator('li').allTextContents()
    expect(
      items.every((text) => /expected of/.test(text)),
      items.join('\n'),
    ).toBe(true)
    expect(
      items.some((text) => /(low|medium|high) risk( of paying late)? \(score \d+/.test(text)),
      items.join('\n'),
    ).toBe(true)
    await screenshot(page, 'journey-1-work-queue')
    const first = calls.first()
    const href = (await first.getAttribute('href')) ?? ''
    const [, account, task] = /^\/accounts\/([^?]+)\?task=(\d+)$/.exec(href) ?? []
    expect(account, href).toBeTruthy()

    await first.click()
    await page.getByRole('heading', { name: 'Script' }).waitFor()
    await expectAccessible(page, 'an account with its call')
    await page.getByLabel('Outcome', { exact: true }).selectOption('promise_to_pay')
    const currency = /Amount promised \(([A-Z]{3})\)/.exec(
      (await page.locator('label', { hasText: 'Amount promised' }).textContent()) ?? '',
    )?.[1]
    expect(currency).toBeTruthy()
    const callForm = page.getByRole('form', { name: 'Record the outcome' })
    await callForm.getByLabel(/Amount promised/).fill('25')
    const promisedBy = addDays(localDateAt(new Date(), 'UTC'), 7)
    await callForm.getByLabel('Promised by').fill(promisedBy)
    await callForm.getByLabel('Note').fill('Right party: will pay 25 next week')
    await callForm.getByRole('button', { name: 'Record and go to the next call' }).click()
    await page.waitForURL((url) => url.pathname + url.search !== href)

    // The queue moved on: the task worked is no longer offered.
    await page.getByRole('link', { name: 'Work queue' }).click()
    await page.getByRole('heading', { name: 'Work queue', level: 1 }).waitFor()
    await page.getByText(/^Call now \(\d+\)$/).waitFor()
    expect(await page.locator(`a[href="/accounts/${account}?task=${task}"]`).count()).toBe(0)

    // The account's timeline shows the call and the promise, reached by its deep link.
    await page.goto(`${fixture.baseUrl}/accounts/${account}`)
    const timeline = page.getByRole('list', { name: 'Account timeline' })
    await timeline.waitFor()
    await expect.poll(() => timeline.locator('li[data-kind="promise"]').count()).toBeGreaterThan(0)
    await expect.poll(() => timeline.locator('li[data-kind="call"]').count()).toBeGreaterThan(0)
    await expectAccessible(page, 'the account page')
    await screenshot(page, 'journey-1-collector-promise')
    expect(problems).toEqual([])
  })

  it('journey 4: a compliance officer opens an account and sees, for a blocked message, the rule that blocked it', async () => {
    const blocked = await fixture.store.db
      .selectFrom('messages as m')
      .innerJoin('message_accounts as ma', 'ma.message_id', 'm.id')
      .innerJoin('accounts as a', 'a.id', 'ma.account_id')
      .select(['a.external_id as account', 'm.compliance', 'm.channel'])
      .where('m.tenant_id', '=', fixture.tenant.id)
      .where('a.external_id', '=', fixture.optedOutAccount)
      .where('m.status', '=', 'suppressed')
      .executeTakeFirstOrThrow()
    const verdict = JSON.parse(blocked.compliance ?? '{}') as { reasons?: { ruleId: string }[] }
    const rule = verdict.reasons?.[0]?.ruleId
    expect(rule, 'the dispatcher refused the e-mail of the debtor who opted out, with its rule').toBeTruthy()

    // The compliance officer's own browser: no collector session in it.
    const own = await launchBrowser()
    onTestFinished(() => own.close())
    const { page, problems } = await own.newPage()
    // The deep link survives the login: the account opens once logged in.
    await logIn(page, 'compliance', `/accounts/${blocked.account}`)
    const timeline = page.getByRole('list', { name: 'Account timeline' })
    await timeline.waitFor()
    const refusal = timeline.locator('.blocked-by', { hasText: rule ?? '' }).first()
    await refusal.waitFor()
    expect(await refusal.textContent()).toContain('Blocked at send')
    // A compliance officer reads; the collector's forms are not offered.
    expect(await page.getByRole('button', { name: 'Record the promise' }).count()).toBe(0)
    await expectAccessible(page, 'the account page of a compliance officer')
    await refusal.scrollIntoViewIfNeeded()
    await screenshot(page, 'journey-4-compliance-blocked-rule')
    expect(problems).toEqual([])
  })

  it('a manager reads the mail the dispatcher sent in the development sink, and every message with its check', async () => {
    const own = await launchBrowser()
    onTestFinished(() => own.close())
    const { page, problems } = await own.newPage()
    await logIn(page, 'manager', '/messages')
    await page.getByRole('heading', { name: 'Messages', level: 1 }).waitFor()
    const table = page.getByRole('table')
    await table.waitFor()
    await expect.poll(() => table.locator('tbody tr').count()).toBeGreaterThan(0)
    // The refused e-mail of the debtor who opted out is there with its rule.
    await page.getByLabel('Status').selectOption('suppressed')
    await table.getByText('outreach.opted-out').first().waitFor()
    await expectAccessible(page, 'the messages screen')

    await page.getByRole('link', { name: 'Development sinks' }).click()
    const first = page.locator('a[href^="/messages/sink/"]').first()
    await first.waitFor()
    await first.click()
    await page.locator('pre').first().waitFor()
    expect(await page.locator('pre').first().textContent()).toMatch(/\S/)
    // An HTML body is shown only in a frame that may run nothing and reach nothing.
    for (const frame of await page.locator('iframe').all())
      expect(await frame.getAttribute('sandbox')).toBe('')
    await expectAccessible(page, 'a mail in the development sink')
    expect(problems).toEqual([])
  })

  it('an admin tightens the plan bounds in the tenant settings, saved with the version read', async () => {
    const own = await launchBrowser()
    onTestFinished(() => own.close())
    const { page, problems } = await own.newPage()
    await logIn(page, 'admin', '/admin/settings')
    const form = page.getByRole('form', { name: 'Tenant settings' })
    await form.waitFor()
    await expectAccessible(page, 'the tenant settings')
    await form.getByLabel('Longest plan, months').fill('6')
    await form.getByRole('button', { name: 'Save the settings' }).click()
    await form.getByRole('status').filter({ hasText: 'Saved.' }).waitFor()
    const tenant = await fixture.store.db
      .selectFrom('tenants')
      .select('settings')
      .where('id', '=', fixture.tenant.id)
      .executeTakeFirstOrThrow()
    expect(JSON.parse(tenant.settings ?? '{}')).toMatchObject({ plans: { maxMonths: 6 } })
    // Saved with the version it was read at: the form now holds the new one.
    await expect.poll(() => form.getByLabel('Longest plan, months').inputValue()).toBe('6')
    expect(problems).toEqual([])
  })
})
