import { dayNumber } from '../calendar/local-date.ts'
import type { ScoringHistory } from './scoring-history.ts'

/*
 * A tenant's history indexed once for many feature look-ups: every account's ledger entries in shared
 * typed arrays in day order with running balances, its promises, plans, disputes and contacts as day
 * numbers, and each debtor's accounts in order of opening.
 */

export interface IndexedAccount {
  id: number
  externalId: string
  debtorId: number
  debtKind: 'consumer' | 'commercial'
  currency: string
  status: string
  openedDay: number
  dueDay: number
  /**
   * The account's entries are positions `start` to `end` (exclusive) of the index's shared arrays, in
   * day order, with the running balance and charge total after each.
   */
  start: number
  end: number
  days: Int32Array
  balanceAfter: Float64Array
  chargedAfter: Float64Array
  isPayment: Uint8Array
  /** Each day the balance came down to zero or below from above it (a reversal can reopen it). */
  settleDays: number[]
  /** The day it was finally paid in full (the last such day, if the balance is still nil); NaN if not. */
  settledDay: number
  promises: { takenDay: number; dueDay: number; state: string }[]
  plans: { brokenDay: number }[]
  disputes: { receivedDay: number }[]
  contacts: { day: number; outbound: boolean; conversation: boolean; response: boolean }[]
}

/** A tenant's history indexed once for many feature look-ups. */
export interface HistoryIndex {
  accounts: IndexedAccount[]
  byId: Map<number, number>
  /** Indices into `accounts` per debtor, ordered by opening day. */
  byDebtor: Map<number, number[]>
}

const RESPONSES = new Set(['conversation', 'responded'])

/** dayNumber with a memo: a book's dates repeat, and parsing is most of the cost of indexing. */
function dayParser(): (date: string) => number {
  const memo = new Map<string, number>()
  return (date) => {
    let day = memo.get(date)
    if (day === undefined) {
      day = dayNumber(date)
      memo.set(date, day)
    }
    return day
  }
}

/**
 * Indexes a history: every account's entries in one set of shared typed arrays (counted, placed, then
 * sorted within each account), running sums computed once, children grouped by account. One allocation
 * per array, not per account: a million accounts index in about a second.
 */
