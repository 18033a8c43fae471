import { localDateAt, parseLocalDate } from '../../core/calendar/local-date.ts'
import type { ChequeFacts, DocumentFacts, StatutoryFigures } from '../../core/documents/document-facts.ts'
import { DOCUMENT_KINDS, type DocumentKind, isDocumentKind } from '../../core/documents/document-kinds.ts'
import { isDocumentLocale } from '../../core/documents/document-locale.ts'
import { PAPER_SIZES, type PaperSize } from '../../core/documents/document-model.ts'
import { AppError } from '../../core/errors/index.ts'
import { parseAmount } from '../../core/money/money.ts'
import { renderDocument } from '../../documents/render-document.ts'
import { accountLimitation } from '../../engine/account-limitation.ts'
import { complianceRequestBase } from '../../engine/build-compliance-request.ts'
import { type DocumentRows, documentRowsOf } from '../../store/documents/document-facts.repository.ts'
import { loadAccountSnapshots } from '../../store/engine/account-snapshot.repository.ts'
import type { AppContext } from '../app-context.ts'
import { authorize } from '../authorize.ts'
import { requireAccountInScope } from '../client-scope.ts'
import { computeAccountInterestStatement } from '../interest/compute-account-interest-statement.ts'

/** What to render. */
export interface RenderDocumentInput {
  readonly kind: string
  /** The account's external id. */
  readonly account: string
  /** Mailing date YYYY-MM-DD; default today in the tenant's zone. It starts the document's clocks. */
  readonly mailingDate?: string
  /** A language to use instead of the debtor's preferred one (same fallback). */
  readonly locale?: string
  readonly paper?: string
  /** The sender's postal address lines under its name (the return line and the reply address). */
  readonly senderAddress?: readonly string[]
  /** The collector's California licence number, printed on letters to California. */
  readonly californiaLicenseNumber?: string
  /** End of a validation period already running (later letters must not overshadow it). */
  readonly validationPeriodEndsOn?: string
  /** A letter's postal contact point: its address is printed instead of the primary one. */
  readonly contactPointId?: number
  readonly now?: Date
}

/** A rendered document: the PDF and what it computed. */
export interface RenderedDocument {
  readonly kind: DocumentKind
  readonly account: string
  readonly locale: string
  readonly fallbackFrom: string | null
  readonly paper: PaperSize
  readonly mailingDate: string
  readonly dates: Readonly<Record<string, string>>
  readonly pdf: Uint8Array
}

/**
 * Renders one document for an account from its books: ledger, debtor and address, statutory interest
 * (demand letters, by the interest engine), cheque facts (NI Act), limitation (no legal threat on a
 * time-barred debt). A document that fails the content checks is `document_blocked`, never rendered.
 */
export async function renderAccountDocument(
  ctx: AppContext,
  input: RenderDocumentInput,
): Promise<RenderedDocument> {
  authorize(ctx.actor, 'documents.render')
  await requireAccountInScope(ctx, ctx.store.db, input.account)
  const { facts, kind, paper } = await documentFactsFor(ctx, input)
  const { built, pdf } = await renderDocument(kind, facts, {
    paper,
    ...(input.locale ? { locale: input.locale } : {}),
  })
  if (built.check.outcome === 'block') {
    const first = built.check.reasons[0]
    throw new AppError(
      'document_blocked',
      `${kind} for account ${facts.account.ref} fails ${first?.ruleId} (${first?.citation}): ${first?.message}`,
      { reasons: built.check.reasons },
    )
  }
  return {
    kind,
    account: facts.account.ref,
    locale: built.choice.locale,
    fallbackFrom: built.choice.fallbackFrom,
    paper,
    mailingDate: facts.mailingDate,
    dates: built.dates,
    pdf,
  }
}

/** The validated kind, paper and the account's document facts. */
export async function documentFactsFor(
  ctx: AppContext,
  input: RenderDocumentInput,
): Promise<{ facts: DocumentFacts; kind: DocumentKind; paper: PaperSize }> {
  const { kind } = input
  if (!isDocumentKind(kind))
    throw new AppError(
      'invalid_document_kind',
      `unknown document kind "${kind}"; use ${DOCUMENT_KINDS.join(', ')}`,
    )
  const paper = (input.paper ?? 'A4').toUpperCase()
  if (!(PAPER_SIZES as readonly string[]).includes(paper))
    throw new AppError('invalid_paper_size', `paper "${input.paper}" is neither A4 nor Letter`)
  if (input.locale !== undefined && !isDocumentLocale(input.locale.toLowerCase().split('-')[0] ?? ''))
    throw new AppError('invalid_locale', `language "${input.locale}" is not one of en, es, hi, ar, fr, de`)
  const { tenant } = ctx.actor
  const mailingDate = requireDate(
    input.mailingDate ?? localDateAt(input.now ?? new Date(), tenant.time_zone),
    'mailing date',
  )
  const rows = await documentRowsOf(ctx.store.db, tenant.id, input.account, {
    ...(input.contactPointId !== undefined ? { contactPointId: input.contactPointId } : {}),
  })
  if (!rows)
    throw new AppError('account_not_found', `no account with external id "${input.account}" in this tenant`)
  const facts: DocumentFacts = {
    collector: {
      name: tenant.name,
      addressLines: input.senderAddress ?? [],
      isAgency: tenant.kind === 'agency',
      californiaLicenseNumber: input.californiaLicenseNumber ?? null,
    },
    creditor: { original: rows.account.originalCreditor, current: rows.account.currentCreditor },
    debtor: {
      name: rows.debtor.name,
      kind: rows.debtor.kind,
      addressLines: addressLines(rows),
      preferredLanguage: rows.debtor.preferredLanguage,
    },
    account: {
      ref: rows.account.externalId,
      currency: rows.account.currency,
      jurisdiction: rows.account.jurisdiction,
      debtKind: rows.account.debtKind,
      openedOn: rows.account.openedOn,
      dueOn: rows.account.dueOn,
      chargeOffOn: rows.account.chargeOffOn,
    },
    ledger: rows.ledger,
    mailingDate,
    statutory: kind === 'demand-letter' ? await statutoryFigures(ctx, input.account, mailingDate) : null,
    cheque: kind === 'ni-act-notice' ? chequeOf(rows) : null,
    timeBarred: await isTimeBarred(ctx, rows.accountId, mailingDate),
    validationPeriodEndsOn:
      input.validationPeriodEndsOn === undefined
        ? null
        : requireDate(input.validationPeriodEndsOn, 'validation period end'),
  }
  return { facts, kind, paper: paper as PaperSize }
}

