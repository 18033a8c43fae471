import { channelEffectiveness } from '../../core/analytics/channel-effectiveness.ts'
import type { ReportTable } from '../../core/analytics/report-table.ts'
import { AppError } from '../../core/errors/index.ts'
import { messagePaymentGroups } from '../../store/reports/message-payments.repository.ts'
import type { AppContext } from '../app-context.ts'
import { authorize, requireAllClients } from '../authorize.ts'
import { type ReportWindowInput, reportInstants, reportWindow } from './report-window.ts'

export interface ChannelEffectivenessInput extends ReportWindowInput {
  /** Days after a message in which a payment counts (default 7). */
  readonly withinDays?: number
}

/** The longest look-ahead after a message. */
export const MAX_WITHIN_DAYS = 365

/** Payments within N days of a message, by channel, template, tone and hour of sending. */
export async function getChannelEffectiveness(
  ctx: AppContext,
  input: ChannelEffectivenessInput = {},
): Promise<ReportTable> {
  authorize(ctx.actor, 'reports.analytics')
  requireAllClients(ctx.actor, 'read the analytics reports')
  const withinDays = input.withinDays ?? 7
  if (!Number.isSafeInteger(withinDays) || withinDays < 0 || withinDays > MAX_WITHIN_DAYS)
    throw new AppError(
      'invalid_option',
      `within-days must be a whole number from 0 to ${MAX_WITHIN_DAYS}, not ${withinDays}`,
      { field: 'withinDays' },
    )
  const { from, to } = reportWindow(ctx, input)
  const groups = await messagePaymentGroups(ctx.store.db, reportInstants(ctx, from, to), withinDays)
  return channelEffectiveness(groups, withinDays)
}
