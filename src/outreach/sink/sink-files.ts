import { lstat, open, readdir, readFile } from 'node:fs/promises'
import { join, resolve, sep } from 'node:path'
import { simpleParser } from 'mailparser'
import type { SinkFolders } from '../../config/outreach-config.ts'

/**
 * Reading what the development sinks captured (docs/outreach.md, "Development sinks"): the mail
 * sink's `.eml` files (named by arrival instant and sequence, src/outreach/email/mail-sink.ts) and
 * the SMS sink's JSON files (named by the provider id, src/outreach/sms/sms-sink-sender.ts). Entries
 * are named by an id of their own (`mail-<file stem>`, `sms-<sid>`) that is checked against a strict
 * pattern and resolved inside the folder, so no path parameter can reach another file.
 */

export type SinkChannel = 'email' | 'sms'

/** One captured message as found in the folder, before its body is read. */
export interface SinkEntry {
  readonly id: string
  readonly channel: SinkChannel
  /** When the sink received it (ISO instant). */
  readonly receivedAt: string
  readonly file: string
  /** SMS only: what the file holds (small; read while listing). */
  readonly sms?: { readonly sid: string; readonly to: string; readonly body: string; readonly tenant: string }
}

/** A captured message read in full. */
export interface SinkMessage {
  readonly from: string | null
  readonly to: string
  readonly subject: string | null
  readonly text: string
  readonly html: string | null
  /** The Message-ID (mail) or sid (SMS): the provider id the messages table records. */
  readonly providerMessageId: string | null
  readonly attachments: readonly { filename: string | null; contentType: string; size: number }[]
}

const SINK_ID = /^(mail|sms)-([A-Za-z0-9-]{1,120})$/
const MAIL_FILE = /^([A-Za-z0-9-]{1,120})\.eml$/
const SMS_FILE = /^(SM[A-Za-z0-9]{1,118})\.json$/
const READ_AT_ONCE = 64
const STAMP = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z-/

/** Whether a text has the shape of a sink id (anything else is "not found" without touching disk). */
export function isSinkId(id: string): boolean {
  return SINK_ID.test(id)
}

