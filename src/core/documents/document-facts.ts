import type { LocalDate } from '../calendar/local-date.ts'

/** One ledger line as a document itemises it. */
export interface DocumentLedgerLine {
  readonly kind: string
  readonly component: string
  /** Signed minor units: positive increases what is owed. */
  readonly amountMinor: number
  readonly effectiveOn: LocalDate
  readonly memo: string | null
}

/** Statutory late-payment figures from the interest engine (src/app/interest). */
export interface StatutoryFigures {
  readonly regime: string
  readonly interestFrom: LocalDate
  readonly to: LocalDate
  readonly ratePercent: string
  readonly interestMinor: number
  /** Fixed compensation in its own currency (UK Late Payment Act, EU Directive), or null. */
  readonly compensation: { readonly minor: number; readonly currency: string } | null
  readonly citations: readonly string[]
}

/** A dishonoured cheque (NI Act s.138), from the account's attributes. */
export interface ChequeFacts {
  readonly number: string
  readonly date: LocalDate
  readonly bank: string
  readonly amountMinor: number
  readonly presentedOn: LocalDate
  /** The day the payee received the bank's return memo. */
  readonly bankInformedOn: LocalDate
  readonly returnReason: string
}

/** Everything a document says about an account, read from the books in one place (the use case). */
export interface DocumentFacts {
  readonly collector: {
    readonly name: string
    readonly addressLines: readonly string[]
    /** An agency collecting for clients (a third-party debt collector). */
    readonly isAgency: boolean
    readonly californiaLicenseNumber: string | null
  }
  readonly creditor: { readonly original: string; readonly current: string }
  readonly debtor: {
    readonly name: string
    readonly kind: 'person' | 'business'
    /** Name first, then the postal lines, then the country. */
    readonly addressLines: readonly string[]
    readonly preferredLanguage: string | null
  }
  readonly account: {
    readonly ref: string
    readonly currency: string
    readonly jurisdiction: string
    readonly debtKind: 'consumer' | 'commercial'
    readonly openedOn: LocalDate
    readonly dueOn: LocalDate
    readonly chargeOffOn: LocalDate | null
  }
  /** Every ledger line, oldest value date first. */
  readonly ledger: readonly DocumentLedgerLine[]
  /** The day the document is mailed (its date, and the start of any clock it starts). */
  readonly mailingDate: LocalDate
  readonly statutory: StatutoryFigures | null
  readonly cheque: ChequeFacts | null
  /** The debt is past its limitation period. */
  readonly timeBarred: boolean
  /** The end of a validation period already running, or null. */
  readonly validationPeriodEndsOn: LocalDate | null
}
