/** Attempts after which a transient failure is given up and recorded as failed. */
export const MAX_SEND_ATTEMPTS = 8

/**
 * When a message that failed transiently is tried again: exponential from 30 seconds (30 s, 1 min,
 * 2 min ... capped at 1 hour), never sooner than the provider's `retryAfterSeconds`, with a jitter
 * derived from the key (not random, so a replay computes the same time) of up to a quarter.
 */
export function nextAttemptAt(
  nowMs: number,
  attempts: number,
  key: string,
  retryAfterSeconds?: number,
): string {
  const base = Math.min(30 * 2 ** Math.max(0, attempts - 1), 3600)
  let hash = 0
  for (let i = 0; i < key.length; i++) hash = (hash * 31 + key.charCodeAt(i)) >>> 0
  const jitter = (hash % 1000) / 4000
  const seconds = Math.max(base * (1 + jitter), retryAfterSeconds ?? 0)
  return new Date(nowMs + Math.round(seconds * 1000)).toISOString()
}
