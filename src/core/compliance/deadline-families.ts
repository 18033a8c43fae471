/**
 * Deadlines as outputs (issue #9): the dates the rules of a pack compute for a request, reported in the
 * result's `deadlines` whatever the verdict, so users see the date and tests pin it. Each reads the same
 * settings and facts as the family that enforces the rule (docs/compliance-check.md, "Deadlines").
 */
import type { ComplianceDeadline } from './compliance-decision.ts'
import type { DebtFacts } from './compliance-request.ts'
import { creditReportingSettings, furnishingStartsAt } from './conduct-families.ts'
import { binds } from './contact-families.ts'
import { limitationPeriodOf } from './debt-families.ts'
import { niActTimeline } from './ni-act-timeline.ts'
import { postdatedDeadlines } from './postdated-instrument.ts'
import { localDateOf, type PreparedRequest } from './prepared-request.ts'
import type { PackSettings } from './rule-pack.ts'
import { validationPeriod } from './validation-period.ts'

const debtsOf = (p: PreparedRequest, s: PackSettings): readonly DebtFacts[] =>
  s.debtKind === 'consumer' ? p.debts.consumer : p.debts.commercial

/** Every deadline the pack's settings give for the request's debts and action. */
export function packDeadlines(p: PreparedRequest, s: PackSettings): ComplianceDeadline[] {
  const out: ComplianceDeadline[] = []
  const debts = debtsOf(p, s)
  if (debts.length === 0) return out
  const bound = binds(p, s)
  for (const debt of debts) {
    // Validation period (1006.34(b)(5)): the packs that carry the Reg F validation notice rule.
    if (s.validationNotice !== null && bound && debt.validationNoticeSentOn != null) {
      const v = validationPeriod({ noticeSentOn: debt.validationNoticeSentOn })
      const rule = { ruleId: 'us.reg-f.validation-period', citation: '12 CFR 1006.34(b)(5)' }
      out.push({
        name: 'validation_period.assumed_receipt_on',
        date: v.assumedReceiptOn,
        ...rule,
        debtId: debt.id,
      })
      out.push({ name: 'validation_period.ends_on', date: v.periodEndsOn, ...rule, debtId: debt.id })
    }
    // Limitation: the last day to sue, whenever the accrual date is known (every collector type).
    const { period } = limitationPeriodOf(s, debt, p.request)
    if (period !== null) {
      out.push({
        name: 'limitation.last_day_to_sue',
        date: period.endsOn,
        ruleId: period.ruleId,
        citation: period.citation,
        debtId: debt.id,
      })
    }
    // NI Act s.138 / s.142 dates for a dishonoured cheque.
    if (s.niAct && debt.dishonouredCheque != null) {
      const t = niActTimeline({ ...debt.dishonouredCheque, settings: s.niAct })
      const dates: [string, string | null, { ruleId: string; citation: string }][] = [
        ['ni_act.present_by', t.presentBy, s.niAct.validity],
        ['ni_act.demand_notice_by', t.noticeBy, s.niAct.notice],
        ['ni_act.payment_by', t.paymentBy, s.niAct.complaint],
        ['ni_act.cause_of_action_on', t.causeOfActionOn, s.niAct.complaint],
        ['ni_act.complaint_by', t.complaintBy, s.niAct.complaint],
      ]
      for (const [name, date, rule] of dates) {
        if (date !== null)
          out.push({ name, date, ruleId: rule.ruleId, citation: rule.citation, debtId: debt.id })
      }
    }
    // Credit reporting (1006.30(a)): the first day the debt may be furnished, for a proposed report.
    if (s.creditReportingGate && bound && p.request.action.kind === 'credit_report') {
      const { settings } = creditReportingSettings(p, s.creditReportingGate)
      const from = furnishingStartsAt(p, debt, settings)
      if (from !== null) {
        out.push({
          name: 'credit_reporting.earliest_furnishing_on',
          date: localDateOf(from, p.dayZone),
          ruleId: settings.ruleId,
          citation: settings.citation,
          debtId: debt.id,
        })
      }
    }
  }
  const { action } = p.request
  if (s.postdatedInstrument && bound && action.kind === 'deposit_postdated_instrument') {
    out.push(...postdatedDeadlines(action.instrument ?? {}, s.postdatedInstrument))
  }
  return out
}
