import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Actor, Role } from '../../src/app/actor.ts'
import { approveEscalation } from '../../src/app/approvals/decide-approval.ts'
import { dispatchMessages } from '../../src/app/outreach/dispatch-messages.ts'
import { exportPlacementFile } from '../../src/app/placements/export-placement-file.ts'
import { listPlacements } from '../../src/app/placements/list-placements.ts'
import { addPartner, listPartners } from '../../src/app/placements/partners.ts'
import { placeAccount } from '../../src/app/placements/place-account.ts'
import { recallPlacement } from '../../src/app/placements/recall-placement.ts'
import { MailSink } from '../../src/outreach/email/mail-sink.ts'
import { SmtpEmailSender } from '../../src/outreach/email/smtp-email-sender.ts'
import type { Tenant } from '../../src/store/tenant.repository.ts'
import { SEND_AT, seedOutbox } from '../outreach/outreach-fixtures.ts'
import { describeEachDatabase } from '../support/databases.ts'

const LINKS = { replyDomain: 'replies.example.test', publicUrl: 'https://collect.example.test' }

const AGENCY = {
  code: 'north-agency',
  name: 'North Collections LLC',
  kind: 'agency',
  remit: 'net',
  terms: {
    contingency: {
      basis: 'age',
      tiers: [
        { from: 0, percent: '25' },
        { from: 365, percent: '33.33' },
      ],
    },
    noSuccessNoFee: true,
  },
}
const FIRM = {
  code: 'law-firm',
  name: 'Smith & Partners',
  kind: 'law_firm',
  remit: 'gross',
  terms: { currency: 'USD', fixedFeeMinor: 5000, noSuccessNoFee: false },
}

