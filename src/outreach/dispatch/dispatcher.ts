import { randomBytes } from 'node:crypto'
import type { Transaction } from 'kysely'
import { localDateAt } from '../../core/calendar/local-date.ts'
import type { MessageSender, OutboundMessage, SendOutcome } from '../../core/channels/message-sender.ts'
import type { ComplianceReason } from '../../core/compliance/compliance-decision.ts'
import type { DocumentFacts } from '../../core/documents/document-facts.ts'
import type { DocumentKind } from '../../core/documents/document-kinds.ts'
import type { PaperSize } from '../../core/documents/document-model.ts'
import { AppError } from '../../core/errors/index.ts'
import { mailingDateAttribute } from '../../core/outreach/letter-kind.ts'
import type {
  MessageRenderer,
  RenderAccountBooks,
  RenderInput,
} from '../../core/outreach/message-renderer.ts'
import { MAX_SEND_ATTEMPTS, nextAttemptAt } from '../../core/outreach/retry-backoff.ts'
import { type PortalLinkSettings, portalLinkFor } from '../../core/portal/portal-link.ts'
import { renderDocument } from '../../documents/render-document.ts'
import type { Store } from '../../store/connect.ts'
import { type DocumentRows, documentRowsOf } from '../../store/documents/document-facts.repository.ts'
import {
  contactPointById,
  type DueOutboxRow,
  debtorOutboundMessages,
  lockDebtor,
  renderFacts,
  selectDueOutbox,
  selectDueOutboxOfDebtors,
  takeWriteLock,
} from '../../store/outreach/dispatch-claim.repository.ts'
import {
  type ClaimedMessage,
  claimMessages,
  deferOutbox,
  insertMessage,
  markSending,
  messageRows,
  recordSend,
  type SendRecord,
} from '../../store/outreach/message.repository.ts'
import type { Database, MessageChannel } from '../../store/schema.ts'
import { listStoredTemplates, templateOfRow } from '../../store/templates/message-template.repository.ts'
import type { Tenant } from '../../store/tenant.repository.ts'
import { templateRenderer } from '../render/template-renderer.ts'
import { holderAlive, newDispatcherId } from './dispatcher-identity.ts'
import { checkAtSendTime, type DebtorHistory } from './send-time-check.ts'

export type DispatchChannel = MessageChannel

/** Where replies and opt-outs reach Recoup. */
export interface OutreachLinks {
  /** Domain of the per-message reply addresses: `reply+TOKEN@DOMAIN`. */
  readonly replyDomain: string
  /** Base URL of the public opt-out link: `BASE/unsubscribe/TOKEN`. */
  readonly publicUrl: string
  /**
   * The debtor portal's link settings: with them every message carries each account's signed portal
   * link as the template variable `portalUrl` (docs/portal.md); without them, no link.
   */
  readonly portal?: PortalLinkSettings
}

/**
 * The document a letter action prints for an account on its mailing date, with its facts from the
 * books (the app layer builds them as `recoup document` does). Throws an AppError when the letter
 * does not apply to the account or its facts are missing (the letter then fails with that reason).
 */
export type LetterDocuments = (input: {
  readonly tenant: Tenant
  /** The account's external id. */
  readonly account: string
  readonly action: Readonly<Record<string, unknown>>
  readonly mailingDate: string
  /** The postal contact point the send-time check passed: the letter goes to its address. */
  readonly contactPointId: number | null
}) => Promise<{ kind: DocumentKind; facts: DocumentFacts; paper: PaperSize }>

/** What a letter message stores to be printed: rendered at send time from the books of that day. */
interface LetterRenderInput {
  readonly letter: { readonly account: string; readonly action: Readonly<Record<string, unknown>> }
}

