import { localDateAt } from '../calendar/local-date.ts'
import type { DocumentBlock } from '../documents/document-model.ts'
import { formatAmount } from '../money/money.ts'
import { letterKindOf } from '../outreach/letter-kind.ts'

/**
 * The evidence pack of some accounts of one debtor (docs/evidence-pack.md), from plain data read from
 * the books: the sections of the PDF (statement, communications with their compliance checks, letters
 * with proof of mailing, disputes and their answers, payments, promises and plans, the journal's
 * verification, the originals in the ZIP) and the CSV and JSON files beside it. Pure: the same facts
 * give the same bytes.
 */

/** A caption a caller puts on the pack (a legal case's court, parties and number). */
export interface EvidenceHeader {
  readonly title: string
  readonly lines: readonly string[]
}

export interface EvidenceLedgerLine {
  readonly id: number
  readonly kind: string
  readonly component: string
  readonly amountMinor: number
  readonly effectiveOn: string
  readonly reference: string | null
  readonly memo: string | null
  readonly payment: string | null
}

export interface EvidencePayment {
  readonly reference: string
  readonly amountMinor: number
  readonly currency: string
  readonly receivedOn: string
  readonly source: string
  readonly status: string
  readonly reversedAt: string | null
  readonly reversalReason: string | null
}

export interface EvidencePromise {
  readonly amountMinor: number
  readonly dueOn: string
  readonly state: string
  readonly channel: string | null
  readonly takenBy: string | null
  readonly takenOn: string | null
}

export interface EvidencePlan {
  readonly id: number
  readonly status: string
  readonly frequency: string
  readonly totalMinor: number
  readonly downPaymentMinor: number
  readonly createdOn: string
  readonly approvedBy: string | null
  readonly brokenOn: string | null
  readonly instalments: readonly { seq: number; dueOn: string; amountMinor: number }[]
}

export interface EvidenceSettlement {
  readonly offerMinor: number
  readonly createdOn: string
  readonly expiresOn: string
  readonly status: string
  readonly settledOn: string | null
}

export interface EvidenceDispute {
  readonly id: number
  readonly receivedAt: string
  readonly written: boolean
  readonly channel: string | null
  readonly amountMinor: number | null
  readonly reason: string | null
  readonly verificationSentAt: string | null
  readonly resolvedAt: string | null
  readonly resolution: string | null
}

export interface EvidenceAccount {
  readonly externalId: string
  readonly client: string | null
  readonly originalCreditor: string
  readonly currentCreditor: string
  readonly debtKind: string
  readonly currency: string
  readonly jurisdiction: string
  readonly openedOn: string
  readonly dueOn: string
  readonly chargeOffOn: string | null
  readonly status: string
  readonly closedOn: string | null
  readonly closeReason: string | null
  readonly ledger: readonly EvidenceLedgerLine[]
  readonly payments: readonly EvidencePayment[]
  readonly promises: readonly EvidencePromise[]
  readonly plans: readonly EvidencePlan[]
  readonly settlements: readonly EvidenceSettlement[]
  readonly disputes: readonly EvidenceDispute[]
}

/** A compliance result as stored (JSON text parsed): outcome and reasons. */
export interface EvidenceCheck {
  readonly outcome: string
  readonly checkedAt: string | null
  readonly reasons: readonly { ruleId: string; citation: string | null; message: string }[]
}

/** One message (email, SMS, letter) with the outbox rows it carried. */
export interface EvidenceMessage {
  readonly id: number
  readonly channel: string
  readonly recipient: string
  readonly subject: string | null
  readonly status: string
  readonly provider: string | null
  readonly providerMessageId: string | null
  readonly error: string | null
  readonly attempts: number
  readonly createdAt: string
  readonly sentAt: string | null
  /** The send-time check. */
  readonly compliance: EvidenceCheck
  readonly carried: readonly {
    readonly account: string
    readonly jurisdiction: string
    readonly action: Readonly<Record<string, unknown>>
    /** The decision-time check of the outbox row. */
    readonly compliance: EvidenceCheck
    readonly approvedBy: string | null
  }[]
  readonly events: readonly { kind: string; detail: string; text: string | null; occurredAt: string }[]
}

