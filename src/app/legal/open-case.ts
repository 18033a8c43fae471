import type { Transaction } from 'kysely'
import { addDays, dayNumber, localDateAt, parseLocalDate } from '../../core/calendar/local-date.ts'
import { startOfLocalDay } from '../../core/compliance/stated-inconvenience.ts'
import { AppError } from '../../core/errors/index.ts'
import { type CaseDeadline, caseDeadlines } from '../../core/legal/case-deadlines.ts'
import { caseEconomics, DEFAULT_CASE_RECOVERY_RATE } from '../../core/legal/case-economics.ts'
import { type CaseFacts, parseCaseFacts } from '../../core/legal/case-facts.ts'
import { CASE_KINDS, type CaseKind, isCaseKind } from '../../core/legal/case-kinds.ts'
import { parseAmount } from '../../core/money/money.ts'
import { appendJournalEvent } from '../../store/journal.repository.ts'
import { writeLedgerLines } from '../../store/ledger.repository.ts'
import {
  type CaseAccountFacts,
  cancelCaseTasks,
  caseAccountFacts,
  caseRowById,
  insertCase,
  insertCaseTask,
  linkCaseAccount,
} from '../../store/legal/legal-case.repository.ts'
import { lockAccounts } from '../../store/lock-accounts.ts'
import { partnerByCode } from '../../store/placements/placement.repository.ts'
import { saleHoldsAmong } from '../../store/sales/sale.repository.ts'
import type { Database } from '../../store/schema.ts'
import type { Tenant } from '../../store/tenant.repository.ts'
import { actorLabel } from '../actor.ts'
import { type AppContext, inTransaction } from '../app-context.ts'
import { authorize } from '../authorize.ts'
import { requireAccountInScope } from '../client-scope.ts'
import { computeAccountInterestStatement } from '../interest/compute-account-interest-statement.ts'
import { deadlineInputOf, judgeCaseFiling, type StoredCaseFacts } from './case-compliance.ts'
import type { CaseView } from './case-view.ts'
import { showCaseIn } from './show-case.ts'

/** Days before a deadline its work task falls due (a last day); an earliest day's task is due that day. */
export const CASE_TASK_LEAD_DAYS = 7

/** Most accounts one case may join (one debtor's accounts). */
const MAX_ACCOUNTS = 50

export interface OpenCaseInput {
  /** External ids of the debtor's accounts; the first is the lead account (costs and judgment post there). */
  readonly accounts: readonly string[]
  readonly kind: string
  readonly forum?: string
  readonly caseNumber?: string
  /** A partner of kind law_firm, by code. */
  readonly counsel?: string
  /** Default: today in the tenant's zone. For a draft: the day it is prepared (its tasks run from it). */
  readonly filedOn?: string
  /** A draft is prepared, not filed: no gate, no costs, no hold; its deadlines become tasks. */
  readonly draft?: boolean
  /** The case's facts (docs/legal-cases.md); the lead account's imported cheque and Letter of Claim fill gaps. */
  readonly facts?: unknown
  /** Decimal text in the case's currency. */
  readonly courtFee?: string
  readonly counselFee?: string
  /** Court fee and counsel costs are claimed from the debtor (posted as costs); default true. */
  readonly costsRecoverable?: boolean
  /** Expected share recovered, decimal in [0, 1]; default 0.5. */
  readonly recoveryRate?: string
  /** The least expected net (decimal text); default 0. */
  readonly minNet?: string
  /** The contract's annual interest rate (percent), where the jurisdiction has no statutory regime. */
  readonly interestRate?: string
  readonly parties?: { readonly claimant?: string; readonly respondent?: string }
  readonly now?: Date
}

const bad = (field: string, message: string): never => {
  throw new AppError('invalid_case', `${field}: ${message}`, { field })
}

function dateField(text: string | undefined, field: string, fallback: string): string {
  if (text === undefined) return fallback
  const parsed = parseLocalDate(text)
  return parsed.ok && parsed.date === text ? text : bad(field, `a date YYYY-MM-DD, not "${text}"`)
}

