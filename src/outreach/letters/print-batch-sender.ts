import { createHash } from 'node:crypto'
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import type { MessageSender, OutboundMessage, SendOutcome } from '../../core/channels/message-sender.ts'
import { PAPER_SIZES } from '../../core/documents/document-model.ts'
import { type BatchLetter, renderLetterBatch } from '../../documents/letter-batch.ts'

/** What is kept of one letter beside its PDF: the manifest line's facts and the laid-out document. */
interface LetterRecord extends BatchLetter {
  readonly id: string
  readonly kind: string
  readonly paper: string
  readonly tenant: string
  readonly printedAt: string
}

/** A lock older than this belongs to a process that died while rebuilding a day: it is taken over. */
const STALE_LOCK_MS = 120_000

/** Writes a file whole or not at all: a temporary name, then a rename. */
function writeAtomically(file: string, data: string | Uint8Array): void {
  const temporary = `${file}.${process.pid}.tmp`
  writeFileSync(temporary, data)
  renameSync(temporary, file)
}

/**
 * The print-and-mail letter "provider" (docs/outreach.md, "Letters"). Each letter is kept as its PDF
 * and a JSON record under `DIR/TENANT/MAILING-DAY/`, and its idempotency key as
 * `DIR/TENANT/keys/L<hash>.json` naming that day: a key handed over again (after a crash, also on a
 * later day) answers the first hand-off and its mailing day, and is never printed twice. Each day a
 * letter went into is marked pending (`DIR/.pending/TENANT__DAY`); `flush`, after every dispatcher pass
 * and at the first pass after a restart, rebuilds every pending day's batch per paper size
 * (`batch-A4.pdf` and `manifest-A4.csv`) from the records, under a per-day lock so two dispatchers never
 * overwrite each other's batch.
 */
export class PrintBatchSender implements MessageSender {
  readonly channel = 'letter' as const
  readonly provider = 'print-batch'

  constructor(private readonly dir: string) {
    mkdirSync(join(dir, '.pending'), { recursive: true })
    mkdirSync(join(dir, '.locks'), { recursive: true })
  }

  /** Keeps one letter (see the MessageSender contract). */
  async send(message: OutboundMessage): Promise<SendOutcome> {
    const letter = message.letter
    const pdf = message.attachments?.[0]
    if (!letter || !pdf) return { status: 'permanent', reason: 'a letter needs its document and PDF' }
    const tenant = safeName(message.tenant)
    const id = `L${createHash('sha256').update(message.idempotencyKey).digest('hex').slice(0, 32)}`
    const keyFile = join(this.dir, tenant, 'keys', `${id}.json`)
    try {
      if (existsSync(keyFile)) {
        const first = JSON.parse(readFileSync(keyFile, 'utf8')) as { mailingDate: string }
        this.markPending(tenant, first.mailingDate)
        return { status: 'accepted', providerMessageId: id, mailedOn: first.mailingDate }
      }
      const day = join(this.dir, tenant, letter.mailingDate)
      mkdirSync(day, { recursive: true })
      mkdirSync(join(this.dir, tenant, 'keys'), { recursive: true })
      // The PDF, then its record, then the key: a key means its letter is whole in its day's folder.
      writeAtomically(join(day, `${id}.pdf`), pdf.bytes)
      const record: LetterRecord = {
        id,
        account: message.account,
        kind: letter.kind,
        paper: letter.paper,
        mailingDate: letter.mailingDate,
        tenant: message.tenant,
        printedAt: new Date().toISOString(),
        model: letter.model,
      }
      writeAtomically(join(day, `${id}.json`), `${JSON.stringify(record)}\n`)
      this.markPending(tenant, letter.mailingDate)
      writeAtomically(keyFile, `${JSON.stringify({ mailingDate: letter.mailingDate })}\n`)
    } catch (error) {
      return { status: 'transient', reason: `cannot write the letter: ${(error as Error).message}` }
    }
    return { status: 'accepted', providerMessageId: id, mailedOn: letter.mailingDate }
  }

  /** Rebuilds the batches of every pending day (also those a crashed process left pending). */
  async flush(): Promise<void> {
    const pending = join(this.dir, '.pending')
    for (const name of readdirSync(pending)) {
      const [tenant, day] = name.split('__')
      if (!tenant || !day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) continue
      const lock = join(this.dir, '.locks', name)
      if (!takeLock(lock)) continue
      try {
        // Claimed before reading: a letter printed meanwhile marks the day pending again.
        rmSync(join(pending, name), { force: true })
        await writeDayBatches(join(this.dir, tenant, day))
      } catch (error) {
        this.markPending(tenant, day)
        throw error
      } finally {
        rmSync(lock, { force: true })
      }
    }
  }

  private markPending(tenant: string, day: string): void {
    writeFileSync(join(this.dir, '.pending', `${tenant}__${day}`), '')
  }
}

/** Creates the lock file, or takes over one a dead process left; false when another process holds it. */
function takeLock(lock: string): boolean {
  try {
    writeFileSync(lock, String(process.pid), { flag: 'wx' })
    return true
  } catch {
    try {
      if (Date.now() - statSync(lock).mtimeMs < STALE_LOCK_MS) return false
      writeFileSync(lock, String(process.pid))
      return true
    } catch {
      return false
    }
  }
}

/** The batches of one mailing day's folder, one per paper size, from its letter records. */
export async function writeDayBatches(day: string): Promise<void> {
  if (!existsSync(day)) return
  const records = readdirSync(day)
    .filter((name) => /^L[0-9a-f]{32}\.json$/.test(name))
    .map((name) => JSON.parse(readFileSync(join(day, name), 'utf8')) as LetterRecord)
    .sort((a, b) => a.printedAt.localeCompare(b.printedAt) || a.id.localeCompare(b.id))
  for (const paper of PAPER_SIZES) {
    const letters = records.filter((r) => r.paper === paper)
    if (letters.length === 0) continue
    const { pdf, manifestCsv } = await renderLetterBatch(letters, paper)
    writeAtomically(join(day, `batch-${paper}.pdf`), pdf)
    writeAtomically(join(day, `manifest-${paper}.csv`), manifestCsv)
  }
}

/** A tenant slug as a folder name: letters, digits, dash, dot and underscore; never "." or "..". */
function safeName(value: string): string {
  const safe = value.replace(/[^A-Za-z0-9._-]/g, '_')
  return /^\.+$/.test(safe) ? safe.replace(/\./g, '_') : safe
}

/**
 * The PDF the sender kept of one letter (the evidence pack's original), found by the tenant and the
 * reference it answered (`L` and 32 hex digits) through its key file's mailing day; null when this
 * folder holds no such letter (another sender printed it, or the folder was moved).
 */
export function readKeptLetter(
  dir: string,
  tenant: string,
  providerMessageId: string,
): { pdf: Buffer; mailingDate: string } | null {
  if (!/^L[0-9a-f]{32}$/.test(providerMessageId)) return null
  const folder = join(dir, safeName(tenant))
  try {
    const key = JSON.parse(readFileSync(join(folder, 'keys', `${providerMessageId}.json`), 'utf8')) as {
      mailingDate?: unknown
    }
    const day = typeof key.mailingDate === 'string' ? key.mailingDate : ''
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null
    return { pdf: readFileSync(join(folder, day, `${providerMessageId}.pdf`)), mailingDate: day }
  } catch {
    return null
  }
}
