import type { LocalDate } from '../../core/calendar/local-date.ts'
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
import {
  type FieldLabel,
  type InterestRequest,
  optionLabel,
  type RequestReader,
  requestReader,
} from './interest-request.ts'
import { type InterestStatementView, interestStatementView } from './interest-statement-view.ts'

interface Base {
  principalMinor: number
  currency: string
  to: LocalDate
  payments: PrincipalChange[]
  basis?: DayCountBasis
}

/** What the account path adds to a request: principal changes read from the ledger, and whose they are. */
export interface ResolvedFacts {
  readonly principalChanges?: readonly PrincipalChange[]
  readonly account?: string
}

/**
 * A contractual or statutory interest statement from given inputs (no stored data: pure). Every bad
 * or inapplicable field is an `invalid_option` naming it as `label` spells it (default: CLI options).
 */
export function computeInterestStatement(
  request: InterestRequest,
  label: FieldLabel = optionLabel,
  facts: ResolvedFacts = {},
): InterestStatementView {
  const read = requestReader(label)
  const currency = read.required('currency', request.currency)
  if (!isCurrencyCode(currency)) read.bad('currency', `"${currency}" is not an ISO 4217 currency`)
  const jurisdiction = request.jurisdiction ?? 'contract'
  const country = jurisdiction.startsWith('EU-') ? jurisdiction.slice(3) : undefined
  if (!['contract', 'GB', 'IN'].includes(jurisdiction) && !EU_MEMBER_STATES.includes(country ?? ''))
    read.bad(
      'jurisdiction',
      `must be contract, GB, IN or EU-<member state> (e.g. EU-DE), not "${jurisdiction}"`,
    )
  const contract = jurisdiction === 'contract'
  const applies: [keyof InterestRequest, boolean][] = [
    ['rate', contract],
    ['compound', contract],
    ['from', contract],
    ['rateMode', jurisdiction === 'IN'],
    ['acceptance', jurisdiction === 'IN'],
    ['points', jurisdiction.startsWith('EU-')],
  ]
  for (const [field, allowed] of applies)
    if (request[field] !== undefined && !allowed)
      read.bad(field, `does not apply to --jurisdiction ${jurisdiction}`)
  const explicitPayments = request.payments ?? []
  const base: Base = {
    principalMinor: read.amount('principal', read.required('principal', request.principal), currency),
    currency,
    to: read.date('to', read.required('to', request.to)),
    payments:
      explicitPayments.length > 0 || !facts.principalChanges
        ? explicitPayments.map((p) => read.payment(p, currency))
        : [...facts.principalChanges],
    ...(request.basis === undefined ? {} : { basis: read.oneOf('basis', request.basis, DAY_COUNT_BASES) }),
  }
  const claim = contract ? undefined : statutoryClaim(read, jurisdiction, request, base)
  const statement = claim ? claim.statement : contractStatement(read, request, base)
  return interestStatementView(statement, jurisdiction, claim, facts.account)
}

function dueOption(read: RequestReader, text: string | undefined, to: LocalDate): LocalDate {
  const due = read.date('due', read.required('due', text))
  if (to < due) read.bad('to', `${to} is before ${read.label('due')} ${due}`)
  return due
}

function contractStatement(read: RequestReader, request: InterestRequest, base: Base): InterestStatement {
  const ratePercent = read.percent('rate', read.required('rate', request.rate))
  const from = read.oneOf('from', request.from ?? 'due', ['due', 'last-payment'])
  const start = interestStartDate(dueOption(read, request.due, base.to), base.payments, from, base.to)
  const compound = read.oneOf('compound', request.compound ?? 'none', ['none', 'monthly'])
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

function statutoryClaim(
  read: RequestReader,
  jurisdiction: string,
  request: InterestRequest,
  base: Base,
): StatutoryClaim {
  if (jurisdiction === 'IN') {
    const acceptedOn = read.date('acceptance', read.required('acceptance', request.acceptance))
    const agreed = request.due === undefined ? {} : { agreedDueOn: read.date('due', request.due) }
    const rateMode = read.oneOf('rateMode', request.rateMode ?? 'floating', ['floating', 'fixed'])
    return indiaMsmed({ ...base, acceptedOn, rateMode, ...agreed })
  }
  const late = { ...base, dueOn: dueOption(read, request.due, base.to) }
  if (jurisdiction === 'GB') {
    if (base.currency !== 'GBP')
      read.bad('currency', `must be GBP for --jurisdiction GB, not "${base.currency}"`)
    return ukLatePayment(late)
  }
  const points =
    request.points === undefined ? {} : { pointsOverReference: read.percent('points', request.points) }
  return euLatePayment({ ...late, country: jurisdiction.slice(3), settings: points })
}
