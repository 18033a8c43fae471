import { addDays, localDateAt, parseLocalDate } from '../../core/calendar/local-date.ts'
import { AppError } from '../../core/errors/index.ts'
import { caseDeadlines, judgmentInterestRule } from '../../core/legal/case-deadlines.ts'
import {
  type CaseKind,
  type CaseStatus,
  CLOSE_OUTCOMES,
  type CloseOutcome,
  isCloseOutcome,
  STATUS_OF_OUTCOME,
} from '../../core/legal/case-kinds.ts'
import { parseDecimal } from '../../core/money/decimal.ts'
import { parseAmount } from '../../core/money/money.ts'
import { appendJournalEvent } from '../../store/journal.repository.ts'
import { reverseLedgerEntry, writeLedgerLines } from '../../store/ledger.repository.ts'
import {
  cancelCaseTasks,
  caseAccountFacts,
  caseAccountsOf,
  caseRowById,
  insertCaseTask,
  insertHearing,
  recordCaseOutcome,
  releaseCaseHold,
  unreversedCaseCostEntries,
} from '../../store/legal/legal-case.repository.ts'
import { lockAccounts } from '../../store/lock-accounts.ts'
import { actorLabel } from '../actor.ts'
import { type AppContext, inTransaction } from '../app-context.ts'
import { authorize } from '../authorize.ts'
import { requireAccountInScope } from '../client-scope.ts'
import { deadlineInputOf, type StoredCaseFacts } from './case-compliance.ts'
import type { CaseView } from './case-view.ts'
import { createDeadlineTasks } from './open-case.ts'
import { showCaseIn } from './show-case.ts'

const bad = (field: string, message: string): never => {
  throw new AppError('invalid_case', `${field}: ${message}`, { field })
}

function dateField(text: string | undefined, field: string, fallback: string): string {
  if (text === undefined) return fallback
  const parsed = parseLocalDate(text)
  return parsed.ok && parsed.date === text ? text : bad(field, `a date YYYY-MM-DD, not "${text}"`)
}

function noteField(text: string | undefined, field: string, max = 2000): string | null {
  if (text === undefined) return null
  const trimmed = text.trim()
  if (trimmed === '' || trimmed.length > max) bad(field, `text of 1 to ${max} characters`)
  return trimmed
}

/** The case, its accounts in scope, or `case_not_found`. */
async function caseForChange(
  ctx: AppContext,
  trx: Parameters<Parameters<typeof inTransaction>[1]>[0],
  id: number,
) {
  const tenant = ctx.actor.tenant
  const row = await caseRowById(trx, tenant.id, id)
  if (!row) throw new AppError('case_not_found', `no legal case ${id} in this tenant`)
  const accounts = await caseAccountsOf(trx, tenant.id, row.id)
  for (const a of accounts) await requireAccountInScope(ctx, trx, a.externalId)
  if (ctx.actor.accountRefs !== undefined)
    throw new AppError('case_not_found', `no legal case ${id} in this tenant`)
  return { row, accounts }
}

export interface AddHearingInput {
  readonly id: number
  readonly on: string
  readonly purpose: string
  readonly outcome?: string
  /** The next hearing's date: a work task falls due 7 days before it. */
  readonly next?: string
}

