import { createHash } from 'node:crypto'
import { localDateAt, parseLocalDate } from '../../core/calendar/local-date.ts'
import { PAPER_SIZES, type PaperSize } from '../../core/documents/document-model.ts'
import { AppError } from '../../core/errors/index.ts'
import {
  communicationsCsv,
  communicationsJson,
  type EvidenceDisputeFile,
  type EvidenceFacts,
  type EvidenceHeader,
  type EvidenceMailing,
  type EvidenceOriginal,
  evidenceModel,
  factsAsOf,
  letterPath,
  parseCheck,
  statementCsv,
} from '../../core/evidence/evidence-model.ts'
import { type ZipEntry, zipArchive } from '../../documents/zip-archive.ts'
import { readKeptLetter } from '../../outreach/letters/print-batch-sender.ts'
import {
  evidenceAccountRecords,
  evidenceAccounts,
  evidenceCalls,
  evidenceDebtor,
  evidenceJournalHead,
  evidenceMailingEvents,
  evidenceMessages,
} from '../../store/evidence/evidence.repository.ts'
import { appendJournalEvent, verifyJournalChain } from '../../store/journal.repository.ts'
import { listDisputeDocuments } from '../../store/portal/dispute-document.repository.ts'
import { actorLabel } from '../actor.ts'
import { type AppContext, inTransaction } from '../app-context.ts'
import { authorize } from '../authorize.ts'
import { evidenceView, readEvidenceFile } from '../records/dispute-evidence.ts'

/** What to put in an evidence pack. */
export interface BuildEvidencePackInput {
  /** External ids of the accounts: one, or several of one debtor. */
  readonly accounts: readonly string[]
  /** A caption instead of "Evidence pack" (a legal case's court, parties and number). */
  readonly header?: EvidenceHeader
  /** The day the pack is cut at, in the tenant's zone (default: today there). */
  readonly asOf?: string
  readonly paper?: PaperSize
  /** RECOUP_DATA_DIR: where the portal keeps dispute evidence (`disputes/<tenant id>/`). */
  readonly dataDir: string
  /** The print-and-mail sender's folder (RECOUP_SINK_DIR/letters), whose letter PDFs are the originals. */
  readonly letterDir: string | null
  /** The export's clock (tests). */
  readonly now?: Date
}

/** One file of the ZIP as manifest.json lists it. */
export interface ManifestFile {
  readonly path: string
  readonly what: string
  readonly bytes: number
  readonly sha256: string
}

export interface EvidencePack {
  readonly pdf: Uint8Array
  readonly zip: Uint8Array
  readonly manifest: {
    readonly tenant: string
    readonly debtor: string
    readonly accounts: readonly string[]
    readonly asOf: string
    readonly generatedAt: string
    readonly generatedBy: string
    readonly title: string
    readonly journal: { readonly intact: boolean; readonly headSeq: number; readonly headHash: string }
    readonly files: readonly ManifestFile[]
  }
  readonly sha256: { readonly pdf: string; readonly zip: string; readonly manifest: string }
  /** The journal event that records the export. */
  readonly journalSeq: number
}

const MAX_ACCOUNTS = 100
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'))

function checkedInput(input: BuildEvidencePackInput) {
  const accounts = [...new Set(input.accounts.map((a) => a.trim()))].filter((a) => a !== '')
  if (accounts.length === 0) throw new AppError('missing_option', 'name at least one account')
  if (accounts.length > MAX_ACCOUNTS)
    throw new AppError(
      'invalid_option',
      `an evidence pack holds at most ${MAX_ACCOUNTS} accounts, not ${accounts.length}`,
    )
  if (input.asOf !== undefined) {
    const parsed = parseLocalDate(input.asOf)
    if (!parsed.ok) throw new AppError('invalid_date', `asOf: ${parsed.reason}`, { field: 'asOf' })
  }
  if (input.paper !== undefined && !PAPER_SIZES.includes(input.paper))
    throw new AppError('invalid_paper_size', `paper must be A4 or LETTER, not "${input.paper}"`)
  const header = input.header
  if (header) {
    if (header.title.trim() === '' || header.title.length > 200)
      throw new AppError('invalid_option', 'header.title must hold 1 to 200 characters', {
        field: 'header.title',
      })
    if (header.lines.length > 20 || header.lines.some((l) => l.length > 300))
      throw new AppError('invalid_option', 'header.lines holds at most 20 lines of 300 characters', {
        field: 'header.lines',
      })
  }
  return { accounts, header: header ?? null }
}

