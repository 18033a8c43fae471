import { addDays, dayNumber } from '../../../src/core/calendar/local-date.ts'
import { PROMISE_SETTLE_DAYS } from '../../../src/core/scoring/score-features.ts'
import type { ScoringHistory } from '../../../src/core/scoring/scoring-history.ts'
import { prng } from '../../scoring/scoring-fixtures.ts'

/**
 * A random but deterministic book: debtors with several accounts of one debt kind, charges, part and
 * full payments (some reversed), fees, promises, plans, disputes and contacts spread over 2024-2025.
 */
export function randomHistory(
  seed: number,
  debtKind: 'consumer' | 'commercial',
  debtors = 25,
): ScoringHistory {
  const rnd = prng(seed)
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1))
  const h: ScoringHistory = { accounts: [], entries: [], promises: [], plans: [], disputes: [], contacts: [] }
  let id = 0
  for (let d = 0; d < debtors; d++) {
    const habit = rnd()
    const accounts = int(1, 8)
    for (let k = 0; k < accounts; k++) {
      const accountId = ++id
      const openedOn = addDays('2024-01-01', int(0, 600))
      const dueOn = addDays(openedOn, int(10, 45))
      const amount = int(1000, 500_000)
      h.accounts.push({
        id: accountId,
        externalId: `A-${accountId}`,
        debtorId: d + 1,
        debtKind,
        currency: 'USD',
        status: 'open',
        openedOn,
        dueOn,
      })
      h.entries.push({ accountId, kind: 'charge', amountMinor: amount, effectiveOn: openedOn })
      if (rnd() < 0.2)
        h.entries.push({ accountId, kind: 'fee', amountMinor: 2500, effectiveOn: addDays(dueOn, 30) })
      const paidOn = addDays(dueOn, rnd() < habit ? int(1, 60) : -int(0, 9))
      if (rnd() < 0.4) {
        const part = Math.floor(amount / 3)
        h.entries.push({
          accountId,
          kind: 'payment',
          amountMinor: -part,
          effectiveOn: addDays(openedOn, int(1, 20)),
        })
      }
      if (rnd() < 0.75) {
        h.entries.push({ accountId, kind: 'payment', amountMinor: -amount - 2500, effectiveOn: paidOn })
        if (rnd() < 0.1)
          h.entries.push({
            accountId,
            kind: 'reversal',
            amountMinor: amount + 2500,
            effectiveOn: addDays(paidOn, int(1, 10)),
          })
      }
      if (rnd() < 0.3)
        h.promises.push({
          accountId,
          takenOn: addDays(dueOn, int(1, 20)),
          dueOn: addDays(dueOn, int(21, 40)),
          state: (['kept', 'broken', 'partially_kept', 'open'] as const)[int(0, 3)] ?? 'open',
        })
      if (rnd() < 0.2) {
        const createdOn = addDays(dueOn, int(5, 30))
        const broken = rnd() < 0.5
        h.plans.push({
          accountId,
          createdOn,
          status: broken ? 'broken' : 'active',
          brokenOn: broken ? addDays(createdOn, int(20, 90)) : null,
        })
      }
      if (rnd() < 0.15) {
        const received = addDays(dueOn, int(0, 30))
        h.disputes.push({
          accountId,
          receivedOn: received,
          resolvedOn: rnd() < 0.5 ? addDays(received, int(5, 40)) : null,
        })
      }
      for (let c = int(0, 4); c > 0; c--)
        h.contacts.push({
          accountId,
          occurredOn: `${addDays(dueOn, int(-3, 60))}T15:00:00.000Z`,
          direction: rnd() < 0.8 ? 'outbound' : 'inbound',
          result:
            (['delivered', 'conversation', 'no_answer', 'responded'] as const)[int(0, 3)] ?? 'delivered',
        })
    }
  }
  return h
}

/**
 * The book as it stood at the end of `asOf`: what did not exist yet is gone, and what was still open
 * then (a promise whose outcome was not due, a plan not yet broken, an unresolved dispute) looks open.
 */
export function historyAsOf(h: ScoringHistory, asOf: string): ScoringHistory {
  const day = dayNumber(asOf)
  const on = (date: string) => dayNumber(date.slice(0, 10)) <= day
  const accounts = h.accounts.filter((a) => on(a.openedOn))
  const known = new Set(accounts.map((a) => a.id))
  return {
    accounts,
    entries: h.entries.filter((e) => known.has(e.accountId) && on(e.effectiveOn)),
    promises: h.promises
      .filter((p) => on(p.takenOn))
      .map((p) => (dayNumber(p.dueOn) + PROMISE_SETTLE_DAYS <= day ? p : { ...p, state: 'open' as const })),
    plans: h.plans
      .filter((p) => on(p.createdOn))
      .map((p) =>
        p.brokenOn !== null && on(p.brokenOn) ? p : { ...p, status: 'active' as const, brokenOn: null },
      ),
    disputes: h.disputes
      .filter((d) => on(d.receivedOn))
      .map((d) => (d.resolvedOn !== null && on(d.resolvedOn) ? d : { ...d, resolvedOn: null })),
    contacts: h.contacts.filter((c) => on(c.occurredOn)),
  }
}
