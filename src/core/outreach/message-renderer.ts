import type { MessageAttachment } from '../channels/message-sender.ts'

/**
 * The port through which the dispatcher turns outbox actions into the words a debtor reads. The
 * built-in English renderer (english-renderer.ts) is the default; the templates module (ICU
 * MessageFormat, languages, PDFs) plugs in behind the same interface. Pure: everything it needs is in
 * the input, so a render can be repeated (a retry renders the same message again).
 */
export interface MessageRenderer {
  render(input: RenderInput): RenderedMessage
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
}

export interface RenderInput {
  readonly channel: 'email' | 'sms'
  /** BCP 47 tag: the debtor's preferred language, or the tenant's default ("en"). */
  readonly locale: string
  readonly tenantName: string
  readonly debtor: { readonly name: string; readonly kind: 'person' | 'business' }
  readonly accounts: readonly RenderAccount[]
  /** Third parties and debt buyers must say they are debt collectors (15 USC 1692e(11)). */
  readonly debtCollector: boolean
  /** Where the debtor opts out: a link for email; SMS always says "Reply STOP". */
  readonly optOutUrl: string
}

export interface RenderedMessage {
  /** E-mail subject; ignored for SMS. */
  readonly subject: string
  readonly text: string
  /** E-mail HTML part; null for SMS. */
  readonly html: string | null
  readonly attachments: readonly MessageAttachment[]
}