export interface EvidenceCall {
  readonly id: number
  readonly account: string
  readonly dueAt: string
  readonly status: string
  readonly outcome: string | null
  readonly outcomeNote: string | null
  readonly outcomeAt: string | null
  readonly outcomeBy: string | null
}

/** A journal record of mailing: the print-and-mail hand-off or a batch export. */
export interface EvidenceMailing {
  readonly seq: number
  readonly type: 'letters.mailed' | 'letters.batch_exported'
  readonly occurredAt: string
  readonly actor: string
  readonly hash: string
  readonly messageId: number | null
  readonly account: string
  readonly kind: string
  readonly mailingDate: string
}

/** A file of the ZIP besides the pack itself, as the PDF lists it. */
export interface EvidenceOriginal {
  readonly path: string
  readonly what: string
  readonly sha256: string | null
  readonly bytes: number | null
  /** Why the file is not in the ZIP (null: it is). */
  readonly missing: string | null
}

export interface EvidenceDisputeFile {
  readonly account: string
  readonly disputeId: number
  readonly fileName: string
  readonly contentType: string
  readonly sizeBytes: number
  readonly sha256: string
  readonly uploadedBy: string
  readonly uploadedAt: string
  /** In the ZIP, or why not (missing from the data directory, no longer matching its SHA-256). */
  readonly state: 'included' | 'missing' | 'altered'
}

export interface EvidenceJournal {
  readonly events: number
  readonly rowsChecked: number
  readonly headSeq: number
  readonly headHash: string
  readonly firstBreak: { seq: number | null; reason: string } | null
}

export interface EvidenceFacts {
  readonly tenant: { readonly name: string; readonly slug: string; readonly timeZone: string }
  readonly header: EvidenceHeader | null
  readonly asOf: string
  readonly generatedAt: string
  readonly generatedBy: string
  readonly debtor: {
    readonly externalId: string
    readonly name: string
    readonly addressLines: readonly string[]
  }
  readonly accounts: readonly EvidenceAccount[]
  readonly messages: readonly EvidenceMessage[]
  readonly calls: readonly EvidenceCall[]
  readonly mailings: readonly EvidenceMailing[]
  readonly disputeFiles: readonly EvidenceDisputeFile[]
  readonly journal: EvidenceJournal
}

/** One section of the pack: its heading and its blocks. */
export interface EvidenceSection {
  readonly id: string
  readonly heading: string
  readonly blocks: readonly DocumentBlock[]
}

/** The pack as the PDF lays it out. */
export interface EvidenceModel {
  readonly title: string
  readonly headerLines: readonly string[]
  readonly sections: readonly EvidenceSection[]
  /** Printed at the foot of every page, with the page number. */
  readonly footer: string
}

const money = (minor: number, currency: string) => `${formatAmount(minor, currency)} ${currency}`
const dash = (value: string | null | undefined) =>
  value === null || value === undefined || value === '' ? '-' : value