function requireDate(text: string, what: string): string {
  const parsed = parseLocalDate(text)
  if (!parsed.ok) throw new AppError('invalid_date', `${what} "${text}": ${parsed.reason}`)
  return parsed.date
}

function addressLines(rows: DocumentRows): string[] {
  const a = rows.address
  const lines = [rows.debtor.name]
  if (!a) return lines
  if (a.line1) lines.push(a.line1)
  if (a.line2) lines.push(a.line2)
  const cityLine = [a.city, [a.region, a.postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', ')
  if (cityLine) lines.push(cityLine)
  lines.push(a.country)
  return lines
}

/** Statutory interest and compensation to the mailing date, or null where no regime applies. */
async function statutoryFigures(
  ctx: AppContext,
  account: string,
  to: string,
): Promise<StatutoryFigures | null> {
  let view: Record<string, unknown>
  try {
    view = await computeAccountInterestStatement(ctx, { account, to })
  } catch (error) {
    if (error instanceof AppError && (error.code === 'missing_option' || error.code === 'nothing_owed'))
      return null
    throw error
  }
  const currency = String(view.currency)
  const minor = (text: unknown, cur = currency) => {
    const parsed = parseAmount(String(text), cur)
    return parsed.ok ? parsed.minor : 0
  }
  const rates = (view.rates as { ratePercent?: string }[] | undefined) ?? []
  const fixed = view.fixedCompensation as { amount: string; currency: string } | null
  return {
    regime: String(view.jurisdiction),
    interestFrom: String(view.interestFrom),
    to: String(view.to),
    ratePercent: rates
      .map((r) => r.ratePercent)
      .filter(Boolean)
      .join(' / '),
    interestMinor: minor(view.interest),
    compensation: fixed ? { minor: minor(fixed.amount, fixed.currency), currency: fixed.currency } : null,
    citations: (view.citations as string[] | undefined) ?? [],
  }
}

/** The dishonoured cheque recorded in the account's attributes ("cheque": {...}), or null. */
function chequeOf(rows: DocumentRows): ChequeFacts | null {
  const c = rows.account.attributes.cheque as Record<string, unknown> | undefined
  if (!c || typeof c !== 'object') return null
  const field = (name: string) => {
    const value = c[name]
    if (typeof value !== 'string' || value.trim() === '')
      throw new AppError(
        'missing_document_facts',
        `account ${rows.account.externalId}: attributes.cheque.${name} is missing`,
      )
    return value
  }
  const amount = parseAmount(field('amount'), rows.account.currency)
  if (!amount.ok)
    throw new AppError(
      'missing_document_facts',
      `account ${rows.account.externalId}: attributes.cheque.amount: ${amount.reason}`,
    )
  return {
    number: field('number'),
    date: requireDate(field('date'), 'attributes.cheque.date'),
    bank: field('bank'),
    amountMinor: amount.minor,
    presentedOn: requireDate(field('presentedOn'), 'attributes.cheque.presentedOn'),
    bankInformedOn: requireDate(field('bankInformedOn'), 'attributes.cheque.bankInformedOn'),
    returnReason: field('returnReason'),
  }
}

/** Whether the packs' limitation rules put the account past its limitation period on `asOf`. */
async function isTimeBarred(ctx: AppContext, accountId: number, asOf: string): Promise<boolean> {
  const range = { tenantId: ctx.actor.tenant.id, firstAccountId: accountId, lastAccountId: accountId }
  const [snapshot] = await loadAccountSnapshots(ctx.store.db, range, asOf, { includeClosed: true })
  if (!snapshot) return false
  const collector = ctx.actor.tenant.kind === 'agency' ? 'third_party' : 'original_creditor'
  const limitation = accountLimitation(complianceRequestBase(snapshot, collector), asOf)
  return limitation !== null && limitation.daysLeft < 0
}
