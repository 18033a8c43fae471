import type { MessageAttachment } from '../channels/message-sender.ts'
import type { ComplianceReason } from '../compliance/compliance-decision.ts'
import type { DocumentLedgerLine } from '../documents/document-facts.ts'
import type { MessageTemplate } from '../templates/message-template.ts'

/**
 * The port through which the dispatcher turns outbox actions into the words a debtor reads. The
 * built-in English renderer (english-renderer.ts) is the default; the templates module (ICU
 * MessageFormat, languages, PDFs) plugs in behind the same interface. Pure: everything it needs is in
 * the input, so a render can be repeated (a retry renders the same message again).
 */
export interface MessageRenderer {
  /**
   * Async: a renderer may render PDF attachments (src/documents). `attachments: false` renders the
   * text only (the dispatcher's queue-time check, inside the debtor's lock); default true.
   */
  render(input: RenderInput, options?: { readonly attachments?: boolean }): Promise<RenderedMessage>
}

/**
 * The account's books as a document needs them (statement, validation notice). Stored with the render
 * input, so a retry renders the same PDFs even if the ledger moved since.
 */
export interface RenderAccountBooks {
  readonly originalCreditor: string
  readonly jurisdiction: string
  readonly debtKind: 'consumer' | 'commercial'
  readonly openedOn: string
  readonly chargeOffOn: string | null
  readonly ledger: readonly DocumentLedgerLine[]
}

/** One account the message is about (a consolidated message lists several). */
export interface RenderAccount {
  /** The account's external id, shown to the debtor as the reference. */
  readonly reference: string
  readonly creditor: string
  readonly currency: string
  readonly balanceMinor: number
  readonly dueOn: string
  /** The playbook action as the outbox holds it (`template`, `tone`...). */
  readonly action: Readonly<Record<string, unknown>>
  /** The books for attachments; absent in inputs stored before attachments existed. */
  readonly books?: RenderAccountBooks
  /** The account's debtor portal link (docs/portal.md), when the dispatcher issues them. */
  readonly portalUrl?: string
}

export interface RenderInput {
  readonly channel: 'email' | 'sms'
  /** BCP 47 tag: the debtor's preferred language, or the tenant's default ("en"). */
  readonly locale: string
  readonly tenantName: string
  readonly debtor: {
    readonly name: string
    readonly kind: 'person' | 'business'
    /** Name, postal lines, country: the address block of attached documents. */
    readonly addressLines?: readonly string[]
  }
  readonly accounts: readonly RenderAccount[]
  /** Third parties and debt buyers must say they are debt collectors (15 USC 1692e(11)). */
  readonly debtCollector: boolean
  /** Where the debtor opts out: a link for email; SMS always says "Reply STOP". */
  readonly optOutUrl: string
  /**
   * The tenant's own active templates when it has any (they join the built-ins; the highest version of
   * the wanted identity wins). Kept in the stored input so a retry renders the same words.
   */
  readonly templates?: readonly MessageTemplate[]
  /** The day it goes out in the tenant's zone (dates, days past due, the documents' mailing date). */
  readonly sentOn?: string
  /** No earlier message reached the debtor about these accounts (disclosure, validation notice). */
  readonly firstCommunication?: boolean
  /** The debt is past its limitation period: no word of legal action (12 CFR 1006.26(b)). */
  readonly timeBarred?: boolean
  /** End of a running validation period (overshadowing), or null. */
  readonly validationPeriodEndsOn?: string | null
  readonly californiaLicenseNumber?: string | null
}

export interface RenderedMessage {
  /** E-mail subject; ignored for SMS. */
  readonly subject: string
  readonly text: string
  /** E-mail HTML part; null for SMS. */
  readonly html: string | null
  readonly attachments: readonly MessageAttachment[]
  /**
   * The render-time content check (disclosure, opt-out, overshadowing, time-barred threat): a blocked
   * message is not sent and its reasons are recorded like a send-time block. Absent: nothing checked.
   */
  readonly check?: { readonly outcome: 'allow' | 'block'; readonly reasons: readonly ComplianceReason[] }
  /** The template the text came from (key/channel/tone/locale@version), where one did. */
  readonly template?: string
}
