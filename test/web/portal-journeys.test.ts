import { readFileSync } from 'node:fs'
import { simpleParser } from 'mailparser'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import {
  browserAvailable,
  launchBrowser,
  screenshot,
  seriousA11yViolations,
  type TestBrowser,
} from '../support/browser.ts'
import { startWebFixture, type WebFixture } from './web-fixture.ts'

const canRun = browserAvailable()

/** A portal link found in a mail the dispatcher sent, with the account it is for. */
interface MailedLink {
  readonly url: string
  readonly accountId: number
  readonly reference: string
  readonly postcode: string
}

describe.skipIf(!canRun)('the debtor portal in Chromium, from a link in a sent message', () => {
  let fixture: WebFixture
  let phone: TestBrowser
  let links: MailedLink[]
  beforeAll(async () => {
    fixture = await startWebFixture()
    phone = await launchBrowser({ viewport: { width: 390, height: 844 } })
    links = []
    const seen = new Set<number>()
    for (const mail of fixture.mail.received) {
      const text = (await simpleParser(mail.raw)).text ?? ''
      const url = /(http:\/\/127\.0\.0\.1:\d+\/pay\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(text)?.[1]
      if (!url) continue
      const payload = JSON.parse(
        Buffer.from(url.split('/pay/')[1]!.split('.')[0]!, 'base64url').toString(),
      ) as {
        account?: number
        a?: number
      }
      const accountId = payload.account ?? payload.a
      if (accountId === undefined || seen.has(accountId)) continue
      const account = await fixture.store.db
        .selectFrom('accounts as a')
        .innerJoin('debtor_addresses as d', 'd.debtor_id', 'a.debtor_id')
        .select(['a.external_id', 'd.postal_code'])
        .where('a.id', '=', accountId)
        .where('a.status', '=', 'open')
        .where('d.postal_code', 'is not', null)
        .executeTakeFirst()
      if (!account?.postal_code) continue
      seen.add(accountId)
      links.push({ url, accountId, reference: account.external_id, postcode: account.postal_code })
    }
  }, 180_000)
  afterAll(async () => {
    await phone?.close()
    await fixture?.close()
  })

  async function expectAccessible(page: Page, screen: string) {
    expect(await seriousA11yViolations(page), `axe: serious or critical violations on ${screen}`).toEqual([])
  }

  /** Verifies on the portal page, picks a plan within the policy the page states, and agrees to it. */
  async function setUpPlan(page: Page, link: MailedLink, words: Record<string, string | RegExp>) {
    await page.getByLabel(words.reference!).fill(link.reference)
    await page.getByRole('radio', { name: words.postcode! }).check()
    await page.locator('#portal-identity').fill(link.postcode.toLowerCase().replace(/\s/g, ''))
    await page.getByRole('button', { name: words.continue! }).click()
    await page.getByRole('heading', { name: words.balance!, level: 2 }).waitFor()
    await expectAccessible(page, 'the portal account page')
    const account = (await (await page.request.get(`${fixture.baseUrl}/api/v1/portal/account`)).json()) as {
      balance: { totalMinor: number }
      options: { plan: { available: boolean; maxMonths: number; minInstalmentMinor: number } }
    }
    expect(account.options.plan.available).toBe(true)
    // The most instalments the policy allows for this balance (each at least the minimum), at most 3.
    const { maxMonths, minInstalmentMinor } = account.options.plan
    const byMinimum = Math.max(1, Math.floor(account.balance.totalMinor / Math.max(1, minInstalmentMinor)))
    const instalments = Math.max(1, Math.min(3, maxMonths, byMinimum))
    await page.getByText(words.setUpPlan!).click()
    const form = page.getByRole('form', { name: words.setUpPlan! })
    await form.getByLabel(words.instalments!).fill(String(instalments))
    await form.getByRole('button', { name: words.createPlan! }).click()
    // The confirmation stands above the account (the plan form goes: a plan is running now).
    const outcome = page.getByTestId('flash').filter({ hasText: /\S/ }).or(form.getByRole('alert'))
    await outcome.waitFor()
    expect(await outcome.textContent()).toContain(words.planCreated)
    await page.locator('[data-testid="open-items"] li[data-kind="plans"]').waitFor()
  }

  async function staffTimelineShowsPlan(link: MailedLink) {
    // A collector's own browser, logging in on the account's deep link.
    const desk = await launchBrowser()
    onTestFinished(() => desk.close())
    const { page, problems } = await desk.newPage()
    await page.goto(`${fixture.baseUrl}/accounts/${link.reference}`)
    await page.getByLabel('Tenant').fill('demo')
    await page.getByLabel('E-mail').fill(fixture.credentials.collector.email)
    await page.getByLabel('Password').fill(fixture.credentials.collector.password)
    await page.getByRole('button', { name: 'Log in' }).click()
    const timeline = page.getByRole('list', { name: 'Account timeline' })
    await timeline.waitFor()
    await expect.poll(() => timeline.locator('li[data-kind="plan"]').count()).toBeGreaterThan(0)
    // The plan the debtor made is there, with its terms as the portal posted them.
    expect(await timeline.locator('li[data-kind="plan"]').first().textContent()).toMatch(
      /Payment plan of .*monthly: active/,
    )
    expect(problems).toEqual([])
  }

  it('journey 3: a debtor opens the link from a sent message, verifies, sets up a plan within policy, and the staff timeline shows it', async () => {
    expect(links.length, 'the dispatcher mailed portal links').toBeGreaterThanOrEqual(3)
    const link = links[0]!
    const { page, problems } = await phone.newPage()
    await page.goto(link.url)
    await page.getByRole('heading', { name: 'Your account', level: 1 }).waitFor()
    await expectAccessible(page, 'the portal verification page')
    // A wrong postcode reads like every other failure, and lets nobody in.
    await page.getByLabel('Account reference').fill(link.reference)
    await page.getByRole('radio', { name: 'Postcode' }).check()
    await page.locator('#portal-identity').fill('ZZ99 9ZZ')
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('alert').filter({ hasText: 'We could not verify these details' }).waitFor()
    await setUpPlan(page, link, {
      reference: 'Account reference',
      postcode: 'Postcode',
      continue: 'Continue',
      balance: 'Balance',
      setUpPlan: 'Set up a payment plan',
      instalments: 'Number of payments',
      createPlan: 'Agree to this plan',
      planCreated: 'Your payment plan is set up.',
    })
    await screenshot(page, 'journey-3-portal-plan')
    // The 401 of the wrong postcode is the answer the page expected.
    expect(problems.filter((p) => !/status of 401/.test(p))).toEqual([])
    await staffTimelineShowsPlan(link)
  })

  it('journey 3 in Arabic: the same, right to left', async () => {
    const link = links[1]!
    // Another debtor's phone: a browser of its own, without the first debtor's portal session.
    const other = await launchBrowser({ viewport: { width: 390, height: 844 } })
    onTestFinished(() => other.close())
    const { page, problems } = await other.newPage()
    await page.goto(link.url)
    await page.getByLabel('Language').selectOption('ar')
    await page.getByRole('heading', { name: 'حسابك', level: 1 }).waitFor()
    expect(await page.evaluate('document.documentElement.dir')).toBe('rtl')
    expect(await page.evaluate('document.documentElement.lang')).toBe('ar')
    await expectAccessible(page, 'the portal verification page in Arabic')
    await setUpPlan(page, link, {
      reference: 'مرجع الحساب',
      postcode: 'الرمز البريدي',
      continue: 'متابعة',
      balance: 'الرصيد',
      setUpPlan: 'إعداد خطة سداد',
      instalments: 'عدد الأقساط',
      createPlan: 'الموافقة على هذه الخطة',
      planCreated: 'تم إعداد خطة السداد الخاصة بك.',
    })
    expect(await page.evaluate('document.documentElement.dir')).toBe(
      (await page.evaluate('document.documentElement.lang')) === 'ar' ? 'rtl' : 'ltr',
    )
    await screenshot(page, 'journey-3-portal-plan-arabic')
    expect(problems).toEqual([])
    await staffTimelineShowsPlan(link)
  })

  it('a debtor pays with the test card as the page writes it, sees a declined card refused, and disputes with a PDF', async () => {
    const link = links[2]!
    const own = await launchBrowser({ viewport: { width: 390, height: 844 } })
    onTestFinished(() => own.close())
    const { page, problems } = await own.newPage()
    await page.goto(link.url)
    await page.getByLabel('Account reference').fill(link.reference)
    await page.getByRole('radio', { name: 'Postcode' }).check()
    await page.locator('#portal-identity').fill(link.postcode)
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('heading', { name: 'Balance', level: 2 }).waitFor()

    await page.getByText('Make a payment').click()
    const pay = page.getByRole('form', { name: 'Make a payment' })
    await pay.getByLabel(/^Amount/).fill('1.00')
    await pay.getByLabel('Card number').fill('4000 0000 0000 0002')
    await pay.getByRole('button', { name: 'Pay now' }).click()
    await pay.getByRole('alert').waitFor()
    // Typed with spaces, as the hint writes it; the declined attempt's key is not reused.
    await pay.getByLabel(/^Amount/).fill('1.00')
    await pay.getByLabel('Card number').fill('4242 4242 4242 4242')
    await pay.getByRole('button', { name: 'Pay now' }).click()
    await page.getByTestId('flash').filter({ hasText: 'Your payment was received.' }).waitFor()
    const payments = await fixture.store.db
      .selectFrom('payments')
      .select(['amount_minor', 'external_id'])
      .where('account_id', '=', link.accountId)
      .where('external_id', 'like', 'portal:%')
      .execute()
    expect(payments).toHaveLength(1)
    expect(Number(payments[0]?.amount_minor)).toBe(100)
    const keys = await fixture.store.db.selectFrom('idempotency_keys').select('key').execute()
    for (const { key } of keys) expect(key).not.toMatch(/4242 ?4242 ?4242 ?4242|4000 ?0000 ?0000 ?0002/)

    await page.getByText('Dispute this debt').click()
    const dispute = page.getByRole('form', { name: 'Dispute this debt' })
    await dispute.getByLabel('Why do you dispute it?').fill('I paid this in full in March')
    const receipt = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')
    await dispute.getByLabel(/^Evidence/).setInputFiles({
      name: 'receipt.pdf',
      mimeType: 'application/pdf',
      buffer: receipt,
    })
    await dispute.getByRole('button', { name: 'Send the dispute' }).click()
    await page.getByTestId('flash').filter({ hasText: 'Your dispute was received.' }).waitFor()
    await page.locator('[data-testid="open-items"] li[data-kind="disputes"]').waitFor()
    const evidence = await fixture.store.db
      .selectFrom('dispute_documents')
      .select(['content_type'])
      .where('account_id', '=', link.accountId)
      .execute()
    expect(evidence.map((e) => e.content_type)).toEqual(['application/pdf'])
    await expectAccessible(page, 'the portal after a payment and a dispute')
    await screenshot(page, 'journey-3-portal-pay-dispute')
    // The declined card's 422 is the answer the page showed.
    expect(problems.filter((p) => !/status of 422/.test(p))).toEqual([])
    await staffDownloadsEvidence(link, receipt)
  })

  /** A collector opens the account and downloads the debtor's evidence, byte for byte. */
  async function staffDownloadsEvidence(link: MailedLink, uploaded: Buffer) {
    const desk = await launchBrowser()
    onTestFinished(() => desk.close())
    const { page, problems } = await desk.newPage()
    await page.goto(`${fixture.baseUrl}/accounts/${link.reference}`)
    await page.getByLabel('Tenant').fill('demo')
    await page.getByLabel('E-mail').fill(fixture.credentials.collector.email)
    await page.getByLabel('Password').fill(fixture.credentials.collector.password)
    await page.getByRole('button', { name: 'Log in' }).click()
    const files = page.getByRole('list', { name: 'Dispute evidence' })
    await files.waitFor()
    expect(await files.locator('li').count()).toBe(1)
    await expectAccessible(page, 'an account with dispute evidence')
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      files.getByRole('link', { name: /^Download dispute-\d+-evidence-\d+\.pdf$/ }).click(),
    ])
    expect(download.suggestedFilename()).toMatch(/^dispute-\d+-evidence-\d+\.pdf$/)
    expect(readFileSync(await download.path()).equals(uploaded)).toBe(true)
    expect(problems).toEqual([])
  }
})