function money(text: string | undefined, currency: string, field: string): number {
  if (text === undefined) return 0
  const parsed = parseAmount(text, currency)
  if (!parsed.ok) return bad(field, parsed.reason)
  return parsed.minor >= 0 ? parsed.minor : bad(field, 'must not be negative')
}

function optionalText(text: string | undefined, field: string): string | null {
  if (text === undefined) return null
  const trimmed = text.trim()
  if (trimmed === '' || trimmed.length > 500) bad(field, 'text of 1 to 500 characters')
  return trimmed
}

/** The imported facts of the lead account (attributes.cheque, niActNoticeSentOn, letterOfClaimOn) under the given ones. */
function factsWithAccount(given: CaseFacts, attributes: Record<string, unknown>): unknown {
  const merged: Record<string, unknown> = { ...given }
  const cheque = attributes.cheque as Record<string, unknown> | undefined
  if (merged.cheque == null && cheque && typeof cheque === 'object' && cheque.bankInformedOn) {
    merged.cheque = {
      chequeDate: cheque.date,
      presentedOn: cheque.presentedOn,
      bankInformedOn: cheque.bankInformedOn,
      demandNoticeSentOn: attributes.niActNoticeSentOn ?? null,
      demandNoticeReceivedOn: attributes.niActNoticeReceivedOn ?? null,
    }
  }
  const stated = merged.cheque as Record<string, unknown> | undefined
  if (stated && stated.demandNoticeSentOn == null && typeof attributes.niActNoticeSentOn === 'string')
    merged.cheque = { ...stated, demandNoticeSentOn: attributes.niActNoticeSentOn }
  if (merged.letterOfClaimOn == null && typeof attributes.letterOfClaimOn === 'string')
    merged.letterOfClaimOn = attributes.letterOfClaimOn
  return merged
}

/** The interest engine's interest to `to` on each account (statutory regime, else the contract rate). */
async function claimInterest(
  ctx: AppContext,
  accounts: readonly string[],
  currency: string,
  to: string,
  rate: string | undefined,
): Promise<{ interestMinor: number; note: string | null }> {
  let interestMinor = 0
  const notes: string[] = []
  for (const account of accounts) {
    try {
      const view = await computeAccountInterestStatement(ctx, {
        account,
        to,
        ...(rate !== undefined ? { rate, jurisdiction: 'contract' } : {}),
      })
      const parsed = parseAmount(String(view.interest), currency)
      if (parsed.ok) interestMinor += parsed.minor
    } catch (error) {
      if (!(error instanceof AppError)) throw error
      if (error.code === 'account_not_found') throw error
      notes.push(`${account}: no interest (${error.message})`)
    }
  }
  return { interestMinor, note: notes.length ? notes.join('; ') : null }
}

/**
 * Opens a legal case on one debtor's accounts (docs/legal-cases.md). Requires `cases.manage`
 * (managers and admins: the approver roles). A filed case is gated by compliance (judgeCaseFiling: no
 * suit on a time-barred debt, none before the pre-action period or s.12A mediation ends, none while a
 * dispute is unanswered or a pack's dispute pause runs: `case_not_allowed` with every reason) and by the
 * escalation economics (`case_not_economic` with the figures). The claim is the books' balance, the
 * interest engine's interest to the filing day and the recoverable costs; recoverable court fee and
 * counsel costs post to the lead account's ledger (kind fee, component cost) in the same transaction;
 * the accounts are held from the playbook's outreach while the case is open. A draft (prepared, not
 * filed: no gate, no costs, no hold) turns its filing deadlines into work tasks, due 7 days before a
 * last day and on an earliest day; `fileCase` files it later. Journaled as `case.opened` (and `ledger.entry_posted`).
 */