/**
 * The evidence pack of one account, or several of one debtor (docs/evidence-pack.md): one PDF with the
 * statement (ledger lines and running balance), every communication with its date, channel, template,
 * status and compliance checks, the letters with their proof of mailing, the disputes and their
 * answers, payments, promises, plans and settlements, and the journal's verification; and a ZIP with
 * that PDF, the statement and communications as CSV and JSON, the letters' and the dispute evidence's
 * original files and manifest.json with the SHA-256 of each. Permission `evidence.export`; an account
 * of another tenant or client is `account_not_found`. Journaled as `evidence.exported` (who exported
 * which debtor's accounts, and the digests of what left).
 */
export async function buildEvidencePack(
  ctx: AppContext,
  input: BuildEvidencePackInput,
): Promise<EvidencePack> {
  authorize(ctx.actor, 'evidence.export')
  const { accounts: refs, header } = checkedInput(input)
  const { tenant } = ctx.actor
  const db = ctx.store.db
  const now = input.now ?? new Date()
  const asOf = input.asOf ?? localDateAt(now, tenant.time_zone)

  const found = await evidenceAccounts(db, tenant.id, refs, ctx.actor.clientIds)
  const missing = refs.find((r) => !found.some((a) => a.externalId === r))
  if (missing !== undefined)
    throw new AppError('account_not_found', `no account with external id "${missing}" in this tenant`)
  const accounts = refs.map((r) => found.find((a) => a.externalId === r) as (typeof found)[number])
  const debtorIds = new Set(accounts.map((a) => a.debtorId))
  if (debtorIds.size > 1)
    throw new AppError(
      'invalid_option',
      `an evidence pack covers the accounts of one debtor; ${refs.join(', ')} belong to ${debtorIds.size} debtors`,
      { field: 'accounts' },
    )
  const first = accounts[0] as (typeof accounts)[number]
  const debtor = await evidenceDebtor(db, tenant.id, first.debtorId)
  const refOf = new Map(accounts.map((a) => [a.id, a]))

  const accountFacts = []
  const disputeFiles: (EvidenceDisputeFile & { bytes: Uint8Array | null })[] = []
  for (const a of accounts) {
    const records = await evidenceAccountRecords(db, tenant.id, a)
    accountFacts.push({
      externalId: a.externalId,
      client: a.client ?? null,
      originalCreditor: a.originalCreditor,
      currentCreditor: a.currentCreditor,
      debtKind: a.debtKind,
      currency: a.currency,
      jurisdiction: a.jurisdiction,
      openedOn: a.openedOn,
      dueOn: a.dueOn,
      chargeOffOn: a.chargeOffOn,
      status: a.status,
      closedOn: a.closedOn,
      closeReason: a.closeReason,
      ledger: records.ledger.map((l) => ({ ...l, memo: l.memo ?? null, payment: l.payment ?? null })),
      payments: records.payments,
      promises: records.promises,
      plans: records.plans,
      settlements: records.settlements,
      disputes: records.disputes.map((d) => ({
        ...d,
        receivedAt: iso(d.receivedAt) as string,
        verificationSentAt: iso(d.verificationSentAt),
        resolvedAt: iso(d.resolvedAt),
      })),
    })
    for (const row of await listDisputeDocuments(db, tenant.id, a.id)) {
      const file = await readEvidenceFile(input.dataDir, tenant.id, row)
      const view = evidenceView(row)
      disputeFiles.push({
        account: a.externalId,
        disputeId: row.disputeId,
        fileName: view.fileName,
        contentType: row.contentType,
        sizeBytes: row.sizeBytes,
        sha256: row.sha256,
        uploadedBy: row.uploadedBy,
        uploadedAt: row.uploadedAt,
        state: file.state,
        bytes: file.state === 'included' ? new Uint8Array(file.bytes) : null,
      })
    }
  }

  const accountIds = accounts.map((a) => a.id)
  const messageRows = await evidenceMessages(db, tenant.id, accountIds)
  const messages = messageRows.map((m) => ({
    id: m.id,
    channel: m.channel,
    recipient: m.recipient,
    subject: m.subject,
    status: m.status,
    provider: m.provider,
    providerMessageId: m.providerMessageId,
    error: m.error,
    attempts: m.attempts,
    createdAt: m.createdAt,
    sentAt: iso(m.sentAt),
    compliance: parseCheck(m.compliance),
    carried: m.carried.map((c) => {
      const account = refOf.get(c.accountId)
      return {
        account: account?.externalId ?? String(c.accountId),
        jurisdiction: account?.jurisdiction ?? '',
        action: parseObject(c.payload),
        compliance: parseCheck(c.compliance),
        approvedBy: c.approvedBy ?? null,
      }
    }),
    events: m.events.map((e) => ({
      kind: e.kind,
      detail: e.detail,
      text: e.text,
      occurredAt: iso(e.occurredAt) as string,
    })),
  }))
  const calls = (await evidenceCalls(db, tenant.id, accountIds)).map((c) => ({
    id: c.id,
    account: refOf.get(c.accountId)?.externalId ?? String(c.accountId),
    dueAt: iso(c.dueAt) as string,
    status: c.status,
    outcome: c.outcome,
    outcomeNote: c.outcomeNote,
    outcomeAt: iso(c.outcomeAt),
    outcomeBy: c.outcomeBy,
  }))
  const mailings = mailingsOf(
    await evidenceMailingEvents(
      db,
      tenant.id,
      messages.map((m) => m.id),
    ),
    accounts,
  )

  const head = await evidenceJournalHead(db, tenant.id)
  const verdict = await verifyJournalChain(db, tenant.id, { coverage: true })

  const facts: EvidenceFacts = factsAsOf({
    tenant: { name: tenant.name, slug: tenant.slug, timeZone: tenant.time_zone },
    header,
    asOf,
    generatedAt: now.toISOString(),
    generatedBy: actorLabel(ctx.actor),
    debtor: { externalId: debtor.externalId, name: debtor.name, addressLines: addressLines(debtor.address) },
    accounts: accountFacts,
    messages,
    calls,
    mailings,
    disputeFiles: disputeFiles.map(({ bytes: _bytes, ...f }) => f),
    journal: {
      events: verdict.events,
      rowsChecked: verdict.rowsChecked,
      headSeq: head.seq,
      headHash: head.hash,
      firstBreak: verdict.firstBreak
        ? { seq: verdict.firstBreak.seq, reason: verdict.firstBreak.reason }
        : null,
    },
  })

  // The files beside the PDF, then the PDF that lists them, then the manifest of all.
  const entries: (ZipEntry & { what: string })[] = [
    {
      name: 'statement.csv',
      what: 'account statement: ledger lines with running balance',
      bytes: utf8(statementCsv(facts)),
    },
    {
      name: 'communications.csv',
      what: 'communications with their compliance checks',
      bytes: utf8(communicationsCsv(facts)),
    },
    {
      name: 'communications.json',
      what: 'communications, calls and mailing records in full',
      bytes: utf8(communicationsJson(facts)),
    },
  ]
  const originals: EvidenceOriginal[] = []
  for (const m of facts.messages) {
    if (m.channel !== 'letter' || m.providerMessageId === null) continue
    const kept = input.letterDir ? readKeptLetter(input.letterDir, tenant.slug, m.providerMessageId) : null
    const path = letterPath(m)
    if (kept)
      entries.push({ name: path, what: `letter M${m.id} as printed`, bytes: new Uint8Array(kept.pdf) })
    else
      originals.push({
        path,
        what: `letter M${m.id} as printed`,
        sha256: null,
        bytes: null,
        missing: 'not kept by the print-and-mail sender of this installation',
      })
  }
  for (const f of disputeFiles) {
    if (!facts.disputeFiles.some((x) => x.fileName === f.fileName)) continue
    const path = `dispute-evidence/${f.fileName}`
    const what = `evidence uploaded to dispute ${f.disputeId}`
    if (f.bytes) entries.push({ name: path, what, bytes: f.bytes })
    else
      originals.push({
        path,
        what,
        sha256: f.sha256,
        bytes: f.sizeBytes,
        missing:
          f.state === 'altered'
            ? 'no longer matches its recorded SHA-256'
            : 'missing from the data directory',
      })
  }
  const listed: EvidenceOriginal[] = [
    ...entries.map((e) => ({
      path: e.name,
      what: e.what,
      sha256: sha256(e.bytes),
      bytes: e.bytes.length,
      missing: null,
    })),
    ...originals,
  ]
  const model = evidenceModel(facts, listed)
  const { renderEvidencePackPdf } = await import('../../documents/evidence-pack-pdf.ts')
  const pdf = await renderEvidencePackPdf(model, input.paper ?? 'A4')
  entries.unshift({ name: 'pack.pdf', what: 'the evidence pack', bytes: pdf })

  const manifest: EvidencePack['manifest'] = {
    tenant: tenant.slug,
    debtor: debtor.externalId,
    accounts: refs,
    asOf,
    generatedAt: facts.generatedAt,
    generatedBy: facts.generatedBy,
    title: model.title,
    journal: { intact: facts.journal.firstBreak === null, headSeq: head.seq, headHash: head.hash },
    files: entries.map((e) => ({
      path: e.name,
      what: e.what,
      bytes: e.bytes.length,
      sha256: sha256(e.bytes),
    })),
  }
  const manifestBytes = utf8(`${JSON.stringify(manifest, null, 2)}\n`)
  const zip = zipArchive([...entries, { name: 'manifest.json', bytes: manifestBytes }], now)
  const digests = { pdf: sha256(pdf), zip: sha256(zip), manifest: sha256(manifestBytes) }
  const event = await inTransaction(ctx, (trx) =>
    appendJournalEvent(trx, {
      tenantId: tenant.id,
      type: 'evidence.exported',
      actor: actorLabel(ctx.actor),
      subject: `debtor:${debtor.id}`,
      payload: {
        debtor: debtor.externalId,
        accounts: refs,
        asOf,
        title: model.title,
        files: manifest.files.length,
        sha256: digests,
      },
    }),
  )
  return { pdf, zip, manifest, sha256: digests, journalSeq: event.seq }
}

