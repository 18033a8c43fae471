import type { Command } from 'commander'
import { addDays, type LocalDate, localDateAt, parseLocalDate } from '../../core/calendar/local-date.ts'
import { AppError } from '../../core/errors/index.ts'
import {
  type InterestStatement,
  interestStartDate,
  interestStatement,
  type PrincipalChange,
} from '../../core/interest/accrue-interest.ts'
import { DAY_COUNT_BASES, type DayCountBasis } from '../../core/interest/day-count.ts'
import {
  EU_MEMBER_STATES,
  euLatePayment,
  indiaMsmed,
  type StatutoryClaim,
  ukLatePayment,
} from '../../core/interest/statutory-interest.ts'
import { isCurrencyCode } from '../../core/money/currencies.ts'
import { parseDecimal } from '../../core/money/decimal.ts'
import { formatAmount, parseAmount } from '../../core/money/money.ts'
import { resolveTenant, withStore } from '../cli-context.ts'

interface InterestOptions {
  principal?: string
  currency?: string
  due?: string
  to?: string
  jurisdiction: string
  rate?: string
  basis?: string
  compound?: string
  from?: string
  payment: string[]
  acceptance?: string
  rateMode?: string
  points?: string
  account?: string
  tenant?: string
}

function bad(option: string, message: string): never {
  throw new AppError('invalid_option', `${option} ${message}`)
}

function required(option: string, value: string | undefined): string {
  if (value === undefined) bad(option, 'is required')
  return value
}

function dateOption(option: string, text: string): LocalDate {
  const parsed = parseLocalDate(text)
  if (!parsed.ok) bad(option, `${parsed.reason}; use YYYY-MM-DD`)
  return parsed.date
}

function amountOption(option: string, text: string, currency: string): number {
  const parsed = parseAmount(text, currency)
  if (!parsed.ok) bad(option, parsed.reason)
  if (parsed.minor <= 0) bad(option, `must be more than zero, not "${text}"`)
  return parsed.minor
}

function oneOf<T extends string>(option: string, text: string, allowed: readonly T[]): T {
  if (!allowed.includes(text as T)) bad(option, `must be one of ${allowed.join(', ')}, not "${text}"`)
  return text as T
}

function onlyFor(
  jurisdiction: string,
  options: InterestOptions,
  rules: [keyof InterestOptions, string, boolean][],
) {
  for (const [key, option, allowed] of rules)
    if (options[key] !== undefined && !allowed)
      bad(option, `does not apply to --jurisdiction ${jurisdiction}`)
}

/** Parses "2025-03-01:200.00" into a principal reduction on that date. */
function paymentOption(text: string, currency: string): PrincipalChange {
  const [date = '', amount = ''] = text.split(/:(.*)/s)
  return {
    on: dateOption('--payment', date),
    principalDeltaMinor: -amountOption('--payment', amount, currency),
  }
}

function percentOption(option: string, text: string): string {
  const parsed = parseDecimal(text)
  if (!parsed.ok || parsed.value.units < 0n) bad(option, `must be a decimal percent ≥ 0, not "${text}"`)
  return text
}

function dueOption(text: string | undefined, to: LocalDate): LocalDate {
  const due = dateOption('--due', required('--due', text))
  if (to < due) bad('--to', `${to} is before --due ${due}`)
  return due
}

interface Base {
  principalMinor: number
  currency: string
  to: LocalDate
  payments: PrincipalChange[]
  basis?: DayCountBasis
}

function contractStatement(options: InterestOptions, base: Base): InterestStatement {
  const ratePercent = percentOption('--rate', required('--rate', options.rate))
  const from = oneOf('--from', options.from ?? 'due', ['due', 'last-payment'])
  const start = interestStartDate(dueOption(options.due, base.to), base.payments, from, base.to)
  const compound = oneOf('--compound', options.compound ?? 'none', ['none', 'monthly'])
  return interestStatement({
    principalMinor: base.principalMinor,
    currency: base.currency,
    start,
    end: base.to,
    ratePeriods: [{ from: start, ratePercent }],
    compounding: compound === 'none' ? 'simple' : 'monthly',
    basis: base.basis ?? 'act/365',
    principalChanges: base.payments,
  })
}