/** An instant as the pack prints it: UTC to the minute. */
export const printedInstant = (iso: string | null) =>
  iso === null ? '-' : `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null)
/** A SHA-256 in two lines of 32 hex digits: a 64-digit word fits no column. */
const hashText = (hex: string | null) =>
  hex === null ? '-' : hex.length > 32 ? `${hex.slice(0, 32)}\n${hex.slice(32)}` : hex

/** The day an instant falls on in the tenant's zone (what "as of" is compared with). */
function dayOf(iso: string, zone: string): string {
  return localDateAt(new Date(iso), zone)
}

/** What the pack holds: the facts dated on or before `asOf` (in the tenant's zone). */
export function factsAsOf(facts: EvidenceFacts): EvidenceFacts {
  const { asOf } = facts
  const zone = facts.tenant.timeZone
  const onOrBefore = (iso: string | null) => iso === null || dayOf(iso, zone) <= asOf
  return {
    ...facts,
    accounts: facts.accounts.map((a) => ({
      ...a,
      ledger: a.ledger.filter((l) => l.effectiveOn <= asOf),
      payments: a.payments.filter((p) => p.receivedOn <= asOf),
      promises: a.promises.filter((p) => (p.takenOn ?? p.dueOn) <= asOf),
      plans: a.plans.filter((p) => p.createdOn <= asOf),
      settlements: a.settlements.filter((s) => s.createdOn <= asOf),
      disputes: a.disputes
        .filter((d) => onOrBefore(d.receivedAt))
        .map((d) => ({
          ...d,
          verificationSentAt: onOrBefore(d.verificationSentAt) ? d.verificationSentAt : null,
          resolvedAt: onOrBefore(d.resolvedAt) ? d.resolvedAt : null,
          resolution: onOrBefore(d.resolvedAt) ? d.resolution : null,
        })),
    })),
    messages: facts.messages
      .filter((m) => onOrBefore(m.sentAt ?? m.compliance.checkedAt ?? m.createdAt))
      .map((m) => ({ ...m, events: m.events.filter((e) => onOrBefore(e.occurredAt)) })),
    calls: facts.calls.filter((c) => onOrBefore(c.outcomeAt ?? c.dueAt)),
    mailings: facts.mailings.filter((m) => m.mailingDate <= asOf),
    disputeFiles: facts.disputeFiles.filter((f) => onOrBefore(f.uploadedAt)),
  }
}

/** A stored compliance result (JSON text) as the pack shows it; malformed text is "unrecorded". */
export function parseCheck(text: string | null): EvidenceCheck {
  let value: unknown
  try {
    value = text ? JSON.parse(text) : null
  } catch {
    value = null
  }
  if (typeof value !== 'object' || value === null)
    return { outcome: 'unrecorded', checkedAt: null, reasons: [] }
  const v = value as Record<string, unknown>
  const reasons = Array.isArray(v.reasons)
    ? v.reasons.flatMap((r) => {
        if (typeof r !== 'object' || r === null) return []
        const x = r as Record<string, unknown>
        const ruleId = str(x.ruleId)
        return ruleId === null ? [] : [{ ruleId, citation: str(x.citation), message: str(x.message) ?? '' }]
      })
    : []
  return { outcome: str(v.outcome) ?? 'unrecorded', checkedAt: str(v.checkedAt), reasons }
}

/** "allow", or "block: rule-a, rule-b". */
function checkText(check: EvidenceCheck): string {
  const rules = [...new Set(check.reasons.map((r) => r.ruleId))]
  return check.outcome === 'allow' || rules.length === 0
    ? check.outcome
    : `${check.outcome}: ${rules.join(', ')}`
}

function reasonLines(check: EvidenceCheck): string[] {
  return check.reasons.map((r) => `${r.ruleId}${r.citation ? ` (${r.citation})` : ''}: ${r.message}`)
}

/** The template (or document) a message was for. */
export function templateOf(m: EvidenceMessage): string {
  const first = m.carried[0]
  if (!first) return '-'
  if (m.channel === 'letter') return letterKindOf(first.action, first.jurisdiction)
  return str(first.action.template) ?? str(first.action.type) ?? '-'
}

/** The statement of one account: its ledger lines oldest first with the balance after each. */
export function statementLines(account: EvidenceAccount) {
  const lines = [...account.ledger].sort((a, b) => a.effectiveOn.localeCompare(b.effectiveOn) || a.id - b.id)
  let balance = 0
  return lines.map((l) => {
    balance += l.amountMinor
    return { ...l, balanceMinor: balance }
  })
}

function accountFields(a: EvidenceAccount): DocumentBlock {
  const rows: [string, string][] = [
    ['Account', a.externalId],
    ['Original creditor', a.originalCreditor],
    ['Current creditor', a.currentCreditor],
  ]
  if (a.client) rows.push(['Client', a.client])
  rows.push(
    ['Debt', `${a.debtKind}, ${a.jurisdiction}, ${a.currency}`],
    ['Opened / due', `${a.openedOn} / ${a.dueOn}`],
    ['Charged off', dash(a.chargeOffOn)],
    [
      'Status',
      a.closedOn
        ? `${a.status} (closed ${a.closedOn}${a.closeReason ? `: ${a.closeReason}` : ''})`
        : a.status,
    ],
  )
  return { type: 'fields', rows }
}

function statementSection(facts: EvidenceFacts): EvidenceSection {
  const blocks: DocumentBlock[] = []
  for (const a of facts.accounts) {
    const lines = statementLines(a)
    const balance = lines.at(-1)?.balanceMinor ?? 0
    blocks.push({ type: 'heading', text: `Account ${a.externalId}` }, accountFields(a))
    blocks.push(
      lines.length === 0
        ? { type: 'paragraph', text: 'No ledger lines on or before the as-of date.' }
        : {
            type: 'table',
            columns: ['Date', 'Entry', 'Component', 'Reference', 'Amount', 'Balance'],
            widths: [1.1, 1, 1, 1.6, 1.1, 1.1],
            numeric: [4, 5],
            rows: lines.map((l) => [
              l.effectiveOn,
              l.kind,
              l.component,
              dash(l.payment ?? l.reference),
              formatAmount(l.amountMinor, a.currency),
              formatAmount(l.balanceMinor, a.currency),
            ]),
            total: ['', '', '', `Balance on ${facts.asOf}`, '', money(balance, a.currency)],
          },
    )
  }
  return { id: 'statement', heading: '1. Account statement', blocks }
}

function communicationsSection(facts: EvidenceFacts): EvidenceSection {
  const blocks: DocumentBlock[] = []
  const messages = facts.messages
  if (messages.length === 0 && facts.calls.length === 0)
    return {
      id: 'communications',
      heading: '2. Communications',
      blocks: [{ type: 'paragraph', text: 'No communication on record.' }],
    }
  blocks.push({
    type: 'paragraph',
    text:
      'Every message that carried the accounts, in the order it was made: when it was sent (or checked, ' +
      'if never sent), its channel, template, status, and the compliance check made when it was sent. ' +
      'Each message then lists the check made when the playbook decided it, the reasons of any block, ' +
      'and the receipts, replies and opt-outs recorded against it.',
  })
  blocks.push({
    type: 'table',
    columns: ['#', 'Date', 'Channel', 'Template', 'Status', 'Send-time check'],
    widths: [0.5, 1.7, 0.8, 1.6, 0.9, 1.8],
    numeric: [],
    rows: messages.map((m) => [
      `M${m.id}`,
      printedInstant(m.sentAt ?? m.compliance.checkedAt ?? m.createdAt),
      m.channel,
      templateOf(m),
      m.status,
      checkText(m.compliance),
    ]),
  })
  for (const m of messages) {
    const rows: [string, string][] = [
      ['Recipient', m.recipient],
      ['Made / sent', `${printedInstant(m.createdAt)} / ${printedInstant(m.sentAt)}`],
      ['Provider and reference', [m.provider, m.providerMessageId].filter(Boolean).join(' ') || '-'],
      ['Send-time check', `${checkText(m.compliance)} at ${printedInstant(m.compliance.checkedAt)}`],
    ]
    if (m.subject) rows.splice(1, 0, ['Subject', m.subject])
    if (m.error) rows.push(['Error', m.error])
    for (const c of m.carried)
      rows.push([
        `Decision-time check (${c.account})`,
        `${checkText(c.compliance)}${c.approvedBy ? `, released by ${c.approvedBy}` : ''}`,
      ])
    blocks.push(
      { type: 'heading', text: `M${m.id}: ${m.channel} ${templateOf(m)}` },
      { type: 'fields', rows },
    )
    const reasons = [...reasonLines(m.compliance), ...m.carried.flatMap((c) => reasonLines(c.compliance))]
    for (const line of [...new Set(reasons)]) blocks.push({ type: 'paragraph', text: `Reason: ${line}` })
    for (const e of m.events)
      blocks.push({
        type: 'paragraph',
        text: `${printedInstant(e.occurredAt)} ${e.kind}: ${e.detail}${e.text ? ` "${e.text}"` : ''}`,
      })
  }
  if (facts.calls.length > 0) {
    blocks.push({ type: 'heading', text: 'Calls' })
    blocks.push({
      type: 'table',
      columns: ['Account', 'Due', 'Status', 'Outcome', 'Recorded', 'By'],
      widths: [1.5, 1.6, 0.7, 1.6, 1.6, 0.9],
      numeric: [],
      rows: facts.calls.map((c) => [
        c.account,
        printedInstant(c.dueAt),
        c.status,
        dash(c.outcome) + (c.outcomeNote ? ` (${c.outcomeNote})` : ''),
        printedInstant(c.outcomeAt),
        dash(c.outcomeBy),
      ]),
    })
  }
  return { id: 'communications', heading: '2. Communications', blocks }
}

/** The letters (messages on the letter channel) with their mailing records and stored originals. */
function lettersSection(facts: EvidenceFacts, originals: readonly EvidenceOriginal[]): EvidenceSection {
  const letters = facts.messages.filter((m) => m.channel === 'letter')
  const batch = facts.mailings.filter((m) => m.type === 'letters.batch_exported')
  if (letters.length === 0 && batch.length === 0)
    return {
      id: 'letters',
      heading: '3. Notices and letters, with proof of mailing',
      blocks: [{ type: 'paragraph', text: 'No letter or notice on record.' }],
    }
  const rows = letters.map((m) => {
    const mailed = facts.mailings.find((x) => x.type === 'letters.mailed' && x.messageId === m.id)
    const original = originals.find((o) => o.path === letterPath(m))
    return [
      `M${m.id}`,
      templateOf(m),
      m.status,
      mailed ? mailed.mailingDate : printedInstant(m.sentAt),
      `${dash(m.provider)} ${dash(m.providerMessageId)}`,
      mailed ? `#${mailed.seq}` : '-',
      original && original.missing === null ? original.path : 'not stored',
    ]
  })
  for (const b of batch)
    rows.push(['-', b.kind, 'batch exported', b.mailingDate, 'document batch', `#${b.seq}`, 'not stored'])
  return {
    id: 'letters',
    heading: '3. Notices and letters, with proof of mailing',
    blocks: [
      {
        type: 'paragraph',
        text:
          'Each letter with the day it went into the mail as the journal recorded it (letters.mailed, or ' +
          'letters.batch_exported for a batch printed by hand), the print provider and its reference, ' +
          'the journal event (by seq) and the original PDF in the ZIP where the print-and-mail sender kept it.',
      },
      {
        type: 'table',
        columns: ['#', 'Document', 'Status', 'Mailed', 'Provider, reference', 'Journal', 'Original'],
        widths: [0.4, 0.9, 0.6, 0.9, 2.8, 0.6, 2.2],
        numeric: [],
        rows,
      },
    ],
  }
}