export interface DispatcherOptions {
  readonly store: Store
  /** Letters: their documents; without it (or a letter sender) letter rows stay in the outbox. */
  readonly letters?: LetterDocuments
  /** The provider behind each channel; channels without one are left in the outbox. */
  readonly senders: Partial<Record<DispatchChannel, MessageSender>>
  readonly links: OutreachLinks
  readonly renderer?: MessageRenderer
  /** The clock (tests and replays pass a fixed one). */
  readonly now?: () => Date
  /** Outbox rows claimed per transaction (default 50). */
  readonly batchSize?: number
  /** How long a claim is held before another dispatcher may take it over (default 300 s). */
  readonly leaseSeconds?: number
  readonly id?: string
}

/** What one pass did. */
export interface DispatchCounts {
  queued: number
  suppressed: number
  deferred: number
  sent: number
  retried: number
  failed: number
  /** Messages that went out again after a crash left their hand-off unrecorded (docs/outreach.md). */
  resentUnconfirmed: number
}

const emptyCounts = (): DispatchCounts => ({
  queued: 0,
  suppressed: 0,
  deferred: 0,
  sent: 0,
  retried: 0,
  failed: 0,
  resentUnconfirmed: 0,
})

/**
 * A new message's token: its reply address (`reply+TOKEN@`) and opt-out link (`/unsubscribe/TOKEN`)
 * carry it, so it must not be guessable from what a debtor or anyone else can know (tenant ids and
 * outbox keys are): 96 random bits, stored on the message row and only ever looked up. The message is
 * created in the same transaction that picks the token, so a crash before commit leaves no token
 * behind and the next pass draws a new one; nothing was sent with the old one.
 */
export function messageToken(): string {
  return randomBytes(12).toString('hex')
}

/**
 * The outbox dispatcher. Each pass (1) turns due outbox rows into messages: per debtor (its row locked,
 * so two dispatchers serialise on one debtor), one message per channel and contact point listing every
 * due account when the tenant consolidates, each account re-checked by the compliance evaluator at send
 * time; (2) claims queued messages (and those a dead dispatcher left) and sends each with the three-step
 * protocol: commit `sending`, hand to the provider, commit the outcome (docs/outreach.md).
 */
export class Dispatcher {
  readonly id: string
  private readonly renderer: MessageRenderer
  private readonly now: () => Date
  private readonly batchSize: number
  private readonly leaseMs: number
  private readonly channels: DispatchChannel[]
  private readonly tenants = new Map<number, Tenant>()

  constructor(private readonly options: DispatcherOptions) {
    this.id = options.id ?? newDispatcherId()
    this.renderer = options.renderer ?? templateRenderer()
    this.now = options.now ?? (() => new Date())
    this.batchSize = options.batchSize ?? 50
    this.leaseMs = (options.leaseSeconds ?? 300) * 1000
    this.channels = (['email', 'sms', 'letter'] as const).filter(
      (c) => options.senders[c] !== undefined && (c !== 'letter' || options.letters !== undefined),
    )
  }

  /** One pass: queue what is due, then send what is claimed. Returns what it did. */
  async dispatchOnce(): Promise<DispatchCounts> {
    const counts = emptyCounts()
    if (this.channels.length === 0) return counts
    await this.queueDue(counts)
    const nowIso = this.now().toISOString()
    const claimed = await claimMessages(
      this.options.store.db,
      this.id,
      nowIso,
      new Date(this.now().getTime() + this.leaseMs).toISOString(),
      this.channels,
      this.batchSize,
      holderAlive,
    )
    for (const message of claimed) await this.send(message, counts)
    // A batching provider (the print-and-mail letters) completes its batch files every pass, also what
    // a crashed process left pending; a failure leaves them pending for the next pass.
    for (const sender of Object.values(this.options.senders)) await sender?.flush?.().catch(() => {})
    return counts
  }

  /** Passes until nothing is due (or `signal` aborts); totals of every pass. */
  async dispatchAll(signal?: AbortSignal): Promise<DispatchCounts> {
    const total = emptyCounts()
    while (!signal?.aborted) {
      const counts = await this.dispatchOnce()
      for (const key of Object.keys(total) as (keyof DispatchCounts)[]) total[key] += counts[key]
      if (
        counts.queued + counts.sent + counts.retried + counts.failed + counts.suppressed + counts.deferred ===
        0
      )
        break
    }
    return total
  }

