import { describe, expect, it } from 'vitest'
import type { AccountSnapshot, SnapshotContactPoint } from '../../src/core/engine/account-snapshot.ts'
import { engineContext } from '../../src/engine/daily-run.ts'
import { decideAccount } from '../../src/engine/decide-account.ts'
import { NO_CONTACT_POINT_RULE, noContactPointReason } from '../../src/engine/no-contact-point-reason.ts'
import { loadDefaultPlaybooks } from '../../src/playbook/default-playbooks.ts'
import type { Tenant } from '../../src/store/tenant.repository.ts'

const AS_OF = '2026-03-02'
const TENANT: Tenant = {
  id: 1,
  slug: 'agency',
  name: 'Agency',
  kind: 'agency',
  time_zone: 'America/New_York',
  default_currency: 'USD',
  created_at: '2026-01-01T00:00:00Z',
  consolidate_messages: 1,
  settings: null,
}

const email = (over: Partial<SnapshotContactPoint> = {}): SnapshotContactPoint => ({
  id: 11,
  kind: 'email',
  value: 'ann@example.com',
  phoneType: null,
  consent: 'unknown',
  consentAt: null,
  optedOutAt: null,
  timeZone: null,
  ...over,
})

function consumer(points: SnapshotContactPoint[]): AccountSnapshot {
  return {
    accountId: 7,
    externalId: 'ACC-7',
    debtorId: 3,
    debtorExternalId: 'D-3',
    debtorKind: 'person',
    clientExternalId: 'C-1',
    debtKind: 'consumer',
    jurisdiction: 'US-NY',
    currency: 'USD',
    dueOn: '2026-01-15',
    chargeOffOn: null,
    attributes: {},
    balanceMinor: 50_000,
    originalMinor: 50_000,
    lastPaymentOn: null,
    addressZones: [],
    statedTimeZone: 'America/New_York',
    contactPoints: points,
    restrictions: [],
    contactEvents: [],
    disputes: [],
    promises: [],
    plans: [],
    hardshipPauses: [],
    state: null,
  }
}

describe('block reasons name the channel, the contact point and what is missing', () => {
  it('a consumer with only an email: the validation notice names letter, postal address and debtor', () => {
    const context = engineContext(TENANT, AS_OF, loadDefaultPlaybooks())
    const decision = decideAccount(consumer([email()]), context)
    const blocked = decision?.actions.filter((a) => a.status === 'blocked') ?? []
    const reasons = blocked
      .flatMap((a) => a.compliance.reasons)
      .filter((r) => r.ruleId === NO_CONTACT_POINT_RULE)
    expect(reasons.length).toBeGreaterThan(0)
    for (const r of reasons) {
      expect(r.message).not.toContain('for this channel')
      expect(r.message).toMatch(/^letter: no postal address on file for debtor D-3/)
    }
    expect(reasons.map((r) => r.message)).toContain(
      'letter: no postal address on file for debtor D-3, needed for the validation_notice',
    )
  })

  it('a point on file that cannot be used says which one and why', () => {
    const action = { type: 'send_message', channel: 'email', template: 'reminder', tone: 'friendly' } as const
    const optedOut = consumer([email({ optedOutAt: '2026-02-01T09:00:00Z' })])
    expect(noContactPointReason(optedOut, 'email', action).message).toBe(
      'email: no usable email address for debtor D-3, needed for message reminder: ann@example.com opted out on 2026-02-01',
    )
    const phone = email({
      id: 12,
      kind: 'phone',
      value: '+15550100',
      phoneType: 'mobile',
      consent: 'revoked',
      consentAt: '2026-02-03T10:00:00Z',
    })
    const sms = { type: 'send_message', channel: 'sms', template: 'nudge', tone: 'friendly' } as const
    expect(noContactPointReason(consumer([phone]), 'sms', sms).message).toBe(
      'sms: no usable mobile number for debtor D-3, needed for message nudge: +15550100 has no SMS consent (revoked on 2026-02-03)',
    )
  })
})
