/**
 * The append-only transaction ledger of one account. Balances are always derived by summing
 * entries; nothing stores a balance as the only truth.
 */
export const LEDGER_ENTRY_KINDS = [
  'charge',
  'payment',
  'fee',
  'interest',
  'adjustment',
  'write_off',
  'reversal',
] as const
export type LedgerEntryKind = (typeof LEDGER_ENTRY_KINDS)[number]

/**
 * The sign each kind must carry (amounts are signed: positive increases what the debtor owes).
 * Adjustments and reversals may go either way.
 */
export const ENTRY_SIGN: Record<LedgerEntryKind, 1 | -1 | 0> = {
  charge: 1,
  fee: 1,
  interest: 1,
  payment: -1,
  write_off: -1,
  adjustment: 0,
  reversal: 0,
}

/** Checks that an amount has the sign its kind requires; returns a reason when it does not. */
export function checkEntrySign(kind: LedgerEntryKind, amountMinor: number): string | null {
  if (!Number.isSafeInteger(amountMinor)) return 'amount must be a whole number of minor units'
  if (amountMinor === 0) return 'amount must not be zero'
  const sign = ENTRY_SIGN[kind]
  if (sign !== 0 && Math.sign(amountMinor) !== sign) {
    return `${kind} amounts must be ${sign > 0 ? 'positive' : 'negative'}`
  }
  return null
}

/** The component an entry of this kind moves when nothing says otherwise (allocation lines name theirs). */
export function componentOfKind(kind: LedgerEntryKind): 'principal' | 'fee' | 'interest' {
  return kind === 'fee' ? 'fee' : kind === 'interest' ? 'interest' : 'principal'
}