export async function openCase(ctx: AppContext, input: OpenCaseInput): Promise<CaseView> {
  authorize(ctx.actor, 'cases.manage')
  const tenant = ctx.actor.tenant
  if (!isCaseKind(input.kind)) bad('kind', `one of ${CASE_KINDS.join(', ')}, not "${input.kind}"`)
  const kind = input.kind as CaseKind
  const accounts = [...new Set(input.accounts)]
  if (accounts.length === 0 || accounts.length > MAX_ACCOUNTS)
    bad('accounts', `1 to ${MAX_ACCOUNTS} account external ids`)
  const today = localDateAt(input.now ?? new Date(), tenant.time_zone)
  const filedOn = dateField(input.filedOn, 'filedOn', today)
  const givenFacts = parseCaseFacts(input.facts)
  for (const account of accounts) await requireAccountInScope(ctx, ctx.store.db, account)
  // Read outside the transaction (the interest engine reads the store itself); re-read under the lock.
  const first = await caseAccountFacts(ctx.store.db, tenant.id, accounts)
  const missing = accounts.find((a) => !first.some((f) => f.externalId === a))
  if (missing)
    throw new AppError('account_not_found', `no account with external id "${missing}" in this tenant`)
  const currency = (first[0] as CaseAccountFacts).currency
  const interest = await claimInterest(ctx, accounts, currency, filedOn, input.interestRate)
  const forum = optionalText(input.forum, 'forum')
  const caseNumber = optionalText(input.caseNumber, 'caseNumber')
  const courtFeeMinor = money(input.courtFee, currency, 'courtFee')
  const counselFeeMinor = money(input.counselFee, currency, 'counselFee')
  const minNetMinor = money(input.minNet, currency, 'minNet')
  const recoverable = input.costsRecoverable ?? true
  const by = actorLabel(ctx.actor)
  return inTransaction(ctx, async (trx) => {
    await lockAccounts(
      trx,
      tenant.id,
      first.map((a) => a.id),
    )
    const rows = await caseAccountFacts(trx, tenant.id, accounts)
    // The lead account first, as the caller named it.
    rows.sort((a, b) => accounts.indexOf(a.externalId) - accounts.indexOf(b.externalId))
    const lead = rows[0] as CaseAccountFacts
    for (const row of rows) {
      if (row.debtorId !== lead.debtorId)
        bad('accounts', `${row.externalId} is another debtor's account: a case is brought against one debtor`)
      if (row.currency !== lead.currency)
        bad(
          'accounts',
          `${row.externalId} is in ${row.currency}, not ${lead.currency}: one currency per case`,
        )
      if (row.status !== 'open')
        throw new AppError('case_not_allowed', `account ${row.externalId} is ${row.status}`, {
          account: row.externalId,
        })
    }
    await refuseSaleHeld(
      trx,
      tenant.id,
      rows.map((r) => ({ id: r.id, externalId: r.externalId })),
    )
    let counselId: number | null = null
    if (input.counsel !== undefined) {
      const partner = await partnerByCode(trx, tenant.id, input.counsel)
      if (!partner)
        throw new AppError('partner_not_found', `no partner with code "${input.counsel}" in this tenant`, {
          field: 'counsel',
        })
      if (partner.kind !== 'law_firm')
        bad(
          'counsel',
          `partner ${partner.code} is ${partner.kind === 'agency' ? 'an agency' : partner.kind}, not a law firm`,
        )
      counselId = Number(partner.id)
    }
    const facts = parseCaseFacts(factsWithAccount(givenFacts, lead.attributes))
    const principalMinor = rows.reduce((sum, r) => sum + r.balanceMinor, 0)
    const costsMinor = recoverable ? courtFeeMinor + counselFeeMinor : 0
    const claimMinor = principalMinor + interest.interestMinor + costsMinor
    const judged = await judgeCaseFiling(trx, tenant, {
      kind,
      accounts: rows,
      facts,
      filedOn,
      claimMinor,
      currency,
    })
    const draft = input.draft === true
    if (!draft && judged.gate.outcome === 'block') {
      const list = judged.gate.reasons.map((r) => `${r.ruleId} (${r.citation}): ${r.message}`).join('; ')
      throw new AppError(
        'case_not_allowed',
        `a ${kind} case may not be filed on ${filedOn}: ${list}` +
          (judged.gate.earliestAllowedOn ? `; earliest ${judged.gate.earliestAllowedOn}` : ''),
        { reasons: judged.gate.reasons, earliestAllowedOn: judged.gate.earliestAllowedOn },
      )
    }
    const economics = caseEconomics({
      claimMinor,
      recoveryRate: input.recoveryRate ?? DEFAULT_CASE_RECOVERY_RATE,
      courtFeeMinor,
      counselFeeMinor,
      thresholdMinor: minNetMinor,
    })
    if (!draft && !economics.passed)
      throw new AppError(
        'case_not_economic',
        `expected recovery ${economics.expectedRecoveryMinor} (claim ${claimMinor} x ${economics.recoveryRate}) ` +
          `less costs ${economics.costMinor} is ${economics.netMinor} ${currency} minor units, below ${minNetMinor}`,
        economics,
      )
    const parties = {
      claimant: input.parties?.claimant ?? lead.creditor,
      respondent: input.parties?.respondent ?? lead.debtorName,
    }
    const caseId = await insertCase(trx, {
      tenant_id: tenant.id,
      debtor_id: lead.debtorId,
      kind,
      status: draft ? 'draft' : 'open',
      forum,
      case_number: caseNumber,
      parties: JSON.stringify(parties),
      counsel_partner_id: counselId,
      currency,
      principal_minor: principalMinor,
      interest_minor: interest.interestMinor,
      costs_minor: costsMinor,
      claim_minor: claimMinor,
      court_fee_minor: courtFeeMinor,
      counsel_fee_minor: counselFeeMinor,
      costs_recoverable: recoverable ? 1 : 0,
      filed_on: draft ? null : filedOn,
      facts: JSON.stringify(judged.stored),
      economics: JSON.stringify({ ...economics, interestNote: interest.note }),
      opened_by: by,
    })
    for (const row of rows) {
      if (draft) {
        await trx
          .insertInto('legal_case_accounts')
          .values({ tenant_id: tenant.id, case_id: caseId, account_id: row.id, held: 0 })
          .execute()
        continue
      }
      if (!(await linkCaseAccount(trx, { tenantId: tenant.id, caseId, accountId: row.id })))
        throw new AppError('account_in_case', `account ${row.externalId} is already in an open legal case`, {
          account: row.externalId,
        })
    }
    const posted = draft
      ? []
      : await postCaseCosts(trx, tenant, {
          caseId,
          lead,
          courtFeeMinor,
          counselFeeMinor,
          recoverable,
          filedOn,
          by,
        })
    // A draft's filing dates become tasks; a filed case's next dates are its hearings and judgment.
    const deadlines = draft ? caseDeadlines(deadlineInputOf(kind, judged.stored, null)) : []
    const tasks = await createDeadlineTasks(trx, tenant, {
      caseId,
      lead,
      deadlines: deadlines.filter((d) => d.phase === 'filing'),
      from: filedOn,
      priority: claimMinor,
    })
    await appendJournalEvent(trx, {
      tenantId: tenant.id,
      type: 'case.opened',
      actor: by,
      subject: `case:${caseId}`,
      payload: {
        caseId,
        kind,
        status: draft ? 'draft' : 'open',
        accountIds: rows.map((r) => r.id),
        debtorId: lead.debtorId,
        filedOn: draft ? null : filedOn,
        currency,
        principalMinor,
        interestMinor: interest.interestMinor,
        costsMinor,
        claimMinor,
        courtFeeMinor,
        counselFeeMinor,
        costsRecoverable: recoverable,
        counsel: input.counsel ?? null,
        economics,
        gate: judged.gate,
        ledgerEntryIds: posted,
        taskIds: tasks,
      },
    })
    return showCaseIn(trx, tenant, caseId)
  })
}