function disputesSection(facts: EvidenceFacts): EvidenceSection {
  const blocks: DocumentBlock[] = []
  for (const a of facts.accounts)
    for (const d of a.disputes) {
      blocks.push(
        { type: 'heading', text: `Dispute ${d.id} on account ${a.externalId}` },
        {
          type: 'fields',
          rows: [
            [
              'Received',
              `${printedInstant(d.receivedAt)}${d.written ? ', in writing' : ''}${d.channel ? ` by ${d.channel}` : ''}`,
            ],
            ['Amount disputed', d.amountMinor === null ? 'the whole debt' : money(d.amountMinor, a.currency)],
            ['Reason', dash(d.reason)],
            ['Verification sent', printedInstant(d.verificationSentAt)],
            [
              'Resolved',
              d.resolvedAt ? `${printedInstant(d.resolvedAt)} for the ${dash(d.resolution)}` : 'open',
            ],
          ],
        },
      )
      const files = facts.disputeFiles.filter((f) => f.disputeId === d.id)
      if (files.length > 0)
        blocks.push({
          type: 'table',
          columns: ['Evidence file', 'Type', 'Bytes', 'Uploaded', 'SHA-256', 'In ZIP'],
          widths: [1.9, 0.9, 0.6, 1.5, 3.3, 0.6],
          numeric: [2],
          rows: files.map((f) => [
            f.fileName,
            f.contentType,
            String(f.sizeBytes),
            `${printedInstant(f.uploadedAt)} by ${f.uploadedBy}`,
            hashText(f.sha256),
            f.state === 'included' ? 'yes' : f.state,
          ]),
        })
    }
  if (blocks.length === 0) blocks.push({ type: 'paragraph', text: 'No dispute on record.' })
  return { id: 'disputes', heading: '4. Disputes and answers', blocks }
}

