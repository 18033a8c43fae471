import type { FastifyInstance } from 'fastify'
import { actorLabel } from '../../app/actor.ts'
import { addHardshipPause } from '../../app/money/add-hardship-pause.ts'
import { chargeOffAccount } from '../../app/money/charge-off-account.ts'
import { closeAccount } from '../../app/money/close-account.ts'
import { type CreatePlanRequest, createPlan } from '../../app/money/create-plan.ts'
import { offerSettlement } from '../../app/money/offer-settlement.ts'
import { openDispute } from '../../app/money/open-dispute.ts'
import { recordPromise } from '../../app/money/record-promise.ts'
import { recordVerificationSent } from '../../app/money/record-verification-sent.ts'
import { resolveDispute } from '../../app/money/resolve-dispute.ts'
import { writeOffAccount } from '../../app/money/write-off-account.ts'
import { requestContext } from '../auth/request-context.ts'
import {
  type AccountActRequest,
  addHardshipSchema,
  chargeOffSchema,
  closeAccountSchema,
  createPlanSchema,
  type DisputeActRequest,
  offerSettlementSchema,
  openDisputeSchema,
  recordPromiseSchema,
  resolveDisputeSchema,
  verificationSentSchema,
  writeOffSchema,
} from './account-actions.schema.ts'
import { requireDecimalString } from './payments.route.ts'

const base = '/api/v1/tenants/:tenant/accounts/:account'

/** Refuses JSON numbers in the amount fields of a body (see requireDecimalString). */
const decimals =
  (...fields: string[]) =>
  async (request: { body: unknown }) => {
    for (const field of fields) requireDecimalString(request.body, field)
  }

/** Reads a POST without a body as `{}`: the acts whose fields are all optional need none. */
const emptyBody = async (request: { body: unknown }) => {
  if (request.body === undefined || request.body === null) request.body = {}
}

/** Registers the money acts on one account and on a dispute (each calls one use case of src/app/money). */
export function registerAccountActionRoutes(app: FastifyInstance): void {
  app.post<AccountActRequest<Omit<CreatePlanRequest, 'account'>>>(
    `${base}/plans`,
    { schema: createPlanSchema, preValidation: decimals('total', 'downPayment', 'instalmentAmount') },
    async (request, reply) => {
      const result = await createPlan(requestContext(request), {
        ...request.body,
        account: request.params.account,
      })
      return reply.status(201).send(result)
    },
  )
  app.post<
    AccountActRequest<{ amount: string; dueOn: string; channel: string; takenBy?: string; takenOn?: string }>
  >(
    `${base}/promises`,
    { schema: recordPromiseSchema, preValidation: decimals('amount') },
    async (request, reply) => {
      const ctx = requestContext(request)
      const { takenBy, ...body } = request.body
      const result = await recordPromise(ctx, {
        ...body,
        account: request.params.account,
        takenBy: takenBy ?? actorLabel(ctx.actor),
      })
      return reply.status(201).send(result)
    },
  )
  app.post<AccountActRequest<{ amount: string; expiresOn: string; createdOn?: string }>>(
    `${base}/settlements`,
    { schema: offerSettlementSchema, preValidation: decimals('amount') },
    async (request, reply) => {
      const result = await offerSettlement(requestContext(request), {
        ...request.body,
        account: request.params.account,
      })
      return reply.status(201).send(result)
    },
  )
  app.post<
    AccountActRequest<{
      reason: string
      written: boolean
      channel?: string
      amount?: string
      receivedAt?: string
    }>
  >(
    `${base}/disputes`,
    { schema: openDisputeSchema, preValidation: decimals('amount') },
    async (request, reply) => {
      const result = await openDispute(requestContext(request), {
        ...request.body,
        account: request.params.account,
      })
      return reply.status(201).send(result)
    },
  )
  app.post<AccountActRequest<{ reason: string; from: string; to: string }>>(
    `${base}/hardship`,
    { schema: addHardshipSchema },
    async (request, reply) => {
      const result = await addHardshipPause(requestContext(request), {
        ...request.body,
        account: request.params.account,
      })
      return reply.status(201).send(result)
    },
  )
  app.post<AccountActRequest<{ amount?: string; reason: string; on?: string }>>(
    `${base}/write-off`,
    { schema: writeOffSchema, preValidation: decimals('amount') },
    async (request, reply) => {
      const result = await writeOffAccount(requestContext(request), {
        ...request.body,
        account: request.params.account,
      })
      return reply.status(201).send(result)
    },
  )
  app.post<AccountActRequest<{ on?: string } | undefined>>(
    `${base}/charge-off`,
    { schema: chargeOffSchema, preValidation: emptyBody },
    async (request, reply) => {
      const result = await chargeOffAccount(requestContext(request), {
        ...(request.body ?? {}),
        account: request.params.account,
      })
      return reply.status(201).send(result)
    },
  )
  app.post<AccountActRequest<{ reason: string; on?: string }>>(
    `${base}/close`,
    { schema: closeAccountSchema },
    async (request, reply) => {
      const result = await closeAccount(requestContext(request), {
        ...request.body,
        account: request.params.account,
      })
      return reply.status(201).send(result)
    },
  )
  app.post<DisputeActRequest<{ for: 'debtor' | 'creditor'; resolvedAt?: string }>>(
    '/api/v1/tenants/:tenant/disputes/:dispute/resolve',
    { schema: resolveDisputeSchema },
    async (request, reply) => {
      const result = await resolveDispute(requestContext(request), {
        ...request.body,
        disputeId: request.params.dispute,
      })
      return reply.status(201).send(result)
    },
  )
  app.post<DisputeActRequest<{ sentAt?: string } | undefined>>(
    '/api/v1/tenants/:tenant/disputes/:dispute/verification-sent',
    { schema: verificationSentSchema, preValidation: emptyBody },
    async (request, reply) => {
      const result = await recordVerificationSent(requestContext(request), {
        ...(request.body ?? {}),
        disputeId: request.params.dispute,
      })
      return reply.status(201).send(result)
    },
  )
}
