import { beforeAll, expect, it } from 'vitest'
import type { Actor, Role } from '../../src/app/actor.ts'
import { exportPlacementFile } from '../../src/app/placements/export-placement-file.ts'
import { importRemittance } from '../../src/app/placements/import-remittance.ts'
import { listPlacements } from '../../src/app/placements/list-placements.ts'
import { addPartner } from '../../src/app/placements/partners.ts'
import { placeAccount } from '../../src/app/placements/place-account.ts'
import { recallPlacement } from '../../src/app/placements/recall-placement.ts'
import { getRemittance, listRemittances } from '../../src/app/placements/remittance-report.ts'
import { reportPlacementStatus } from '../../src/app/placements/report-placement-status.ts'
import { getCostToCollect } from '../../src/app/reports/get-cost-to-collect.ts'
import { getPartnerPerformance } from '../../src/app/reports/get-partner-performance.ts'
import { closeSale } from '../../src/app/sales/close-sale.ts'
import { createSale } from '../../src/app/sales/create-sale.ts'
import { fixedFeesCharged, placementsByIds } from '../../src/store/placements/remittance.repository.ts'
import type { Tenant } from '../../src/store/tenant.repository.ts'
import { seedOutbox } from '../outreach/outreach-fixtures.ts'
import { describeEachDatabase } from '../support/databases.ts'

/** A net-remit agency: 33.33 % and a fixed fee charged with the first collection (no success, no fee). */
const NET = {
  code: 'north',
  name: 'North Collections LLC',
  kind: 'agency',
  remit: 'net',
  terms: {
    currency: 'USD',
    contingency: { basis: 'age', tiers: [{ from: 0, percent: '33.33' }] },
    fixedFeeMinor: 1000,
    noSuccessNoFee: true,
  },
}
/** A gross-remit law firm: 20 % and a fixed fee owed from placement. */
const GROSS = {
  code: 'firm',
  name: 'Smith & Partners',
  kind: 'law_firm',
  remit: 'gross',
  terms: {
    currency: 'USD',
    contingency: { basis: 'age', tiers: [{ from: 0, percent: '20' }] },
    fixedFeeMinor: 5000,
    noSuccessNoFee: false,
  },
}

const csv = (...lines: string[]) => `${lines.join('\r\n')}\r\n`
const NET_HEADER = 'placement_id,account,paid_on,collected,commission_withheld,net_remitted,reference'

