import { createHash } from 'node:crypto'
import type { ChargeOutcome, ChargeRequest, PaymentProvider } from '../core/payments/payment-provider.ts'

/** The test card that is always charged. */
export const TEST_CARD_SUCCEEDS = '4242424242424242'
/** The test card that is always declined. */
export const TEST_CARD_DECLINED = '4000000000000002'

/**
 * The built-in payment provider: no network, no money moves, deterministic (docs/portal.md, "The test
 * provider"). Card 4242 4242 4242 4242 succeeds, 4000 0000 0000 0002 is declined, any other number is
 * `invalid_card`. The transaction id is a digest of the idempotency key, so a retry with the same key
 * gets the same id and the payment use case records it once.
 */
export const testPaymentProvider: PaymentProvider = {
  name: 'test',
  async charge(request: ChargeRequest): Promise<ChargeOutcome> {
    const card = request.card.replace(/[\s-]/g, '')
    if (card === TEST_CARD_DECLINED)
      return { outcome: 'declined', reason: 'the card was declined (test card)' }
    if (card !== TEST_CARD_SUCCEEDS)
      return {
        outcome: 'invalid_card',
        reason: `the test provider knows the cards ${TEST_CARD_SUCCEEDS} (succeeds) and ${TEST_CARD_DECLINED} (declined)`,
      }
    const digest = createHash('sha256').update(request.idempotencyKey).digest('hex').slice(0, 24)
    return { outcome: 'succeeded', transactionId: `test_${digest}` }
  },
}
