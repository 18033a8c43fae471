import { describe, expect, it } from 'vitest'
import type { AccountSnapshot } from '../../src/core/engine/account-snapshot.ts'
import { engineContext } from '../../src/engine/daily-run.ts'
import { decideAccount } from '../../src/engine/decide-account.ts'
import { parsePlaybookText } from '../../src/playbook/load-playbook.ts'
import type { Tenant } from '../../src/store/tenant.repository.ts'

const PLAYBOOK = parsePlaybookText(
  `id: settings-probe
version: 1
description: One stage that offers a long plan and sends an email on the first day.
stages:
  - key: only
    steps:
      - afterDays: 0
        action: { type: offer_plan, maxMonths: 36 }
      - afterDays: 0
        action: { type: send_message, channel: email, template: reminder, tone: friendly }
`,
  'settings-probe.yaml',
)

const tenant = (settings: string | null): Tenant => ({
  id: 1,
  slug: 'probe',
  name: 'Probe',
  kind: 'creditor',
  time_zone: 'America/New_York',
  default_currency: 'USD',
  created_at: '2026-01-01T00:00:00Z',
  consolidate_messages: 1,
  settings,
})

const SNAPSHOT: AccountSnapshot = {
  accountId: 7,
  externalId: 'ACC-7',
  debtorId: 3,
  debtorExternalId: 'D-3',
  debtorKind: 'business',
  clientExternalId: null,
  debtKind: 'commercial',
  jurisdiction: 'US-NY',
  currency: 'USD',
  dueOn: '2026-01-15',
  chargeOffOn: null,
  attributes: {},
  balanceMinor: 50_000,
  originalMinor: 50_000,
  lastPaymentOn: null,
  addressZones: ['America/New_York'],
  statedTimeZone: null,
  contactPoints: [
    {
      id: 11,
      kind: 'email',
      value: 'ap@example.com',
      phoneType: null,
      consent: 'granted',
      consentAt: '2026-01-01T00:00:00Z',
      optedOutAt: null,
      timeZone: null,
    },
  ],
  restrictions: [],
  contactEvents: [],
  disputes: [],
  promises: [],
  plans: [],
  hardshipPauses: [],
  state: null,
} as unknown as AccountSnapshot

function decide(settings: string | null) {
  const decision = decideAccount(SNAPSHOT, engineContext(tenant(settings), '2026-03-03', [PLAYBOOK]))
  const offer = decision?.actions.find((a) => a.proposed.action.type === 'offer_plan')
  const email = decision?.actions.find((a) => a.proposed.action.type === 'send_message')
  return { offer: offer?.proposed.action, proposedAt: email?.compliance.proposedAt }
}

describe("the engine applies the tenant's settings", () => {
  it('by default: the offer as the playbook wrote it, contacts proposed at 10:00 in the debtor zone', () => {
    expect(decide(null)).toEqual({
      offer: { type: 'offer_plan', maxMonths: 36 },
      proposedAt: '2026-03-03T15:00:00.000Z',
    })
  })

  it("cuts offer_plan to the tenant's longest plan and proposes contacts at its send time", () => {
    const settings = JSON.stringify({ plans: { maxMonths: 6 }, contact: { sendTime: '13:30' } })
    expect(decide(settings)).toEqual({
      offer: { type: 'offer_plan', maxMonths: 6 },
      proposedAt: '2026-03-03T18:30:00.000Z',
    })
  })
})