function paymentsSection(facts: EvidenceFacts): EvidenceSection {
  const rows = facts.accounts.flatMap((a) =>
    a.payments.map((p) => [
      p.receivedOn,
      a.externalId,
      p.reference,
      p.source,
      p.status +
        (p.reversedAt
          ? ` ${printedInstant(p.reversedAt)}${p.reversalReason ? `: ${p.reversalReason}` : ''}`
          : ''),
      money(p.amountMinor, p.currency),
    ]),
  )
  return {
    id: 'payments',
    heading: '5. Payments',
    blocks:
      rows.length === 0
        ? [{ type: 'paragraph', text: 'No payment on record.' }]
        : [
            {
              type: 'table',
              columns: ['Received', 'Account', 'Reference', 'Source', 'Status', 'Amount'],
              widths: [0.9, 1.6, 1.6, 0.6, 1.2, 1.1],
              numeric: [5],
              rows,
            },
          ],
  }
}

function arrangementsSection(facts: EvidenceFacts): EvidenceSection {
  const blocks: DocumentBlock[] = []
  const promises = facts.accounts.flatMap((a) =>
    a.promises.map((p) => [
      a.externalId,
      dash(p.takenOn),
      p.dueOn,
      dash(p.channel),
      p.takenBy ? `${p.state} (${p.takenBy})` : p.state,
      money(p.amountMinor, a.currency),
    ]),
  )
  blocks.push({ type: 'heading', text: 'Promises to pay' })
  blocks.push(
    promises.length === 0
      ? { type: 'paragraph', text: 'No promise on record.' }
      : {
          type: 'table',
          columns: ['Account', 'Taken', 'Due', 'Channel', 'State (taken by)', 'Amount'],
          widths: [1.6, 0.9, 0.9, 0.7, 1.5, 1.1],
          numeric: [5],
          rows: promises,
        },
  )
  blocks.push({ type: 'heading', text: 'Payment plans' })
  let plans = 0
  for (const a of facts.accounts)
    for (const p of a.plans) {
      plans++
      blocks.push({
        type: 'paragraph',
        text:
          `Plan ${p.id} on account ${a.externalId}, agreed ${p.createdOn}: ${money(p.totalMinor, a.currency)} ` +
          `${p.frequency}, ${p.status}${p.brokenOn ? ` (broken ${p.brokenOn})` : ''}` +
          `${p.downPaymentMinor > 0 ? `, down payment ${money(p.downPaymentMinor, a.currency)}` : ''}` +
          `${p.approvedBy ? `, approved by ${p.approvedBy}` : ''}.`,
      })
      if (p.instalments.length > 0)
        blocks.push({
          type: 'table',
          columns: ['Instalment', 'Due', 'Amount'],
          numeric: [2],
          rows: p.instalments.map((i) => [String(i.seq), i.dueOn, money(i.amountMinor, a.currency)]),
        })
    }
  if (plans === 0) blocks.push({ type: 'paragraph', text: 'No payment plan on record.' })
  const settlements = facts.accounts.flatMap((a) =>
    a.settlements.map((s) => [
      a.externalId,
      s.createdOn,
      s.expiresOn,
      s.status,
      dash(s.settledOn),
      money(s.offerMinor, a.currency),
    ]),
  )
  if (settlements.length > 0)
    blocks.push(
      { type: 'heading', text: 'Settlement offers' },
      {
        type: 'table',
        columns: ['Account', 'Offered', 'Expires', 'Status', 'Settled', 'Amount'],
        numeric: [5],
        rows: settlements,
      },
    )
  return { id: 'arrangements', heading: '6. Promises, plans and settlements', blocks }
}

