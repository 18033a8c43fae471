import { isTimeZone, type LocalDate, parseLocalDate } from '../../../src/core/calendar/local-date.ts'
import { oldestUnpaidDueDate } from '../../../src/core/delinquency/days-past-due.ts'
import type { IntakeRecord } from '../../../src/core/intake/intake-record.ts'
import { checkEntrySign } from '../../../src/core/ledger/ledger-entry.ts'
import { currencyExponent, isCurrencyCode } from '../../../src/core/money/currencies.ts'

const E164 = /^\+[1-9]\d{7,14}$/
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

const zones = new Map<string, boolean>()
/** isTimeZone builds an Intl formatter per call; the demo uses a dozen zones, so remember the answers. */
function knownZone(zone: string): boolean {
  let known = zones.get(zone)
  if (known === undefined) {
    known = isTimeZone(zone)
    zones.set(zone, known)
  }
  return known
}

function isDate(text: string | null | undefined): boolean {
  if (!text) return false
  const parsed = parseLocalDate(text)
  return parsed.ok && parsed.date === text
}

/**
 * Everything that must hold for one generated record, as a list of problems (empty when valid):
 * known currency, real dates in order, ledger signs, balances (positive when open, zero when closed),
 * nothing effective after the reference date, consistent instalment plans, E.164 phones, real zones.
 */
export function demoRecordProblems(record: IntakeRecord, asOf: LocalDate): string[] {
  const problems: string[] = []
  const fail = (what: string) => problems.push(`${record.account.externalId}: ${what}`)
  const { account, debtor, entries } = record
  if (!isCurrencyCode(account.currency)) fail(`unknown currency ${account.currency}`)
  for (const [name, date] of [
    ['openedOn', account.openedOn],
    ['dueOn', account.dueOn],
  ] as const) {
    if (!isDate(date)) fail(`${name} ${date} is not a real date`)
  }
  if (account.chargeOffOn != null && !(isDate(account.chargeOffOn) && account.chargeOffOn <= asOf)) {
    fail(`chargeOffOn ${account.chargeOffOn} is not a past date`)
  }
  if (account.openedOn > asOf) fail('opened after the reference date')
  if ((debtor.kind === 'business') !== (account.debtKind === 'commercial'))
    fail('debtor kind does not match debt kind')
  const ids = new Set(entries.map((e) => e.externalId))
  if (ids.size !== entries.length) fail('duplicate entry external ids')
  const charge = entries[0]
  if (charge?.kind !== 'charge') fail('first entry is not the charge')
  let balance = 0
  for (const entry of entries) {
    const sign = checkEntrySign(entry.kind, entry.amountMinor)
    if (sign) fail(`${entry.externalId}: ${sign}`)
    if (!isDate(entry.effectiveOn) || entry.effectiveOn > asOf)
      fail(`${entry.externalId} effective ${entry.effectiveOn}`)
    if (entry.effectiveOn < account.openedOn) fail(`${entry.externalId} before the account opened`)
    balance += entry.amountMinor
  }
  if (account.status === 'open' && balance <= 0) fail(`open with balance ${balance}`)
  if ((account.status === 'paid' || account.status === 'settled') && balance !== 0)
    fail(`${account.status} with balance ${balance}`)
  if (
    account.currency === 'INR' &&
    charge &&
    charge.amountMinor % 10 ** (currencyExponent('INR') ?? 2) !== 0
  ) {
    fail('INR balances are whole rupees')
  }
  if (record.instalments) {
    const total = record.instalments.reduce((sum, i) => sum + i.amountMinor, 0)
    if (total !== charge?.amountMinor) fail(`instalments add up to ${total}, not the charge`)
    if (record.instalments.some((i) => i.amountMinor <= 0 || !isDate(i.dueOn))) fail('bad instalment')
    const paid = -entries.filter((e) => e.kind === 'payment').reduce((sum, e) => sum + e.amountMinor, 0)
    if (oldestUnpaidDueDate(record.instalments, paid) !== account.dueOn)
      fail('dueOn is not the oldest unpaid instalment')
  }
  for (const address of debtor.addresses ?? []) {
    if (!address.timeZone || !knownZone(address.timeZone)) fail(`address zone ${address.timeZone}`)
  }
  for (const contact of debtor.contacts ?? []) {
    if (contact.kind === 'phone' && !E164.test(contact.value)) fail(`phone ${contact.value} is not E.164`)
    if (contact.kind === 'email' && !/^[a-z0-9.]+@[a-z0-9.-]+\.(com|net|org)$/.test(contact.value)) {
      fail(`email ${contact.value}`)
    }
    if (contact.timeZone && !knownZone(contact.timeZone)) fail(`contact zone ${contact.timeZone}`)
    for (const at of [contact.consentAt, contact.optedOutAt]) {
      if (at != null && !(INSTANT.test(at) && at.slice(0, 10) <= asOf)) fail(`instant ${at}`)
    }
    if ((contact.consent === 'revoked') !== (contact.optedOutAt != null))
      fail('opt-out without revoked consent')
  }
  if (!debtor.contacts?.some((c) => c.kind === 'postal')) fail('no postal contact')
  return problems
}