export interface FileCaseInput {
  readonly id: number
  /** Default: today in the tenant's zone. */
  readonly filedOn?: string
  readonly caseNumber?: string
  readonly now?: Date
}

/**
 * Files a draft case: the same compliance gate and economics as opening a filed case, on the draft's
 * claim and facts; recoverable costs post, the accounts are held, the draft's filing tasks are cancelled. Journaled as `case.filed`.
 */
export async function fileCase(ctx: AppContext, input: FileCaseInput): Promise<CaseView> {
  authorize(ctx.actor, 'cases.manage')
  const tenant = ctx.actor.tenant
  const today = localDateAt(input.now ?? new Date(), tenant.time_zone)
  const filedOn = dateField(input.filedOn, 'filedOn', today)
  const caseNumber = optionalText(input.caseNumber, 'caseNumber')
  const by = actorLabel(ctx.actor)
  return inTransaction(ctx, async (trx) => {
    const row = await caseRowById(trx, tenant.id, input.id)
    if (!row) throw new AppError('case_not_found', `no legal case ${input.id} in this tenant`)
    if (row.status !== 'draft')
      throw new AppError('case_not_open', `case ${row.id} is ${row.status}; only a draft is filed`)
    const links = await trx
      .selectFrom('legal_case_accounts as l')
      .innerJoin('accounts as a', 'a.id', 'l.account_id')
      .select(['a.external_id', 'a.id'])
      .where('l.case_id', '=', row.id)
      .orderBy('l.id')
      .execute()
    const externalIds = links.map((l) => l.external_id)
    for (const id of externalIds) await requireAccountInScope(ctx, trx, id)
    await lockAccounts(
      trx,
      tenant.id,
      links.map((l) => Number(l.id)),
    )
    const accounts = await caseAccountFacts(trx, tenant.id, externalIds)
    accounts.sort((a, b) => externalIds.indexOf(a.externalId) - externalIds.indexOf(b.externalId))
    await refuseSaleHeld(
      trx,
      tenant.id,
      links.map((l) => ({ id: Number(l.id), externalId: l.external_id })),
    )
    const lead = accounts[0] as CaseAccountFacts
    const stored = JSON.parse(row.facts) as StoredCaseFacts
    const { jurisdiction: _j, debtKind: _d, debtorKind: _k, limitation: _l, ...facts } = stored
    const judged = await judgeCaseFiling(trx, tenant, {
      kind: row.kind as CaseKind,
      accounts,
      facts,
      filedOn,
      claimMinor: row.claimMinor,
      currency: row.currency,
    })
    if (judged.notOpen.length)
      throw new AppError('case_not_allowed', `account ${judged.notOpen[0]} is not open`)
    if (judged.gate.outcome === 'block') {
      const list = judged.gate.reasons.map((r) => `${r.ruleId} (${r.citation}): ${r.message}`).join('; ')
      const earliest = judged.gate.earliestAllowedOn ? `; earliest ${judged.gate.earliestAllowedOn}` : ''
      throw new AppError(
        'case_not_allowed',
        `case ${row.id} may not be filed on ${filedOn}: ${list}${earliest}`,
        {
          reasons: judged.gate.reasons,
          earliestAllowedOn: judged.gate.earliestAllowedOn,
        },
      )
    }
    const economics = JSON.parse(row.economics) as { passed: boolean }
    if (!economics.passed)
      throw new AppError(
        'case_not_economic',
        `case ${row.id}: expected recovery does not cover its costs`,
        economics,
      )
    await trx
      .updateTable('legal_cases')
      .set({
        status: 'open',
        filed_on: filedOn,
        facts: JSON.stringify(judged.stored),
        ...(caseNumber ? { case_number: caseNumber } : {}),
      })
      .where('id', '=', row.id)
      .where('status', '=', 'draft')
      .execute()
    for (const account of accounts) {
      const held = await trx
        .updateTable('legal_case_accounts')
        .set({ held: 1 })
        .where('case_id', '=', row.id)
        .where('account_id', '=', account.id)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('legal_case_accounts as o')
                .select('o.id')
                .where('o.account_id', '=', account.id)
                .where('o.held', '=', 1),
            ),
          ),
        )
        .executeTakeFirst()
      if (Number(held.numUpdatedRows) !== 1)
        throw new AppError(
          'account_in_case',
          `account ${account.externalId} is already in an open legal case`,
          {
            account: account.externalId,
          },
        )
    }
    const posted = await postCaseCosts(trx, tenant, {
      caseId: row.id,
      lead,
      courtFeeMinor: row.courtFeeMinor,
      counselFeeMinor: row.counselFeeMinor,
      recoverable: row.costsRecoverable,
      filedOn,
      by,
    })
    // Filed: the draft's filing tasks are done with.
    const cancelled = await cancelCaseTasks(trx, tenant.id, row.id)
    await appendJournalEvent(trx, {
      tenantId: tenant.id,
      type: 'case.filed',
      actor: by,
      subject: `case:${row.id}`,
      payload: {
        caseId: row.id,
        filedOn,
        caseNumber,
        gate: judged.gate,
        ledgerEntryIds: posted,
        tasksCancelled: cancelled,
      },
    })
    return showCaseIn(trx, tenant, row.id)
  })
}