  private async tenant(trx: Transaction<Database>, id: number): Promise<Tenant> {
    let tenant = this.tenants.get(id)
    if (!tenant) {
      tenant = await trx.selectFrom('tenants').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
      this.tenants.set(id, tenant)
    }
    return tenant
  }

  private async queueDue(counts: DispatchCounts): Promise<void> {
    await this.options.store.db.transaction().execute(async (trx) => {
      await takeWriteLock(trx)
      const nowIso = this.now().toISOString()
      const due = await selectDueOutbox(trx, this.channels, nowIso, this.batchSize)
      if (due.length === 0) return
      const debtorIds = [...new Set(due.map((r) => r.debtor_id))].sort((a, b) => a - b)
      const more = await selectDueOutboxOfDebtors(trx, debtorIds, this.channels, nowIso)
      const rows = new Map<number, DueOutboxRow>()
      for (const r of [...due, ...more]) rows.set(r.id, r)
      const byDebtor = new Map<number, DueOutboxRow[]>()
      for (const r of rows.values()) byDebtor.set(r.debtor_id, [...(byDebtor.get(r.debtor_id) ?? []), r])
      for (const debtorId of debtorIds) {
        if (!(await lockDebtor(trx, debtorId))) continue
        const debtorRows = (byDebtor.get(debtorId) ?? []).sort((a, b) => a.id - b.id)
        const first = debtorRows[0]
        if (!first) continue
        const tenant = await this.tenant(trx, first.tenant_id)
        const history = [...(await debtorOutboundMessages(trx, tenant.id, debtorId))]
        for (const group of groupRows(debtorRows, tenant.consolidate_messages === 1)) {
          if (group[0]?.channel === 'letter')
            for (const row of group) await this.queueLetter(trx, tenant, debtorId, row, history, counts)
          else await this.queueGroup(trx, tenant, debtorId, group, history, counts)
        }
      }
    })
  }

