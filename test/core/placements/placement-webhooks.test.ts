import { expect, it } from 'vitest'
import { webhookEventsOfJournal } from '../../../src/core/webhooks/webhook-events.ts'

it.each(['placement.created', 'placement.recalled', 'placement.remittance_reconciled'])(
  'announces the journal event %s as its webhook',
  (type) => {
    const payload = { placementId: 4, accountId: 9, partner: 'north' }
    expect(webhookEventsOfJournal({ type, subject: 'account:9', payload })).toEqual([
      { type, data: { subject: 'account:9', ...payload } },
    ])
  },
)

it('announces nothing for partner.added and placement.file_exported (no subscriber needs them)', () => {
  expect(webhookEventsOfJournal({ type: 'partner.added', payload: {} })).toEqual([])
  expect(webhookEventsOfJournal({ type: 'placement.file_exported', payload: {} })).toEqual([])
})
