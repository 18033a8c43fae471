import { simpleParser } from 'mailparser'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Actor, systemActor } from '../../src/app/actor.ts'
import type { AppContext } from '../../src/app/app-context.ts'
import {
  activateStoredTemplate,
  addTemplate,
  listTemplates,
} from '../../src/app/templates/manage-templates.ts'
import { previewTemplate } from '../../src/app/templates/preview-template.ts'
import { Dispatcher } from '../../src/outreach/dispatch/dispatcher.ts'
import { MailSink } from '../../src/outreach/email/mail-sink.ts'
import { SmtpEmailSender } from '../../src/outreach/email/smtp-email-sender.ts'
import { templateRenderer } from '../../src/outreach/render/template-renderer.ts'
import type { Tenant } from '../../src/store/tenant.repository.ts'
import { SEND_AT, seedOutbox } from '../outreach/outreach-fixtures.ts'
import { describeEachDatabase } from '../support/databases.ts'

const OWN = `key: reminder
channel: email
tone: friendly
locale: en
subject: "Your account {account} with {creditor}"
body: |
  Hello {name},

  Our own words: {balance} is open on {account}.

  {disclosure}

  {licenceLine}

  {optOut}
`

describeEachDatabase(
  'tenant templates: added inactive, activated only when the checks pass, then sent',
  ({ store }) => {
    const sink = new MailSink()
    let sender: SmtpEmailSender
    beforeAll(async () => {
      const port = await sink.listen()
      sender = new SmtpEmailSender({ url: `smtp://127.0.0.1:${port}`, from: 'Acme <billing@acme.example>' })
    })
    afterAll(async () => {
      sender.close()
      await sink.close()
    })
    const contextOf = (tenant: Tenant, roles?: Actor['roles']): AppContext => {
      const actor = systemActor(tenant, 'test')
      return { store: store(), actor: roles ? { ...actor, roles } : actor }
    }

    it('refuses malformed documents by field, keeps a failing template inactive, and sends an active one', async () => {
      const { tenant } = await seedOutbox(
        store().db,
        'own-templates',
        [{ accounts: 1, email: 'own@example.test' }],
        {
          kind: 'agency',
        },
      )
      const ctx = contextOf(tenant)
      await expect(addTemplate(ctx, { text: 'key: [unclosed', source: 't.yaml' })).rejects.toMatchObject({
        code: 'invalid_template',
      })
      await expect(
        addTemplate(ctx, {
          text: 'key: reminder\nchannel: fax\ntone: friendly\nlocale: en\nbdy: x\n',
          source: 't.yaml',
        }),
      ).rejects.toMatchObject({
        code: 'invalid_template',
        details: expect.arrayContaining([
          { field: 'bdy', message: 'is not a template field' },
          { field: 'channel', message: 'must be email or sms' },
          { field: 'body', message: 'is required' },
        ]),
      })
      await expect(
        addTemplate(ctx, {
          text: OWN.replace('{balance}', '{balance, plural, one {'),
          source: 'broken.yaml',
        }),
      ).rejects.toMatchObject({ code: 'invalid_template' })

      // Without the debt-collector disclosure a third party's first email fails: stored, never active.
      const bare = await addTemplate(ctx, { text: OWN.replace('{disclosure}', ''), source: 'bare.yaml' })
      expect(bare.template).toBe('reminder/email/friendly/en@2')
      expect(bare.failures.map((f) => f.situation)).toContain('US third-party first communication')
      await expect(activateStoredTemplate(ctx, { id: bare.id })).rejects.toMatchObject({
        code: 'template_check_failed',
      })
      expect((await listTemplates(ctx)).find((t) => t.id === bare.id)).toMatchObject({ active: false })

      // Nobody but managers and compliance may activate; another tenant cannot see the id.
      await expect(
        activateStoredTemplate(contextOf(tenant, ['collector']), { id: bare.id }),
      ).rejects.toMatchObject({
        code: 'forbidden',
      })
      const good = await addTemplate(ctx, { text: OWN, source: 'own.yaml' })
      expect(good).toMatchObject({ template: 'reminder/email/friendly/en@3', failures: [] })
      const { tenant: other } = await seedOutbox(store().db, 'own-templates-other', [
        { accounts: 1, email: 'o@example.test' },
      ])
      await expect(activateStoredTemplate(contextOf(other), { id: good.id })).rejects.toMatchObject({
        code: 'template_not_found',
      })
      const active = await activateStoredTemplate(ctx, { id: good.id, now: new Date('2026-03-02T10:00:00Z') })
      expect(active).toMatchObject({
        active: true,
        activatedAt: '2026-03-02T10:00:00.000Z',
        activatedBy: 'system:test',
      })
      const journal = await store()
        .db.selectFrom('journal_events')
        .select(['type', 'actor'])
        .where('tenant_id', '=', tenant.id)
        .where('type', 'like', 'template.%')
        .execute()
      expect(journal.map((e) => e.type).sort()).toEqual([
        'template.activated',
        'template.added',
        'template.added',
      ])

      expect((await previewTemplate(ctx, { key: 'reminder' })).text).toContain('Our own words')
      expect((await previewTemplate(contextOf(other), { key: 'reminder' })).text).not.toContain(
        'Our own words',
      )

      const dispatcher = new Dispatcher({
        store: store(),
        senders: { email: sender },
        links: { replyDomain: 'replies.example.test', publicUrl: 'https://collect.example.test' },
        now: () => SEND_AT,
        renderer: templateRenderer({ attachments: false }),
      })
      expect(await dispatcher.dispatchAll()).toMatchObject({ sent: 2 })
      const mine = await simpleParser(sink.received.find((m) => m.to.includes('own@example.test'))?.raw ?? '')
      expect(mine.subject).toBe('Your account ACC-1 with Acme Corp')
      expect(mine.text).toContain('Our own words')
      expect(mine.text).toContain('This communication is from a debt collector')
      const theirs = await simpleParser(sink.received.find((m) => m.to.includes('o@example.test'))?.raw ?? '')
      expect(theirs.text).not.toContain('Our own words')
    })
  },
)