  private async queueGroup(
    trx: Transaction<Database>,
    tenant: Tenant,
    debtorId: number,
    group: DueOutboxRow[],
    history: DebtorHistory[number][],
    counts: DispatchCounts,
  ): Promise<void> {
    const now = this.now()
    const nowIso = now.toISOString()
    const head = group[0] as DueOutboxRow
    const point =
      head.contact_point_id === null ? undefined : await contactPointById(trx, head.contact_point_id)
    const collectorType = tenant.kind === 'agency' ? 'third_party' : 'original_creditor'
    const facts = await renderFacts(
      trx,
      tenant.id,
      group.map((r) => r.account_id),
    )
    const factsOf = new Map(facts.map((f) => [f.id, f]))
    const asOf = localDateAt(now, tenant.time_zone)
    const booksOf = new Map<number, DocumentRows>()
    for (const f of facts) {
      const rows = await documentRowsOf(trx, tenant.id, f.external_id)
      if (rows) booksOf.set(f.id, rows)
    }
    const ownTemplates = (await listStoredTemplates(trx, tenant.id, { activeOnly: true })).map(templateOfRow)
    const portal = this.options.links.portal
    const renderInput = (rows: readonly DueOutboxRow[], token: string): RenderInput => {
      const firstFacts = factsOf.get(rows[0]?.account_id ?? -1)
      const firstBooks = booksOf.get(rows[0]?.account_id ?? -1)
      return {
        channel: head.channel === 'sms' ? 'sms' : 'email',
        locale: firstFacts?.preferred_language ?? 'en',
        tenantName: tenant.name,
        debtor: {
          name: firstFacts?.debtor_name ?? '',
          kind: firstFacts?.debtor_kind ?? 'person',
          addressLines: firstBooks ? addressLinesOf(firstBooks) : [firstFacts?.debtor_name ?? ''],
        },
        accounts: rows.flatMap((r) => {
          const f = factsOf.get(r.account_id)
          return f
            ? [
                {
                  reference: f.external_id,
                  creditor: f.current_creditor,
                  currency: f.currency,
                  balanceMinor: f.balance,
                  dueOn: f.due_on,
                  action: JSON.parse(r.payload) as Record<string, unknown>,
                  ...(booksOf.has(r.account_id) ? { books: booksOfRows(booksOf.get(r.account_id)) } : {}),
                  ...(portal
                    ? {
                        portalUrl: portalLinkFor(
                          portal,
                          { tenantId: tenant.id, accountId: r.account_id },
                          this.now(),
                        ).url,
                      }
                    : {}),
                },
              ]
            : []
        }),
        debtCollector: collectorType === 'third_party',
        optOutUrl: `${this.options.links.publicUrl.replace(/\/$/, '')}/unsubscribe/${token}`,
        sentOn: asOf,
        ...(ownTemplates.length > 0 ? { templates: ownTemplates } : {}),
        firstCommunication: rows.every((r) => !history.some((h) => h.account_id === r.account_id)),
      }
    }
    const keyOf = (rows: readonly DueOutboxRow[]) =>
      rows.length > 1 ? `${rows[0]?.idempotency_key}+${rows.length - 1}` : (rows[0]?.idempotency_key ?? '')
    let candidates = group
    let token = messageToken()
    // Text only inside the debtor's lock: the PDFs are rendered when the message is sent.
    let rendered = await this.renderer.render(renderInput(candidates, token), { attachments: false })
    const blocked: { row: DueOutboxRow; reasons: readonly ComplianceReason[]; packs: unknown }[] = []
    const deferred = new Map<string, number[]>()
    const allowed: DueOutboxRow[] = []
    let packs: unknown = []
    for (const row of candidates) {
      // The render-time content check (templates and documents) blocks like a send-time one.
      const check =
        rendered.check?.outcome === 'block'
          ? ({ outcome: 'block', reasons: rendered.check.reasons, packs: [] } as const)
          : point
            ? await checkAtSendTime(trx, {
                tenantId: tenant.id,
                accountId: row.account_id,
                asOf,
                at: nowIso,
                channel: row.channel,
                contactPointId: point.id,
                collectorType,
                text: rendered.text,
                history,
              })
            : ({
                outcome: 'block',
                reasons: [
                  { ruleId: 'outreach.no-contact-point', citation: 'recoup', message: 'no contact point' },
                ],
                packs: [],
              } as const)
      if (check.outcome === 'allow') {
        allowed.push(row)
        packs = check.packs
      } else if (check.outcome === 'defer')
        deferred.set(check.until, [...(deferred.get(check.until) ?? []), row.id])
      else blocked.push({ row, reasons: check.reasons, packs: check.packs })
    }
    for (const [until, ids] of deferred) {
      await deferOutbox(trx, ids, until)
      counts.deferred += ids.length
    }
    for (const b of blocked) {
      const refusal = b.reasons.map((r) => `${r.ruleId}: ${r.message}`).join('; ')
      await insertMessage(trx, {
        tenantId: tenant.id,
        debtorId,
        channel: b.row.channel,
        contactPointId: point?.id ?? null,
        idempotencyKey: `${b.row.idempotency_key}:suppressed`,
        recipient: point?.value ?? '',
        subject: null,
        bodyText: '',
        renderInput: '{}',
        compliance: JSON.stringify({
          checkedAt: nowIso,
          outcome: 'block',
          reasons: b.reasons,
          packs: b.packs,
        }),
        replyToken: messageToken(),
        status: 'suppressed',
        claimedBy: null,
        leaseUntil: null,
        nowIso,
        rows: [{ outboxId: b.row.id, accountId: b.row.account_id }],
        refusal,
      })
      counts.suppressed++
    }
    if (allowed.length === 0 || !point) return
    if (allowed.length !== candidates.length) {
      candidates = allowed
      token = messageToken()
    }
    const input = renderInput(candidates, token)
    rendered = await this.renderer.render(input, { attachments: false })
    if (rendered.check?.outcome === 'block') {
      // Rendered again for fewer accounts, it may fail where the whole group passed: not sent.
      const refusal = rendered.check.reasons.map((r) => `${r.ruleId}: ${r.message}`).join('; ')
      for (const row of candidates) {
        await insertMessage(trx, {
          tenantId: tenant.id,
          debtorId,
          channel: row.channel,
          contactPointId: point.id,
          idempotencyKey: `${row.idempotency_key}:suppressed`,
          recipient: point.value,
          subject: null,
          bodyText: '',
          renderInput: '{}',
          compliance: JSON.stringify({
            checkedAt: nowIso,
            outcome: 'block',
            reasons: rendered.check.reasons,
            packs: [],
          }),
          replyToken: messageToken(),
          status: 'suppressed',
          claimedBy: null,
          leaseUntil: null,
          nowIso,
          rows: [{ outboxId: row.id, accountId: row.account_id }],
          refusal,
        })
        counts.suppressed++
      }
      return
    }
    await insertMessage(trx, {
      tenantId: tenant.id,
      debtorId,
      channel: head.channel,
      contactPointId: point.id,
      idempotencyKey: keyOf(candidates),
      recipient: point.value,
      subject: head.channel === 'email' ? rendered.subject : null,
      bodyText: rendered.text,
      renderInput: JSON.stringify(input),
      compliance: JSON.stringify({ checkedAt: nowIso, outcome: 'allow', reasons: [], packs }),
      replyToken: token,
      status: 'queued',
      claimedBy: this.id,
      leaseUntil: new Date(now.getTime() + this.leaseMs).toISOString(),
      nowIso,
      rows: candidates.map((r) => ({ outboxId: r.id, accountId: r.account_id })),
    })
    for (const r of candidates)
      history.push({
        account_id: r.account_id,
        channel: r.channel,
        contact_point_id: point.id,
        occurred_at: nowIso,
      })
    counts.queued++
  }

