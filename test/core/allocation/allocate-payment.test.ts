import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type AllocatePaymentInput,
  type AllocationPolicy,
  allocatePayment,
  allocationLedgerPayments,
  COMPONENTS,
  type OpenItem,
} from '../../../src/core/allocation/allocate-payment.ts'
import {
  ALLOCATION_POLICIES,
  type AllocationPolicyId,
} from '../../../src/core/allocation/allocation-policies.ts'
import { AppError } from '../../../src/core/errors/index.ts'

const item = (
  accountId: string,
  component: OpenItem['component'],
  dueOn: string,
  outstandingMinor: number,
) => ({
  accountId,
  component,
  dueOn,
  outstandingMinor,
})

// One debtor, two accounts: A (older invoice) and B.
const ITEMS: OpenItem[] = [
  item('A', 'principal', '2024-01-10', 10_000),
  item('A', 'interest', '2024-03-01', 500),
  item('A', 'cost', '2024-03-15', 1_500),
  item('A', 'fee', '2024-02-01', 300),
  item('B', 'principal', '2023-12-01', 4_000),
  item('B', 'interest', '2024-02-15', 200),
]

const run = (policy: AllocationPolicyId | AllocationPolicy, amountMinor: number, target = 'A') =>
  allocatePayment({
    amountMinor,
    currency: 'EUR',
    accountCurrency: 'EUR',
    targetAccountId: target,
    items: ITEMS,
    policy: typeof policy === 'string' ? ALLOCATION_POLICIES[policy] : policy,
  })

const compact = (r: ReturnType<typeof run>) =>
  r.lines.map((l) => `${l.accountId}:${l.component}:${l.amountMinor}`)

describe('allocatePayment: named policies', () => {
  it.each<[string, AllocationPolicyId, number, string[], number]>([
    // [case, policy, payment, lines, credit]
    [
      'DE s.367: costs, fees, interest, then principal',
      'de-bgb-367',
      2_500,
      ['A:cost:1500', 'A:fee:300', 'A:interest:500', 'A:principal:200'],
      0,
    ],
    [
      'DE s.367: only the referenced account',
      'de-bgb-367',
      20_000,
      ['A:cost:1500', 'A:fee:300', 'A:interest:500', 'A:principal:10000'],
      7_700,
    ],
    [
      'DE s.497(3): principal before interest',
      'de-bgb-497',
      2_500,
      ['A:cost:1500', 'A:fee:300', 'A:principal:700'],
      0,
    ],
    ['GB practice: costs first', 'gb-practice', 1_000, ['A:cost:1000'], 0],
    [
      'US oldest first across accounts',
      'us-oldest-first',
      5_000,
      ['B:principal:4000', 'A:principal:1000'],
      0,
    ],
    [
      'US oldest first, large payment',
      'us-oldest-first',
      15_000,
      ['B:principal:4000', 'A:principal:10000', 'A:fee:300', 'B:interest:200', 'A:interest:500'],
      0,
    ],
    [
      'IN order of time, overpayment kept as credit',
      'in-oldest-first',
      20_000,
      [
        'B:principal:4000',
        'A:principal:10000',
        'A:fee:300',
        'B:interest:200',
        'A:interest:500',
        'A:cost:1500',
      ],
      3_500,
    ],
    ['zero payment', 'de-bgb-367', 0, [], 0],
  ])('%s', (_, policy, amount, lines, credit) => {
    const result = run(policy, amount)
    expect(compact(result)).toEqual(lines)
    expect(result.creditMinor).toBe(credit)
    expect(result.policyId).toBe(policy)
  })

  it('oldest_first breaks same-date ties by component order', () => {
    const items = [item('A', 'principal', '2024-01-01', 100), item('A', 'interest', '2024-01-01', 50)]
    const result = allocatePayment({
      amountMinor: 60,
      currency: 'INR',
      accountCurrency: 'INR',
      targetAccountId: 'A',
      items,
      policy: ALLOCATION_POLICIES['in-oldest-first'],
    })
    expect(compact(result)).toEqual(['A:interest:50', 'A:principal:10'])
  })

  it('US policy skips disputed items (FDCPA 1692h)', () => {
    const items = [
      { ...item('A', 'principal', '2023-01-01', 100), disputed: true },
      item('B', 'principal', '2024-01-01', 100),
    ]
    const result = allocatePayment({
      amountMinor: 150,
      currency: 'USD',
      accountCurrency: 'USD',
      targetAccountId: 'A',
      items,
      policy: ALLOCATION_POLICIES['us-oldest-first'],
    })
    expect(compact(result)).toEqual(['B:principal:100'])
    expect(result.creditMinor).toBe(50)
  })
})

