/**
 * Facts every pack derives from a request (instant, debts, contact point, evidence zones), computed once
 * per request and shared by all packs: a decision must cost microseconds, and a dozen
 * checks re-deriving the same facts would dominate it.
 */
import type { LocalDate } from '../calendar/local-date.ts'
import { fromDayNumber } from '../calendar/local-date.ts'
import { AppError } from '../errors/index.ts'
import type { ComplianceRequest, ContactPointFacts, DebtFacts } from './compliance-request.ts'
import type { ContactChannel } from './contact-permission.ts'
import { instantMs } from './instant-ms.ts'
import { requireValidFacts } from './request-facts.ts'
import { zoneOffsetAt } from './zone-offsets.ts'

/** A contact medium: the permission channels plus an in-person visit. */
export type ContactMedium = ContactChannel | 'visit'

/** Which location evidence a contact window reads (catalogue point 1). */
export type LocationEvidenceMode = 'intersection' | 'area_code' | 'address'

export interface PreparedRequest {
  readonly request: ComplianceRequest
  /** `action.at` in epoch ms. */
  readonly at: number
  /** The debts the action is about, split by kind (consumer packs judge one kind, commercial the other). */
  readonly debts: { readonly consumer: readonly DebtFacts[]; readonly commercial: readonly DebtFacts[] }
  /** The contact medium, or null for legal and reporting actions. */
  readonly medium: ContactMedium | null
  /** The contact point used, or null when the action names none. */
  readonly point: ContactPointFacts | null
  /** Evidence zones per mode; a mode with no evidence of its kind falls back to all zones. */
  readonly zones: Readonly<Record<LocationEvidenceMode, readonly string[]>>
  /** Zone in which calendar days are counted: the address zone, else the first evidence zone, else UTC. */
  readonly dayZone: string
  /** The debtor's jurisdiction and every code containing it, upper case: `US-NY-NYC`, `US-NY`, `US`. */
  readonly jurisdictionChain: readonly string[]
}

const DAY_MS = 86_400_000
// One entry: the packs of one evaluation share it; nothing is kept across evaluations.
let last: PreparedRequest | null = null

/** The prepared facts of `request`, computed once per evaluation (`fresh` starts one: the request may have changed). */
export function prepareRequest(request: ComplianceRequest, fresh = false): PreparedRequest {
  if (fresh || last === null || last.request !== request) last = prepare(request)
  return last
}

function prepare(request: ComplianceRequest): PreparedRequest {
  const { action, debtor } = request
  const at = instantMs(action.at, 'action.at')
  requireValidFacts(request)
  const debts = actionDebts(request)
  let point: ContactPointFacts | null = null
  if (action.contactPointId !== undefined) {
    point = contactPoint(request, action.contactPointId)
    if (point === null) {
      throw new AppError(
        'unknown_contact_point',
        `action.contactPointId "${action.contactPointId}" is not listed`,
      )
    }
  }
  const medium = action.kind === 'contact' ? (action.channel ?? null) : null
  if (action.kind === 'contact' && medium === null) {
    throw new AppError('invalid_action', 'a contact action needs a channel')
  }
  const all: string[] = []
  const areaCode: string[] = []
  const address: string[] = []
  for (const evidence of debtor.timeZoneEvidence) {
    add(all, evidence.timeZone)
    if (evidence.source === 'area_code') add(areaCode, evidence.timeZone)
    if (evidence.source === 'address' || evidence.source === 'postal_code') add(address, evidence.timeZone)
  }
  if (point?.timeZone) {
    add(all, point.timeZone)
    if (point.kind === 'phone') add(areaCode, point.timeZone)
  }
  const zones = {
    intersection: all,
    area_code: areaCode.length > 0 ? areaCode : all,
    address: address.length > 0 ? address : all,
  }
  const dayZone = address[0] ?? all[0] ?? 'UTC'
  for (const zone of all) requireZone(zone)
  return { request, at, debts, medium, point, zones, dayZone, jurisdictionChain: chain(debtor.jurisdiction) }
}

/** The contact point with `id`, or null (requests list a handful, so a scan beats building a map). */
export function contactPoint(request: ComplianceRequest, id: string): ContactPointFacts | null {
  for (const point of request.contactPoints ?? []) if (point.id === id) return point
  return null
}

const knownZones = new Set<string>()

/** Unknown zones are bad input: days and local dates could not be computed in them. */
function requireZone(zone: string): void {
  if (knownZones.has(zone)) return
  try {
    zoneOffsetAt(zone, 0)
  } catch {
    throw new AppError('invalid_time_zone', `time zone "${zone}" is not a known IANA zone`)
  }
  // Known zones are a few hundred names: the set stays small.
  knownZones.add(zone)
}

const chains = new Map<string, string[]>()

function chain(jurisdiction: string): string[] {
  const cached = chains.get(jurisdiction)
  if (cached !== undefined) return cached
  const parts = jurisdiction.toUpperCase().split('-')
  const out: string[] = []
  for (let n = parts.length; n > 0; n--) out.push(parts.slice(0, n).join('-'))
  // Jurisdiction codes are few; the bound only guards against unbounded junk input.
  if (chains.size < 10_000) chains.set(jurisdiction, out)
  return out
}

function add(list: string[], zone: string): void {
  if (!list.includes(zone)) list.push(zone)
}

function actionDebts(request: ComplianceRequest): PreparedRequest['debts'] {
  const ids = request.action.debtIds
  const chosen = ids === undefined ? request.debts : ids.map((id) => findDebt(request, id))
  let consumer = 0
  for (const d of chosen) if (d.kind === 'consumer') consumer++
  // Usually every debt is of one kind: then the list itself serves, without copying.
  if (consumer === chosen.length) return { consumer: chosen, commercial: [] }
  if (consumer === 0) return { consumer: [], commercial: chosen }
  return {
    consumer: chosen.filter((d) => d.kind === 'consumer'),
    commercial: chosen.filter((d) => d.kind === 'commercial'),
  }
}

function findDebt(request: ComplianceRequest, id: string): DebtFacts {
  const debt = request.debts.find((d) => d.id === id)
  if (debt === undefined) throw new AppError('unknown_debt', `action.debtIds names "${id}", not in debts`)
  return debt
}

/** The calendar date of `instant` on the wall clock of `zone`. */
export function localDateOf(instant: number, zone: string): LocalDate {
  return fromDayNumber(Math.floor((instant + zoneOffsetAt(zone, instant)) / DAY_MS))
}

/** True when `jurisdiction` is `code` or one of its sub-codes (`US-NY-NYC` is within `US-NY` and `US`). */
export function within(jurisdiction: string, code: string): boolean {
  if (code === '*') return true
  const j = jurisdiction === code ? code : jurisdiction.toUpperCase()
  return j === code || (j.startsWith(code) && j.charCodeAt(code.length) === 45)
}
