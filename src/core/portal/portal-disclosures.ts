import type { DocumentKind } from '../documents/document-kinds.ts'
import type { DocumentLocale } from '../documents/document-locale.ts'
import { COMPLIANCE_LINES } from '../templates/compliance-lines.ts'

/** One statement the portal must show the debtor about their rights or about who is writing. */
export interface PortalDisclosure {
  readonly id: string
  readonly citation: string
  readonly text: string
  /** The language of `text` (BCP 47): the debtor's for the compliance line, English for the rest. */
  readonly language: string
  /** The document that carries the full text, when there is one (a portal URL is given for it). */
  readonly document?: DocumentKind
}

/**
 * The disclosures the portal shows, by jurisdiction (docs/portal.md, "Disclosures"). The debt-collector
 * disclosure is the compliance packs' own line in the debtor's language (core/templates/compliance-lines.ts,
 * the same words every message carries); the rest is this small table, in English (its official wording; `language` says so and the page
 * marks it), naming the rule and
 * the document that carries the full text. A jurisdiction not listed gets the general line only.
 */
export function portalDisclosures(input: {
  readonly jurisdiction: string
  readonly debtKind: 'consumer' | 'commercial'
  readonly thirdParty: boolean
  readonly locale: DocumentLocale
}): PortalDisclosure[] {
  const j = input.jurisdiction.toUpperCase()
  const out: PortalDisclosure[] = []
  if (j.startsWith('US')) {
    if (input.thirdParty)
      out.push({
        id: 'us.fdcpa.debt-collector-disclosure',
        citation: '15 USC 1692e(11); 12 CFR 1006.18(e)',
        text: COMPLIANCE_LINES[input.locale].disclosure,
        language: input.locale,
      })
    if (input.thirdParty && input.debtKind === 'consumer')
      out.push({
        id: 'us.reg-f.validation-information',
        citation: '15 USC 1692g; 12 CFR 1006.34',
        text:
          'You have the right to dispute all or part of this debt and to ask for the name and address of the ' +
          'original creditor. If you dispute in writing within the validation period, collection stops until ' +
          'we send you verification. The validation notice gives the dates and the itemisation.',
        language: 'en',
        document: 'validation-notice',
      })
    if (j === 'US-CA')
      out.push({
        id: 'us-ca.rosenthal.rights',
        citation: 'Cal. Civ. Code 1812.700',
        text:
          'The state Rosenthal Fair Debt Collection Practices Act and the federal Fair Debt Collection ' +
          'Practices Act require that debt collectors may not contact you before 8 a.m. or after 9 p.m., ' +
          'harass you, or use false or misleading statements. For more information, contact the Federal ' +
          'Trade Commission at 1-877-FTC-HELP or www.ftc.gov.',
        language: 'en',
      })
  } else if (j.startsWith('GB')) {
    out.push({
      id: 'gb.free-debt-advice',
      citation: 'FCA CONC 7.3; Pre-Action Protocol for Debt Claims',
      text:
        'Free and independent debt advice is available from MoneyHelper (www.moneyhelper.org.uk, 0800 138 7777). ' +
        'If you are struggling to pay, tell us: we will consider a payment plan or a pause.',
      language: 'en',
      ...(j === 'GB' || j === 'GB-ENG' || j === 'GB-WLS' ? { document: 'letter-of-claim' as const } : {}),
    })
  } else if (j.startsWith('DE')) {
    out.push({
      id: 'de.rdg.information',
      citation: '§ 13a RDG',
      text:
        'Information on the claim: the creditor, the reason for the claim, the interest and costs claimed ' +
        'are itemised in the statement. You may object to the claim; we will then check it.',
      language: 'en',
      document: 'statement',
    })
  } else if (j === 'IN') {
    out.push({
      id: 'in.rbi.fair-practices',
      citation: 'RBI Master Direction on Outsourcing, Fair Practices Code',
      text:
        'You may raise a grievance about how this debt is collected; it will be answered in writing. ' +
        'Collection contacts are made only between 8 a.m. and 7 p.m.',
      language: 'en',
    })
  } else if (j.startsWith('AU')) {
    out.push({
      id: 'au.acccc-asic.guideline',
      citation: 'ACCC/ASIC Debt Collection Guideline',
      text:
        'You can ask for information about this debt, dispute it, or ask for a hardship arrangement. ' +
        'Free financial counselling: National Debt Helpline, 1800 007 007.',
      language: 'en',
    })
  }
  out.push({
    id: 'recoup.statement-of-account',
    citation: 'recoup',
    text: 'The balance shown is itemised below; the statement of account lists every entry.',
    language: 'en',
    document: 'statement',
  })
  return out
}
