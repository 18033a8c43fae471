import type { FastifyInstance } from 'fastify'
import { AppError } from '../../core/errors/index.ts'
import { parseAmount } from '../../core/money/money.ts'
import { postPaymentsIn } from '../../money/post-payments.ts'
import type { Store } from '../../store/connect.ts'
import { findTenantBySlug } from '../../store/tenant.repository.ts'
import { type PostPaymentRequest, postPaymentSchema } from './payments.schema.ts'

/** Registers POST /api/v1/tenants/:tenant/payments. */
export function registerPaymentsRoute(app: FastifyInstance, deps: { store: Store }): void {
  app.post<PostPaymentRequest>(
    '/api/v1/tenants/:tenant/payments',
    { schema: postPaymentSchema },
    async (request, reply) => {
      const { store } = deps
      const tenant = await findTenantBySlug(store.db, request.params.tenant)
      if (!tenant) throw new AppError('tenant_not_found', `no tenant "${request.params.tenant}"`)
      const body = request.body
      const account = await store.db
        .selectFrom('accounts')
        .select(['id', 'currency'])
        .where('tenant_id', '=', tenant.id)
        .where('external_id', '=', body.account)
        .executeTakeFirst()
      if (!account) throw new AppError('not_found', `no account "${body.account}"`, { field: 'account' })
      const amount = parseAmount(body.amount, account.currency)
      if (!amount.ok || amount.minor <= 0) {
        throw new AppError('invalid_amount', `amount: ${amount.ok ? 'must be positive' : amount.reason}`, {
          field: 'amount',
        })
      }
      const result = await store.db.transaction().execute((trx) =>
        postPaymentsIn(
          trx,
          tenant,
          [
            {
              accountId: account.id,
              amountMinor: amount.minor,
              currency: account.currency,
              receivedOn: body.receivedOn,
              source: 'api',
              externalId: body.reference,
              ...(body.policy ? { policyId: body.policy } : {}),
            },
          ],
          { actor: 'api', reevaluate: true },
        ),
      )
      const rejected = result.rejected[0]
      if (rejected) throw new AppError(rejected.code, rejected.message, { reference: body.reference })
      const posted = result.posted[0]
      if (!posted) return reply.status(200).send({ replayed: true, reference: body.reference })
      return reply.status(201).send({
        replayed: false,
        paymentId: posted.paymentId,
        currency: account.currency,
        allocation: posted.allocation,
        paidInFull: result.paidInFull.includes(account.id),
      })
    },
  )
}
