import type {
  CollectorType,
  ComplianceRequest,
  DebtFacts,
} from '../../../src/core/compliance/compliance-request.ts'
import { evaluateCompliance } from '../../../src/core/compliance/evaluate-compliance.ts'

/* A small request builder shared by the evaluator tests. */

export const NY = 'America/New_York'

/** A US-MA consumer, one debt, a mobile with consent, called manually at 10:00 New York time. */
export function request(patch: {
  jurisdiction?: string
  zones?: readonly (readonly [source: 'address' | 'area_code', zone: string])[]
  at?: string
  collector?: CollectorType
  action?: Partial<ComplianceRequest['action']>
  debt?: Partial<DebtFacts>
  calls?: readonly string[]
  packs?: readonly string[]
}): ComplianceRequest {
  const jurisdiction = patch.jurisdiction ?? 'US-MA'
  return {
    action: {
      kind: 'contact',
      at: patch.at ?? '2026-06-15T10:00:00-04:00',
      channel: 'call',
      dialing: 'manual',
      contactPointId: 'P1',
      ...patch.action,
    },
    collector: { type: patch.collector ?? 'third_party' },
    debtor: {
      kind: patch.debt?.kind === 'commercial' ? 'business' : 'person',
      jurisdiction,
      timeZoneEvidence: (patch.zones ?? [['address', NY]]).map(([source, timeZone]) => ({
        source,
        timeZone,
      })),
    },
    contactPoints: [{ id: 'P1', kind: 'phone', phoneType: 'mobile', consent: 'granted' }],
    debts: [
      { id: 'D1', kind: 'consumer', jurisdiction, currency: 'USD', balanceMinor: 10_000, ...patch.debt },
    ],
    history: { calls: (patch.calls ?? []).map((at) => ({ at, debtIds: ['D1'], result: 'voicemail' })) },
    ...(patch.packs ? { packs: patch.packs } : {}),
  }
}

export const ids = (r: ComplianceRequest) => evaluateCompliance(r).packs.map((p) => p.id)
export const rules = (r: ComplianceRequest) => evaluateCompliance(r).reasons.map((x) => x.ruleId)