  /**
   * A letter is one document for one account (never consolidated: each goes into its own envelope
   * position in the batch). The contact and legal-step rules are checked now, as for any message; the
   * document is rendered from the books of the mailing day when it is printed (`sendLetter`), with its
   * own content checks.
   */
  private async queueLetter(
    trx: Transaction<Database>,
    tenant: Tenant,
    debtorId: number,
    row: DueOutboxRow,
    history: DebtorHistory[number][],
    counts: DispatchCounts,
  ): Promise<void> {
    const now = this.now()
    const nowIso = now.toISOString()
    const point =
      row.contact_point_id === null ? undefined : await contactPointById(trx, row.contact_point_id)
    const action = JSON.parse(row.payload) as Record<string, unknown>
    const [facts] = await renderFacts(trx, tenant.id, [row.account_id])
    // A Reg F validation notice is owed only on US consumer debts: elsewhere the step has nothing to
    // print, which is not a failure (the shipped consumer playbook applies to every jurisdiction).
    if (
      action.type === 'produce_document' &&
      action.document === 'validation_notice' &&
      !(row.jurisdiction.toUpperCase().startsWith('US') && row.debt_kind === 'consumer')
    ) {
      await insertMessage(trx, {
        tenantId: tenant.id,
        debtorId,
        channel: 'letter',
        contactPointId: point?.id ?? null,
        idempotencyKey: `${row.idempotency_key}:suppressed`,
        recipient: point?.value ?? '',
        subject: null,
        bodyText: '',
        renderInput: '{}',
        compliance: JSON.stringify({
          checkedAt: nowIso,
          outcome: 'block',
          reasons: [
            {
              ruleId: 'outreach.letter-not-required',
              citation: '12 CFR 1006.34',
              message: `a validation notice is for US consumer debts, not a ${row.debt_kind} debt in ${row.jurisdiction}`,
            },
          ],
          packs: [],
        }),
        replyToken: messageToken(),
        status: 'suppressed',
        claimedBy: null,
        leaseUntil: null,
        nowIso,
        rows: [{ outboxId: row.id, accountId: row.account_id }],
        refusal: 'outreach.letter-not-required: a validation notice is for US consumer debts',
      })
      counts.suppressed++
      return
    }
    const legal =
      action.type === 'produce_document' &&
      (action.document === 'legal_notice' || action.document === 'letter_of_claim')
    const check = point
      ? await checkAtSendTime(trx, {
          tenantId: tenant.id,
          accountId: row.account_id,
          asOf: localDateAt(now, tenant.time_zone),
          at: nowIso,
          channel: 'letter',
          contactPointId: point.id,
          collectorType: tenant.kind === 'agency' ? 'third_party' : 'original_creditor',
          text: '',
          history,
          kind: legal ? 'legal_notice' : 'contact',
        })
      : ({
          outcome: 'block',
          reasons: [
            { ruleId: 'outreach.no-contact-point', citation: 'recoup', message: 'no postal address' },
          ],
          packs: [],
        } as const)
    if (check.outcome === 'defer') {
      await deferOutbox(trx, [row.id], check.until)
      counts.deferred++
      return
    }
    const allowed = check.outcome === 'allow' && point !== undefined && facts !== undefined
    const input: LetterRenderInput = { letter: { account: facts?.external_id ?? '', action } }
    await insertMessage(trx, {
      tenantId: tenant.id,
      debtorId,
      channel: 'letter',
      contactPointId: point?.id ?? null,
      idempotencyKey: allowed ? row.idempotency_key : `${row.idempotency_key}:suppressed`,
      recipient: point?.value ?? '',
      subject: null,
      bodyText: allowed ? `letter: ${String(action.document ?? action.template ?? 'reminder')}` : '',
      renderInput: allowed ? JSON.stringify(input) : '{}',
      compliance: JSON.stringify({
        checkedAt: nowIso,
        outcome: check.outcome === 'allow' ? 'allow' : 'block',
        reasons: check.outcome === 'allow' ? [] : check.reasons,
        packs: check.packs,
      }),
      replyToken: messageToken(),
      status: allowed ? 'queued' : 'suppressed',
      claimedBy: allowed ? this.id : null,
      leaseUntil: allowed ? new Date(now.getTime() + this.leaseMs).toISOString() : null,
      nowIso,
      rows: [{ outboxId: row.id, accountId: row.account_id }],
      ...(allowed
        ? {}
        : {
            refusal:
              check.outcome === 'block'
                ? check.reasons.map((r) => `${r.ruleId}: ${r.message}`).join('; ')
                : 'the account is no longer on record',
          }),
    })
    if (!allowed) {
      counts.suppressed++
      return
    }
    history.push({
      account_id: row.account_id,
      channel: 'letter',
      contact_point_id: point.id,
      occurred_at: nowIso,
    })
    counts.queued++
  }

