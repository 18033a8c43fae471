import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'

/** A dispatcher's name in `messages.claimed_by`: "host:pid:nonce", unique per dispatcher instance. */
export function newDispatcherId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`
}

/**
 * Whether the dispatcher that holds a claim may still be working on it. On this host the process is
 * asked directly (a killed dispatcher's claims are taken over at once, without waiting for the lease);
 * a holder on another host is presumed alive until its lease runs out.
 */
export function holderAlive(holder: string): boolean {
  const [host, pidText] = holder.split(':')
  if (host !== hostname()) return true
  const pid = Number(pidText)
  if (!Number.isSafeInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
