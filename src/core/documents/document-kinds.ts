import type { DocumentStringKey } from './document-strings.en.ts'

/** The documents Recoup generates from an account (docs/documents.md). */
export const DOCUMENT_KINDS = [
  'validation-notice',
  'reminder',
  'final-notice',
  'demand-letter',
  'ni-act-notice',
  'letter-of-claim',
  'statement',
] as const
export type DocumentKind = (typeof DOCUMENT_KINDS)[number]

const COMMON: readonly DocumentStringKey[] = ['account', 'date', 'page', 'dear', 'sincerely', 'balanceNow']
const TABLE: readonly DocumentStringKey[] = [
  'colDate',
  'colDescription',
  'colAmount',
  'colBalance',
  'kind_charge',
  'kind_payment',
  'kind_fee',
  'kind_interest',
  'kind_adjustment',
  'kind_write_off',
  'kind_reversal',
]

/** The texts each kind needs: a kind renders in a language only when all of them exist there. */
export const KIND_KEYS: Readonly<Record<DocumentKind, readonly DocumentStringKey[]>> = {
  statement: [...COMMON, ...TABLE, 'statementTitle', 'statementIntro'],
  reminder: [...COMMON, 'reminderTitle', 'reminderBody', 'reminderHelp'],
  'final-notice': [...COMMON, 'finalTitle', 'finalBody', 'finalPayBy'],
  'demand-letter': [
    ...COMMON,
    'demandTitle',
    'demandBody',
    'demandPrincipal',
    'demandInterest',
    'demandCompensation',
    'demandTotal',
    'demandLaw',
    'demandPayBy',
  ],
  'validation-notice': [
    ...COMMON,
    'vnTitle',
    'vnIntro',
    'vnOurInfo',
    'vnAccount',
    'vnItemizationDate',
    'vnBetween',
    'vnInterest',
    'vnFees',
    'vnPaid',
    'vnTotal',
    'vnHowDispute',
    'vnDispute1',
    'vnDispute2',
    'vnElse',
    'vnOriginal',
    'vnCfpb',
    'vnContact',
    'vnTear',
    'vnFormAccount',
    'vnCheckDispute',
    'vnNotMine',
    'vnWrongAmount',
    'vnOther',
    'vnCheckOriginal',
    'vnEnclosed',
  ],
  'ni-act-notice': [...COMMON, 'niTitle', 'niBody', 'niDemand', 'niConsequence', 'niDeadline', 'signature'],
  'letter-of-claim': [
    ...COMMON,
    ...TABLE,
    'locTitle',
    'locBody',
    'locInterest',
    'locRespond',
    'locEnclosed',
    'locPay',
    'locAdvice',
    'locInfoTitle',
    'locInfo1',
    'locInfo2',
    'locInfo3',
    'locReplyTitle',
    'locReplyRef',
    'locReplyAgree',
    'locReplyPart',
    'locReplyDispute',
    'locReplyPlan',
    'locReplyTime',
    'locReplyDocs',
    'locFinTitle',
    'locFinIncome',
    'locFinOutgoings',
    'locFinDebts',
    'locFinOffer',
    'signature',
  ],
}

/** Whether a string names a document kind. */
export function isDocumentKind(value: string): value is DocumentKind {
  return (DOCUMENT_KINDS as readonly string[]).includes(value)
}