function journalSection(facts: EvidenceFacts): EvidenceSection {
  const j = facts.journal
  return {
    id: 'journal',
    heading: '7. Journal verification',
    blocks: [
      {
        type: 'paragraph',
        strong: true,
        text:
          j.firstBreak === null
            ? `Journal intact: ${j.events} events verified through seq ${j.headSeq}.`
            : `Journal NOT intact: ${j.firstBreak.seq === null ? 'a row no event records' : `seq ${j.firstBreak.seq}`}: ${j.firstBreak.reason}`,
      },
      {
        type: 'fields',
        rows: [
          ['Events in the hash chain', String(j.events)],
          ['Ledger lines and payments checked against their events', String(j.rowsChecked)],
          ['Head at verification', `seq ${j.headSeq}`],
          ['Head hash', hashText(j.headHash)],
          ['Verified at', printedInstant(facts.generatedAt)],
        ],
      },
      {
        type: 'paragraph',
        text:
          "The tenant's journal is a hash chain: each event holds the SHA-256 of the one before. Verification " +
          're-computes every hash, re-reads every ledger line and payment against the digest of the event ' +
          'that recorded it, and requires every such row to be recorded by an event (docs/audit.md). This ' +
          'export is itself journaled as evidence.exported, with the SHA-256 of the manifest.',
      },
    ],
  }
}