function statutoryClaim(jurisdiction: string, options: InterestOptions, base: Base): StatutoryClaim {
  if (jurisdiction === 'IN') {
    const acceptedOn = dateOption('--acceptance', required('--acceptance', options.acceptance))
    const agreed = options.due === undefined ? {} : { agreedDueOn: dateOption('--due', options.due) }
    const rateMode = oneOf('--rate-mode', options.rateMode ?? 'floating', ['floating', 'fixed'])
    return indiaMsmed({ ...base, acceptedOn, rateMode, ...agreed })
  }
  const late = { ...base, dueOn: dueOption(options.due, base.to) }
  if (jurisdiction === 'GB') {
    if (base.currency !== 'GBP')
      bad('--currency', `must be GBP for --jurisdiction GB, not "${base.currency}"`)
    return ukLatePayment(late)
  }
  const points =
    options.points === undefined ? {} : { pointsOverReference: percentOption('--points', options.points) }
  return euLatePayment({ ...late, country: jurisdiction.slice(3), settings: points })
}

/** The printed statement: amounts as decimal strings in the currency's exponent, never floats. */
function render(statement: InterestStatement, jurisdiction: string, claim?: StatutoryClaim): unknown {
  const money = (minor: number, currency = statement.currency) => formatAmount(minor, currency)
  const compensation = claim?.fixedCompensation
  const sameCurrency = compensation?.currency === statement.currency
  const warnings = [...(claim?.warnings ?? [])]
  if (compensation && compensation.minor > 0 && !sameCurrency)
    warnings.push(
      `fixed compensation is in ${compensation.currency}; it is not added to the ${statement.currency} total`,
    )
  return {
    jurisdiction,
    currency: statement.currency,
    ...(claim ? { dueOn: claim.dueOn } : {}),
    interestFrom: addDays(statement.start, 1),
    to: statement.end,
    basis: statement.basis,
    compounding: statement.compounding,
    ...(claim ? { rates: claim.rates } : {}),
    breakdown: statement.rows.map(({ balanceMinor, interestMinor, ...row }) => ({
      ...row,
      balance: money(balanceMinor),
      interest: money(interestMinor),
    })),
    rests: statement.rests.map((rest) => ({ on: rest.on, capitalised: money(rest.capitalisedMinor) })),
    interest: money(statement.totalInterestMinor),
    fixedCompensation: compensation
      ? { amount: money(compensation.minor, compensation.currency), currency: compensation.currency }
      : null,
    total: money(statement.totalInterestMinor + (compensation && sameCurrency ? compensation.minor : 0)),
    ...(claim ? { citations: claim.citations } : {}),
    warnings,
    roundingRule: statement.roundingRule,
  }
}

/**
 * Fills the statement inputs from an account: principal as charged by the due date, principal
 * payments after it (from the ledger's principal component), currency, due date, and the statutory
 * regime of its jurisdiction (GB, EU member states, IN; anything else needs --rate). Options given
 * explicitly win. The statement runs to --to, default today in the tenant's zone.
 */
async function withAccountFacts(options: InterestOptions): Promise<InterestOptions> {
  const ref = options.account as string
  return withStore(async (store) => {
    const tenant = await resolveTenant(store, options.tenant)
    const account = await store.db
      .selectFrom('accounts')
      .select(['id', 'currency', 'due_on', 'opened_on', 'jurisdiction'])
      .where('tenant_id', '=', tenant.id)
      .where('external_id', '=', ref)
      .executeTakeFirst()
    if (!account) bad('--account', `"${ref}" is not an account of this tenant`)
    const entries = await store.db
      .selectFrom('ledger_entries')
      .select(['amount_minor', 'effective_on'])
      .where('account_id', '=', account.id)
      .where('component', '=', 'principal')
      .orderBy('effective_on')
      .execute()
    let principal = 0
    const payments: string[] = []
    for (const e of entries) {
      const amount = Number(e.amount_minor)
      if (e.effective_on <= account.due_on || amount > 0) principal += amount
      else payments.push(`${e.effective_on}:${formatAmount(-amount, account.currency)}`)
    }
    const country = account.jurisdiction.split('-')[0] ?? ''
    const jurisdiction =
      country === 'GB' || country === 'IN'
        ? country
        : EU_MEMBER_STATES.includes(country)
          ? `EU-${country}`
          : 'contract'
    const explicitJurisdiction = options.jurisdiction !== 'contract' || options.rate !== undefined
    return {
      ...options,
      principal: options.principal ?? formatAmount(principal, account.currency),
      currency: options.currency ?? account.currency,
      due: options.due ?? account.due_on,
      to: options.to ?? localDateAt(new Date(), tenant.time_zone),
      payment: options.payment.length > 0 ? options.payment : payments,
      jurisdiction: explicitJurisdiction ? options.jurisdiction : jurisdiction,
      // India counts from acceptance of the goods or services: the invoice (opening) date stands in.
      ...(jurisdiction === 'IN' && options.acceptance === undefined ? { acceptance: account.opened_on } : {}),
    }
  })
}

