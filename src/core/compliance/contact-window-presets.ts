/**
 * Named contact windows from the compliance catalogue (docs/compliance-contact-window.md). They are
 * defaults for a rule pack, not constants: every preset marked `configurable` may be overridden, and
 * [U] means the sources disagree.
 */
import type { ContactWindowRule } from './contact-window.ts'

export interface ContactWindowPreset extends ContactWindowRule {
  /** Human label for settings screens. */
  label: string
  /** True when the law sets no fixed hours or the sources disagree: the tenant may change the window. */
  configurable: boolean
  /** Why the numbers are what they are, and what the window does not cover. */
  note: string
}

export const CONTACT_WINDOW_PRESETS = {
  usRegF: {
    label: 'US Regulation F inconvenient times',
    ruleId: 'us.reg-f.inconvenient-time',
    citation: '12 CFR 1006.6(b)(1)(i); 15 USC 1692c(a)(1)',
    window: { start: '08:00', end: '21:00' },
    configurable: false,
    note: 'Before 08:00 and after 21:00 at the consumer location, absent knowledge otherwise; with conflicting location evidence, convenient in every zone (official interpretation).',
  },
  usFlorida: {
    label: 'Florida quiet hours',
    ruleId: 'us-fl.quiet-hours',
    citation: 'Fla. Stat. 559.72(17)',
    window: { start: '08:00', end: '21:00' },
    configurable: false,
    note: "No communication 21:00-08:00 in the debtor's zone; the caller may presume the area code's zone; email exempt since 16 May 2025.",
  },
  usWashingtonHome: {
    label: 'Washington: calls at home',
    ruleId: 'us-wa.home-hours',
    citation: 'RCW 19.16.250',
    window: { start: '07:30', end: '21:00' },
    configurable: false,
    note: 'No communication at home before 07:30 or after 21:00; applied with Reg F, the stricter 08:00 start still wins.',
  },
  indiaRbi: {
    label: 'India RBI recovery-call hours',
    ruleId: 'in.rbi.recovery-call-hours',
    citation: 'RBI circular of 12 Aug 2022; draft Master Direction 26 Oct 2023',
    window: { start: '08:00', end: '19:00' },
    configurable: false,
    note: 'No recovery calls before 08:00 or after 19:00; whether the hours cover WhatsApp/SMS is open.',
  },
  ukDefault: {
    label: 'UK default contact hours',
    ruleId: 'uk.conc.unreasonable-time',
    citation: 'CONC 7.9.4R',
    window: { start: '08:00', end: '21:00' },
    configurable: true,
    note: 'CONC forbids contact at unreasonable times but sets no hours; 08:00-21:00 is a default.',
  },
  uaeDefault: {
    label: 'UAE contact hours [U]',
    ruleId: 'ae.cbuae.contact-hours',
    citation: 'CBUAE Consumer Protection Regulation and Standards',
    window: { start: '09:00', end: '20:00' },
    configurable: true,
    note: 'Unverified: sources disagree; 09:00-20:00 is the most cited.',
  },
  commercialBusinessHours: {
    label: 'Commercial (B2B) business hours',
    ruleId: 'commercial.business-hours',
    citation: 'house policy (no statutory hours for business debtors)',
    window: { start: '09:00', end: '17:00' },
    configurable: true,
    note: 'A courtesy default for business debtors; weekends and holidays are not modelled here.',
  },
} as const satisfies Record<string, ContactWindowPreset>

export type ContactWindowPresetName = keyof typeof CONTACT_WINDOW_PRESETS