function originalsSection(originals: readonly EvidenceOriginal[]): EvidenceSection {
  return {
    id: 'originals',
    heading: '8. Files in the ZIP',
    blocks: [
      {
        type: 'paragraph',
        text:
          'The ZIP beside this PDF holds it, the files below and manifest.json with the SHA-256 of each file ' +
          '(this PDF included).',
      },
      {
        type: 'table',
        columns: ['File', 'Bytes', 'SHA-256'],
        widths: [3.4, 0.7, 3.1],
        numeric: [1],
        rows: originals.map((o) => [
          `${o.path}\n${o.missing === null ? o.what : `${o.what} (not included: ${o.missing})`}`,
          o.bytes === null ? '-' : String(o.bytes),
          hashText(o.sha256),
        ]),
      },
    ],
  }
}

/** The path in the ZIP of a letter's stored PDF. */
export function letterPath(m: EvidenceMessage): string {
  return `letters/M${m.id}-${templateOf(m)}.pdf`
}

/** The pack's sections from the facts (already cut to `asOf`) and the files that go beside it. */
export function evidenceModel(facts: EvidenceFacts, originals: readonly EvidenceOriginal[]): EvidenceModel {
  const refs = facts.accounts.map((a) => a.externalId).join(', ')
  const header = facts.header
  const summary: DocumentBlock = {
    type: 'fields',
    rows: [
      ['Creditor', facts.tenant.name],
      ['Debtor', `${facts.debtor.name} (${facts.debtor.externalId})`],
      ['Address', facts.debtor.addressLines.join(', ') || '-'],
      [facts.accounts.length === 1 ? 'Account' : 'Accounts', refs],
      ['As of', facts.asOf],
      ['Generated', `${printedInstant(facts.generatedAt)} by ${facts.generatedBy}`],
      ['Communications', String(facts.messages.length + facts.calls.length)],
      ['Journal', facts.journal.firstBreak === null ? 'intact' : 'NOT intact'],
    ],
  }
  return {
    title: header?.title ?? 'Evidence pack',
    headerLines: header?.lines ?? [],
    sections: [
      { id: 'summary', heading: 'Summary', blocks: [summary] },
      statementSection(facts),
      communicationsSection(facts),
      lettersSection(facts, originals),
      disputesSection(facts),
      paymentsSection(facts),
      arrangementsSection(facts),
      journalSection(facts),
      originalsSection(originals),
    ],
    footer: `${header?.title ?? 'Evidence pack'} · ${facts.tenant.name} · ${refs} · as of ${facts.asOf}`,
  }
}