  /**
   * Prints a queued letter: its document from the books of the mailing day (today in the tenant's
   * zone), refused with the reason when it does not apply or fails its content checks, then handed to
   * the letter sender with the three-step protocol; the mailing date is recorded with the outcome.
   */
  private async sendLetter(message: ClaimedMessage, counts: DispatchCounts): Promise<void> {
    const sender = this.options.senders.letter
    const documents = this.options.letters
    if (!sender || !documents) return
    const db = this.options.store.db
    const resent = message.status === 'sending'
    const { letter } = JSON.parse(message.render_input) as LetterRenderInput
    const tenant = await db.transaction().execute((trx) => this.tenant(trx, message.tenant_id))
    const mailingDate = localDateAt(this.now(), tenant.time_zone)
    let refusal: string | null = null
    let broken: string | null = null
    let printed: Awaited<ReturnType<typeof renderDocument>> | null = null
    let chosen: Awaited<ReturnType<LetterDocuments>> | null = null
    try {
      chosen = await documents({
        tenant,
        account: letter.account,
        action: letter.action,
        mailingDate,
        contactPointId: message.contact_point_id,
      })
      printed = await renderDocument(chosen.kind, chosen.facts, { paper: chosen.paper })
      if (printed.built.check.outcome === 'block')
        refusal = `content check: ${printed.built.check.reasons.map((r) => `${r.ruleId}: ${r.message}`).join('; ')}`
    } catch (error) {
      // The letter's own fault (it does not apply, facts missing) fails it; anything else is retried
      // with backoff like a provider's transient failure, and never stops the pass.
      if (error instanceof AppError) refusal = `${error.code}: ${error.message}`
      else broken = `cannot render the letter: ${error instanceof Error ? error.message : String(error)}`
    }
    if (!(await markSending(db, message.id, this.id, this.now().toISOString()))) return
    if (resent) counts.resentUnconfirmed++
    if (broken !== null) {
      const record = this.recordOf(sender, message, { status: 'transient', reason: broken })
      await recordSend(db, message.id, this.id, record, this.now().toISOString())
      this.count(record, counts)
      return
    }
    if (refusal !== null || !printed || !chosen) {
      await recordSend(
        db,
        message.id,
        this.id,
        {
          kind: 'failed',
          provider: sender.provider,
          error: refusal ?? 'not rendered',
          recipientInvalid: false,
        },
        this.now().toISOString(),
      )
      counts.failed++
      return
    }
    const rows = await messageRows(db, message.id)
    const outcome = await this.handOff(sender, {
      idempotencyKey: `${tenant.slug}:${message.idempotency_key}`,
      channel: 'letter',
      to: chosen.facts.debtor.addressLines.join('\n'),
      subject: printed.built.model.title,
      body: `${chosen.kind} for ${letter.account}, mailed ${mailingDate}`,
      attachments: [printed.attachment],
      letter: { kind: chosen.kind, paper: chosen.paper, mailingDate, model: printed.built.model },
      tenant: tenant.slug,
      account: letter.account,
    })
    const record = this.recordOf(sender, message, outcome)
    const kind = chosen.kind
    await recordSend(
      db,
      message.id,
      this.id,
      record.kind === 'accepted'
        ? {
            ...record,
            mailed: rows.map((r) => ({
              accountId: r.account_id,
              kind,
              // A letter handed over again after a crash keeps the day it first went into the mail.
              mailingDate: (outcome.status === 'accepted' && outcome.mailedOn) || mailingDate,
              attribute: mailingDateAttribute(kind),
            })),
          }
        : record,
      this.now().toISOString(),
    )
    this.count(record, counts)
  }

