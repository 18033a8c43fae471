import { createHash } from 'node:crypto'

/** The fields of a journal event that its hash covers, exactly as stored. */
export interface HashedEventFields {
  readonly tenantId: number
  readonly seq: number
  readonly type: string
  readonly actor: string
  readonly occurredAt: string
  readonly subject: string | null
  /** The payload's stored JSON text, hashed byte for byte so no re-serialization can hide an edit. */
  readonly payload: string
  readonly prevHash: string
}

/** Hash of the very first event of a tenant's chain. */
export const GENESIS_HASH = '0'.repeat(64)

/**
 * SHA-256 over the event's fields and the previous event's hash, hex encoded. The fields are hashed
 * as a JSON array so no field's content can be shifted into its neighbour without changing the hash.
 */
export function eventHash(event: HashedEventFields): string {
  const material = JSON.stringify([
    event.prevHash,
    event.tenantId,
    event.seq,
    event.type,
    event.actor,
    event.occurredAt,
    event.subject,
    event.payload,
  ])
  return createHash('sha256').update(material).digest('hex')
}

/** Why a stored chain does not verify, naming the first event that breaks it. */
export interface ChainBreak {
  readonly seq: number
  /** The stored event at that seq, or null when the break is that the event is missing. */
  readonly eventId: number | null
  readonly reason: string
}

type StoredEvent = HashedEventFields & { readonly id: number; readonly hash: string }

/**
 * Checks a tenant's events one at a time in seq order (so a chain of any length verifies in constant
 * memory) and reports the first break: an edited event (hash mismatch), a deleted one (seq gap or
 * prev-hash mismatch) or a reordered one (prev-hash mismatch).
 */
export class ChainVerifier {
  private expectedSeq = 1
  private prevHash = GENESIS_HASH
  private lastId = 0

  /** The break this event introduces, or null when it links correctly to the one before. */
  check(event: StoredEvent): ChainBreak | null {
    const at = { seq: event.seq, eventId: event.id }
    if (event.seq !== this.expectedSeq) {
      // The first bad event is the missing one, which has no id: name it by seq, and the one found instead.
      return {
        seq: this.expectedSeq,
        eventId: null,
        reason: `event seq ${this.expectedSeq} is missing (deleted or moved); the next stored event is seq ${event.seq} (id ${event.id})`,
      }
    }
    if (event.prevHash !== this.prevHash) {
      const before =
        this.expectedSeq === 1 ? 'the genesis hash' : `event seq ${this.expectedSeq - 1} (id ${this.lastId})`
      return {
        ...at,
        reason: `previous-hash link does not match ${before}: that event was rewritten and re-hashed, or this link was edited`,
      }
    }
    if (eventHash(event) !== event.hash) {
      return { ...at, reason: 'content does not match its hash: the event was edited' }
    }
    this.prevHash = event.hash
    this.lastId = event.id
    this.expectedSeq++
    return null
  }

  /**
   * After the last event: the head counter must point at it, which catches deletions at the end. A
   * tenant without a head row is itself a break once it has events (the head was deleted).
   */
  finish(head: { seq: number; hash: string } | null): ChainBreak | null {
    const lastSeq = this.expectedSeq - 1
    if (!head) {
      return lastSeq === 0
        ? null
        : { seq: lastSeq, eventId: this.lastId, reason: 'the journal head row is missing: it was deleted' }
    }
    if (head.seq > lastSeq) {
      // The first bad event is the first missing one: it has no id, so the message names the last one kept.
      const missing =
        head.seq === lastSeq + 1 ? `event seq ${head.seq} is` : `events seq ${lastSeq + 1} to ${head.seq} are`
      const kept =
        lastSeq === 0 ? 'no event is left' : `the last stored event is seq ${lastSeq} (id ${this.lastId})`
      return {
        seq: lastSeq + 1,
        eventId: null,
        reason: `${missing} missing: the head says ${head.seq} but ${kept}; deleted`,
      }
    }
    if (head.seq < lastSeq) {
      return {
        seq: head.seq + 1,
        eventId: null,
        reason: `the head says seq ${head.seq} but the chain goes on to ${lastSeq}: the head row was rewound`,
      }
    }
    if (head.hash !== this.prevHash) {
      return {
        seq: lastSeq,
        eventId: this.lastId,
        reason: `the head's hash does not match event seq ${lastSeq}: the head row or the last event was rewritten`,
      }
    }
    return null
  }
}

/** Verifies a whole chain held in memory (tests, small tenants). */
export function findChainBreak(
  events: Iterable<StoredEvent>,
  head: { seq: number; hash: string } | null,
): ChainBreak | null {
  const verifier = new ChainVerifier()
  for (const event of events) {
    const found = verifier.check(event)
    if (found) return found
  }
  return verifier.finish(head)
}