/** A timestamp column as ISO text (PostgreSQL answers Date objects for timestamptz). */
function iso(value: string | Date | null): string | null {
  if (value === null) return null
  return new Date(value).toISOString()
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {}
  } catch {
    return {}
  }
}

function addressLines(
  address: {
    line1: string | null
    line2: string | null
    city: string | null
    region: string | null
    postalCode: string | null
    country: string
  } | null,
): string[] {
  if (!address) return []
  const place = [address.postalCode, address.city, address.region].filter(Boolean).join(' ')
  return [address.line1, address.line2, place, address.country].filter(
    (l): l is string => !!l && l.trim() !== '',
  )
}

/** The mailing records about the pack's accounts: letters.mailed by account id, batches by reference. */
function mailingsOf(
  events: Awaited<ReturnType<typeof evidenceMailingEvents>>,
  accounts: readonly { id: number; externalId: string }[],
): EvidenceMailing[] {
  const out: EvidenceMailing[] = []
  for (const e of events) {
    const payload = parseObject(e.payload)
    const letters = Array.isArray(payload.letters) ? (payload.letters as Record<string, unknown>[]) : []
    const common = { seq: Number(e.seq), occurredAt: e.occurredAt, actor: e.actor, hash: e.hash }
    if (e.type === 'letters.mailed') {
      const messageId = typeof payload.messageId === 'number' ? payload.messageId : null
      for (const l of letters) {
        const account = accounts.find((a) => a.id === l.accountId)
        if (!account) continue
        out.push({
          ...common,
          type: 'letters.mailed',
          messageId,
          account: account.externalId,
          kind: String(l.kind ?? ''),
          mailingDate: String(l.mailingDate ?? ''),
        })
      }
    } else {
      for (const l of letters) {
        const account = accounts.find((a) => a.externalId === l.account)
        if (!account) continue
        out.push({
          ...common,
          type: 'letters.batch_exported',
          messageId: null,
          account: account.externalId,
          kind: String(payload.kind ?? ''),
          mailingDate: String(payload.mailingDate ?? ''),
        })
      }
    }
  }
  return out
}
