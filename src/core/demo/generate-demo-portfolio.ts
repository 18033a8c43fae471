import { daysInMonth, fromDayNumber, type LocalDate, parseLocalDate } from '../calendar/local-date.ts'
import type { IntakeDebtor, IntakeRecord } from '../intake/intake-record.ts'
import { demoAccount } from './demo-account.ts'
import { pickDemoClient } from './demo-clients.ts'
import { demoDebtor } from './demo-debtor.ts'
import type { DemoJurisdiction } from './demo-geography.ts'
import { WEIGHTED_JURISDICTIONS } from './demo-jurisdictions.ts'
import { Prng, streamSeed } from './prng.ts'

/** The largest demo portfolio (`recoup demo --accounts`, RECOUP_DEMO_ACCOUNTS). */
export const MAX_DEMO_ACCOUNTS = 10_000_000

/** What to generate: how many accounts, from which seed, as of which reference date. */
export interface DemoPortfolioOptions {
  readonly accounts: number
  /** Unsigned 32-bit seed; the same seed, count and date give byte-identical records. */
  readonly seed: number
  /** The demo's "today": due dates, payments and consents are laid out relative to it. */
  readonly asOf: LocalDate
}

const COMMERCIAL_SHARE = 0.15
const PERSON_ACCOUNTS = [
  [1, 0.8],
  [2, 0.15],
  [3, 0.05],
] as const
const BUSINESS_ACCOUNTS = [
  [1, 0.6],
  [2, 0.25],
  [3, 0.15],
] as const

/** Checks generator options; returns a reason when they are unusable. */
export function checkDemoOptions(options: DemoPortfolioOptions): string | null {
  if (!Number.isSafeInteger(options.accounts) || options.accounts < 0 || options.accounts > MAX_DEMO_ACCOUNTS)
    return `accounts must be a whole number from 0 to ${MAX_DEMO_ACCOUNTS.toLocaleString('en')}`
  if (!Number.isInteger(options.seed) || options.seed < 0 || options.seed > 0xffffffff) {
    return 'seed must be a whole number from 0 to 4294967295'
  }
  const asOf = parseLocalDate(options.asOf)
  return asOf.ok && asOf.date === options.asOf
    ? null
    : `asOf must be a YYYY-MM-DD date, not "${options.asOf}"`
}

/** External ids derive from the seed and a counter, so a re-run finds its own records and adds nothing. */
export function demoDebtorId(seed: number, index: number): string {
  return `demo-s${seed}-d${String(index + 1).padStart(8, '0')}`
}

/** The external id of the demo's `index`-th account (0-based). */
export function demoAccountId(seed: number, index: number): string {
  return `demo-s${seed}-a${String(index + 1).padStart(8, '0')}`
}

function dayCalendar() {
  const cache = new Map<number, LocalDate>()
  const dateOf = (day: number): LocalDate => {
    let date = cache.get(day)
    if (date === undefined) {
      date = fromDayNumber(day)
      cache.set(day, date)
    }
    return date
  }
  const addMonths = (day: number, months: number): number => {
    const [y, m, d] = dateOf(day).split('-').map(Number) as [number, number, number]
    const index = y * 12 + (m - 1) + months
    const year = Math.floor(index / 12)
    const month = (index % 12) + 1
    return Date.UTC(year, month - 1, Math.min(d, daysInMonth(year, month))) / 86_400_000
  }
  return { dateOf, addMonths }
}

/**
 * The demo portfolio of an agency, lazily, one IntakeRecord per account: debtors spread over US states,
 * India, the UK, Germany and the UAE, each with its own currency, zones, addresses and phone plan;
 * mostly one account per debtor, sometimes two or three. Each debtor draws from its own random stream
 * (seed, debtor index), so N accounts are always the first N of any larger run and memory stays flat.
 */
export function* generateDemoPortfolio(
  options: DemoPortfolioOptions,
): Generator<IntakeRecord, void, undefined> {
  const problem = checkDemoOptions(options)
  if (problem) throw new RangeError(problem)
  const { seed, accounts } = options
  const { dateOf, addMonths } = dayCalendar()
  const asOfDay = Date.parse(`${options.asOf}T00:00:00Z`) / 86_400_000
  let account = 0
  for (let index = 0; account < accounts; index++) {
    const rng = new Prng(streamSeed(seed, index))
    const jurisdiction: DemoJurisdiction = rng.weighted(WEIGHTED_JURISDICTIONS)
    const commercial = rng.chance(COMMERCIAL_SHARE)
    const debtor: IntakeDebtor = demoDebtor(rng, {
      externalId: demoDebtorId(seed, index),
      jurisdiction,
      kind: commercial ? 'business' : 'person',
      asOfDay,
      dateOf,
    })
    const count = rng.weighted(commercial ? BUSINESS_ACCOUNTS : PERSON_ACCOUNTS)
    for (let n = 0; n < count && account < accounts; n++, account++) {
      const client = pickDemoClient(rng, commercial ? 'commercial' : 'consumer', jurisdiction.country)
      const externalId = demoAccountId(seed, account)
      const part = demoAccount(rng, { externalId, jurisdiction, client, asOfDay, dateOf, addMonths })
      yield { line: account + 1, debtor, ...part }
    }
  }
}
