import { type Checked, type CreditLimit, checkLimit, checkTermsDays } from '../../core/credit/credit-terms.ts'
import { AppError } from '../../core/errors/index.ts'
import {
  creditPolicies,
  debtorOverrides,
  saveCreditPolicy,
  saveDebtorOverride,
} from '../../store/credit/credit.repository.ts'
import { appendJournalEvent } from '../../store/journal.repository.ts'
import { actorLabel } from '../actor.ts'
import { type AppContext, inTransaction } from '../app-context.ts'
import { authorize, requireAllClients } from '../authorize.ts'
import { type CreditLineView, creditLines } from './credit-lines.ts'
import { lineClient, requireClient, requireDebtor } from './resolve-credit-line.ts'

/** A limit as sent: the amount as decimal text and the currency. */
export interface LimitInput {
  readonly amount: unknown
  readonly currency: unknown
}

function must<T>(checked: Checked<T>): T {
  if (!checked.ok)
    throw new AppError(checked.code, `${checked.field}: ${checked.reason}`, { field: checked.field })
  return checked.value
}

const limitOf = (input: LimitInput | null | undefined): CreditLimit | null => {
  if (input === null || input === undefined) return null
  if (typeof input !== 'object')
    throw new AppError('invalid_amount', 'limit: an object with amount and currency, or null', {
      field: 'limit',
    })
  return must(checkLimit(input.amount, input.currency))
}

const limitJson = (limit: CreditLimit | null) =>
  limit ? { minor: limit.minor, currency: limit.currency } : null

export interface SetClientTermsInput {
  /** The client's external id; absent: the tenant's own book (accounts held for no client). */
  readonly client?: string
  readonly termsDays: unknown
  /** The default limit; absent or null: none. */
  readonly limit?: LimitInput | null
}

export interface CreditPolicyView {
  readonly client: string | null
  readonly termsDays: number
  readonly limit: { limitMinor: number; currency: string } | null
  readonly updatedBy: string
  readonly updatedAt: string
}

/**
 * Sets a client's default payment terms and credit limit (replacing what was set). Journaled as
 * `credit.policy_set` with the previous and the new values.
 */
export async function setClientTerms(ctx: AppContext, input: SetClientTermsInput): Promise<CreditPolicyView> {
  authorize(ctx.actor, 'credit.manage')
  const termsDays = must(checkTermsDays(input.termsDays))
  const limit = limitOf(input.limit)
  return inTransaction(ctx, async (trx) => {
    let clientId: number | null = null
    if (input.client !== undefined) clientId = await requireClient(ctx, trx, input.client)
    else requireAllClients(ctx.actor, "set the own book's credit policy")
    const tenantId = ctx.actor.tenant.id
    const before = (await creditPolicies(trx, tenantId)).get(clientId)
    await saveCreditPolicy(trx, tenantId, { clientId, termsDays, limit, updatedBy: actorLabel(ctx.actor) })
    const after = (await creditPolicies(trx, tenantId)).get(clientId)
    if (!after) throw new Error('credit policy not stored')
    await appendJournalEvent(trx, {
      tenantId,
      type: 'credit.policy_set',
      actor: actorLabel(ctx.actor),
      subject: clientId === null ? 'credit_policy:own' : `client:${clientId}`,
      payload: {
        client: input.client ?? null,
        before: before ? { termsDays: before.termsDays, limit: limitJson(before.limit) } : null,
        after: { termsDays, limit: limitJson(limit) },
      },
    })
    return {
      client: input.client ?? null,
      termsDays: after.termsDays,
      limit: after.limit ? { limitMinor: after.limit.minor, currency: after.limit.currency } : null,
      updatedBy: after.updatedBy,
      updatedAt: after.updatedAt,
    }
  })
}

export interface SetDebtorTermsInput {
  readonly debtor: string
  /** The client of the line; absent: the debtor's only client (or the own book). */
  readonly client?: string
  /** Absent: unchanged; null: back to the client's terms. */
  readonly termsDays?: unknown
  /** Absent: unchanged; null: back to the client's limit. */
  readonly limit?: LimitInput | null
}

/**
 * Sets a debtor's own terms and/or limit on one credit line, field by field (an absent field keeps
 * what was set, null removes it). Journaled as `credit.debtor_terms_set`; answers the line.
 */
export async function setDebtorTerms(ctx: AppContext, input: SetDebtorTermsInput): Promise<CreditLineView> {
  authorize(ctx.actor, 'credit.manage')
  const termsDays =
    input.termsDays === undefined || input.termsDays === null
      ? input.termsDays
      : must(checkTermsDays(input.termsDays))
  const limit = input.limit === undefined ? undefined : limitOf(input.limit)
  if (termsDays === undefined && limit === undefined)
    throw new AppError('invalid_credit_terms', 'give termsDays, limit or both (null removes one)', {
      field: 'termsDays',
    })
  const debtor = await inTransaction(ctx, async (trx) => {
    const debtor = await requireDebtor(ctx, trx, input.debtor)
    const clientId = await lineClient(ctx, trx, debtor.id, input.client)
    const tenantId = ctx.actor.tenant.id
    const before = (await debtorOverrides(trx, tenantId, [debtor.id])).find((o) => o.clientId === clientId)
    const next = {
      termsDays: termsDays === undefined ? (before?.termsDays ?? null) : termsDays,
      limit: limit === undefined ? (before?.limit ?? null) : limit,
    }
    await saveDebtorOverride(trx, tenantId, {
      debtorId: debtor.id,
      clientId,
      ...next,
      updatedBy: actorLabel(ctx.actor),
    })
    await appendJournalEvent(trx, {
      tenantId,
      type: 'credit.debtor_terms_set',
      actor: actorLabel(ctx.actor),
      subject: `debtor:${debtor.id}`,
      payload: {
        debtor: debtor.externalId,
        client: input.client ?? null,
        clientId,
        before: before ? { termsDays: before.termsDays, limit: limitJson(before.limit) } : null,
        after: { termsDays: next.termsDays, limit: limitJson(next.limit) },
      },
    })
    return { ...debtor, clientId }
  })
  const lines = await creditLines(ctx, [debtor])
  const line = lines.find((l) => l.clientId === debtor.clientId)
  if (!line) throw new Error('credit line not found after writing it')
  return line.view
}
