import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
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

/** Writes a file whole or not at all: a temporary name, then a rename. */
function writeAtomically(file: string, data: string | Uint8Array): void {
  const temporary = `${file}.${process.pid}.tmp`
  writeFileSync(temporary, data)
  renameSync(temporary, file)
}

/**
 * The print-and-mail letter "provider": each letter is kept as its PDF and a JSON record, named by its
 * idempotency key, under `DIR/TENANT/MAILING-DAY/` (a repeated key, also after a crash, finds its
 * record and is never printed twice). After each dispatcher pass `flush` writes, for every day it
 * touched, the day's batch per paper size: `batch-A4.pdf` with every letter of the day and
 * `manifest-A4.csv` for the print house (docs/outreach.md, "Letters"). Batches are rebuilt whole from
 * the records, so a crash mid-flush leaves the previous batch intact and the next flush completes it.
 */
export class PrintBatchSender implements MessageSender {
  readonly channel = 'letter' as const
  readonly provider = 'print-batch'
  private readonly touched = new Set<string>()

  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true })
  }

  /** Keeps one letter (see the MessageSender contract). */
  async send(message: OutboundMessage): Promise<SendOutcome> {
    const letter = message.letter
    const pdf = message.attachments?.[0]
    if (!letter || !pdf) return { status: 'permanent', reason: 'a letter needs its document and PDF' }
    const id = `L${createHash('sha256').update(message.idempotencyKey).digest('hex').slice(0, 32)}`
    const day = join(this.dir, safeName(message.tenant), letter.mailingDate)
    const recordFile = join(day, `${id}.json`)
    try {
      mkdirSync(day, { recursive: true })
      if (!existsSync(recordFile)) {
        // The PDF first, then the record: a record means its PDF is whole.
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
        writeAtomically(recordFile, `${JSON.stringify(record)}\n`)
      }
    } catch (error) {
      return { status: 'transient', reason: `cannot write the letter: ${(error as Error).message}` }
    }
    this.touched.add(day)
    return { status: 'accepted', providerMessageId: id }
  }

  /** Rebuilds the batch PDF and manifest of every day a letter went into since the last flush. */
  async flush(): Promise<void> {
    for (const day of [...this.touched]) {
      await writeDayBatches(day)
      this.touched.delete(day)
    }
  }
}

/** The batches of one mailing day's folder, one per paper size, from its letter records. */
export async function writeDayBatches(day: string): Promise<void> {
  const records = readdirSync(day)
    .filter((name) => /^L[0-9a-f]{32}\.json$/.test(name))
    .sort()
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

function safeName(value: string): string {
  return value.replace(/[^A-Za-z0-9._-]/g, '_')
}