export function indexHistory(history: ScoringHistory): HistoryIndex {
  const day = dayParser()
  const byId = new Map<number, number>()
  history.accounts.forEach((a, i) => {
    byId.set(a.id, i)
  })
  const n = history.accounts.length
  const offsets = new Int32Array(n + 1)
  const owner = new Int32Array(history.entries.length)
  history.entries.forEach((e, k) => {
    const at = byId.get(e.accountId) ?? -1
    owner[k] = at
    if (at >= 0) offsets[at + 1] = (offsets[at + 1] as number) + 1
  })
  for (let i = 0; i < n; i++) offsets[i + 1] = (offsets[i + 1] as number) + (offsets[i] as number)
  const total = offsets[n] as number
  const days = new Int32Array(total)
  const amounts = new Float64Array(total)
  // 1 charge, 2 payment, 0 anything else.
  const kinds = new Uint8Array(total)
  const fill = offsets.slice(0, n)
  history.entries.forEach((e, k) => {
    const at = owner[k] as number
    if (at < 0) return
    const pos = fill[at] as number
    fill[at] = pos + 1
    days[pos] = day(e.effectiveOn)
    amounts[pos] = e.amountMinor
    kinds[pos] = e.kind === 'charge' ? 1 : e.kind === 'payment' ? 2 : 0
  })
  const balanceAfter = new Float64Array(total)
  const chargedAfter = new Float64Array(total)
  const isPayment = new Uint8Array(total)
  const accounts: IndexedAccount[] = history.accounts.map((account, i) => {
    const start = offsets[i] as number
    const end = offsets[i + 1] as number
    sortSegment(days, amounts, kinds, start, end)
    let balance = 0
    let charged = 0
    let settleDays: number[] = NONE
    for (let k = start; k < end; k++) {
      const previous = balance
      const amount = amounts[k] as number
      balance += amount
      if (kinds[k] === 1) charged += amount
      balanceAfter[k] = balance
      chargedAfter[k] = charged
      isPayment[k] = kinds[k] === 2 && amount < 0 ? 1 : 0
      if (balance <= 0 && charged > 0 && (previous > 0 || k === start)) {
        if (settleDays === NONE) settleDays = []
        if (settleDays.at(-1) !== days[k]) settleDays.push(days[k] as number)
      }
    }
    const settledDay = balance <= 0 && settleDays.length > 0 ? (settleDays.at(-1) as number) : Number.NaN
    return {
      id: account.id,
      externalId: account.externalId,
      debtorId: account.debtorId,
      debtKind: account.debtKind,
      currency: account.currency,
      status: account.status,
      openedDay: day(account.openedOn),
      dueDay: day(account.dueOn),
      start,
      end,
      days,
      balanceAfter,
      chargedAfter,
      isPayment,
      settleDays,
      settledDay,
      promises: NONE,
      plans: NONE,
      disputes: NONE,
      contacts: NONE,
    } as IndexedAccount
  })
  const of = (accountId: number) => {
    const at = byId.get(accountId)
    return at === undefined ? undefined : accounts[at]
  }
  const push = <K extends 'promises' | 'plans' | 'disputes' | 'contacts'>(
    a: IndexedAccount | undefined,
    key: K,
    item: IndexedAccount[K][number],
  ) => {
    if (!a) return
    if ((a[key] as unknown) === NONE) a[key] = [] as unknown as IndexedAccount[K]
    ;(a[key] as IndexedAccount[K][number][]).push(item)
  }
  for (const p of history.promises)
    push(of(p.accountId), 'promises', { takenDay: day(p.takenOn), dueDay: day(p.dueOn), state: p.state })
  for (const p of history.plans)
    if (p.brokenOn !== null) push(of(p.accountId), 'plans', { brokenDay: day(p.brokenOn) })
  for (const d of history.disputes) push(of(d.accountId), 'disputes', { receivedDay: day(d.receivedOn) })
  for (const c of history.contacts)
    push(of(c.accountId), 'contacts', {
      day: day(c.occurredOn.slice(0, 10)),
      outbound: c.direction === 'outbound',
      conversation: c.result === 'conversation',
      response: c.direction === 'inbound' || RESPONSES.has(c.result),
    })
  const byDebtor = new Map<number, number[]>()
  accounts.forEach((a, i) => {
    const list = byDebtor.get(a.debtorId)
    if (list) list.push(i)
    else byDebtor.set(a.debtorId, [i])
  })
  for (const list of byDebtor.values())
    if (list.length > 1)
      list.sort(
        (x, y) => (accounts[x] as IndexedAccount).openedDay - (accounts[y] as IndexedAccount).openedDay,
      )
  return { accounts, byId, byDebtor }
}

/** The shared empty list of an account without such rows (replaced by its own list on the first one). */
const NONE: never[] = []

/**
 * Insertion sort of one account's entries by day, charges first within a day (an invoice paid the day
 * it was issued still counts as owed that day); an account has a handful of entries.
 */
function sortSegment(
  days: Int32Array,
  amounts: Float64Array,
  kinds: Uint8Array,
  start: number,
  end: number,
): void {
  for (let i = start + 1; i < end; i++) {
    const d = days[i] as number
    const a = amounts[i] as number
    const k = kinds[i] as number
    let j = i - 1
    while (
      j >= start &&
      ((days[j] as number) > d || ((days[j] as number) === d && kinds[j] !== 1 && k === 1))
    ) {
      days[j + 1] = days[j] as number
      amounts[j + 1] = amounts[j] as number
      kinds[j + 1] = kinds[j] as number
      j--
    }
    days[j + 1] = d
    amounts[j + 1] = a
    kinds[j + 1] = k
  }
}

/** Position of the last entry on or before `day`, or -1. */
export function lastEntryOnOrBefore(a: IndexedAccount, day: number): number {
  let lo = a.start
  let hi = a.end - 1
  let found = -1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if ((a.days[mid] as number) <= day) {
      found = mid
      lo = mid + 1
    } else hi = mid - 1
  }
  return found
}

/** Balance in minor units at the end of `day`. */
export function balanceOn(a: IndexedAccount, day: number): number {
  const at = lastEntryOnOrBefore(a, day)
  return at < 0 ? 0 : (a.balanceAfter[at] as number)
}

/** The day the account was paid in full as it stood at the end of `day`, or NaN if it was owing then. */
export function settledAsOf(a: IndexedAccount, day: number): number {
  if (balanceOn(a, day) > 0) return Number.NaN
  let found = Number.NaN
  for (const d of a.settleDays) {
    if (d > day) break
    found = d
  }
  return found
}

export function chargedOn(a: IndexedAccount, day: number): number {
  const at = lastEntryOnOrBefore(a, day)
  return at < 0 ? 0 : (a.chargedAfter[at] as number)
}