describeEachDatabase(
  'remittances: file in, payments booked, commission, reconciliation to the cent',
  ({ store }) => {
    let tenant: Tenant
    let other: Tenant
    const ids: Record<string, number> = {}
    let otherPlacementId = 0

    const as = (role: Role, t: Tenant = tenant) => ({
      store: store(),
      actor: { tenant: t, kind: 'user', id: '7', roles: [role] } as Actor,
    })
    const payments = async () =>
      (
        await store()
          .db.selectFrom('payments')
          .select(['amount_minor', 'external_id'])
          .where('tenant_id', '=', tenant.id)
          .orderBy('id')
          .execute()
      ).map((p) => [p.external_id, Number(p.amount_minor)])
    const commissions = async () =>
      (
        await store()
          .db.selectFrom('placement_commissions')
          .select(['placement_id', 'kind', 'amount_minor'])
          .where('tenant_id', '=', tenant.id)
          .orderBy('id')
          .execute()
      ).map((c) => [Number(c.placement_id), c.kind, Number(c.amount_minor)])

    beforeAll(async () => {
      tenant = (
        await seedOutbox(
          store().db,
          'remit',
          [1, 2, 3, 4].map(() => ({ accounts: 1, debtKind: 'consumer' as const })),
        )
      ).tenant
      other = (await seedOutbox(store().db, 'remit-other', [{ accounts: 1, debtKind: 'consumer' }])).tenant
      await addPartner(as('manager'), NET)
      await addPartner(as('manager'), GROSS)
      await addPartner(as('manager', other), NET)
      for (const [account, partner] of [
        ['ACC-1', 'north'],
        ['ACC-2', 'north'],
        ['ACC-3', 'firm'],
        ['ACC-4', 'north'],
      ] as const)
        ids[account] = (await placeAccount(as('manager'), { account, partner, placedOn: '2026-02-01' })).id
      await recallPlacement(as('manager'), {
        account: 'ACC-4',
        reason: 'debtor asked',
        recalledOn: '2026-02-20',
      })
      otherPlacementId = (
        await placeAccount(as('manager', other), {
          account: 'ACC-1',
          partner: 'north',
          placedOn: '2026-02-01',
        })
      ).id
    })

    it('charges the fixed fee of a partner without "no success, no fee" at placement, once', async () => {
      expect(await commissions()).toEqual([[ids['ACC-3'], 'fixed_fee', 5000]])
    })

    it('reconciles a net partner file out and in to the cent; bad lines are reported, good lines kept', async () => {
      const file = await exportPlacementFile(as('manager'), { partner: 'north', asOf: '2026-02-01' })
      const [header, ...rows] = file.csv.trimEnd().split('\r\n')
      const columns = (header as string).split(',')
      const idOf = (account: string) => {
        const row = rows.map((r) => r.split(',')).find((r) => r[columns.indexOf('account')] === account)
        return row?.[columns.indexOf('placement_id')]
      }
      expect(idOf('ACC-1')).toBe(String(ids['ACC-1']))
      const text = csv(
        NET_HEADER,
        // 33.33 % of 50.00 is 16.665 -> 16.67 (half-up), plus the fixed fee 10.00 with the first collection.
        `${idOf('ACC-1')},ACC-1,2026-02-10,50.00,26.67,23.33,N-1`,
        // 33.33 % of 0.15 is 0.049995 -> 0.05.
        `${idOf('ACC-1')},ACC-1,2026-02-15,0.15,0.05,0.10,N-2`,
        // 33.33 % of 30.00 is 9.999 -> 10.00 plus the fee: 20.00 due; 10.00 expected, 9.00 remitted.
        `${idOf('ACC-2')},ACC-2,2026-02-11,30.00,20.00,9.00,N-3`,
        `${ids['ACC-4']},ACC-4,2026-02-25,10.00,3.33,6.67,N-4`,
        `${otherPlacementId},ACC-1,2026-02-10,10.00,3.33,6.67,N-5`,
        `${idOf('ACC-2')},ACC-2,2026-02-12,"12,50",4.17,8.33,N-6`,
        '999999,ACC-9,2026-02-12,1.00,0.33,0.67,N-7',
        `${idOf('ACC-1')},ACC-1,2026-02-10,50.00,26.67,23.33,N-1`,
        `${idOf('ACC-2')},ACC-1,2026-02-12,1.00,0.33,0.67,N-8`,
      )
      const report = await importRemittance(as('manager'), {
        partner: 'north',
        fileName: 'north-2026-02.csv',
        csv: text,
        source: 'cli',
      })
      expect(report.lines.map((l) => [l.line, l.status])).toEqual([
        [2, 'matched'],
        [3, 'matched'],
        [4, 'difference'],
        [5, 'unmatched'],
        [6, 'unmatched'],
        [7, 'error'],
        [8, 'unmatched'],
        [9, 'duplicate'],
        [10, 'unmatched'],
      ])
      const [l2, l3, l4, l5, l6, l7, l8, l9, l10] = report.lines
      expect(l2).toMatchObject({
        collectedMinor: 5000,
        commissionDueMinor: 2667,
        commissionWithheldMinor: 2667,
        netExpectedMinor: 2333,
        netRemittedMinor: 2333,
        differenceMinor: 0,
      })
      expect(l3).toMatchObject({ commissionDueMinor: 5, netExpectedMinor: 10, differenceMinor: 0 })
      expect(l4).toMatchObject({ commissionDueMinor: 2000, netExpectedMinor: 1000, differenceMinor: -100 })
      expect(l4?.problems).toEqual([
        { field: 'net_remitted', reason: 'remitted 9.00 USD, expected 10.00 USD: less by 1.00 USD' },
      ])
      expect(l5?.problems).toEqual([
        { field: 'paid_on', reason: expect.stringContaining('recalled (2026-02-20)') },
      ])
      expect(l6?.problems).toEqual([
        {
          field: 'placement_id',
          reason: `no placement ${otherPlacementId} with partner north in this tenant`,
        },
      ])
      expect(l7?.problems).toEqual([{ field: 'collected', reason: expect.stringContaining('"12,50"') }])
      expect(l8?.problems[0]?.field).toBe('placement_id')
      expect(l9?.problems).toEqual([{ field: 'reference', reason: 'line 2 of this file has reference N-1' }])
      expect(l10?.problems).toEqual([
        { field: 'account', reason: `placement ${ids['ACC-2']} is account ACC-2, not ACC-1` },
      ])
      expect(report.counts).toEqual({
        matched: 2,
        difference: 1,
        unmatched: 4,
        duplicate: 1,
        forwarded: 0,
        error: 1,
      })
      expect(report.totals).toEqual([
        {
          currency: 'USD',
          lines: 3,
          collectedMinor: 8015,
          commissionDueMinor: 4672,
          commissionWithheldMinor: 4672,
          netExpectedMinor: 3343,
          netRemittedMinor: 3243,
          differenceMinor: -100,
          commissionOwedMinor: 0,
        },
      ])
      // The collections are payments on the accounts, booked once, keyed by partner and reference.
      expect(await payments()).toEqual([
        ['partner:north:N-1', 5000],
        ['partner:north:N-2', 15],
        ['partner:north:N-3', 3000],
      ])
      // The fixed fee once per placement, with its first collection; contingency per line.
      expect((await commissions()).filter((c) => c[0] !== ids['ACC-3'])).toEqual([
        [ids['ACC-1'], 'contingency', 1667],
        [ids['ACC-1'], 'fixed_fee', 1000],
        [ids['ACC-1'], 'contingency', 5],
        [ids['ACC-2'], 'contingency', 1000],
        [ids['ACC-2'], 'fixed_fee', 1000],
      ])
      // Shown again from what was stored.
      expect(await getRemittance(as('read_only'), report.id)).toEqual(report)
      const [event] = await store()
        .db.selectFrom('journal_events')
        .select('payload')
        .where('tenant_id', '=', tenant.id)
        .where('type', '=', 'placement.remittance_reconciled')
        .execute()
      expect(JSON.parse(event?.payload ?? '{}')).toMatchObject({ remittanceId: report.id, partner: 'north' })

      // The same file again books nothing twice: every booked line is a duplicate naming the first.
      const again = await importRemittance(as('manager'), {
        partner: 'north',
        fileName: 'north-2026-02.csv',
        csv: text,
        source: 'api',
      })
      expect(again.counts).toEqual({
        matched: 0,
        difference: 0,
        unmatched: 4,
        duplicate: 4,
        forwarded: 0,
        error: 1,
      })
      expect(again.lines[0]?.problems[0]?.reason).toBe(
        `reference N-1 was booked by remittance ${report.id}, line 2`,
      )
      expect(again.totals).toEqual([])
      expect(await payments()).toHaveLength(3)
      expect((await listRemittances(as('read_only'), 'north')).map((r) => r.id)).toEqual([
        again.id,
        report.id,
      ])
    })

    it('reconciles a gross partner: all remitted, the commission owed on its invoice, a cent short reported', async () => {
      const report = await importRemittance(as('manager'), {
        partner: 'firm',
        fileName: 'firm.csv',
        csv: csv(
          'placement_id,account,paid_on,collected,net_remitted,reference,currency',
          `${ids['ACC-3']},ACC-3,2026-02-12,100.00,100.00,F-1,USD`,
          // 20 % of 10.01 is 2.002 -> 2.00; the partner remitted 10.00 of 10.01.
          `${ids['ACC-3']},ACC-3,2026-02-13,10.01,10.00,F-2,usd`,
        ),
        source: 'api',
      })
      expect(
        report.lines.map((l) => [l.status, l.commissionDueMinor, l.netExpectedMinor, l.differenceMinor]),
      ).toEqual([
        ['matched', 2000, 10000, 0],
        ['difference', 200, 1001, -1],
      ])
      expect(report.totals).toEqual([
        {
          currency: 'USD',
          lines: 2,
          collectedMinor: 11001,
          commissionDueMinor: 2200,
          commissionWithheldMinor: 0,
          netExpectedMinor: 11001,
          netRemittedMinor: 11000,
          differenceMinor: -1,
          commissionOwedMinor: 2200,
        },
      ])
      // The fixed fee was charged at placement: not again with the first collection.
      expect((await commissions()).filter((c) => c[0] === ids['ACC-3'])).toEqual([
        [ids['ACC-3'], 'fixed_fee', 5000],
        [ids['ACC-3'], 'contingency', 2000],
        [ids['ACC-3'], 'contingency', 200],
      ])
    })

    it('books a file raced by two importers once: the other sees every line as a duplicate', async () => {
      const text = csv(
        'placement_id,account,paid_on,collected,net_remitted,reference',
        `${ids['ACC-3']},ACC-3,2026-02-14,1.00,1.00,RACE-1`,
      )
      const run = () =>
        importRemittance(as('manager'), { partner: 'firm', fileName: 'race.csv', csv: text, source: 'api' })
      const both = await Promise.all([run(), run()])
      expect(both.map((r) => r.lines[0]?.status).sort()).toEqual(['duplicate', 'matched'])
      expect((await payments()).filter(([ref]) => ref === 'partner:firm:RACE-1')).toHaveLength(1)
    })

    it('refuses a file without a required column, an empty file and an unknown partner, writing nothing', async () => {
      const before = await payments()
      const fail = (partner: string, text: string) =>
        importRemittance(as('manager'), { partner, fileName: 'x.csv', csv: text, source: 'cli' }).then(
          () => 'ok',
          (e: { code: string; message: string }) => `${e.code}: ${e.message}`,
        )
      expect(
        await fail(
          'north',
          csv('placement_id,account,paid_on,collected,net_remitted,reference', '1,A,2026-02-01,1,1,R'),
        ),
      ).toMatch(/^missing_columns: x.csv: missing column\(s\) commission_withheld/)
      expect(await fail('north', csv(`${NET_HEADER},extra`))).toMatch(/^invalid_header: .*"extra"/)
      expect(await fail('north', '')).toBe('empty_file: x.csv is empty')
      expect(await fail('north', csv(NET_HEADER))).toMatch(/^empty_file/)
      expect(await fail('nobody', csv(NET_HEADER))).toMatch(/^partner_not_found/)
      await expect(
        importRemittance(as('collector'), {
          partner: 'north',
          fileName: 'x',
          csv: csv(NET_HEADER),
          source: 'cli',
        }),
      ).rejects.toMatchObject({ code: 'forbidden' })
      expect((await payments()).length).toBeGreaterThanOrEqual(before.length)
    })

    it("records partners' status updates matched to placements; bad ones are reported, good ones kept", async () => {
      const results = await reportPlacementStatus(as('manager'), {
        partner: 'north',
        updates: [
          { placementId: ids['ACC-1'] as number, account: 'ACC-1', status: 'contacted', on: '2026-02-03' },
          {
            placementId: ids['ACC-2'] as number,
            account: 'ACC-2',
            status: 'recall_requested',
            note: 'moved abroad',
          },
          { placementId: ids['ACC-3'] as number, account: 'ACC-3', status: 'contacted' },
          { placementId: ids['ACC-1'] as number, account: 'ACC-1', status: 'gone_fishing' },
        ],
      })
      expect(results.map((r) => [r.outcome, r.needsAttention, r.problems.map((p) => p.field)])).toEqual([
        ['recorded', false, []],
        ['recorded', true, []],
        ['error', false, ['placementId']],
        ['error', false, ['status']],
      ])
      const placed = await listPlacements(as('read_only'), { partner: 'north' })
      expect(placed.find((p) => p.account === 'ACC-2')).toMatchObject({ partnerStatus: 'recall_requested' })
      expect(placed.find((p) => p.account === 'ACC-1')).toMatchObject({
        partnerStatus: 'contacted',
        partnerStatusOn: '2026-02-03',
      })
    })

    it('reports a line for a sold account as forwarded to the buyer: no payment, no commission', async () => {
      // A placement recalled, the account then sold; the partner remits a collection made while placed.
      const sold = (await seedOutbox(store().db, 'remit-sold', [{ accounts: 1, debtKind: 'consumer' }]))
        .tenant
      const manager = as('manager', sold)
      await addPartner(manager, NET)
      const placementId = (
        await placeAccount(manager, { account: 'ACC-1', partner: 'north', placedOn: '2026-02-01' })
      ).id
      await recallPlacement(manager, { account: 'ACC-1', reason: 'to be sold', recalledOn: '2026-02-20' })
      const sale = await createSale(manager, {
        buyer: 'Debt Buyer LLC',
        pricePercent: '10',
        asOf: '2026-03-01',
        filter: { accounts: ['ACC-1'] },
      })
      await closeSale(manager, { sale: sale.id, on: '2026-03-05' })
      const report = await importRemittance(manager, {
        partner: 'north',
        fileName: 'north-sold.csv',
        csv: csv(NET_HEADER, `${placementId},ACC-1,2026-02-10,50.00,26.67,23.33,S-1`),
        source: 'cli',
      })
      expect(report.lines.map((l) => [l.status, l.paymentId])).toEqual([['forwarded', null]])
      expect(report.lines[0]?.problems).toEqual([
        {
          field: 'account',
          reason: `account ACC-1 was sold to Debt Buyer LLC (sale ${sale.id}): the payment is recorded as forwarded to the buyer, not booked`,
        },
      ])
      expect(report.counts).toMatchObject({ forwarded: 1, duplicate: 0, matched: 0 })
      expect(await getRemittance(as('read_only', sold), report.id)).toEqual(report)
      const db = store().db
      expect(
        await db.selectFrom('placement_commissions').select('id').where('tenant_id', '=', sold.id).execute(),
      ).toEqual([])
      expect(
        (
          await db
            .selectFrom('forwarded_payments')
            .select('amount_minor')
            .where('tenant_id', '=', sold.id)
            .execute()
        ).map((f) => Number(f.amount_minor)),
      ).toEqual([5000])
      // The IN lists are chunked: more ids than one chunk find the same placements.
      const many = [...Array.from({ length: 1_200 }, (_, i) => 10_000_000 + i), placementId]
      expect([...(await placementsByIds(db, sold.id, many)).keys()]).toEqual([placementId])
      expect([...(await fixedFeesCharged(db, many))]).toEqual([])
    })

    it('reports partner performance by partner and placement month, and counts commissions as costs', async () => {
      const window = { from: '2026-01-01', to: '2026-03-31' }
      const perf = await getPartnerPerformance(as('manager'), window)
      const rows = perf.rows.map((r) => Object.fromEntries(perf.columns.map((c, i) => [c, r[i]])))
      expect(rows).toEqual([
        {
          partner: 'firm',
          placement_month: '2026-02',
          currency: 'USD',
          placements: 1,
          placed_balance_minor: 12_003,
          collected_minor: 11_101,
          liquidation_rate: expect.closeTo(11_101 / 12_003, 4),
          commission_minor: 7220,
          paying_placements: 1,
          median_days_to_first_payment: 11,
        },
        {
          partner: 'north',
          placement_month: '2026-02',
          currency: 'USD',
          placements: 3,
          placed_balance_minor: 12_001 + 12_002 + 12_004,
          collected_minor: 8015,
          liquidation_rate: expect.closeTo(8015 / 36_007, 4),
          commission_minor: 4672,
          paying_placements: 2,
          median_days_to_first_payment: 9.5,
        },
      ])
      const costs = await getCostToCollect(as('manager'), window)
      const feb = costs.rows.find((r) => r[0] === '2026-02' && r[1] === 'USD')
      expect(feb?.[costs.columns.indexOf('partner_commission_minor')]).toBe(7220 + 4672)
    })
  },
)