describe('allocatePayment: payer specified', () => {
  const policy: AllocationPolicy = {
    ...ALLOCATION_POLICIES['de-bgb-367'],
    id: 'payer',
    order: 'payer_specified',
    crossAccount: true,
  }
  const pay = (amountMinor: number, payerLines: AllocatePaymentInput['payerLines']) =>
    allocatePayment({
      amountMinor,
      currency: 'EUR',
      accountCurrency: 'EUR',
      targetAccountId: 'A',
      items: ITEMS,
      policy,
      payerLines,
    })

  it('applies the lines as given; the undesignated rest is credit', () => {
    const result = pay(5_000, [
      { accountId: 'B', component: 'principal', amountMinor: 4_000 },
      { accountId: 'A', component: 'principal', amountMinor: 500 },
    ])
    expect(compact(result)).toEqual(['B:principal:4000', 'A:principal:500'])
    expect(result.creditMinor).toBe(500)
  })

  it('a line without component is spread by the component order', () => {
    expect(compact(pay(2_000, [{ accountId: 'A', amountMinor: 2_000 }]))).toEqual([
      'A:cost:1500',
      'A:fee:300',
      'A:interest:200',
    ])
  })

  it('two lines on the same item merge into one line', () => {
    const result = pay(300, [
      { accountId: 'B', component: 'interest', amountMinor: 100 },
      { accountId: 'B', component: 'interest', amountMinor: 100 },
    ])
    expect(result.lines).toEqual([
      { accountId: 'B', component: 'interest', dueOn: '2024-02-15', amountMinor: 200 },
    ])
    expect(result.creditMinor).toBe(100)
  })

  it.each<[string, number, AllocatePaymentInput['payerLines'], string]>([
    [
      'lines above the payment',
      100,
      [{ accountId: 'A', component: 'principal', amountMinor: 101 }],
      'allocation_exceeds_payment',
    ],
    [
      'lines together above the payment',
      100,
      [
        { accountId: 'A', component: 'principal', amountMinor: 60 },
        { accountId: 'B', amountMinor: 60 },
      ],
      'allocation_exceeds_payment',
    ],
    [
      'a line above the item',
      1_000,
      [{ accountId: 'B', component: 'interest', amountMinor: 201 }],
      'allocation_exceeds_item',
    ],
    ['a line on an unknown account', 1_000, [{ accountId: 'Z', amountMinor: 1 }], 'allocation_exceeds_item'],
    ['a negative line', 1_000, [{ accountId: 'A', amountMinor: -1 }], 'invalid_amount'],
  ])('rejects %s', (_, amount, lines, code) => {
    expect(() => pay(amount, lines)).toThrowError(expect.objectContaining({ code }))
  })

  it('crossAccount false: a line on another account exceeds what is in scope', () => {
    const local = { ...policy, crossAccount: false }
    expect(() =>
      allocatePayment({
        amountMinor: 10,
        currency: 'EUR',
        accountCurrency: 'EUR',
        targetAccountId: 'A',
        items: ITEMS,
        policy: local,
        payerLines: [{ accountId: 'B', amountMinor: 10 }],
      }),
    ).toThrowError(expect.objectContaining({ code: 'allocation_exceeds_item' }))
  })
})