/** A CSV field (RFC 4180), a leading formula character kept as text behind an apostrophe. */
function csvField(value: string): string {
  const safe = /^[=+\-@]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

function csv(rows: readonly (readonly string[])[]): string {
  return `${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`
}

/** statement.csv: every ledger line of every account with the account's running balance. */
export function statementCsv(facts: EvidenceFacts): string {
  const rows: string[][] = [
    [
      'account',
      'currency',
      'entry_id',
      'effective_on',
      'kind',
      'component',
      'reference',
      'payment',
      'memo',
      'amount',
      'balance',
    ],
  ]
  for (const a of facts.accounts)
    for (const l of statementLines(a))
      rows.push([
        a.externalId,
        a.currency,
        String(l.id),
        l.effectiveOn,
        l.kind,
        l.component,
        l.reference ?? '',
        l.payment ?? '',
        l.memo ?? '',
        formatAmount(l.amountMinor, a.currency),
        formatAmount(l.balanceMinor, a.currency),
      ])
  return csv(rows)
}

/** communications.csv: one line per message and per call. */
export function communicationsCsv(facts: EvidenceFacts): string {
  const rows: string[][] = [
    [
      'id',
      'accounts',
      'channel',
      'template',
      'status',
      'created_at',
      'sent_at',
      'recipient',
      'provider',
      'provider_reference',
      'send_time_check',
      'send_time_reasons',
      'decision_time_check',
    ],
  ]
  for (const m of facts.messages)
    rows.push([
      `M${m.id}`,
      m.carried.map((c) => c.account).join(' '),
      m.channel,
      templateOf(m),
      m.status,
      m.createdAt,
      m.sentAt ?? '',
      m.recipient,
      m.provider ?? '',
      m.providerMessageId ?? '',
      m.compliance.outcome,
      reasonLines(m.compliance).join(' | '),
      m.carried.map((c) => checkText(c.compliance)).join(' | '),
    ])
  for (const c of facts.calls)
    rows.push([
      `C${c.id}`,
      c.account,
      'call',
      '',
      c.status,
      c.dueAt,
      c.outcomeAt ?? '',
      '',
      '',
      '',
      '',
      c.outcome ? `${c.outcome}${c.outcomeNote ? `: ${c.outcomeNote}` : ''}` : '',
      '',
    ])
  return csv(rows)
}

/** communications.json: the messages and calls with every field the pack read, and the mailings. */
export function communicationsJson(facts: EvidenceFacts): string {
  return `${JSON.stringify(
    {
      asOf: facts.asOf,
      messages: facts.messages.map((m) => ({ ...m, id: `M${m.id}`, template: templateOf(m) })),
      calls: facts.calls.map((c) => ({ ...c, id: `C${c.id}` })),
      mailings: facts.mailings,
    },
    null,
    2,
  )}\n`
}