/** `recoup interest`: a contractual or statutory interest statement from given inputs, as JSON. */
export function registerInterestCommand(program: Command): void {
  program
    .command('interest')
    .description('interest statement (contractual or statutory late-payment interest) as JSON')
    .option('--principal <amount>', 'principal outstanding, e.g. 1000.00')
    .option('--currency <code>', 'ISO 4217 currency of the principal')
    .option('--due <date>', 'due date YYYY-MM-DD (India: the agreed date, optional)')
    .option('--to <date>', 'last day of interest YYYY-MM-DD')
    .option('--jurisdiction <code>', 'contract, GB, EU-<country> (e.g. EU-DE) or IN', 'contract')
    .option('--rate <percent>', 'contract: annual rate in percent, e.g. 8.5')
    .option('--basis <basis>', `day count: ${DAY_COUNT_BASES.join(', ')}`)
    .option('--compound <rests>', 'contract: none (default) or monthly')
    .option('--from <start>', 'contract: interest from the due date (due, default) or last-payment')
    .option(
      '--payment <date:amount>',
      'a payment reducing the principal (repeatable)',
      (v, all: string[]) => [...all, v],
      [],
    )
    .option('--acceptance <date>', 'IN: day the goods or services were accepted')
    .option('--rate-mode <mode>', 'IN: floating (default) or fixed Bank Rate')
    .option('--points <points>', 'EU: points over the reference rate (default 8)')
    .option(
      '--account <ref>',
      "an account's statement: principal, currency, due date and payments from its ledger",
    )
    .option('--tenant <slug>', 'tenant of --account (default: default)')
    .action(async (given: InterestOptions) => {
      const options = given.account ? await withAccountFacts(given) : given
      const currency = required('--currency', options.currency)
      if (!isCurrencyCode(currency)) bad('--currency', `"${currency}" is not an ISO 4217 currency`)
      const jurisdiction = options.jurisdiction
      const country = jurisdiction.startsWith('EU-') ? jurisdiction.slice(3) : undefined
      if (!['contract', 'GB', 'IN'].includes(jurisdiction) && !EU_MEMBER_STATES.includes(country ?? ''))
        bad(
          '--jurisdiction',
          `must be contract, GB, IN or EU-<member state> (e.g. EU-DE), not "${jurisdiction}"`,
        )
      const contract = jurisdiction === 'contract'
      onlyFor(jurisdiction, options, [
        ['rate', '--rate', contract],
        ['compound', '--compound', contract],
        ['from', '--from', contract],
        ['rateMode', '--rate-mode', jurisdiction === 'IN'],
        ['acceptance', '--acceptance', jurisdiction === 'IN'],
        ['points', '--points', jurisdiction.startsWith('EU-')],
      ])
      const base: Base = {
        principalMinor: amountOption('--principal', required('--principal', options.principal), currency),
        currency,
        to: dateOption('--to', required('--to', options.to)),
        payments: options.payment.map((p) => paymentOption(p, currency)),
        ...(options.basis === undefined ? {} : { basis: oneOf('--basis', options.basis, DAY_COUNT_BASES) }),
      }
      const claim = contract ? undefined : statutoryClaim(jurisdiction, options, base)
      const statement = claim ? claim.statement : contractStatement(options, base)
      process.stdout.write(`${JSON.stringify(render(statement, jurisdiction, claim), null, 2)}\n`)
    })
}
