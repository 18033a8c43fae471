import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BrowserContext, chromium, type Page } from 'playwright-core'

/** Debian's Chromium (apt-get install chromium); a downloaded browser is never used. */
export const CHROMIUM = process.env.RECOUP_CHROMIUM ?? '/usr/bin/chromium'

/** The launch flags of DEVELOPERS.md: no sandbox (root), no GPU, and nothing that calls out to the network. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** Where the journeys keep their end-state screenshots (ignored by git; CI keeps them as artifacts). */
export const SCREENSHOT_DIR = join(import.meta.dirname, '..', '..', 'test-results', 'web')

/**
 * Whether the browser tests can run. In CI a missing Chromium fails the run (.ci/run installs it);
 * elsewhere the browser tests are skipped with a visible notice.
 */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true
  const message = `Chromium is not installed at ${CHROMIUM} (apt-get install chromium)`
  if (process.env.CI === 'true') throw new Error(`${message}: required in CI`)
  console.warn(`\n*** NOTICE: ${message}. The browser tests are SKIPPED.\n`)
  return false
}

/** A browser with a fresh profile; `close` removes the profile too. */
export interface TestBrowser {
  readonly context: BrowserContext
  /** Opens a page that records console errors and uncaught exceptions into `problems`. */
  newPage(): Promise<{ page: Page; problems: string[] }>
  close(): Promise<void>
}

export async function launchBrowser(
  options: { viewport?: { width: number; height: number } } = {},
): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'recoup-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: options.viewport ?? { width: 1366, height: 900 },
    locale: 'en-GB',
    timezoneId: 'UTC',
  })
  return {
    context,
    async newPage() {
      const page = await context.newPage()
      const problems: string[] = []
      page.on('console', (message) => {
        if (message.type() !== 'error') return
        // The app asks who is logged in before the login form: its 401 is the answer, not a fault.
        const url = message.location().url
        // So does the portal, asking for the account before the debtor has verified.
        if (/\/api\/v1\/(auth\/session|portal\/account)$/.test(url) && /status of 401/.test(message.text()))
          return
        problems.push(`console: ${message.text()} (${url})`)
      })
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
      return { page, problems }
    },
    async close() {
      await context.close().catch(() => {})
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

const require = createRequire(import.meta.url)
let axeSource: string | undefined

/** An axe-core violation, as the tests report it. */
export interface AxeViolation {
  readonly id: string
  readonly impact: string | null
  readonly help: string
  readonly targets: string[]
}

/**
 * Runs axe-core (WCAG 2 A and AA rules) on the page as it is now and answers the serious and critical
 * violations. The script is evaluated through the DevTools protocol, so the page's CSP stays as served.
 */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')
  await page.evaluate(axeSource)
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (options: unknown) => Promise<unknown> } }).axe
    const result = (await axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    })) as {
      violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[]
    }
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((node) => node.target.join(' ')),
    }))
  })
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
}

/** Saves the page as test-results/web/NAME.png and answers the path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const path = join(SCREENSHOT_DIR, `${name}.png`)
  await page.screenshot({ path, fullPage: true })
  return path
}
