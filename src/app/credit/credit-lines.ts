import {
  type CurrencyExposure,
  exposureByCurrency,
  formatMean,
  limitStanding,
  paidInvoices,
  paymentBehaviour,
} from '../../core/credit/credit-facts.ts'
import { type CreditLimit, effectiveTerms, type TermsSource } from '../../core/credit/credit-terms.ts'
import { type CreditWarning, earlyWarnings } from '../../core/credit/early-warning.ts'
import { AppError } from '../../core/errors/index.ts'
import {
  type CreditAccountRow,
  clientExternalIds,
  creditAccountRows,
  creditConductRows,
  creditPolicies,
  debtorOverrides,
} from '../../store/credit/credit.repository.ts'
import type { AppContext } from '../app-context.ts'
import { actorSeesClient } from '../authorize.ts'

/** A limit as callers see it: minor units and the currency. */
export interface LimitView {
  readonly limitMinor: number
  readonly currency: string
}

/** One credit line: a debtor under one client (null: the tenant's own book). */
export interface CreditLineView {
  readonly debtor: string
  readonly debtorName: string
  readonly client: string | null
  readonly termsDays: number
  readonly termsSource: TermsSource
  readonly limit: LimitView | null
  readonly limitSource: TermsSource
  readonly exposures: readonly { currency: string; exposureMinor: number; openAccounts: number }[]
  /** The limit against the exposure in its currency; null without a limit. */
  readonly standing: {
    currency: string
    limitMinor: number
    exposureMinor: number
    availableMinor: number
    overLimit: boolean
    utilisationPercent: string | null
  } | null
  readonly paymentHistory: {
    paidInvoices: number
    meanDaysToPay: string | null
    late: boolean
    trend: {
      recentInvoices: number
      recentMeanDaysToPay: string
      earlierInvoices: number
      earlierMeanDaysToPay: string
      rising: boolean
    } | null
  }
  readonly conduct: {
    brokenPromises: number
    disputes: number
    openDisputes: number
    writtenOffAccounts: number
  }
  readonly warnings: readonly CreditWarning[]
}

/** A line's computed facts next to its view (what the credit check reads). */
export interface CreditLine {
  readonly view: CreditLineView
  readonly clientId: number | null
  readonly accounts: readonly CreditAccountRow[]
  readonly exposures: readonly CurrencyExposure[]
  readonly limit: CreditLimit | null
  readonly meanDaysToPay: { sum: number; count: number } | null
}

const limitView = (limit: CreditLimit | null): LimitView | null =>
  limit ? { limitMinor: limit.minor, currency: limit.currency } : null

/**
 * The credit lines of these debtors, as the actor may see them: one per client the debtor has an
 * account with or an override for, own book first then by client external id. Four queries for the
 * whole set (policies, overrides, accounts with their ledger sums, promise and dispute counts).
 */
export async function creditLines(
  ctx: AppContext,
  debtors: readonly { id: number; externalId: string; name: string }[],
): Promise<CreditLine[]> {
  const { tenant, clientIds } = ctx.actor
  const db = ctx.store.db
  const ids = debtors.map((d) => d.id)
  const [policies, overrides, accounts, conduct] = await Promise.all([
    creditPolicies(db, tenant.id),
    debtorOverrides(db, tenant.id, ids),
    creditAccountRows(db, tenant.id, ids, clientIds),
    creditConductRows(db, tenant.id, ids),
  ])
  const clientKeys = new Set<number>()
  for (const a of accounts) if (a.clientId !== null) clientKeys.add(a.clientId)
  for (const o of overrides) if (o.clientId !== null) clientKeys.add(o.clientId)
  const clientNames = await clientExternalIds(db, tenant.id, [...clientKeys])
  const lines: CreditLine[] = []
  for (const debtor of debtors) {
    const mine = accounts.filter((a) => a.debtorId === debtor.id)
    const myOverrides = overrides.filter((o) => o.debtorId === debtor.id)
    const clients = new Set<number | null>([
      ...mine.map((a) => a.clientId),
      ...myOverrides.map((o) => o.clientId),
    ])
    const ordered = [...clients]
      .filter((c) => actorSeesClient(ctx.actor, c))
      .sort((a, b) =>
        a === null ? -1 : b === null ? 1 : (clientNames.get(a) ?? '').localeCompare(clientNames.get(b) ?? ''),
      )
    for (const clientId of ordered) {
      const lineAccounts = mine.filter((a) => a.clientId === clientId)
      const policy = policies.get(clientId)
      const override = myOverrides.find((o) => o.clientId === clientId)
      const terms = effectiveTerms({
        client: policy ? { termsDays: policy.termsDays, limit: policy.limit } : null,
        debtor: override ? { termsDays: override.termsDays, limit: override.limit } : null,
      })
      const exposures = exposureByCurrency(lineAccounts)
      const standing = terms.limit ? limitStanding(terms.limit, exposures) : null
      const behaviour = paymentBehaviour(paidInvoices(lineAccounts), terms.termsDays)
      const c = conduct.find((r) => r.debtorId === debtor.id && r.clientId === clientId)
      const view: CreditLineView = {
        debtor: debtor.externalId,
        debtorName: debtor.name,
        client: clientId === null ? null : (clientNames.get(clientId) ?? null),
        termsDays: terms.termsDays,
        termsSource: terms.termsSource,
        limit: limitView(terms.limit),
        limitSource: terms.limitSource,
        exposures,
        standing,
        paymentHistory: {
          paidInvoices: behaviour.paidInvoices,
          meanDaysToPay: behaviour.meanDaysToPay ? formatMean(behaviour.meanDaysToPay) : null,
          late: behaviour.late,
          trend: behaviour.trend
            ? {
                recentInvoices: behaviour.trend.recent.count,
                recentMeanDaysToPay: formatMean(behaviour.trend.recent),
                earlierInvoices: behaviour.trend.earlier.count,
                earlierMeanDaysToPay: formatMean(behaviour.trend.earlier),
                rising: behaviour.trend.rising,
              }
            : null,
        },
        conduct: {
          brokenPromises: c?.brokenPromises ?? 0,
          disputes: c?.disputes ?? 0,
          openDisputes: c?.openDisputes ?? 0,
          writtenOffAccounts: lineAccounts.filter((a) => a.writtenOff).length,
        },
        warnings: earlyWarnings({ standing, exposures, behaviour }),
      }
      lines.push({
        view,
        clientId,
        accounts: lineAccounts,
        exposures,
        limit: terms.limit,
        meanDaysToPay: behaviour.meanDaysToPay,
      })
    }
  }
  return lines
}

/** `client_not_found` naming the external id (also for a client outside the actor's scope). */
export const clientNotFound = (externalId: string) =>
  new AppError('client_not_found', `no client with external id "${externalId}" in this tenant`, {
    field: 'client',
  })
