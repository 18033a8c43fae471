import type { LocalDate } from '../../core/calendar/local-date.ts'

/** BOOK is final; PDNG, INFO and FUTR may still change or vanish, so only BOOK entries are postable. */
export type EntryStatus = 'BOOK' | 'PDNG' | 'INFO' | 'FUTR'

/** A problem or remark about one entry: where it sits (1-based XML path) and what is wrong. */
export interface CamtIssue {
  /** The entry, e.g. `Stmt[1]/Ntry[4]`. */
  entry: string
  /** The element at fault, e.g. `Stmt[1]/Ntry[4]/NtryDtls[1]/TxDtls[2]/Amt`. */
  field: string
  message: string
}

/** A creditor reference from `RmtInf/Strd/CdtrRefInf`, with its scheme recognised. */
export interface StructuredReference {
  /** The reference as sent. */
  ref: string
  /** RF (ISO 11649), BE (Belgian +++123/4567/89002+++), QRR (Swiss QR), ISR (Swiss ESR), or other. */
  scheme: 'RF' | 'BE' | 'QRR' | 'ISR' | 'other'
  /** Digits or letters only (`123456789002` for `+++123/4567/89002+++`). */
  normalized: string
  /** The type code or proprietary type as sent (`SCOR`, `QRR`, ...). */
  type?: string
  issuer?: string
}

/** Every reference a transaction may carry; none of the payer-side ones is an identity by itself. */
export interface CamtReferences {
  /** The bank's own reference for the transaction (`TxDtls/Refs/AcctSvcrRef`). */
  accountServicer?: string
  /** The payer's end-to-end id; `NOTPROVIDED` counts as absent. */
  endToEndId?: string
  txId?: string
  instructionId?: string
  mandateId?: string
  paymentInformationId?: string
  /** `Refs/Prtry/Ref`, with its type: `Tp: Ref`. */
  proprietary?: string
}

/** How a transaction's key was formed: the bank's reference, or its place in the statement. */
export type IdentitySource = 'bank_reference' | 'position'

/** One payment inside an entry: a TxDtls, or the entry itself when the bank sent no details. */
export interface CamtTransaction {
  /** The transaction's identity, unique for the tenant (see docs/bank-statements.md). */
  bankTransactionId: string
  identity: IdentitySource
  /** 1-based position in its entry (1 for an entry without TxDtls). */
  position: number
  /** The TxDtls path, or the entry's path when there are no details. */
  path: string
  references: CamtReferences
  /** Shortcut for `references.endToEndId`. */
  endToEndId?: string
  amountMinor: number
  currency: string
  creditDebit: 'CRDT' | 'DBIT'
  remittance: {
    /** The first RF reference, else the first structured reference. */
    structuredReference?: string
    structured: StructuredReference[]
    unstructured: string[]
  }
  debtorName?: string
  debtorIban?: string
  returnReason?: string
  /** `Domn/Cd/Fmly/SubFmlyCd` (`PMNT/RCDT/ESCT`) or the proprietary code (`NTRF+166+00900`). */
  bankTransactionCode?: string
}

/** One booking line (Ntry) on the account; a batch entry carries several transactions. */
export interface CamtEntry {
  /** 1-based position in its statement. */
  position: number
  /** `Stmt[1]/Ntry[4]` (or `Ntfctn[..]`). */
  path: string
  /** The entry's `AcctSvcrRef`, else its `NtryRef`: what a person quotes to the bank. */
  reference?: string
  entryRef?: string
  accountServicerRef?: string
  amountMinor: number
  currency: string
  creditDebit: 'CRDT' | 'DBIT'
  reversal: boolean
  status: EntryStatus
  bookingDate?: LocalDate
  valueDate?: LocalDate
  /** The date to post on: booking date, else value date, else the statement's creation date. */
  date?: LocalDate
  /** `Btch/NbOfTxs` summed over the entry's details, when given. */
  batchCount?: number
  bankTransactionCode?: string
  /** `AddtlNtryInf`: the booking text. */
  additionalInfo?: string
  /** The key the entry takes when it is booked as a whole (held for review, or without details). */
  entryKey: string
  transactions: CamtTransaction[]
  /** Why the entry cannot be imported at all; empty when it can. */
  rejected: CamtIssue[]
  /** Why it is booked at its own amount and held for a person; empty when its details agree. */
  review: CamtIssue[]
  /** Remarks that change nothing (a date taken from the statement, an ignored element). */
  notes: CamtIssue[]
}

/** A Stmt (camt.053) or Ntfctn (camt.054) block: the entries of one account. */
export interface CamtAccountStatement {
  id: string
  iban?: string
  otherAccountId?: string
  currency?: string
  createdAt?: string
  entries: CamtEntry[]
}

/** A whole bank-to-customer file; a file may hold several accounts' statements. */
export interface CamtStatement {
  fileName: string
  message: 'camt.053' | 'camt.054'
  version: number
  messageId: string
  createdAt: string
  statements: CamtAccountStatement[]
}
