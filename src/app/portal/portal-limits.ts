/**
 * What a debtor may do on the portal without a collector, beyond the money policy (docs/portal.md,
 * "Limits"): a promise is for at most the balance, within PORTAL_PROMISE_MAX_DAYS, one open at a time
 * (an open promise holds collection, so an unbounded one would stop it); a dispute takes at most
 * PORTAL_EVIDENCE_PER_DISPUTE files, and only while it is open.
 */
export const PORTAL_PROMISE_MAX_DAYS = 30
export const PORTAL_EVIDENCE_PER_DISPUTE = 5