describe('allocatePayment: bad input', () => {
  const base: AllocatePaymentInput = {
    amountMinor: 100,
    currency: 'EUR',
    accountCurrency: 'EUR',
    targetAccountId: 'A',
    items: ITEMS,
    policy: ALLOCATION_POLICIES['gb-practice'],
  }
  it.each<[string, Partial<AllocatePaymentInput>, string]>([
    ['currency mismatch', { currency: 'USD' }, 'currency_mismatch'],
    ['negative payment', { amountMinor: -1 }, 'invalid_amount'],
    ['fractional payment', { amountMinor: 1.5 }, 'invalid_amount'],
    ['negative item', { items: [item('A', 'cost', '2024-01-01', -5)] }, 'invalid_amount'],
    [
      'incomplete component order',
      { policy: { ...base.policy, componentOrder: ['cost', 'interest', 'principal'] } },
      'invalid_allocation_policy',
    ],
    ['payer lines with a non-payer policy', { payerLines: [] }, 'invalid_payer_lines'],
    [
      'payer policy without lines',
      { policy: { ...base.policy, order: 'payer_specified' } },
      'invalid_payer_lines',
    ],
  ])('%s', (_, patch, code) => {
    const error = (() => {
      try {
        allocatePayment({ ...base, ...patch })
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe(code)
  })
})

describe('allocationLedgerPayments', () => {
  it('one negative payment per account, credit on the target account', () => {
    const entries = allocationLedgerPayments(run('in-oldest-first', 20_000), 'A')
    expect(entries.map((e) => [e.accountId, e.amountMinor])).toEqual([
      ['B', -4_200],
      ['A', -15_800],
    ])
    expect(entries[1]?.memo).toContain('credit=3500')
  })
})

const arbItems = fc.array(
  fc.record({
    accountId: fc.constantFrom('A', 'B', 'C'),
    component: fc.constantFrom(...COMPONENTS),
    dueOn: fc
      .integer({ min: 0, max: 800 })
      .map((d) => new Date(Date.UTC(2023, 0, 1 + d)).toISOString().slice(0, 10)),
    outstandingMinor: fc.integer({ min: 0, max: 50_000 }),
    disputed: fc.boolean(),
  }),
  { maxLength: 12 },
)
const arbPolicy = fc.constantFrom(...Object.values(ALLOCATION_POLICIES))

describe('allocatePayment: properties', () => {
  it('never creates or destroys money, never overpays an item, stays in scope', () => {
    fc.assert(
      fc.property(arbItems, arbPolicy, fc.integer({ min: 0, max: 300_000 }), (items, policy, amountMinor) => {
        const result = allocatePayment({
          amountMinor,
          currency: 'GBP',
          accountCurrency: 'GBP',
          targetAccountId: 'A',
          items,
          policy,
        })
        const allocated = result.lines.reduce((s, l) => s + l.amountMinor, 0)
        expect(allocated + result.creditMinor).toBe(amountMinor)
        expect(result.creditMinor).toBeGreaterThanOrEqual(0)
        for (const line of result.lines) {
          expect(line.amountMinor).toBeGreaterThan(0)
          if (!policy.crossAccount) expect(line.accountId).toBe('A')
          const owed = items
            .filter(
              (i) =>
                i.accountId === line.accountId && i.component === line.component && i.dueOn === line.dueOn,
            )
            .reduce((s, i) => s + i.outstandingMinor, 0)
          expect(line.amountMinor).toBeLessThanOrEqual(owed)
        }
        // Credit only when every eligible item is fully paid.
        if (result.creditMinor > 0) {
          const eligible = items.filter(
            (i) => (policy.crossAccount || i.accountId === 'A') && !(policy.skipDisputed && i.disputed),
          )
          expect(allocated).toBe(eligible.reduce((s, i) => s + i.outstandingMinor, 0))
        }
      }),
    )
  })

  it('payer lines within the payment and the items are applied exactly', () => {
    const policy: AllocationPolicy = {
      ...ALLOCATION_POLICIES['gb-practice'],
      order: 'payer_specified',
      crossAccount: true,
    }
    fc.assert(
      fc.property(
        arbItems,
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.nat({ max: 10_000 }),
        (items, shares, extra) => {
          const payerLines = items.map((it, i) => ({
            accountId: it.accountId,
            component: it.component,
            amountMinor: Math.min(shares[i] ?? 0, it.outstandingMinor),
          }))
          const designated = payerLines.reduce((s, l) => s + l.amountMinor, 0)
          const result = allocatePayment({
            amountMinor: designated + extra,
            currency: 'GBP',
            accountCurrency: 'GBP',
            targetAccountId: 'A',
            items,
            policy,
            payerLines,
          })
          expect(result.lines.reduce((s, l) => s + l.amountMinor, 0)).toBe(designated)
          expect(result.creditMinor).toBe(extra)
        },
      ),
    )
  })
})
