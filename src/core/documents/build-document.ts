import { addDays, type LocalDate } from '../calendar/local-date.ts'
import type { ComplianceDecision } from '../compliance/compliance-decision.ts'
import { niActTimeline } from '../compliance/ni-act-timeline.ts'
import { firstClaimDay } from '../compliance/pre-action-protocol.ts'
import { validationPeriod } from '../compliance/validation-period.ts'
import { AppError } from '../errors/index.ts'
import {
  checkMessageContent,
  federalRulesApply,
  licenceLineApplies,
} from '../templates/check-message-content.ts'
import { COMPLIANCE_LINES } from '../templates/compliance-lines.ts'
import type { DocumentFacts } from './document-facts.ts'
import { type DocumentKind, KIND_KEYS } from './document-kinds.ts'
import { chooseLocale, type LocaleChoice } from './document-locale.ts'
import type { DocumentBlock, DocumentModel } from './document-model.ts'
import { documentText as textOf } from './document-model.ts'
import { type DocumentText, documentText, localesWith } from './document-text.ts'
import { balanceOn, itemization, statementRows } from './ledger-figures.ts'

/** A built document: the model to print, the dates it computed, its locale choice and content check. */
export interface BuiltDocument {
  readonly model: DocumentModel
  readonly choice: LocaleChoice
  /** Dates the document states or starts (validation period end, respond-by, pay-by...). */
  readonly dates: Readonly<Record<string, LocalDate>>
  readonly check: ComplianceDecision
}

/** Days a reminder's or final notice's pay-by date lies after mailing; a demand letter's too. */
export const PAY_BY_DAYS = 14

/**
 * Builds a document of `kind` from an account's facts in the debtor's language (or `locale`), with its
 * dates computed from the mailing date (Reg F holiday calendar, NI Act and Pre-Action Protocol clocks),
 * the required compliance lines added where the packs ask, and the content checks run on its text.
 */
export function buildDocument(kind: DocumentKind, facts: DocumentFacts, locale?: string): BuiltDocument {
  requireApplicable(kind, facts)
  const available = localesWith(KIND_KEYS[kind])
  const choice = chooseLocale(locale ?? facts.debtor.preferredLanguage, facts.account.jurisdiction, available)
  const tx = documentText(choice.locale, facts.account.currency, facts.account.jurisdiction)
  const dates: Record<string, LocalDate> = {}
  const body = BUILDERS[kind](facts, tx, dates)
  const context = {
    jurisdiction: facts.account.jurisdiction,
    collectorType: facts.collector.isAgency ? ('third_party' as const) : ('original_creditor' as const),
    // A validation notice is the first written communication; later letters are not.
    firstCommunication: kind === 'validation-notice',
    sentOn: facts.mailingDate,
    validationPeriodEndsOn: kind === 'validation-notice' ? null : facts.validationPeriodEndsOn,
    timeBarred: facts.timeBarred,
    californiaLicenseNumber: facts.collector.californiaLicenseNumber,
  }
  const lines = COMPLIANCE_LINES[choice.locale]
  const closing: DocumentBlock[] = []
  if (federalRulesApply(context)) closing.push({ type: 'paragraph', text: lines.disclosure, strong: true })
  if (licenceLineApplies(context))
    closing.push({
      type: 'paragraph',
      text: lines.licence.replace('{licence}', facts.collector.californiaLicenseNumber ?? ''),
    })
  const tearAt = body.blocks.findIndex((b) => b.type === 'tearOff' || b.type === 'pageBreak')
  const blocks =
    tearAt < 0
      ? [...body.blocks, ...closing]
      : [...body.blocks.slice(0, tearAt), ...closing, ...body.blocks.slice(tearAt)]
  const model: DocumentModel = {
    kind,
    locale: choice.locale,
    direction: tx.direction,
    title: body.title,
    sender: [facts.collector.name, ...facts.collector.addressLines],
    recipient: facts.debtor.addressLines,
    dateLine: tx.date(facts.mailingDate),
    references: [tx.t('account', { account: facts.account.ref })],
    blocks,
    footer: tx.t('page', { collector: facts.collector.name, account: facts.account.ref }),
  }
  const check = checkMessageContent(textOf(model), 'letter', choice.locale, context)
  return { model, choice, dates, check }
}

