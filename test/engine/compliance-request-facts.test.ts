import { expect, it } from 'vitest'
import { buildComplianceRequest } from '../../src/engine/build-compliance-request.ts'
import { loadAccountSnapshots } from '../../src/store/engine/account-snapshot.repository.ts'
import { seedOutbox } from '../outreach/outreach-fixtures.ts'
import { describeEachDatabase } from '../support/databases.ts'

describeEachDatabase(
  'the compliance request reads the mailed letters’ dates from the account',
  ({ store }) => {
    const requestFor = async (slug: string, jurisdiction: string, attributes: Record<string, unknown>) => {
      const db = store().db
      const { tenant } = await seedOutbox(db, slug, [{ accounts: 1, channels: ['letter'], jurisdiction }])
      await db
        .updateTable('accounts')
        .set({ attributes: JSON.stringify(attributes) })
        .where('tenant_id', '=', tenant.id)
        .execute()
      const account = await db
        .selectFrom('accounts')
        .select('id')
        .where('tenant_id', '=', tenant.id)
        .executeTakeFirstOrThrow()
      const [snapshot] = await loadAccountSnapshots(
        db,
        { tenantId: tenant.id, firstAccountId: account.id, lastAccountId: account.id },
        '2026-03-03',
      )
      if (!snapshot) throw new Error('no snapshot')
      return buildComplianceRequest(
        snapshot,
        { kind: 'legal_notice', at: '2026-03-03T10:00:00Z' },
        'original_creditor',
      )
    }

    it('a dishonoured cheque and the NI Act notice’s mailing date', async () => {
      const request = await requestFor('facts-in', 'IN', {
        cheque: {
          number: '1',
          date: '2026-01-02',
          bank: 'B',
          amount: '100.00',
          presentedOn: '2026-01-10',
          bankInformedOn: '2026-01-12',
          returnReason: 'funds',
        },
        niActNoticeSentOn: '2026-01-20',
      })
      expect(request.debts[0]?.dishonouredCheque).toEqual({
        chequeDate: '2026-01-02',
        presentedOn: '2026-01-10',
        bankInformedOn: '2026-01-12',
        demandNoticeSentOn: '2026-01-20',
      })
    })

    it('a malformed cheque date leaves the cheque out; the Letter of Claim date goes in', async () => {
      const request = await requestFor('facts-gb', 'GB', {
        cheque: { date: '2026-13-45', presentedOn: '2026-01-10', bankInformedOn: '2026-01-12' },
        letterOfClaimOn: '2026-02-01',
      })
      expect(request.debts[0]?.dishonouredCheque).toBeUndefined()
      expect(request.debts[0]?.letterOfClaimOn).toBe('2026-02-01')
    })
  },
)
