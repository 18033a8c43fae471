import type { SinkFolders } from '../../config/outreach-config.ts'
import { AppError } from '../../core/errors/index.ts'
import { decodeCursor, encodeCursor, type ListSort } from '../../core/paging/page-cursor.ts'
import {
  compareNewestFirst,
  listSinkEntries,
  providerIdOf,
  readSinkMessage,
  type SinkEntry,
  sinkFileOf,
} from '../../outreach/sink/sink-files.ts'
import { tenantMessagesByProviderId } from '../../store/outreach/sink-links.repository.ts'
import type { AppContext } from '../app-context.ts'
import { authorize } from '../authorize.ts'

/** One captured mail or text as listed. */
export interface SinkMessageSummary {
  id: string
  channel: 'email' | 'sms'
  from: string | null
  to: string
  subject: string | null
  date: string
  preview: string
  /** The outbox message (`messages.id`) it was sent as, when known. */
  messageId: number | null
  providerMessageId: string | null
}

/** One captured message with its bodies. */
export interface SinkMessageDetail extends SinkMessageSummary {
  text: string
  /** The HTML part as a string (show it sandboxed: it is the message as sent), null for texts. */
  html: string | null
  attachments: { filename: string | null; contentType: string; size: number }[]
}

export const SINK_PAGE_DEFAULT = 20
export const SINK_PAGE_MAX = 100
const SORT: ListSort = { field: 'receivedAt', direction: 'desc' }
const PREVIEW_LENGTH = 200
const CHUNK = 100

function requireSinks(folders: SinkFolders): void {
  if (folders.mail === null && folders.sms === null)
    throw new AppError(
      'sink_not_configured',
      'this server sends mail and texts through providers; the development sinks are not in use ' +
        '(they are when RECOUP_SMTP_URL and RECOUP_SMS_URL are unset)',
    )
}

/**
 * Which entries are the tenant's, with their outbox message: a text names its tenant (the listing
 * keeps only the tenant's); a mail is the tenant's when the tenant's messages hold its Message-ID.
 */
async function owned(ctx: AppContext, entries: readonly SinkEntry[]) {
  const ids = await Promise.all(entries.map((entry) => providerIdOf(entry)))
  const known = await tenantMessagesByProviderId(
    ctx.store.db,
    ctx.actor.tenant.id,
    ids.filter((id): id is string => id !== null),
  )
  return entries.flatMap((entry, i) => {
    const providerId = ids[i] ?? null
    const messageId = providerId === null ? undefined : known.get(providerId)
    if (entry.channel === 'email' && messageId === undefined) return []
    return [{ entry, messageId: messageId ?? null }]
  })
}

async function summarise(entry: SinkEntry, messageId: number | null) {
  const message = await readSinkMessage(entry)
  const summary: SinkMessageSummary = {
    id: entry.id,
    channel: entry.channel,
    from: message.from,
    to: message.to,
    subject: message.subject,
    date: entry.receivedAt,
    preview: message.text.replace(/\s+/g, ' ').trim().slice(0, PREVIEW_LENGTH),
    messageId,
    providerMessageId: message.providerMessageId,
  }
  return { summary, message }
}

/**
 * The mail and texts the development sinks captured for the actor's tenant, newest first, a page at
 * a time (`limit` 1-100, default 20; `cursor` from the previous page). 404 `sink_not_configured` on
 * a server whose messages go to real providers.
 */
export async function listSinkMessages(
  ctx: AppContext,
  input: { folders: SinkFolders; limit?: number; cursor?: string },
): Promise<{ items: SinkMessageSummary[]; nextCursor: string | null }> {
  authorize(ctx.actor, 'sink.read')
  requireSinks(input.folders)
  const limit = input.limit ?? SINK_PAGE_DEFAULT
  if (!Number.isInteger(limit) || limit < 1 || limit > SINK_PAGE_MAX)
    throw new AppError(
      'invalid_option',
      `limit must be a whole number from 1 to ${SINK_PAGE_MAX}, not ${limit}`,
      {
        field: 'limit',
      },
    )
  const after = input.cursor ? afterOf(input.cursor) : null
  const entries = (await listSinkEntries(input.folders, ctx.actor.tenant.slug)).filter(
    (entry) => after === null || compareNewestFirst(entry, after) > 0,
  )
  const picked: { entry: SinkEntry; messageId: number | null }[] = []
  for (let start = 0; start < entries.length && picked.length <= limit; start += CHUNK)
    picked.push(...(await owned(ctx, entries.slice(start, start + CHUNK))))
  const page = picked.slice(0, limit)
  const items = await Promise.all(page.map(async (p) => (await summarise(p.entry, p.messageId)).summary))
  const last = page.at(-1)
  const nextCursor =
    picked.length > limit && last
      ? encodeCursor(SORT, { value: `${last.entry.receivedAt}|${last.entry.id}`, id: 0 })
      : null
  return { items, nextCursor }
}

function afterOf(cursor: string): { receivedAt: string; id: string } {
  const { value } = decodeCursor(cursor, SORT)
  const text = typeof value === 'string' ? value : ''
  const bar = text.indexOf('|')
  if (bar < 0)
    throw new AppError('invalid_cursor', 'cursor is not one this list gave out (not a cursor)', {
      field: 'cursor',
    })
  return { receivedAt: text.slice(0, bar), id: text.slice(bar + 1) }
}

/** One captured message of the actor's tenant with its text and HTML; another's is 404 like a missing one. */
export async function getSinkMessage(
  ctx: AppContext,
  input: { folders: SinkFolders; id: string },
): Promise<SinkMessageDetail> {
  authorize(ctx.actor, 'sink.read')
  requireSinks(input.folders)
  const notFound = () =>
    new AppError('sink_message_not_found', `no message "${input.id}" in the development sinks`, {
      id: input.id,
    })
  const entry = await sinkFileOf(input.folders, input.id)
  if (!entry || (entry.sms && entry.sms.tenant !== ctx.actor.tenant.slug)) throw notFound()
  const [mine] = await owned(ctx, [entry])
  if (!mine) throw notFound()
  const { summary, message } = await summarise(entry, mine.messageId)
  return { ...summary, text: message.text, html: message.html, attachments: [...message.attachments] }
}
