import { parseLocalDate } from '../core/calendar/local-date.ts'
import type { CallResult } from '../core/compliance/call-frequency.ts'
import type {
  CollectorType,
  ComplianceRequest,
  ContactPointFacts,
  DebtorFacts,
  ProposedAction,
  ZoneEvidence,
} from '../core/compliance/compliance-request.ts'
import type { ContactChannel } from '../core/compliance/contact-permission.ts'
import type { AccountSnapshot, SnapshotContactPoint } from '../core/engine/account-snapshot.ts'

const CALL_RESULTS: ReadonlySet<string> = new Set([
  'conversation',
  'voicemail',
  'no_answer',
  'busy',
  'not_in_service',
  'consented',
])

/** Everything of a compliance request that belongs to the account, not to one action. */
export type AccountRequestBase = Omit<ComplianceRequest, 'action'>

/**
 * The compliance request for one proposed action on one account, built from its snapshot. The same
 * builder serves the daily run and the replay test that re-checks every scheduled action.
 */
export function buildComplianceRequest(
  snapshot: AccountSnapshot,
  action: ProposedAction,
  collectorType: CollectorType,
): ComplianceRequest {
  return forAction(complianceRequestBase(snapshot, collectorType), action)
}

/** The request for one action on top of the account's base: a new object, the base is shared. */
export function forAction(base: AccountRequestBase, action: ProposedAction): ComplianceRequest {
  return { action, ...base }
}

/**
 * The account's part of every compliance request, built once per account and decision: every piece of
 * location evidence (addresses, the stated zone, every phone's area-code zone), the debtor's
 * restrictions, the contact points, the debt and the contact history.
 */
export function complianceRequestBase(
  snapshot: AccountSnapshot,
  collectorType: CollectorType,
): AccountRequestBase {
  const debtId = String(snapshot.accountId)
  const calls: { at: string; debtIds: string[]; result: CallResult }[] = []
  const messages: { at: string; channel: ContactChannel | 'visit'; debtIds: string[] }[] = []
  let firstCommunicationOn: string | null = null
  for (const event of snapshot.contactEvents) {
    if (event.direction !== 'outbound') continue
    firstCommunicationOn ??= event.occurredAt.slice(0, 10)
    if (event.channel === 'call' && CALL_RESULTS.has(event.result)) {
      calls.push({ at: event.occurredAt, debtIds: [debtId], result: event.result as CallResult })
    } else if (event.channel !== 'call') {
      messages.push({ at: event.occurredAt, channel: event.channel, debtIds: [debtId] })
    }
  }
  const validationNoticeSentOn = snapshot.attributes.validationNoticeSentOn
  // The printed Letter of Claim's mailing date (the letter sender records it) starts the protocol's wait.
  const letterOfClaimOn = snapshot.attributes.letterOfClaimOn
  const dishonouredCheque = chequeFacts(snapshot.attributes)
  return {
    collector: { type: collectorType },
    debtor: debtorFacts(snapshot),
    contactPoints: snapshot.contactPoints.map(contactPointFacts),
    debts: [
      {
        id: debtId,
        kind: snapshot.debtKind,
        jurisdiction: snapshot.jurisdiction,
        currency: snapshot.currency,
        balanceMinor: snapshot.balanceMinor,
        accrualOn: snapshot.dueOn,
        limitationEvents: snapshot.lastPaymentOn
          ? [{ on: snapshot.lastPaymentOn, kind: 'part_payment', writtenEvidence: true }]
          : [],
        firstCommunicationOn,
        validationNoticeSentOn: typeof validationNoticeSentOn === 'string' ? validationNoticeSentOn : null,
        ...(typeof letterOfClaimOn === 'string' ? { letterOfClaimOn } : {}),
        ...(dishonouredCheque ? { dishonouredCheque } : {}),
        disputes: snapshot.disputes.map((d) => ({
          receivedAt: d.receivedAt,
          written: d.written,
          amountMinor: d.amountMinor,
          verificationSentAt: d.verificationSentAt,
          resolvedAt: d.resolvedAt,
        })),
      },
    ],
    history: { calls, messages },
  }
}

