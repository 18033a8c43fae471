import type { FastifyInstance } from 'fastify'
import { getAccount } from '../../app/records/get-account.ts'
import { listAccountRecords } from '../../app/records/list-account-records.ts'
import { listAccounts } from '../../app/records/list-accounts.ts'
import type { RecordKind } from '../../store/records/account-records.repository.ts'
import { requestContext } from '../auth/request-context.ts'
import {
  type AccountPathRequest,
  type AccountRecordsRequest,
  accountRecordsSchema,
  getAccountSchema,
  type ListAccountsRequest,
  listAccountsSchema,
} from './accounts.schema.ts'

const LISTS: readonly RecordKind[] = [
  'transactions',
  'plans',
  'promises',
  'settlements',
  'disputes',
  'hardship',
]

/** Registers GET .../accounts, .../accounts/:account and the lists under an account. */
export function registerAccountsRoutes(app: FastifyInstance): void {
  app.get<ListAccountsRequest>(
    '/api/v1/tenants/:tenant/accounts',
    { schema: listAccountsSchema },
    async (request) => listAccounts(requestContext(request), request.query),
  )
  app.get<AccountPathRequest>(
    '/api/v1/tenants/:tenant/accounts/:account',
    { schema: getAccountSchema },
    async (request) => getAccount(requestContext(request), { account: request.params.account }),
  )
  for (const kind of LISTS)
    app.get<AccountRecordsRequest>(
      `/api/v1/tenants/:tenant/accounts/:account/${kind}`,
      { schema: accountRecordsSchema(kind) },
      async (request) =>
        listAccountRecords(requestContext(request), kind, {
          account: request.params.account,
          ...request.query,
        }),
    )
}