function requireApplicable(kind: DocumentKind, facts: DocumentFacts): void {
  const j = facts.account.jurisdiction.toUpperCase()
  const refuse = (why: string) => {
    throw new AppError('document_not_applicable', `${kind} for account ${facts.account.ref}: ${why}`)
  }
  if (kind === 'validation-notice' && (!j.startsWith('US') || facts.account.debtKind !== 'consumer'))
    refuse(`a Reg F validation notice is for US consumer debts, not a ${facts.account.debtKind} debt in ${j}`)
  if (kind === 'ni-act-notice') {
    if (j !== 'IN') refuse(`the NI Act applies in India, not ${j}`)
    if (!facts.cheque)
      throw new AppError(
        'missing_document_facts',
        `ni-act-notice for account ${facts.account.ref}: the account's attributes hold no "cheque" ` +
          '(number, date, bank, amount, presentedOn, bankInformedOn, returnReason)',
      )
  }
  if (kind === 'letter-of-claim' && !j.startsWith('GB'))
    refuse(`the Pre-Action Protocol for Debt Claims is for England and Wales (GB), not ${j}`)
  if (kind === 'demand-letter' && !facts.statutory)
    refuse(
      `no statutory late-payment interest applies (UK Late Payment Act, EU Directive or India MSMED s.16 ` +
        `for commercial debts): use final-notice`,
    )
}

interface Body {
  title: string
  blocks: DocumentBlock[]
}
type Builder = (facts: DocumentFacts, tx: DocumentText, dates: Record<string, LocalDate>) => Body

const p = (text: string, strong = false): DocumentBlock => ({ type: 'paragraph', text, strong })