/** Records a hearing of an open (or judgment) case; a next date becomes a task. Journaled `case.hearing_added`. */
export async function addHearing(ctx: AppContext, input: AddHearingInput): Promise<CaseView> {
  authorize(ctx.actor, 'cases.manage')
  const tenant = ctx.actor.tenant
  const on = dateField(input.on, 'on', '')
  const purpose = noteField(input.purpose, 'purpose', 500) ?? bad('purpose', 'required')
  const outcome = noteField(input.outcome, 'outcome')
  const next = input.next === undefined ? null : dateField(input.next, 'next', '')
  if (next !== null && next <= on) bad('next', `the next hearing ${next} must be after this one (${on})`)
  const by = actorLabel(ctx.actor)
  return inTransaction(ctx, async (trx) => {
    const { row, accounts } = await caseForChange(ctx, trx, input.id)
    if (row.status !== 'open' && row.status !== 'judgment')
      throw new AppError(
        'case_not_open',
        `case ${row.id} is ${row.status}: hearings are recorded on open cases`,
      )
    const hearingId = await insertHearing(trx, {
      tenantId: tenant.id,
      caseId: row.id,
      hearingOn: on,
      purpose,
      outcome,
      nextOn: next,
      by,
    })
    const lead = accounts[0]
    const taskIds: number[] = []
    if (next !== null && lead) {
      const [facts] = await caseAccountFacts(trx, tenant.id, [lead.externalId])
      taskIds.push(
        ...(await createDeadlineTasks(trx, tenant, {
          caseId: row.id,
          lead: { id: lead.id, debtorId: facts?.debtorId ?? row.debtorId },
          deadlines: [
            {
              id: `hearing.${hearingId}.next`,
              label: `prepare for the next hearing (after "${purpose}")`,
              on: next,
              type: 'last_day',
              phase: 'hearing',
              ruleId: 'legal.hearing',
              citation: row.forum ?? 'the court',
            },
          ],
          from:
            localDateAt(new Date(), tenant.time_zone) < on ? localDateAt(new Date(), tenant.time_zone) : on,
          priority: row.claimMinor,
        })),
      )
    }
    await appendJournalEvent(trx, {
      tenantId: tenant.id,
      type: 'case.hearing_added',
      actor: by,
      subject: `case:${row.id}`,
      payload: { caseId: row.id, hearingId, hearingOn: on, purpose, outcome, nextOn: next, taskIds },
    })
    return showCaseIn(trx, tenant, row.id)
  })
}

/**
 * How the difference between a judgment and the accounts' balance spreads over the case's accounts: a
 * judgment below the balance reduces the accounts oldest first (by due day, then id), none below zero;
 * an excess (and any rest the balances cannot absorb) lands on the lead account.
 */
export function judgmentShares(
  accounts: readonly { id: number; dueOn: string; balanceMinor: number }[],
  leadId: number,
  difference: number,
): { accountId: number; amountMinor: number }[] {
  if (difference === 0) return []
  if (difference > 0) return [{ accountId: leadId, amountMinor: difference }]
  const shares = new Map<number, number>()
  let rest = -difference
  const oldestFirst = [...accounts].sort((a, b) =>
    a.dueOn === b.dueOn ? a.id - b.id : a.dueOn < b.dueOn ? -1 : 1,
  )
  for (const a of oldestFirst) {
    const cut = Math.min(rest, Math.max(a.balanceMinor, 0))
    if (cut > 0) shares.set(a.id, -cut)
    rest -= cut
    if (rest === 0) break
  }
  if (rest > 0) shares.set(leadId, (shares.get(leadId) ?? 0) - rest)
  return [...shares].map(([accountId, amountMinor]) => ({ accountId, amountMinor }))
}

export interface CloseCaseInput {
  readonly id: number
  /** judgment (the case moves on to enforcement), settlement, withdrawal, dismissal, or closed after a judgment. */
  readonly outcome: string
  /** Default: today in the tenant's zone. */
  readonly on?: string
  /** The judgment or settlement amount, decimal text in the case's currency. */
  readonly amount?: string
  /** Post-judgment interest, percent a year (decimal text); default by jurisdiction where it is fixed. */
  readonly postJudgmentRate?: string
  readonly note?: string
  readonly now?: Date
}

/** The statuses an outcome may follow. */
const FROM: Record<CloseOutcome, readonly CaseStatus[]> = {
  judgment: ['open'],
  settlement: ['open', 'judgment'],
  withdrawal: ['draft', 'open'],
  dismissal: ['open'],
  closed: ['judgment'],
}

