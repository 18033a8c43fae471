import { expect, it } from 'vitest'
import { verifyPortalToken } from '../../src/core/portal/portal-token.ts'
import { BUILTIN_TEMPLATES } from '../../src/core/templates/builtin-templates.ts'
import { renderMessage } from '../../src/core/templates/render-message.ts'
import { Dispatcher } from '../../src/outreach/dispatch/dispatcher.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { SEND_AT, seedOutbox } from './outreach-fixtures.ts'

const PORTAL = {
  secret: 'dispatcher-portal-secret-0123456789abcdef',
  publicUrl: 'https://pay.example.test',
  linkDays: 14,
}

describeEachDatabase('the portal link in outgoing messages', ({ store }) => {
  it("puts each message's signed portal link in the shipped email reminder", async () => {
    const { tenant } = await seedOutbox(store().db, 'portal-mail', [{ accounts: 1, email: 'p@example.test' }])
    const accepted = {
      provider: 'test',
      channel: 'email' as const,
      send: async () => ({ status: 'accepted', providerMessageId: '<portal@test>' }) as const,
    }
    await new Dispatcher({
      store: store(),
      senders: { email: accepted },
      links: {
        replyDomain: 'replies.example.test',
        publicUrl: 'https://collect.example.test',
        portal: PORTAL,
      },
      now: () => SEND_AT,
    }).dispatchAll()
    const message = await store()
      .db.selectFrom('messages')
      .innerJoin('message_accounts', 'message_accounts.message_id', 'messages.id')
      .select(['messages.body_text', 'messages.status', 'message_accounts.account_id'])
      .where('messages.tenant_id', '=', tenant.id)
      .executeTakeFirstOrThrow()
    expect(message.status).toBe('sent')
    const url = /https:\/\/pay\.example\.test\/pay\/(\S+)/.exec(message.body_text ?? '')
    expect(url, message.body_text ?? '').not.toBeNull()
    const verified = verifyPortalToken(PORTAL.secret, url?.[1] ?? '', Math.floor(SEND_AT.getTime() / 1000))
    expect(verified.ok && verified.payload).toMatchObject({ t: tenant.id, a: Number(message.account_id) })
  })
})

it('renders portalLine in every language of the email reminders, and nothing without a link', () => {
  const facts = {
    debtorName: 'Ada',
    creditor: 'North Bank',
    collector: 'Recoup',
    account: 'A-1',
    balanceMinor: 12_000,
    currency: 'USD',
    dueOn: '2026-03-01',
  }
  const context = {
    jurisdiction: 'GB',
    collectorType: 'original_creditor' as const,
    firstCommunication: false,
    sentOn: '2026-03-10',
    validationPeriodEndsOn: null,
    timeBarred: false,
    californiaLicenseNumber: null,
  }
  for (const template of BUILTIN_TEMPLATES.filter((t) => t.channel === 'email')) {
    const withLink = renderMessage(
      template,
      { ...facts, portalUrl: 'https://pay.example.test/pay/abc.def' },
      context,
    )
    expect(withLink.text, template.locale).toContain('https://pay.example.test/pay/abc.def')
    expect(withLink.check.outcome).toBe('allow')
    const without = renderMessage(template, facts, context)
    expect(without.text).not.toContain('/pay/')
  }
})
