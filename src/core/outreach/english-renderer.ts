import { formatAmount } from '../money/money.ts'
import type { MessageRenderer, RenderAccount, RenderedMessage, RenderInput } from './message-renderer.ts'

/** The debt-collector disclosure (mini-Miranda), 15 USC 1692e(11). */
export const DEBT_COLLECTOR_DISCLOSURE =
  'This communication is from a debt collector. This is an attempt to collect a debt and any information obtained will be used for that purpose.'

/** The SMS opt-out line every text carries (Reg F 1006.6(e): a reasonable and simple way to opt out). */
export const SMS_OPT_OUT_TEXT = 'Reply STOP to opt out.'

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

const amount = (a: RenderAccount) => `${formatAmount(a.balanceMinor, a.currency)} ${a.currency}`

/**
 * The built-in plain English renderer: a short reminder listing each account with its balance, the
 * disclosure where the collector must give it, and the opt-out (a link and footer in email, "Reply
 * STOP" in SMS). Every variable is escaped in the HTML part.
 */
export const englishRenderer: MessageRenderer = {
  async render(input: RenderInput): Promise<RenderedMessage> {
    const first = input.accounts[0]
    if (!first) throw new Error('a message needs at least one account')
    const several = input.accounts.length > 1
    const lines = input.accounts.map(
      (a) => `${a.reference} (${a.creditor}): ${amount(a)} due since ${a.dueOn}`,
    )
    const disclosure = input.debtCollector ? [DEBT_COLLECTOR_DISCLOSURE] : []
    if (input.channel === 'sms') {
      const what = several
        ? `${input.accounts.length} accounts are overdue: ${input.accounts.map((a) => `${a.reference} ${amount(a)}`).join(', ')}.`
        : `account ${first.reference} has ${amount(first)} overdue.`
      const text = [`${input.tenantName}: ${what}`, ...disclosure, SMS_OPT_OUT_TEXT].join(' ')
      return { subject: '', text, html: null, attachments: [] }
    }
    const subject = several
      ? `${input.accounts.length} overdue accounts with ${input.tenantName}`
      : `Overdue balance on account ${first.reference}`
    const greeting = `Dear ${input.debtor.name},`
    const intro = several ? 'the following accounts are overdue:' : 'the following account is overdue:'
    const footer = `To stop receiving these emails, use ${input.optOutUrl} or reply "unsubscribe".`
    const text = [
      greeting,
      '',
      `Our records show that ${intro}`,
      ...lines.map((l) => `  - ${l}`),
      '',
      'If you have already paid, please disregard this message. Reply to this email with any question.',
      ...(disclosure.length > 0 ? ['', ...disclosure] : []),
      '',
      input.tenantName,
      '',
      '--',
      footer,
    ].join('\n')
    const html = [
      '<!doctype html><html><body>',
      `<p>${escapeHtml(greeting)}</p>`,
      `<p>Our records show that ${escapeHtml(intro)}</p>`,
      `<ul>${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`,
      '<p>If you have already paid, please disregard this message. Reply to this email with any question.</p>',
      ...disclosure.map((d) => `<p>${escapeHtml(d)}</p>`),
      `<p>${escapeHtml(input.tenantName)}</p>`,
      `<hr><p style="font-size:small">To stop receiving these emails, <a href="${escapeHtml(input.optOutUrl)}">unsubscribe</a> or reply "unsubscribe".</p>`,
      '</body></html>',
    ].join('\n')
    return { subject, text, html, attachments: [] }
  },
}