/** Posts recoverable court fee and counsel costs on the lead account (kind fee, component cost), journaled. */
async function postCaseCosts(
  trx: Transaction<Database>,
  tenant: Tenant,
  p: {
    caseId: number
    lead: CaseAccountFacts
    courtFeeMinor: number
    counselFeeMinor: number
    recoverable: boolean
    filedOn: string
    by: string
  },
): Promise<number[]> {
  if (!p.recoverable) return []
  const lines = [
    { key: 'court-fee', amount: p.courtFeeMinor, memo: `case ${p.caseId}: court fee` },
    { key: 'counsel-fee', amount: p.counselFeeMinor, memo: `case ${p.caseId}: counsel costs` },
  ].filter((l) => l.amount > 0)
  if (lines.length === 0) return []
  const written = await writeLedgerLines(
    trx,
    lines.map((l) => ({
      tenantId: tenant.id,
      accountId: p.lead.id,
      kind: 'fee' as const,
      component: 'cost' as const,
      amountMinor: l.amount,
      effectiveOn: p.filedOn,
      externalId: `case:${p.caseId}:${l.key}`,
      memo: l.memo,
    })),
  )
  const ids = written.map((w) => w.id)
  await appendJournalEvent(trx, {
    tenantId: tenant.id,
    type: 'ledger.entry_posted',
    actor: p.by,
    covers: [{ table: 'ledger_entries', ids }],
    subject: `account:${p.lead.id}`,
    payload: {
      entryIds: ids,
      kind: 'fee',
      component: 'cost',
      caseId: p.caseId,
      amountMinor: lines.reduce((s, l) => s + l.amount, 0),
      currency: p.lead.currency,
      effectiveOn: p.filedOn,
    },
  })
  return ids
}

