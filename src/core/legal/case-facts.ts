/**
 * The facts a legal case's deadlines and gates are computed from, as stored with the case (JSON text)
 * and as callers give them. Checked strictly: a wrong date names its field.
 */
import { requireLocalDate } from '../calendar/instant.ts'
import type { LocalDate } from '../calendar/local-date.ts'
import { AppError } from '../errors/index.ts'

/** A dishonoured cheque (India NI Act s.138). */
export interface ChequeFacts {
  readonly chequeDate: LocalDate
  readonly presentedOn: LocalDate
  /** The day the payee received the bank's return memo. */
  readonly bankInformedOn: LocalDate
  readonly demandNoticeSentOn?: LocalDate | null
  readonly demandNoticeReceivedOn?: LocalDate | null
}

/** Pre-institution mediation (India Commercial Courts Act 2015 s.12A). */
export interface MediationFacts {
  readonly appliedOn: LocalDate
  /** The day the mediation ended (settlement failed, non-starter report); null while it runs. */
  readonly concludedOn?: LocalDate | null
  /** The parties agreed the 2-month extension of s.12A(3). */
  readonly extended?: boolean
}

/** A statutory demand (UK Insolvency Act 1986) or an IBC s.8 demand notice (India) served on the debtor. */
export interface StatutoryDemandFacts {
  readonly servedOn: LocalDate
}

export interface CaseFacts {
  readonly cheque?: ChequeFacts | null
  /** UK Pre-Action Protocol for Debt Claims: the Letter of Claim's date. */
  readonly letterOfClaimOn?: LocalDate | null
  readonly mediation?: MediationFacts | null
  readonly statutoryDemand?: StatutoryDemandFacts | null
  /** A commercial suit seeking urgent interim relief is exempt from s.12A mediation. */
  readonly urgentInterimRelief?: boolean
  /** Enforcement: the day of the judgment (or award, decree) enforced, when no case of ours carries it. */
  readonly judgmentOn?: LocalDate | null
}

const KEYS = new Set([
  'cheque',
  'letterOfClaimOn',
  'mediation',
  'statutoryDemand',
  'urgentInterimRelief',
  'judgmentOn',
])

const bad = (field: string, message: string): never => {
  throw new AppError('invalid_case', `facts.${field}: ${message}`, { field: `facts.${field}` })
}

function date(value: unknown, field: string): LocalDate {
  if (typeof value !== 'string') return bad(field, 'a date YYYY-MM-DD')
  return requireLocalDate(value, `facts.${field}`)
}

function optionalDate(value: unknown, field: string): LocalDate | null {
  return value === undefined || value === null ? null : date(value, field)
}

function object(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return bad(field, 'an object')
  return value as Record<string, unknown>
}

/** Checks facts given as JSON (unknown keys, wrong types and dates are `invalid_case` naming the field). */
export function parseCaseFacts(value: unknown): CaseFacts {
  if (value === undefined || value === null) return {}
  const o = object(value, '(root)')
  for (const key of Object.keys(o)) if (!KEYS.has(key)) bad(key, 'unknown fact')
  const facts: {
    cheque?: ChequeFacts
    letterOfClaimOn?: LocalDate
    mediation?: MediationFacts
    statutoryDemand?: StatutoryDemandFacts
    urgentInterimRelief?: boolean
    judgmentOn?: LocalDate
  } = {}
  if (o.cheque != null) {
    const c = object(o.cheque, 'cheque')
    facts.cheque = {
      chequeDate: date(c.chequeDate, 'cheque.chequeDate'),
      presentedOn: date(c.presentedOn, 'cheque.presentedOn'),
      bankInformedOn: date(c.bankInformedOn, 'cheque.bankInformedOn'),
      demandNoticeSentOn: optionalDate(c.demandNoticeSentOn, 'cheque.demandNoticeSentOn'),
      demandNoticeReceivedOn: optionalDate(c.demandNoticeReceivedOn, 'cheque.demandNoticeReceivedOn'),
    }
  }
  if (o.judgmentOn != null) facts.judgmentOn = date(o.judgmentOn, 'judgmentOn')
  if (o.letterOfClaimOn != null) facts.letterOfClaimOn = date(o.letterOfClaimOn, 'letterOfClaimOn')
  if (o.mediation != null) {
    const m = object(o.mediation, 'mediation')
    if (m.extended !== undefined && typeof m.extended !== 'boolean')
      bad('mediation.extended', 'true or false')
    const appliedOn = date(m.appliedOn, 'mediation.appliedOn')
    const concludedOn = optionalDate(m.concludedOn, 'mediation.concludedOn')
    if (concludedOn !== null && concludedOn < appliedOn)
      bad('mediation.concludedOn', `${concludedOn} is before appliedOn ${appliedOn}`)
    facts.mediation = { appliedOn, concludedOn, extended: m.extended === true }
  }
  if (o.statutoryDemand != null) {
    const d = object(o.statutoryDemand, 'statutoryDemand')
    facts.statutoryDemand = { servedOn: date(d.servedOn, 'statutoryDemand.servedOn') }
  }
  if (o.urgentInterimRelief !== undefined) {
    if (typeof o.urgentInterimRelief !== 'boolean') bad('urgentInterimRelief', 'true or false')
    facts.urgentInterimRelief = o.urgentInterimRelief as boolean
  }
  return facts
}
