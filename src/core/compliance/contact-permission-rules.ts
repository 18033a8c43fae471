/**
 * The rules `contactPermissionDecision` enforces, as data: stable id and legal citation per rule
 * (docs/compliance-contact-permission.md). Messages are built by the decision, which knows the facts.
 */

/** A rule's identity in a compliance reason. */
export interface ContactPermissionRule {
  ruleId: string
  citation: string
}

export const CONTACT_PERMISSION_RULES = {
  attorney: {
    ruleId: 'us.reg-f.attorney-representation',
    citation: '12 CFR 1006.6(b)(2), (b)(4); 15 USC 1692c(a)(2)',
  },
  cease: {
    ruleId: 'us.reg-f.cease-communication',
    citation: '12 CFR 1006.6(c); 15 USC 1692c(c)',
  },
  workplace: {
    ruleId: 'us.reg-f.workplace',
    citation: '12 CFR 1006.6(b)(3); 15 USC 1692c(a)(3)',
  },
  employerEmail: {
    ruleId: 'us.reg-f.employer-email',
    citation: '12 CFR 1006.22(f)(3)',
  },
  mediumOptOut: {
    ruleId: 'us.reg-f.medium-opt-out',
    citation: '12 CFR 1006.14(h)',
  },
  contactPointOptOut: {
    ruleId: 'us.reg-f.electronic-opt-out',
    citation: '12 CFR 1006.6(e)',
  },
  tcpaConsent: {
    ruleId: 'us.tcpa.mobile-consent',
    citation: '47 USC 227(b); 47 CFR 64.1200(a)(1)',
  },
  tcpaRevocation: {
    ruleId: 'us.tcpa.consent-revoked',
    citation: 'FCC 24-24; 47 USC 227(b)',
  },
} as const satisfies Record<string, ContactPermissionRule>

/** The one confirmation text after a TCPA revocation must be sent within this many ms (FCC 24-24). */
export const TCPA_CONFIRMATION_WINDOW_MS = 5 * 60_000
