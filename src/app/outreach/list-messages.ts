import { AppError } from '../../core/errors/index.ts'
import {
  listMessages as listMessageRows,
  type MessageListing,
} from '../../store/outreach/message-listing.repository.ts'
import type { MessageStatus } from '../../store/schema.ts'
import type { AppContext } from '../app-context.ts'
import { authorize } from '../authorize.ts'

export const LISTED_STATUSES: readonly MessageStatus[] = [
  'queued',
  'sending',
  'sent',
  'delivered',
  'bounced',
  'failed',
  'suppressed',
]

export interface ListMessagesInput {
  account?: string
  status?: string
  limit?: number
}

/** The actor's tenant's messages with their send-time compliance check, status and receipts. */
export async function listMessages(ctx: AppContext, input: ListMessagesInput): Promise<MessageListing[]> {
  // Messages are part of an account's timeline: whoever may read timelines may list them.
  authorize(ctx.actor, 'accounts.explain')
  const status = input.status
  if (status !== undefined && !(LISTED_STATUSES as readonly string[]).includes(status))
    throw new AppError(
      'invalid_message_status',
      `status must be one of ${LISTED_STATUSES.join(', ')}, not "${status}"`,
    )
  const limit = input.limit ?? 100
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
    throw new AppError('invalid_option', `limit must be a whole number from 1 to 10000, not ${limit}`)
  return listMessageRows(ctx.store.db, ctx.actor.tenant.id, {
    limit,
    ...(input.account ? { account: input.account } : {}),
    ...(status ? { status: status as MessageStatus } : {}),
  })
}