/**
 * Records a case's outcome. A judgment keeps the accounts held, makes the books say what the court
 * said (adjustments for the difference between the judgment amount and the accounts' balance, spread
 * over the accounts by `judgmentShares`), records the post-judgment interest rate, and starts the enforcement tasks (the
 * judgment's deadlines, and "enforce" once payment under it falls due). A settlement, withdrawal,
 * dismissal or closing after judgment releases the hold and cancels the case's open tasks (the money of
 * a settlement moves through the settlement flow, not here). A dismissal or withdrawal also reverses the
 * court and counsel costs posted at filing; a settlement leaves them (its terms say what it covers). Journaled `case.judgment` or `case.closed`.
 */
export async function closeCase(ctx: AppContext, input: CloseCaseInput): Promise<CaseView> {
  authorize(ctx.actor, 'cases.manage')
  const tenant = ctx.actor.tenant
  if (!isCloseOutcome(input.outcome))
    bad('outcome', `one of ${CLOSE_OUTCOMES.join(', ')}, not "${input.outcome}"`)
  const outcome = input.outcome as CloseOutcome
  const on = dateField(input.on, 'on', localDateAt(input.now ?? new Date(), tenant.time_zone))
  const note = noteField(input.note, 'note')
  if (input.postJudgmentRate !== undefined) {
    const rate = parseDecimal(input.postJudgmentRate)
    if (!rate.ok || rate.value.units < 0n || outcome !== 'judgment')
      bad('postJudgmentRate', 'a percentage >= 0 (e.g. 8), with a judgment only')
  }
  const by = actorLabel(ctx.actor)
  return inTransaction(ctx, async (trx) => {
    const { row, accounts } = await caseForChange(ctx, trx, input.id)
    if (!FROM[outcome].includes(row.status))
      throw new AppError(
        'case_not_open',
        `case ${row.id} is ${row.status}: ${outcome} follows ${FROM[outcome].join(' or ')} only`,
        { status: row.status },
      )
    if (row.filedOn !== null && on < row.filedOn) bad('on', `${on} is before the filing day ${row.filedOn}`)
    let amountMinor: number | null = null
    if (outcome === 'judgment' || outcome === 'settlement') {
      if (input.amount === undefined) bad('amount', `the ${outcome} amount is required`)
      const parsed = parseAmount(input.amount as string, row.currency)
      if (!parsed.ok) bad('amount', parsed.reason)
      else if (parsed.minor < 0) bad('amount', 'must not be negative')
      else amountMinor = parsed.minor
    } else if (input.amount !== undefined) bad('amount', `no amount with ${outcome}`)
    await lockAccounts(
      trx,
      tenant.id,
      accounts.map((a) => a.id),
    )
    const facts = await caseAccountFacts(
      trx,
      tenant.id,
      accounts.map((a) => a.externalId),
    )
    const balanceMinor = facts.reduce((s, f) => s + f.balanceMinor, 0)
    const lead = accounts[0]
    const stored = JSON.parse(row.facts) as StoredCaseFacts
    const ledgerEntryIds: number[] = []
    const taskIds: number[] = []
    let rate: string | null = null
    if (outcome === 'judgment' && lead) {
      const judgment = amountMinor as number
      const rule = judgmentInterestRule(stored.jurisdiction, judgment, row.currency)
      rate = input.postJudgmentRate ?? rule?.rate ?? null
      for (const share of judgmentShares(facts, lead.id, judgment - balanceMinor)) {
        const written = await writeLedgerLines(trx, [
          {
            tenantId: tenant.id,
            accountId: share.accountId,
            kind: 'adjustment',
            amountMinor: share.amountMinor,
            effectiveOn: on,
            externalId: `case:${row.id}:judgment`,
            memo: `case ${row.id}: judgment of ${judgment} against a balance of ${balanceMinor}`,
          },
        ])
        const ids = written.map((w) => w.id)
        ledgerEntryIds.push(...ids)
        await appendJournalEvent(trx, {
          tenantId: tenant.id,
          type: 'ledger.entry_posted',
          actor: by,
          covers: [{ table: 'ledger_entries', ids }],
          subject: `account:${share.accountId}`,
          payload: {
            entryIds: ids,
            kind: 'adjustment',
            caseId: row.id,
            amountMinor: share.amountMinor,
            currency: row.currency,
            effectiveOn: on,
          },
        })
      }
      const leadFacts = facts.find((f) => f.id === lead.id)
      const deadlines = caseDeadlines(deadlineInputOf(row.kind as CaseKind, stored, on)).filter((d) =>
        d.id.startsWith('judgment.'),
      )
      const payment = deadlines.find((d) => d.id === 'judgment.payment')
      const enforceFrom = payment ? addDays(payment.on, 1) : on
      taskIds.push(
        ...(await createDeadlineTasks(trx, tenant, {
          caseId: row.id,
          lead: { id: lead.id, debtorId: leadFacts?.debtorId ?? row.debtorId },
          deadlines,
          from: on,
          priority: judgment,
        })),
      )
      taskIds.push(
        await insertCaseTask(trx, {
          tenantId: tenant.id,
          caseId: row.id,
          accountId: lead.id,
          debtorId: leadFacts?.debtorId ?? row.debtorId,
          dueAt: `${enforceFrom}T00:00:00.000Z`,
          priority: judgment,
          script:
            `Legal case #${row.id} [enforcement]: judgment of ${judgment} ${row.currency} minor units on ${on}; ` +
            `unless paid, start enforcement (execution, attachment, charging order) from ${enforceFrom}` +
            (rate ? `; post-judgment interest ${rate}% a year` : ''),
        }),
      )
    } else {
      await releaseCaseHold(trx, tenant.id, row.id)
      await cancelCaseTasks(trx, tenant.id, row.id)
      // A dismissed or withdrawn case recovers no costs: charging them to the debtor anyway is an amount
      // not authorised (FDCPA 1692f(1)), so the cost lines posted at filing are reversed (each journaled
      // `ledger.entry_reversed`). A settlement's costs stay: what it covers is in the settlement's terms.
      if (outcome === 'dismissal' || outcome === 'withdrawal')
        for (const entryId of await unreversedCaseCostEntries(trx, tenant.id, row.id)) {
          const reversed = await reverseLedgerEntry(trx, {
            tenantId: tenant.id,
            entryId,
            effectiveOn: on,
            reason: `case ${row.id}: ${outcome}, costs not recoverable`,
            actor: by,
          })
          ledgerEntryIds.push(reversed.id)
        }
    }
    const status = STATUS_OF_OUTCOME[outcome]
    const changed = await recordCaseOutcome(trx, tenant.id, row.id, FROM[outcome], {
      status,
      ...(outcome === 'closed'
        ? {}
        : {
            outcome,
            outcomeOn: on,
            ...(outcome === 'judgment' ? { judgmentMinor: amountMinor, postJudgmentRate: rate } : {}),
            ...(outcome === 'settlement' ? { settlementMinor: amountMinor } : {}),
          }),
      ...(note !== null ? { outcomeNote: note } : {}),
      ...(outcome === 'judgment' ? {} : { closedOn: on, closedBy: by }),
    })
    if (!changed) throw new AppError('case_not_open', `case ${row.id} changed meanwhile; read it again`)
    await appendJournalEvent(trx, {
      tenantId: tenant.id,
      type: outcome === 'judgment' ? 'case.judgment' : 'case.closed',
      actor: by,
      subject: `case:${row.id}`,
      payload: {
        caseId: row.id,
        from: row.status,
        status,
        outcome,
        on,
        amountMinor,
        balanceMinor,
        postJudgmentRate: rate,
        note,
        ledgerEntryIds,
        taskIds,
      },
    })
    return showCaseIn(trx, tenant, row.id)
  })
}