const BUILDERS: Readonly<Record<DocumentKind, Builder>> = {
  statement: (facts, tx) => {
    const { rows, balance } = statementRows(facts.ledger, facts.mailingDate)
    return {
      title: tx.t('statementTitle'),
      blocks: [
        p(tx.t('dear', { name: facts.debtor.name })),
        p(
          tx.t('statementIntro', {
            account: facts.account.ref,
            creditor: facts.creditor.current,
            date: tx.date(facts.mailingDate),
          }),
        ),
        {
          type: 'table',
          columns: [tx.t('colDate'), tx.t('colDescription'), tx.t('colAmount'), tx.t('colBalance')],
          numeric: [2, 3],
          rows: rows.map((r) => [
            tx.date(r.effectiveOn),
            r.memo ? `${tx.t(kindKey(r.kind))} · ${r.memo}` : tx.t(kindKey(r.kind)),
            tx.money(r.amountMinor),
            tx.money(r.balanceMinor),
          ]),
          total: ['', tx.t('balanceNow'), '', tx.money(balance)],
        },
      ],
    }
  },
  reminder: (facts, tx) => ({
    title: tx.t('reminderTitle'),
    blocks: [
      p(tx.t('dear', { name: facts.debtor.name })),
      p(tx.t('reminderBody', letterValues(facts, tx))),
      { type: 'fields', rows: [[tx.t('balanceNow'), tx.money(balanceOn(facts.ledger, facts.mailingDate))]] },
      p(tx.t('reminderHelp')),
      p(tx.t('sincerely')),
      p(facts.collector.name),
    ],
  }),
  'final-notice': (facts, tx, dates) => {
    dates.payBy = addDays(facts.mailingDate, PAY_BY_DAYS)
    return {
      title: tx.t('finalTitle'),
      blocks: [
        p(tx.t('dear', { name: facts.debtor.name })),
        p(tx.t('finalBody', letterValues(facts, tx))),
        {
          type: 'fields',
          rows: [[tx.t('balanceNow'), tx.money(balanceOn(facts.ledger, facts.mailingDate))]],
        },
        p(tx.t('finalPayBy', { payBy: tx.date(dates.payBy) }), true),
        p(tx.t('sincerely')),
        p(facts.collector.name),
      ],
    }
  },
  'demand-letter': (facts, tx, dates) => {
    const s = facts.statutory
    if (!s) throw new AppError('document_not_applicable', 'no statutory figures')
    dates.payBy = addDays(facts.mailingDate, PAY_BY_DAYS)
    const principal = balanceOn(facts.ledger, facts.mailingDate)
    const compensation =
      s.compensation && s.compensation.currency === facts.account.currency ? s.compensation.minor : 0
    const total = principal + s.interestMinor + compensation
    const rows: [string, string][] = [
      [tx.t('demandPrincipal'), tx.money(principal)],
      [
        tx.t('demandInterest', { rate: s.ratePercent, from: tx.date(s.interestFrom), to: tx.date(s.to) }),
        tx.money(s.interestMinor),
      ],
    ]
    if (compensation > 0) rows.push([tx.t('demandCompensation'), tx.money(compensation)])
    rows.push([tx.t('demandTotal'), tx.money(total)])
    return {
      title: tx.t('demandTitle'),
      blocks: [
        p(tx.t('dear', { name: facts.debtor.name })),
        p(tx.t('demandBody', letterValues(facts, tx))),
        { type: 'fields', rows },
        p(tx.t('demandLaw', { citations: s.citations.join('; ') })),
        p(tx.t('demandPayBy', { total: tx.money(total), payBy: tx.date(dates.payBy) }), true),
        p(tx.t('sincerely')),
        p(facts.collector.name),
      ],
    }
  },
  'validation-notice': (facts, tx, dates) => {
    const period = validationPeriod({ noticeSentOn: facts.mailingDate })
    dates.assumedReceiptOn = period.assumedReceiptOn
    dates.validationPeriodEndsOn = period.periodEndsOn
    const item = itemization(
      facts.ledger,
      facts.account.chargeOffOn ?? facts.account.dueOn,
      facts.mailingDate,
    )
    dates.itemizationDate = item.date
    const end = tx.date(period.periodEndsOn)
    const replyTo = [facts.collector.name, ...facts.collector.addressLines].join(', ')
    return {
      title: tx.t('vnTitle'),
      blocks: [
        p(tx.t('vnIntro', { collector: facts.collector.name, creditor: facts.creditor.current })),
        { type: 'heading', text: tx.t('vnOurInfo') },
        p(tx.t('vnAccount', { original: facts.creditor.original, account: facts.account.ref })),
        {
          type: 'fields',
          rows: [
            [tx.t('vnItemizationDate', { date: tx.date(item.date) }), tx.money(item.owedMinor)],
            [tx.t('vnBetween', { date: tx.date(item.date) }), ''],
            [tx.t('vnInterest'), `+ ${tx.money(item.interestMinor)}`],
            [tx.t('vnFees'), `+ ${tx.money(item.feesMinor)}`],
            [tx.t('vnPaid'), `– ${tx.money(item.paidMinor)}`],
            [tx.t('vnTotal'), tx.money(item.currentMinor)],
          ],
        },
        { type: 'heading', text: tx.t('vnHowDispute') },
        p(tx.t('vnDispute1', { end }), true),
        p(tx.t('vnDispute2', { end })),
        { type: 'heading', text: tx.t('vnElse') },
        p(tx.t('vnOriginal', { end })),
        p(tx.t('vnCfpb')),
        p(tx.t('vnContact', { collector: replyTo })),
        { type: 'tearOff', caption: tx.t('vnTear', { collector: replyTo }) },
        p(tx.t('vnFormAccount', { account: facts.account.ref, name: facts.debtor.name }), true),
        p(tx.t('vnCheckDispute'), true),
        { type: 'checkboxes', items: [tx.t('vnNotMine'), tx.t('vnWrongAmount'), tx.t('vnOther')] },
        { type: 'checkboxes', items: [tx.t('vnCheckOriginal'), tx.t('vnEnclosed')] },
        { type: 'form', labels: [''] },
      ],
    }
  },
  'ni-act-notice': (facts, tx, dates) => {
    const c = facts.cheque
    if (!c) throw new AppError('missing_document_facts', 'no cheque')
    const timeline = niActTimeline({
      chequeDate: c.date,
      presentedOn: c.presentedOn,
      bankInformedOn: c.bankInformedOn,
      demandNoticeSentOn: facts.mailingDate,
    })
    if (timeline.noticeInTime === false)
      throw new AppError(
        'document_not_applicable',
        `ni-act-notice for account ${facts.account.ref}: the notice had to be sent by ${timeline.noticeBy} ` +
          `(30 days after the bank memo of ${c.bankInformedOn}); mailing on ${facts.mailingDate} is too late`,
      )
    dates.noticeBy = timeline.noticeBy
    // Receipt is not known when the notice is written; with delivery the next day the 15 days end here.
    dates.paymentByIfReceivedNextDay = addDays(facts.mailingDate, 16)
    const amount = tx.money(c.amountMinor)
    return {
      title: tx.t('niTitle'),
      blocks: [
        p(tx.t('dear', { name: facts.debtor.name })),
        p(
          tx.t('niBody', {
            number: c.number,
            chequeDate: tx.date(c.date),
            bank: c.bank,
            amount,
            creditor: facts.creditor.current,
            account: facts.account.ref,
            presentedOn: tx.date(c.presentedOn),
            informedOn: tx.date(c.bankInformedOn),
            reason: c.returnReason,
          }),
        ),
        p(tx.t('niDemand', { amount }), true),
        p(tx.t('niConsequence')),
        p(tx.t('niDeadline', { sent: tx.date(facts.mailingDate), noticeBy: tx.date(timeline.noticeBy) })),
        p(tx.t('sincerely')),
        p(facts.collector.name),
        { type: 'form', labels: [tx.t('signature')] },
      ],
    }
  },
  'letter-of-claim': (facts, tx, dates) => {
    const respondBy = addDays(firstClaimDay(facts.mailingDate), -1)
    dates.respondBy = respondBy
    dates.firstClaimDay = firstClaimDay(facts.mailingDate)
    const { rows, balance } = statementRows(facts.ledger, facts.mailingDate)
    const interest = facts.ledger
      .filter((l) => l.kind === 'interest' && l.effectiveOn <= facts.mailingDate)
      .reduce((sum, l) => sum + l.amountMinor, 0)
    const by = tx.date(respondBy)
    const name = facts.debtor.name
    return {
      title: tx.t('locTitle'),
      blocks: [
        p(tx.t('dear', { name })),
        p(tx.t('locBody', { ...letterValues(facts, tx), balance: tx.money(balance) })),
        {
          type: 'table',
          columns: [tx.t('colDate'), tx.t('colDescription'), tx.t('colAmount'), tx.t('colBalance')],
          numeric: [2, 3],
          rows: rows.map((r) => [
            tx.date(r.effectiveOn),
            tx.t(kindKey(r.kind)),
            tx.money(r.amountMinor),
            tx.money(r.balanceMinor),
          ]),
          total: ['', tx.t('balanceNow'), '', tx.money(balance)],
        },
        ...(interest > 0 ? [p(tx.t('locInterest', { interest: tx.money(interest) }))] : []),
        p(tx.t('locRespond', { respondBy: by }), true),
        p(tx.t('locEnclosed')),
        p(tx.t('locPay', { collector: [facts.collector.name, ...facts.collector.addressLines].join(', ') })),
        p(tx.t('locAdvice')),
        p(tx.t('sincerely')),
        p(facts.collector.name),
        { type: 'pageBreak' },
        { type: 'heading', text: tx.t('locInfoTitle') },
        p(tx.t('locInfo1', { respondBy: by })),
        p(tx.t('locInfo2')),
        p(tx.t('locInfo3')),
        { type: 'pageBreak' },
        { type: 'heading', text: tx.t('locReplyTitle') },
        p(tx.t('locReplyRef', { account: facts.account.ref, name, respondBy: by }), true),
        {
          type: 'checkboxes',
          items: [
            tx.t('locReplyAgree'),
            tx.t('locReplyPart'),
            tx.t('locReplyDispute'),
            tx.t('locReplyPlan'),
            tx.t('locReplyTime'),
            tx.t('locReplyDocs'),
          ],
        },
        { type: 'form', labels: ['', '', '', tx.t('signature')] },
        { type: 'pageBreak' },
        { type: 'heading', text: tx.t('locFinTitle') },
        {
          type: 'form',
          labels: [
            tx.t('locFinIncome'),
            '',
            tx.t('locFinOutgoings'),
            '',
            tx.t('locFinDebts'),
            '',
            tx.t('locFinOffer'),
            tx.t('signature'),
          ],
        },
      ],
    }
  },
}

function letterValues(facts: DocumentFacts, tx: DocumentText): Record<string, string> {
  return {
    balance: tx.money(balanceOn(facts.ledger, facts.mailingDate)),
    account: facts.account.ref,
    creditor: facts.creditor.current,
    dueDate: tx.date(facts.account.dueOn),
  }
}

function kindKey(kind: string) {
  const known = ['charge', 'payment', 'fee', 'interest', 'adjustment', 'write_off', 'reversal']
  return `kind_${known.includes(kind) ? kind : 'adjustment'}` as 'kind_charge'
}