/**
 * One work task per deadline on or after `from`, on the lead account: due CASE_TASK_LEAD_DAYS before a
 * last day (not before `from`), on the day itself for an earliest day, at the start of the tenant's day.
 */
export async function createDeadlineTasks(
  trx: Transaction<Database>,
  tenant: Tenant,
  p: {
    caseId: number
    lead: { id: number; debtorId: number }
    deadlines: readonly CaseDeadline[]
    from: string
    priority: number
  },
): Promise<number[]> {
  const ids: number[] = []
  for (const d of p.deadlines) {
    if (d.on < p.from) continue
    const lead = d.type === 'last_day' ? addDays(d.on, -CASE_TASK_LEAD_DAYS) : d.on
    const due = lead < p.from ? p.from : lead
    ids.push(
      await insertCaseTask(trx, {
        tenantId: tenant.id,
        caseId: p.caseId,
        accountId: p.lead.id,
        debtorId: p.lead.debtorId,
        dueAt: new Date(startOfLocalDay(tenant.time_zone, dayNumber(due))).toISOString(),
        priority: p.priority,
        script:
          `Legal case #${p.caseId} [${d.id}]: ${d.label} ${d.type === 'last_day' ? 'by' : 'from'} ${d.on} ` +
          `(${d.ruleId}; ${d.citation})`,
      }),
    )
  }
  return ids
}

/** An account in a draft sale or sold is the buyer's (or about to be): no case is brought on it. */
async function refuseSaleHeld(
  trx: Transaction<Database>,
  tenantId: number,
  accounts: readonly { id: number; externalId: string }[],
): Promise<void> {
  const held = await saleHoldsAmong(
    trx,
    tenantId,
    accounts.map((a) => a.id),
  )
  for (const a of accounts) {
    const why = held.get(a.id)
    if (why)
      throw new AppError('case_not_allowed', `account ${a.externalId} ${why}`, { account: a.externalId })
  }
}