  private async handOff(sender: MessageSender, outbound: OutboundMessage): Promise<SendOutcome> {
    try {
      return await sender.send(outbound)
    } catch (error) {
      return {
        status: 'transient',
        reason: `adapter error: ${error instanceof Error ? error.message : String(error)}`,
      }
    }
  }

  /** What to record for a provider's answer: sent, another attempt later, or failed. */
  private recordOf(sender: MessageSender, message: ClaimedMessage, outcome: SendOutcome): SendRecord {
    const now = this.now()
    return outcome.status === 'accepted'
      ? { kind: 'accepted', provider: sender.provider, providerMessageId: outcome.providerMessageId }
      : outcome.status === 'transient' && message.attempts + 1 < MAX_SEND_ATTEMPTS
        ? {
            kind: 'retry',
            provider: sender.provider,
            error: outcome.reason,
            nextAttemptAt: nextAttemptAt(
              now.getTime(),
              message.attempts + 1,
              message.idempotency_key,
              outcome.retryAfterSeconds,
            ),
          }
        : {
            kind: 'failed',
            provider: sender.provider,
            error:
              outcome.status === 'transient'
                ? `gave up after ${MAX_SEND_ATTEMPTS} attempts: ${outcome.reason}`
                : outcome.reason,
            recipientInvalid: outcome.status === 'permanent' && outcome.recipientInvalid === true,
          }
  }

