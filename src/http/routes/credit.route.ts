import type { FastifyInstance } from 'fastify'
import { listCreditWarnings } from '../../app/credit/list-credit-warnings.ts'
import { runCreditCheck } from '../../app/credit/run-credit-check.ts'
import { setClientTerms, setDebtorTerms } from '../../app/credit/set-credit-terms.ts'
import { showDebtorCredit } from '../../app/credit/show-debtor-credit.ts'
import { requestContext } from '../auth/request-context.ts'
import {
  type CreditCheckRequestHttp,
  creditCheckSchema,
  type ListWarningsRequest,
  listWarningsSchema,
  type SetDebtorTermsRequest,
  type SetPolicyRequest,
  type ShowDebtorCreditRequest,
  setDebtorTermsSchema,
  setPolicySchema,
  showDebtorCreditSchema,
} from './credit.schema.ts'

/**
 * Registers POST .../credit/policies, GET .../credit/debtors/:debtor, POST .../credit/debtors/:debtor/terms,
 * POST .../credit/debtors/:debtor/check and GET .../credit/warnings.
 */
export function registerCreditRoutes(app: FastifyInstance): void {
  app.post<SetPolicyRequest>(
    '/api/v1/tenants/:tenant/credit/policies',
    { schema: setPolicySchema },
    async (request) => {
      const { client, termsDays, limit } = request.body
      return setClientTerms(requestContext(request), {
        ...(client !== undefined ? { client } : {}),
        termsDays,
        ...(limit !== undefined ? { limit } : {}),
      })
    },
  )
  app.get<ShowDebtorCreditRequest>(
    '/api/v1/tenants/:tenant/credit/debtors/:debtor',
    { schema: showDebtorCreditSchema },
    async (request) => showDebtorCredit(requestContext(request), { debtor: request.params.debtor }),
  )
  app.post<SetDebtorTermsRequest>(
    '/api/v1/tenants/:tenant/credit/debtors/:debtor/terms',
    { schema: setDebtorTermsSchema },
    async (request) => {
      const { client, termsDays, limit } = request.body ?? {}
      return setDebtorTerms(requestContext(request), {
        debtor: request.params.debtor,
        ...(client !== undefined ? { client } : {}),
        ...(termsDays !== undefined ? { termsDays } : {}),
        ...(limit !== undefined ? { limit } : {}),
      })
    },
  )
  app.post<CreditCheckRequestHttp>(
    '/api/v1/tenants/:tenant/credit/debtors/:debtor/check',
    { schema: creditCheckSchema },
    async (request) => {
      const { client, currency, amount } = request.body ?? {}
      return runCreditCheck(requestContext(request), {
        debtor: request.params.debtor,
        ...(client !== undefined ? { client } : {}),
        ...(currency !== undefined ? { currency } : {}),
        ...(amount !== undefined ? { amount } : {}),
      })
    },
  )
  app.get<ListWarningsRequest>(
    '/api/v1/tenants/:tenant/credit/warnings',
    { schema: listWarningsSchema },
    async (request) => {
      const { limit, cursor, code } = request.query
      return listCreditWarnings(requestContext(request), {
        ...(limit !== undefined ? { limit } : {}),
        ...(cursor !== undefined ? { cursor } : {}),
        ...(code !== undefined ? { code } : {}),
      })
    },
  )
}
