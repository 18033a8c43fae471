import { addDays, localDateAt } from '../../core/calendar/local-date.ts'
import type { DocumentKind } from '../../core/documents/document-kinds.ts'
import { chooseLocale } from '../../core/documents/document-locale.ts'
import { AppError } from '../../core/errors/index.ts'
import { letterKindOf } from '../../core/outreach/letter-kind.ts'
import { portalDisclosures } from '../../core/portal/portal-disclosures.ts'
import { moneyPolicyFor } from '../../money/money-policy.ts'
import { disputeDocumentCounts } from '../../store/portal/dispute-document.repository.ts'
import { lettersSentFor, portalAccountHeaderByRef } from '../../store/portal/portal-account.repository.ts'
import type { AppContext } from '../app-context.ts'
import { getAccount } from '../records/get-account.ts'
import { listAccountRecords } from '../records/list-account-records.ts'
import { PORTAL_PROMISE_MAX_DAYS } from './portal-limits.ts'

/** The one account of a debtor's portal session: its external id and the debtor's id. */
export function portalAccountOf(ctx: AppContext): { account: string; debtorId: number } {
  const account = ctx.actor.accountRefs?.[0]
  if (ctx.actor.kind !== 'debtor' || account === undefined)
    throw new AppError('forbidden', 'the portal acts for a debtor signed in to it only')
  return { account, debtorId: Number(ctx.actor.id) }
}

/** The header row of the session's account (gone since the session started: account_not_found). */
export async function portalHeader(ctx: AppContext) {
  const { account } = portalAccountOf(ctx)
  const header = await portalAccountHeaderByRef(ctx.store.db, ctx.actor.tenant.id, account)
  if (!header)
    throw new AppError('account_not_found', `no account with external id "${account}" in this tenant`)
  return header
}

/** A document the portal offers: its kind, the day it was mailed (null: made on request) and its URL. */
export interface PortalDocument {
  readonly kind: DocumentKind
  readonly sentOn: string | null
  readonly url: string
}

/** The portal URL of a document, relative to the server (`/api/v1/portal/documents/<kind>.pdf`). */
export function portalDocumentUrl(kind: DocumentKind, sentOn: string | null): string {
  return `/api/v1/portal/documents/${kind}.pdf${sentOn ? `?mailingDate=${sentOn}` : ''}`
}

/** The documents of the session's account: every letter mailed about it, and the statement of account. */
export async function portalDocuments(ctx: AppContext): Promise<PortalDocument[]> {
  const header = await portalHeader(ctx)
  const letters = await lettersSentFor(ctx.store.db, ctx.actor.tenant.id, header.id)
  const documents: PortalDocument[] = []
  for (const letter of letters) {
    let action: Record<string, unknown> = {}
    try {
      const input = JSON.parse(letter.render_input) as { letter?: { action?: Record<string, unknown> } }
      action = input.letter?.action ?? {}
    } catch {
      // A letter row always stores its render input as JSON; an unreadable one is listed as a reminder.
    }
    const sentOn = localDateAt(new Date(String(letter.sent_at)), ctx.actor.tenant.time_zone)
    const kind = letterKindOf(action, header.jurisdiction)
    if (!documents.some((d) => d.kind === kind && d.sentOn === sentOn))
      documents.push({ kind, sentOn, url: portalDocumentUrl(kind, sentOn) })
  }
  documents.push({ kind: 'statement', sentOn: null, url: portalDocumentUrl('statement', null) })
  return documents
}

/**
 * What the portal page shows about the session's account: who is owed and who collects, the balance
 * itemised by ledger component, the debtor's language, the disclosures of the jurisdiction, the
 * documents mailed, what is open (promises, plans, disputes, settlement offers, hardship pauses) and
 * the plan and settlement options of the tenant's policy: the same bounds the money services enforce
 * (src/money/money-policy.ts), so an option shown is one the engine accepts.
 */