  private count(record: SendRecord, counts: DispatchCounts): void {
    if (record.kind === 'accepted') counts.sent++
    else if (record.kind === 'retry') counts.retried++
    else counts.failed++
  }

  private async send(message: ClaimedMessage, counts: DispatchCounts): Promise<void> {
    if (message.channel === 'letter') return this.sendLetter(message, counts)
    const sender = this.options.senders[message.channel]
    if (!sender) return
    const db = this.options.store.db
    const resent = message.status === 'sending'
    // Rendered (PDFs included) before the hand-off starts: a render that throws leaves the claim to expire.
    const input = JSON.parse(message.render_input) as RenderInput
    const rendered = await this.renderer.render(input)
    if (!(await markSending(db, message.id, this.id, this.now().toISOString()))) return
    if (resent) counts.resentUnconfirmed++
    if (rendered.check?.outcome === 'block') {
      // An attached document failed its own content check: nothing goes out.
      const error = `content check: ${rendered.check.reasons.map((r) => `${r.ruleId}: ${r.message}`).join('; ')}`
      await recordSend(
        db,
        message.id,
        this.id,
        { kind: 'failed', provider: sender.provider, error, recipientInvalid: false },
        this.now().toISOString(),
      )
      counts.failed++
      return
    }
    const rows = await messageRows(db, message.id)
    const tenant = await db.transaction().execute((trx) => this.tenant(trx, message.tenant_id))
    const outbound: OutboundMessage = {
      idempotencyKey: `${tenant.slug}:${message.idempotency_key}`,
      channel: message.channel,
      to: message.recipient,
      ...(message.channel === 'email' ? { subject: rendered.subject } : {}),
      body: rendered.text,
      ...(rendered.html !== null && message.channel === 'email' ? { html: rendered.html } : {}),
      ...(rendered.attachments.length > 0 ? { attachments: rendered.attachments } : {}),
      replyTo: `reply+${message.reply_token}@${this.options.links.replyDomain}`,
      unsubscribe: {
        url: input.optOutUrl,
        mailto: `unsubscribe+${message.reply_token}@${this.options.links.replyDomain}`,
      },
      tenant: tenant.slug,
      account: input.accounts[0]?.reference ?? String(rows[0]?.account_id ?? ''),
    }
    const outcome = await this.handOff(sender, outbound)
    const record = this.recordOf(sender, message, outcome)
    await recordSend(db, message.id, this.id, record, this.now().toISOString())
    this.count(record, counts)
  }
}

/** The document rows as the render input stores them (so a retry renders the same PDFs). */
function booksOfRows(rows: DocumentRows | undefined): RenderAccountBooks | undefined {
  if (!rows) return undefined
  return {
    originalCreditor: rows.account.originalCreditor,
    jurisdiction: rows.account.jurisdiction,
    debtKind: rows.account.debtKind,
    openedOn: rows.account.openedOn,
    chargeOffOn: rows.account.chargeOffOn,
    ledger: rows.ledger,
  }
}

/** The address block: name, postal lines, country. */
function addressLinesOf(rows: DocumentRows): string[] {
  const a = rows.address
  const lines = [rows.debtor.name]
  if (!a) return lines
  if (a.line1) lines.push(a.line1)
  if (a.line2) lines.push(a.line2)
  const cityLine = [a.city, [a.region, a.postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', ')
  if (cityLine) lines.push(cityLine)
  lines.push(a.country)
  return lines
}

/** Rows of one debtor grouped into messages: per channel and contact point when consolidating, else one each. */
function groupRows(rows: readonly DueOutboxRow[], consolidate: boolean): DueOutboxRow[][] {
  if (!consolidate) return rows.map((r) => [r])
  const groups = new Map<string, DueOutboxRow[]>()
  for (const r of rows) {
    const key = `${r.channel}:${r.contact_point_id}`
    groups.set(key, [...(groups.get(key) ?? []), r])
  }
  return [...groups.values()]
}