/** Every zone the collector's information points to, without repeats. */
export function zoneEvidence(snapshot: AccountSnapshot): ZoneEvidence[] {
  const evidence: ZoneEvidence[] = []
  const seen = new Set<string>()
  const add = (source: ZoneEvidence['source'], timeZone: string | null) => {
    if (!timeZone || seen.has(`${source}:${timeZone}`)) return
    seen.add(`${source}:${timeZone}`)
    evidence.push({ source, timeZone })
  }
  for (const zone of snapshot.addressZones) add('address', zone)
  add('stated', snapshot.statedTimeZone)
  for (const point of snapshot.contactPoints) if (point.kind === 'phone') add('area_code', point.timeZone)
  return evidence
}

function debtorFacts(snapshot: AccountSnapshot): DebtorFacts {
  const facts: DebtorFacts & {
    mediumOptOuts: { channel: ContactChannel; at: string }[]
    inconvenientTimes: NonNullable<DebtorFacts['inconvenientTimes']>[number][]
    inconvenientPlaces: NonNullable<DebtorFacts['inconvenientPlaces']>[number][]
  } = {
    kind: snapshot.debtorKind,
    jurisdiction: snapshot.jurisdiction,
    timeZoneEvidence: zoneEvidence(snapshot),
    mediumOptOuts: [],
    inconvenientTimes: [],
    inconvenientPlaces: [],
  }
  for (const r of snapshot.restrictions) {
    const d = r.details
    if (r.kind === 'attorney') {
      facts.attorney = {
        name: String(d.name ?? ''),
        address: String(d.address ?? ''),
        knownAt: r.effectiveAt,
      }
    } else if (r.kind === 'cease') facts.ceaseReceivedAt = r.effectiveAt
    else if (r.kind === 'employer_prohibits_work_contact') facts.employerProhibitsWorkContact = true
    else if (r.kind === 'direct_consent') facts.directConsentToContact = true
    else if (r.kind === 'medium_opt_out') {
      facts.mediumOptOuts.push({ channel: d.channel as ContactChannel, at: r.effectiveAt })
    } else if (r.kind === 'inconvenient_time') {
      facts.inconvenientTimes.push({
        statedAt: r.effectiveAt,
        from: String(d.from),
        to: String(d.to),
        ...(Array.isArray(d.weekdays) ? { weekdays: d.weekdays as number[] } : {}),
      })
    } else if (r.kind === 'inconvenient_place') {
      facts.inconvenientPlaces.push({ place: d.place === 'home' ? 'home' : 'work', statedAt: r.effectiveAt })
    }
  }
  return facts
}

function contactPointFacts(point: SnapshotContactPoint): ContactPointFacts {
  return {
    id: String(point.id),
    kind: point.kind,
    ...(point.phoneType ? { phoneType: point.phoneType } : {}),
    atWorkplace: point.phoneType === 'work',
    optedOutAt: point.optedOutAt,
    consent: point.consent,
    timeZone: point.timeZone,
  }
}

/**
 * The NI Act s.138 facts from the account's attributes: the dishonoured cheque as imported
 * (`attributes.cheque`: date, presentedOn, bankInformedOn, the fields the notice prints) and the day the
 * demand notice was mailed (`niActNoticeSentOn`, recorded by the letter sender). Absent or incomplete
 * cheque facts: none (the document refuses to print an NI Act notice without them).
 */
function chequeFacts(attributes: Readonly<Record<string, unknown>>) {
  const cheque = attributes.cheque as Record<string, unknown> | undefined
  if (!cheque || typeof cheque !== 'object') return null
  const { date, presentedOn, bankInformedOn } = cheque
  // A malformed imported date leaves the cheque out rather than failing every decision of the account.
  const isDate = (v: unknown): v is string => typeof v === 'string' && parseLocalDate(v).ok
  if (!isDate(date) || !isDate(presentedOn) || !isDate(bankInformedOn)) return null
  const sent = attributes.niActNoticeSentOn
  return {
    chequeDate: date,
    presentedOn,
    bankInformedOn,
    ...(isDate(sent) ? { demandNoticeSentOn: sent } : {}),
  }
}
