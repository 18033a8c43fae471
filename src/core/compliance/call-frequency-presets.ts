/**
 * Call-frequency rules from the compliance catalogue (docs/compliance-call-frequency.md). They are
 * defaults for a rule pack, not constants: `configurable` marks numbers the sources disagree on ([U]).
 * State and city caps count every attempt (`exclusions: 'none'`): the Reg F exclusions are written "for
 * purposes of" Reg F, and counting more is the safe side until a rule pack says otherwise.
 */
import type { CallCapRule, ConversationQuietRule } from './call-frequency.ts'

interface PresetInfo {
  /** Human label for settings screens. */
  label: string
  /** True when the sources disagree ([U]): the tenant may change the numbers or unit. */
  configurable: boolean
  /** Why the numbers are what they are, and what the rule does not cover. */
  note: string
}

export type CallCapPreset = CallCapRule & PresetInfo
export type ConversationQuietPreset = ConversationQuietRule & PresetInfo

export const CALL_FREQUENCY_PRESETS = {
  usRegF7In7: {
    label: 'US Regulation F: 7 calls in 7 days per debt',
    ruleId: 'us.reg-f.call-frequency',
    citation: '12 CFR 1006.14(b)(2)',
    maxCalls: 7,
    windowDays: 7,
    unit: 'per_debt',
    exclusions: 'reg_f',
    configurable: false,
    note: 'Rebuttable presumption; busy/not-in-service and consented calls are excluded (1006.14(b)(3)); voicemail and unanswered calls count; each debt counts separately (1006.14(b)(4)).',
  },
  usRegFConversation: {
    label: 'US Regulation F: 7 days quiet after a conversation',
    ruleId: 'us.reg-f.call-after-conversation',
    citation: '12 CFR 1006.14(b)(2)',
    quietDays: 7,
    configurable: false,
    note: 'No call about a debt within 7 days after a telephone conversation about it; the conversation date is day 1; a conversation covering several debts counts for each.',
  },
  maPersonalNumbers: {
    label: 'Massachusetts: 2 calls in 7 days per debt (residence, cell, personal number)',
    ruleId: 'us-ma.call-cap.personal',
    citation: '209 CMR 18.16(1)(d); 940 CMR 7.04(1)(f)',
    maxCalls: 2,
    windowDays: 7,
    unit: 'per_debt',
    exclusions: 'none',
    configurable: false,
    note: 'More than 2 telephone communications (calls, texts, recorded messages) per 7-day period per debt is prohibited; calls count even without a message left. Only calls are counted here; rolling vs calendar week is a rule-pack setting.',
  },
  maOtherNumbers: {
    label: 'Massachusetts: 2 calls in 30 days per debt (other numbers)',
    ruleId: 'us-ma.call-cap.other',
    citation: '209 CMR 18.16(1)(d); 940 CMR 7.04(1)(f)',
    maxCalls: 2,
    windowDays: 30,
    unit: 'per_debt',
    exclusions: 'none',
    configurable: false,
    note: 'Applies to calls to numbers other than residence, cell or personal number; the caller picks it by number type.',
  },
  nycContactCap: {
    label: 'New York City: 3 contacts in 7 days [U]',
    ruleId: 'us-nyc.contact-cap',
    citation: '6 RCNY 5-77',
    maxCalls: 3,
    windowDays: 7,
    unit: 'per_consumer',
    exclusions: 'none',
    configurable: true,
    note: 'No more than 3 contacts or attempts per 7 days across channels; unit and start date of the amendments are uncertain, so per consumer (the stricter reading) is the default. Other channels are not counted here.',
  },
  waCommunications: {
    label: 'Washington: 3 communications per week',
    ruleId: 'us-wa.contact-cap',
    citation: 'RCW 19.16.250',
    maxCalls: 3,
    windowDays: 7,
    unit: 'per_consumer',
    exclusions: 'none',
    configurable: false,
    note: 'More than 3 communications per week with the debtor or spouse is prohibited; read as any 7 consecutive days. Home hours (07:30-21:00) are a contact-window rule.',
  },
  waWorkplace: {
    label: 'Washington: 1 communication per week at work',
    ruleId: 'us-wa.contact-cap.work',
    citation: 'RCW 19.16.250',
    maxCalls: 1,
    windowDays: 7,
    unit: 'per_consumer',
    exclusions: 'none',
    configurable: false,
    note: 'More than 1 communication per week at the place of employment is prohibited; the caller applies it to workplace numbers only.',
  },
} as const satisfies Record<string, CallCapPreset | ConversationQuietPreset>

export type CallFrequencyPresetName = keyof typeof CALL_FREQUENCY_PRESETS

/** The Reg F pair every US call must pass: 7-in-7 per debt and the post-conversation quiet period. */
export const US_REG_F_CALL_RULES = [
  CALL_FREQUENCY_PRESETS.usRegF7In7,
  CALL_FREQUENCY_PRESETS.usRegFConversation,
] as const
