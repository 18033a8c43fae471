/**
 * The port through which the debtor portal takes a card payment (docs/portal.md). A provider charges
 * and answers the outcome; Recoup records a success through the one payment use case (postPayment), so
 * allocation, journal and re-decision happen as for any payment. `idempotencyKey` is passed to the
 * provider: the same key charges once and answers the same transaction id again.
 */
export interface PaymentProvider {
  /** The provider's name, recorded in the payment reference ("test" for the built-in one). */
  readonly name: string
  charge(request: ChargeRequest): Promise<ChargeOutcome>
}

export interface ChargeRequest {
  readonly amountMinor: number
  readonly currency: string
  /** The card as the portal received it (the test provider reads its number only). */
  readonly card: string
  readonly idempotencyKey: string
  /** What the charge is for, as the provider's statement shows it. */
  readonly description: string
}

export type ChargeOutcome =
  | { readonly outcome: 'succeeded'; readonly transactionId: string }
  | { readonly outcome: 'declined'; readonly reason: string }
  | { readonly outcome: 'invalid_card'; readonly reason: string }
