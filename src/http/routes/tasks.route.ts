import type { FastifyInstance } from 'fastify'
import { getCallTask, listCallTasks } from '../../app/tasks/list-call-tasks.ts'
import { listFollowUps } from '../../app/tasks/list-follow-ups.ts'
import { recordCallOutcome } from '../../app/tasks/record-call-outcome.ts'
import { requestContext } from '../auth/request-context.ts'
import {
  type GetTaskRequest,
  getTaskSchema,
  type ListFollowUpsRequest,
  type ListTasksRequest,
  listFollowUpsSchema,
  listTasksSchema,
  type TaskOutcomeRequest,
  taskOutcomeSchema,
} from './tasks.schema.ts'

/** Registers GET .../tasks, GET .../tasks/:id, POST .../tasks/:id/outcome and GET .../follow-ups. */
export function registerTasksRoutes(app: FastifyInstance): void {
  app.get<ListFollowUpsRequest>(
    '/api/v1/tenants/:tenant/follow-ups',
    { schema: listFollowUpsSchema },
    async (request) => {
      const { limit, asOf } = request.query
      return listFollowUps(requestContext(request), {
        ...(limit !== undefined ? { limit } : {}),
        ...(asOf !== undefined ? { asOf } : {}),
      })
    },
  )
  app.get<ListTasksRequest>('/api/v1/tenants/:tenant/tasks', { schema: listTasksSchema }, async (request) => {
    const { limit, cursor, sort, mine, status, includeBlocked } = request.query
    return listCallTasks(requestContext(request), {
      ...(limit !== undefined ? { limit } : {}),
      ...(cursor !== undefined ? { cursor } : {}),
      ...(sort !== undefined ? { sort } : {}),
      ...(mine ? { mine } : {}),
      ...(status !== undefined ? { status } : {}),
      ...(includeBlocked ? { includeBlocked } : {}),
    })
  })
  app.get<GetTaskRequest>('/api/v1/tenants/:tenant/tasks/:id', { schema: getTaskSchema }, async (request) =>
    getCallTask(requestContext(request), { id: request.params.id }),
  )
  app.post<TaskOutcomeRequest>(
    '/api/v1/tenants/:tenant/tasks/:id/outcome',
    { schema: taskOutcomeSchema },
    async (request) =>
      recordCallOutcome(requestContext(request), { task: request.params.id, ...request.body }),
  )
}
