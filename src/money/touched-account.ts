/**
 * An account a money service changed and the event that changed it: services return these and the use
 * case hands them to `redecideAccounts` (src/app/redecide-accounts.ts) in the same transaction, so no
 * service reaches up into the engine. Structurally the app layer's `TouchedAccount`.
 */
export interface Touched {
  readonly accountId: number
  readonly event: { readonly key: string; readonly at?: string }
}

/** What a money service returns: its result and the accounts to re-decide. */
export type WithTouched<T> = T & { readonly touched: readonly Touched[] }