export async function getPortalAccount(ctx: AppContext) {
  const header = await portalHeader(ctx)
  const account = header.externalId
  const detail = await getAccount(ctx, { account })
  const page = { account, limit: 500 }
  const [plans, promises, settlements, disputes, hardship] = await Promise.all([
    listAccountRecords(ctx, 'plans', page),
    listAccountRecords(ctx, 'promises', page),
    listAccountRecords(ctx, 'settlements', page),
    listAccountRecords(ctx, 'disputes', page),
    listAccountRecords(ctx, 'hardship', page),
  ])
  const documents = await portalDocuments(ctx)
  const evidence = await disputeDocumentCounts(ctx.store.db, ctx.actor.tenant.id, header.id)
  const { tenant } = ctx.actor
  const today = localDateAt(new Date(), tenant.time_zone)
  const locale = chooseLocale(header.preferredLanguage, header.jurisdiction).locale
  const disclosures = portalDisclosures({
    jurisdiction: header.jurisdiction,
    debtKind: header.debtKind,
    thirdParty: tenant.kind === 'agency',
    locale,
  }).map(({ document, ...d }) => ({
    ...d,
    documentUrl: documents.find((doc) => doc.kind === document)?.url ?? null,
  }))
  const policy = moneyPolicyFor(tenant)
  const activePlan = plans.items.find((p) => p.status === 'active')
  const open = detail.status === 'open'
  return {
    account: {
      reference: account,
      status: detail.status,
      creditor: header.creditor,
      originalCreditor: header.originalCreditor,
      client: header.clientName ?? null,
      collector: tenant.name,
      currency: header.currency,
      jurisdiction: header.jurisdiction,
    },
    balance: { totalMinor: detail.balanceMinor, components: detail.components },
    debtor: { name: header.debtorName, preferredLanguage: header.preferredLanguage ?? null, locale },
    disclosures,
    documents,
    open: {
      promises: promises.items.filter((p) => p.state === 'open'),
      plans: plans.items.filter((p) => p.status === 'active'),
      disputes: disputes.items
        .filter((d) => d.resolvedAt === null)
        .map((d) => ({ ...d, documents: evidence.get(Number(d.id)) ?? 0 })),
      settlements: settlements.items.filter((s) => s.status === 'offered' && s.expiresOn >= today),
      hardship: hardship.items.filter((h) => h.to >= today),
    },
    options: {
      plan: {
        available: open && activePlan === undefined && detail.balanceMinor > 0,
        frequencies: ['weekly', 'fortnightly', 'monthly'],
        maxMonths: policy.plan.maxMonths,
        // The bounds createPlan enforces for this account's currency (core/plans/plan-policy.ts).
        minInstalmentMinor:
          policy.plan.minInstalmentMinorByCurrency?.[header.currency] ?? policy.plan.minInstalmentMinor,
        maxInstalments: policy.plan.maxInstalments ?? null,
        minDownPaymentPercent: policy.plan.minDownPaymentPercent ?? '0',
        maxDiscountPercent: policy.plan.maxDiscountPercent,
        policy: policy.plan.id,
      },
      settlement: {
        // A settlement is offered by the creditor; the debtor accepts one by paying its amount in time.
        acceptByPaying: settlements.items
          .filter((s) => s.status === 'offered' && s.expiresOn >= today)
          .map((s) => ({ id: s.id, amountMinor: s.offerMinor, expiresOn: s.expiresOn })),
        maxDiscountPercent: policy.settlement.maxDiscountPercent,
      },
      promise: {
        available: open && detail.balanceMinor > 0 && !promises.items.some((p) => p.state === 'open'),
        graceDays: policy.promiseGraceDays,
        latestDueOn: addDays(today, PORTAL_PROMISE_MAX_DAYS),
        maxAmountMinor: Math.max(0, detail.balanceMinor),
      },
    },
  }
}