async function names(dir: string | null): Promise<string[]> {
  if (dir === null) return []
  try {
    return await readdir(dir)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
}

/** The file an id names, inside its folder, or null (another shape, a folder not in use, not a file). */
export async function sinkFileOf(folders: SinkFolders, id: string): Promise<SinkEntry | null> {
  const m = SINK_ID.exec(id)
  if (!m) return null
  const channel: SinkChannel = m[1] === 'mail' ? 'email' : 'sms'
  const dir = channel === 'email' ? folders.mail : folders.sms
  if (dir === null) return null
  const file = resolve(dir, `${m[2]}${channel === 'email' ? '.eml' : '.json'}`)
  if (!file.startsWith(resolve(dir) + sep)) return null
  const stat = await lstat(file).catch(() => null)
  if (!stat?.isFile()) return null
  if (channel === 'email') return { id, channel, receivedAt: mailStamp(m[2] ?? '', stat.mtime), file }
  const sms = await readSms(file)
  return sms ? { id, channel, receivedAt: sms.receivedAt, file, sms } : null
}

function mailStamp(stem: string, fallback: Date): string {
  const m = STAMP.exec(stem)
  return m ? `${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z` : fallback.toISOString()
}

async function readSms(file: string) {
  try {
    const record = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>
    const text = (key: string) => (typeof record[key] === 'string' ? (record[key] as string) : '')
    return {
      sid: text('sid'),
      to: text('to'),
      body: text('body'),
      tenant: text('tenant'),
      receivedAt: text('receivedAt') || new Date(0).toISOString(),
    }
  } catch {
    return null
  }
}

/**
 * Every captured message in the folders, newest first (ties by id, descending). Mail is listed by
 * file name alone (its instant is in the name); texts are read, since their names carry no time and
 * the file is small. `smsTenant` keeps only that tenant's texts (the file names it).
 */
export async function listSinkEntries(folders: SinkFolders, smsTenant: string): Promise<SinkEntry[]> {
  const entries: SinkEntry[] = []
  for (const name of await names(folders.mail)) {
    const m = MAIL_FILE.exec(name)
    if (!m || folders.mail === null) continue
    const stem = m[1] ?? ''
    const file = join(folders.mail, name)
    const receivedAt = STAMP.test(stem)
      ? mailStamp(stem, new Date(0))
      : (await lstat(file)).mtime.toISOString()
    entries.push({ id: `mail-${stem}`, channel: 'email', receivedAt, file })
  }
  const smsDir = folders.sms
  const texts = smsDir === null ? [] : (await names(smsDir)).filter((name) => SMS_FILE.test(name))
  // Read a few dozen at a time: thousands of small files one after the other cost a wait each.
  for (let start = 0; start < texts.length; start += READ_AT_ONCE) {
    const batch = texts.slice(start, start + READ_AT_ONCE)
    const read = await Promise.all(batch.map((name) => readSms(join(smsDir as string, name))))
    batch.forEach((name, i) => {
      const sms = read[i]
      if (!sms || sms.tenant !== smsTenant) return
      const sid = name.slice(0, -'.json'.length)
      entries.push({
        id: `sms-${sid}`,
        channel: 'sms',
        receivedAt: sms.receivedAt,
        file: join(smsDir as string, name),
        sms,
      })
    })
  }
  return entries.sort((a, b) => compareNewestFirst(a, b))
}

/** Newest first; the same instant by id, descending (the mail sink's sequence is in its ids). */
export function compareNewestFirst(
  a: Pick<SinkEntry, 'receivedAt' | 'id'>,
  b: Pick<SinkEntry, 'receivedAt' | 'id'>,
): number {
  if (a.receivedAt !== b.receivedAt) return a.receivedAt < b.receivedAt ? 1 : -1
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0
}

/** The Message-ID header of a mail file, read from its first 64 KiB (null when it has none). */
export async function mailMessageId(file: string): Promise<string | null> {
  const handle = await open(file, 'r')
  try {
    const buffer = Buffer.alloc(64 * 1024)
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
    const head = buffer.subarray(0, bytesRead).toString('utf8')
    const end = head.search(/\r?\n\r?\n/)
    const headers = end >= 0 ? head.slice(0, end) : head
    return /^message-id:\s*(.+)$/im.exec(headers)?.[1]?.trim() ?? null
  } finally {
    await handle.close()
  }
}

/** The provider id an entry is recorded under: the mail's Message-ID, the text's sid. */
export async function providerIdOf(entry: SinkEntry): Promise<string | null> {
  return entry.channel === 'sms' ? (entry.sms?.sid ?? null) : mailMessageId(entry.file)
}

/** Reads one entry in full: the mail parsed with mailparser, the text as the sink wrote it. */
export async function readSinkMessage(entry: SinkEntry): Promise<SinkMessage> {
  if (entry.channel === 'sms') {
    const sms = entry.sms
    return {
      from: null,
      to: sms?.to ?? '',
      subject: null,
      text: sms?.body ?? '',
      html: null,
      providerMessageId: sms?.sid || null,
      attachments: [],
    }
  }
  const parsed = await simpleParser(await readFile(entry.file))
  const addresses = (value: typeof parsed.to) =>
    value === undefined ? '' : (Array.isArray(value) ? value : [value]).map((a) => a.text).join(', ')
  return {
    from: parsed.from?.text ?? null,
    to: addresses(parsed.to),
    subject: parsed.subject ?? null,
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : null,
    providerMessageId: parsed.messageId ?? null,
    attachments: parsed.attachments.map((a) => ({
      filename: a.filename ?? null,
      contentType: a.contentType,
      size: a.size,
    })),
  }
}
