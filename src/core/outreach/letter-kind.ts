import type { DocumentKind } from '../documents/document-kinds.ts'

/** The Pre-Action Protocol for Debt Claims is England and Wales's (not Scotland's or Northern Ireland's). */
const ENGLAND_AND_WALES: ReadonlySet<string> = new Set(['GB', 'GB-ENG', 'GB-WLS'])

/**
 * Which document a letter action prints (docs/outreach.md, "Letters"). `send_message` on the letter
 * channel is a reminder, or a final notice in the final tone; `produce_document` names its document,
 * and a `legal_notice` is the statutory one of the debtor's jurisdiction: the NI Act s.138 notice in
 * India, the Letter of Claim in England and Wales (GB, GB-ENG, GB-WLS), a final notice elsewhere.
 */
export function letterKindOf(action: Readonly<Record<string, unknown>>, jurisdiction: string): DocumentKind {
  const j = jurisdiction.toUpperCase()
  if (action.type === 'produce_document') {
    switch (action.document) {
      case 'validation_notice':
        return 'validation-notice'
      case 'demand_letter':
        return 'demand-letter'
      case 'letter_of_claim':
        return 'letter-of-claim'
      case 'legal_notice':
        return j === 'IN' ? 'ni-act-notice' : ENGLAND_AND_WALES.has(j) ? 'letter-of-claim' : 'final-notice'
      default:
        return 'final-notice'
    }
  }
  return action.tone === 'final' ? 'final-notice' : 'reminder'
}

/**
 * The account attribute a mailed document's date goes into, where the date starts a legal clock the
 * compliance packs read: the Reg F validation period, the Pre-Action Protocol's 30 days, the NI Act's
 * 15 days. Other letters start none.
 */
export function mailingDateAttribute(
  kind: DocumentKind,
): 'validationNoticeSentOn' | 'letterOfClaimOn' | 'niActNoticeSentOn' | null {
  if (kind === 'validation-notice') return 'validationNoticeSentOn'
  if (kind === 'letter-of-claim') return 'letterOfClaimOn'
  if (kind === 'ni-act-notice') return 'niActNoticeSentOn'
  return null
}

/** The paper a letter is printed on: US Letter in the United States and Canada, A4 elsewhere. */
export function letterPaperOf(jurisdiction: string): 'A4' | 'LETTER' {
  const j = jurisdiction.toUpperCase()
  return j.startsWith('US') || j.startsWith('CA') ? 'LETTER' : 'A4'
}