describeEachDatabase(
  'placements: partners, place, recall, the outreach hold, approved playbook steps',
  ({ store }) => {
    const sink = new MailSink({})
    let sender: SmtpEmailSender
    let tenant: Tenant
    let outboxIds: number[] = []

    const as = (role: Role, extra: Partial<Actor> = {}) => ({
      store: store(),
      actor: { tenant, kind: 'user', id: `9${role.length}`, roles: [role], ...extra } as Actor,
    })
    const code = (promise: Promise<unknown>) =>
      promise.then(
        () => 'ok',
        (e: { code?: string }) => e.code ?? String(e),
      )
    const journal = (type: string) =>
      store()
        .db.selectFrom('journal_events')
        .select(['actor', 'payload'])
        .where('tenant_id', '=', tenant.id)
        .where('type', '=', type)
        .orderBy('seq')
        .execute()

    beforeAll(async () => {
      sender = new SmtpEmailSender({
        url: `smtp://127.0.0.1:${await sink.listen()}`,
        from: 'Acme <b@acme.example>',
      })
      // Six consumer debtors, one account and one due reminder e-mail each.
      const seeded = await seedOutbox(
        store().db,
        'placements',
        [1, 2, 3, 4, 5, 6].map(() => ({ accounts: 1, debtKind: 'consumer' as const })),
      )
      tenant = seeded.tenant
      outboxIds = seeded.outboxIds
    })
    afterAll(async () => {
      sender?.close()
      await sink.close()
    })

    it('adds partners with checked terms; a duplicate code and malformed terms are refused with the field', async () => {
      expect(await addPartner(as('manager'), AGENCY)).toMatchObject({ code: 'north-agency', remit: 'net' })
      await addPartner(as('admin'), FIRM)
      await expect(addPartner(as('manager'), AGENCY)).rejects.toMatchObject({ code: 'partner_exists' })
      await expect(
        addPartner(as('manager'), {
          ...AGENCY,
          code: 'bad',
          terms: { noSuccessNoFee: true, fixedFeeMinor: 10 },
        }),
      ).rejects.toMatchObject({ code: 'invalid_partner', details: { field: 'terms.currency' } })
      await expect(addPartner(as('manager'), { ...AGENCY, code: 'bad', kind: 'bank' })).rejects.toMatchObject(
        {
          code: 'invalid_partner',
          details: { field: 'kind' },
        },
      )
      await expect(addPartner(as('collector'), { ...AGENCY, code: 'other' })).rejects.toMatchObject({
        code: 'forbidden',
      })
      expect((await listPartners(as('read_only'))).map((p) => p.code)).toEqual(['law-firm', 'north-agency'])
      expect((await journal('partner.added')).length).toBe(2)
    })

    it('places by hand with the tier of the account age fixed at placement, journaled and announced', async () => {
      // ACC-1 fell due 2026-01-15: 412 days on 2027-03-03, the 33.33% tier.
      const placed = await placeAccount(as('manager'), {
        account: 'ACC-1',
        partner: 'north-agency',
        placedOn: '2027-03-03',
      })
      expect(placed).toMatchObject({
        account: 'ACC-1',
        partner: 'north-agency',
        status: 'active',
        placedOn: '2027-03-03',
        expectedReturnOn: '2027-08-30',
        commissionPercent: '33.33',
        fixedFeeMinor: 0,
        balanceMinor: 12_001,
        currency: 'USD',
        outboxId: null,
        placedBy: 'user:97',
      })
      const fixed = await placeAccount(as('manager'), {
        account: 'ACC-2',
        partner: 'law-firm',
        placedOn: '2026-03-01',
        expectedReturnOn: '2026-06-01',
      })
      expect(fixed).toMatchObject({ commissionPercent: '0', fixedFeeMinor: 5000 })
      const events = await journal('placement.created')
      expect(events.map((e) => JSON.parse(e.payload).partner)).toEqual(['north-agency', 'law-firm'])
      const webhooks = await store()
        .db.selectFrom('journal_events')
        .select('type')
        .where('tenant_id', '=', tenant.id)
        .where('type', 'like', 'placement.%')
        .execute()
      expect(webhooks).toHaveLength(2)
    })

    it('keeps one partner per account: a second placement is 409, and racing placers place it once', async () => {
      await expect(
        placeAccount(as('manager'), { account: 'ACC-1', partner: 'law-firm' }),
      ).rejects.toMatchObject({
        code: 'account_already_placed',
        httpStatus: 409,
        message: expect.stringContaining('north-agency since 2027-03-03'),
      })
      const race = await Promise.all(
        ['north-agency', 'law-firm', 'north-agency', 'law-firm'].map((partner) =>
          code(placeAccount(as('manager'), { account: 'ACC-3', partner, placedOn: '2026-03-02' })),
        ),
      )
      expect(race.filter((r) => r === 'ok')).toHaveLength(1)
      expect(race.filter((r) => r === 'account_already_placed')).toHaveLength(3)
      const active = await store()
        .db.selectFrom('placements')
        .select('id')
        .where('account_id', '=', (await accountId('ACC-3')) as number)
        .execute()
      expect(active).toHaveLength(1)
      // The database itself refuses a second active row, whoever writes it.
      const first = await store()
        .db.selectFrom('placements')
        .selectAll()
        .where('id', '=', active[0]?.id as number)
        .executeTakeFirstOrThrow()
      const { id: _, created_at: __, ...copy } = first
      await expect(
        store()
          .db.insertInto('placements')
          .values({ ...copy, outbox_id: null })
          .execute(),
      ).rejects.toThrow()
    })

    it('refuses an unknown partner, an unknown account, a bad date and a currency the fixed fee is not in', async () => {
      expect(await code(placeAccount(as('manager'), { account: 'ACC-4', partner: 'nobody' }))).toBe(
        'partner_not_found',
      )
      expect(await code(placeAccount(as('manager'), { account: 'NOPE', partner: 'law-firm' }))).toBe(
        'account_not_found',
      )
      expect(
        await code(
          placeAccount(as('manager'), { account: 'ACC-4', partner: 'law-firm', placedOn: '2026-13' }),
        ),
      ).toBe('invalid_date')
      await store()
        .db.updateTable('accounts')
        .set({ currency: 'EUR' })
        .where('id', '=', (await accountId('ACC-4')) as number)
        .execute()
      expect(await code(placeAccount(as('manager'), { account: 'ACC-4', partner: 'law-firm' }))).toBe(
        'placement_not_allowed',
      )
      await store()
        .db.updateTable('accounts')
        .set({ currency: 'USD' })
        .where('id', '=', (await accountId('ACC-4')) as number)
        .execute()
      expect(await code(placeAccount(as('collector'), { account: 'ACC-4', partner: 'law-firm' }))).toBe(
        'forbidden',
      )
    })

    it('holds placed accounts from our own dispatch with a clear reason; the others are sent', async () => {
      const counts = await dispatchMessages(store(), {
        senders: { email: sender },
        links: LINKS,
        at: SEND_AT,
      })
      // ACC-1..3 are placed: suppressed. ACC-4..6 go out.
      expect(counts).toMatchObject({ suppressed: 3, sent: 3 })
      const refused = await store()
        .db.selectFrom('messages')
        .select(['status', 'error'])
        .where('tenant_id', '=', tenant.id)
        .where('status', '=', 'suppressed')
        .execute()
      expect(refused).toHaveLength(3)
      for (const m of refused)
        expect(m.error).toMatch(/^outreach\.placed: the account is placed with (north-agency|law-firm) since/)
      const sentTo = sink.received.flatMap((m) => m.to).sort()
      expect(sentTo).toEqual(['debtor4@example.test', 'debtor5@example.test', 'debtor6@example.test'])
      expect(outboxIds).toHaveLength(6)
    })

    it('recalls with a required reason; the account is free again and can be placed anew', async () => {
      expect(await code(recallPlacement(as('manager'), { account: 'ACC-2', reason: ' ' }))).toBe(
        'invalid_reason',
      )
      const recalled = await recallPlacement(as('manager'), {
        account: 'ACC-2',
        reason: 'expected return date reached',
        recalledOn: '2026-06-01',
      })
      expect(recalled).toMatchObject({
        status: 'recalled',
        recallReason: 'expected return date reached',
        recalledBy: 'user:97',
      })
      expect(await code(recallPlacement(as('manager'), { account: 'ACC-2', reason: 'again' }))).toBe(
        'placement_not_found',
      )
      expect((await journal('placement.recalled')).map((e) => JSON.parse(e.payload).reason)).toEqual([
        'expected return date reached',
      ])
      await placeAccount(as('manager'), { account: 'ACC-2', partner: 'north-agency', placedOn: '2026-06-02' })
      const list = await listPlacements(as('read_only'), {})
      expect(list.filter((p) => p.account === 'ACC-2').map((p) => p.status)).toEqual(['active', 'recalled'])
      expect((await listPlacements(as('read_only'), { status: 'recalled' })).map((p) => p.account)).toEqual([
        'ACC-2',
      ])
      expect((await listPlacements(as('read_only'), { partner: 'law-firm' })).map((p) => p.account)).toEqual(
        ['ACC-3', 'ACC-2'].filter((a) => list.some((p) => p.account === a && p.partner === 'law-firm')),
      )
    })

    it('an approved place_with_agency step lands as a placement; an unknown partner cancels with why', async () => {
      const rowFor = async (account: string, agency: string) => {
        const id = (await accountId(account)) as number
        const decision = await store()
          .db.selectFrom('decisions')
          .select('id')
          .where('account_id', '=', id)
          .executeTakeFirstOrThrow()
        const { id: outboxId } = await store()
          .db.insertInto('outbox')
          .values({
            tenant_id: tenant.id,
            account_id: id,
            decision_id: decision.id,
            idempotency_key: `${id}:agency:2026-03-02`,
            action_type: 'place_with_agency',
            channel: null,
            contact_point_id: null,
            payload: JSON.stringify({ type: 'place_with_agency', agency }),
            status: 'awaiting_approval',
            scheduled_at: '2026-03-02T15:00:00.000Z',
            compliance: '{"outcome":"allow","reasons":[],"packs":[]}',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        return outboxId
      }
      const good = await rowFor('ACC-5', 'north-agency')
      const bad = await rowFor('ACC-6', 'no-such-agency')
      // Held until approved: a dispatch pass places nothing.
      await dispatchMessages(store(), { senders: { email: sender }, links: LINKS, at: SEND_AT })
      expect(
        await store().db.selectFrom('placements').select('id').where('outbox_id', '=', good).execute(),
      ).toEqual([])
      await approveEscalation(as('manager'), { id: good })
      await approveEscalation(as('manager'), { id: bad })
      await dispatchMessages(store(), { senders: { email: sender }, links: LINKS, at: SEND_AT })
      const placement = (await listPlacements(as('manager'))).find((p) => p.outboxId === good)
      expect(placement).toMatchObject({
        account: 'ACC-5',
        partner: 'north-agency',
        status: 'active',
        placedOn: '2026-03-03',
        commissionPercent: '25',
        placedBy: 'user:97',
      })
      const rows = await store()
        .db.selectFrom('outbox')
        .select(['id', 'status', 'cancel_reason'])
        .where('id', 'in', [good, bad])
        .orderBy('id')
        .execute()
      expect(rows.map((r) => r.status)).toEqual(['sent', 'cancelled'])
      expect(rows[1]?.cancel_reason).toBe('not placed: no partner with code "no-such-agency" in this tenant')
      // Another pass is a no-op: one placement per outbox row.
      await dispatchMessages(store(), { senders: { email: sender }, links: LINKS, at: SEND_AT })
      expect(
        await store().db.selectFrom('placements').select('id').where('outbox_id', '=', good).execute(),
      ).toHaveLength(1)
    })

    it('exports the partner placement file with the itemization, balance and flags, journaled', async () => {
      const dispute = (await accountId('ACC-5')) as number
      await store()
        .db.insertInto('disputes')
        .values({
          tenant_id: tenant.id,
          account_id: dispute,
          received_at: '2026-03-03T16:00:00.000Z',
          written: 1,
          amount_minor: null,
          reason: null,
          verification_sent_at: null,
          resolved_at: null,
          resolution: null,
        })
        .execute()
      const file = await exportPlacementFile(as('manager'), { partner: 'north-agency', asOf: '2026-03-04' })
      const [header, ...lines] = file.csv.trimEnd().split('\r\n')
      const columns = (header ?? '').split(',')
      const rows = lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [columns[i], v])))
      const active = await listPlacements(as('manager'), { partner: 'north-agency', status: 'active' })
      expect(file.accounts).toBe(active.length)
      // Oldest placement first; ACC-3 is here when the race above went to this partner.
      expect(rows.map((r) => r.account)).toEqual(active.map((p) => p.account).reverse())
      expect(rows.map((r) => r.account)).toEqual(expect.arrayContaining(['ACC-1', 'ACC-2', 'ACC-5']))
      const acc5 = rows.find((r) => r.account === 'ACC-5')
      expect(acc5).toMatchObject({
        partner: 'north-agency',
        debtor: 'D-5',
        email: 'debtor5@example.test',
        address_line1: '1 Main St',
        postal_code: '10001',
        currency: 'USD',
        itemization_date: '2026-01-15',
        itemization_amount: '120.05',
        balance: '120.05',
        charge_off_on: '',
        dispute: 'Y',
        attorney: 'N',
        cease: 'N',
      })
      const [event] = await journal('placement.file_exported')
      expect(JSON.parse(event?.payload ?? '{}')).toMatchObject({
        partner: 'north-agency',
        asOf: '2026-03-04',
      })
      expect(await code(exportPlacementFile(as('collector'), { partner: 'north-agency' }))).toBe('forbidden')
      expect(await code(exportPlacementFile(as('manager'), { partner: 'nobody' }))).toBe('partner_not_found')
    })

    const accountId = async (externalId: string) =>
      (
        await store()
          .db.selectFrom('accounts')
          .select('id')
          .where('tenant_id', '=', tenant.id)
          .where('external_id', '=', externalId)
          .executeTakeFirst()
      )?.id
  },
)
