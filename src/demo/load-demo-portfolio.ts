import type { LocalDate } from '../core/calendar/local-date.ts'
import { DEMO_CLIENTS } from '../core/demo/demo-clients.ts'
import { checkDemoOptions, generateDemoPortfolio } from '../core/demo/generate-demo-portfolio.ts'
import { AppError } from '../core/errors/index.ts'
import type { IntakeBatchResult, IntakeRecord } from '../core/intake/intake-record.ts'
import type { Store } from '../store/connect.ts'
import { ensureDemoClients, journalDemoEvent } from '../store/demo.repository.ts'
import { createIntakeWriter } from '../store/intake/intake-writer.ts'
import { ensureTenant, type Tenant } from '../store/tenant.repository.ts'

/** The tenant demo data goes to unless told otherwise: an agency collecting for the demo clients. */
export const DEMO_TENANT = {
  slug: 'demo',
  name: 'Demo Collection Agency',
  kind: 'agency' as const,
  timeZone: 'America/New_York',
  defaultCurrency: 'USD',
}

export interface WriteDemoOptions {
  readonly accounts: number
  readonly seed: number
  readonly asOf: LocalDate
  /** Records per transaction: large enough to amortise the commit, small enough to keep memory flat. */
  readonly batchSize?: number
  /** Who the journal names as having loaded the data ("system:cli", "system:serve"). */
  readonly actor: string
  readonly onProgress?: (accountsDone: number, accountsTotal: number) => void
  /** Stops between batches; what was committed stays (a re-run completes it). */
  readonly signal?: AbortSignal
}

export interface LoadDemoResult extends Omit<IntakeBatchResult, 'conflicts'> {
  readonly tenant: Tenant
  readonly accounts: number
  readonly conflicts: number
  readonly seconds: number
  /** Whether a `demo.generated` event was journaled (only when the run wrote something). */
  readonly journaled: boolean
}

/**
 * Generates the demo portfolio and writes it through the intake writer, batch by batch, into the
 * tenant (whose fitness the use case, src/app/demo/load-demo.ts, has checked). Generation overlaps the
 * database's work; on PostgreSQL two batches are in flight at once, since its per-row foreign-key
 * checks, not this process, are the bottleneck. Batches end at debtor boundaries so concurrent
 * transactions never insert the same debtor. Ends with one `demo.generated` journal event when
 * anything was written; a re-run with the same seed finds every record already there.
 */
export async function writeDemoPortfolio(
  store: Store,
  tenant: Tenant,
  options: WriteDemoOptions,
): Promise<LoadDemoResult> {
  const started = performance.now()
  const { accounts, seed, asOf } = options
  const problem = checkDemoOptions({ accounts, seed, asOf })
  if (problem) throw new AppError('invalid_demo_options', problem)
  await ensureDemoClients(store.db, tenant.id, DEMO_CLIENTS)
  const writer = createIntakeWriter(store, tenant.id, {
    journal: {
      type: 'demo.batch_committed',
      actor: options.actor,
      subject: `tenant:${tenant.slug}`,
      payload: { seed, asOf, accounts },
    },
  })
  const totals = {
    debtorsCreated: 0,
    accountsCreated: 0,
    accountsExisting: 0,
    entriesPosted: 0,
    conflicts: 0,
  }
  let done = 0
  const write = async (batch: IntakeRecord[]) => {
    const result = await writer.write(batch)
    totals.debtorsCreated += result.debtorsCreated
    totals.accountsCreated += result.accountsCreated
    totals.accountsExisting += result.accountsExisting
    totals.entriesPosted += result.entriesPosted
    totals.conflicts += result.conflicts.length
    done += batch.length
    options.onProgress?.(done, accounts)
  }
  const concurrency = store.dialect === 'postgres' ? 2 : 1
  const inFlight = new Set<Promise<void>>()
  const submit = async (batch: IntakeRecord[]) => {
    while (inFlight.size >= concurrency) await Promise.race(inFlight)
    // SQLite writes are synchronous: without a turn of the event loop here, signals, log output and
    // timers would all wait for the whole load.
    await new Promise<void>((resolve) => setImmediate(resolve))
    options.signal?.throwIfAborted()
    const task: Promise<void> = write(batch).finally(() => inFlight.delete(task))
    task.catch(() => {}) // observed by the race above or the final wait below
    inFlight.add(task)
  }
  const batchSize = options.batchSize ?? 5000
  let batch: IntakeRecord[] = []
  try {
    for (const record of generateDemoPortfolio({ accounts, seed, asOf })) {
      const previous = batch[batch.length - 1]
      if (batch.length >= batchSize && previous?.debtor.externalId !== record.debtor.externalId) {
        await submit(batch)
        batch = []
      }
      batch.push(record)
    }
    if (batch.length > 0) await submit(batch)
    await Promise.all(inFlight)
  } finally {
    // Never leave a write in flight (or its failure unobserved) when generation stops early.
    await Promise.allSettled(inFlight)
  }
  const journaled = totals.accountsCreated > 0 || totals.entriesPosted > 0
  if (journaled) {
    await journalDemoEvent(store.db, {
      tenantId: tenant.id,
      type: 'demo.generated',
      actor: options.actor,
      subject: `tenant:${tenant.slug}`,
      payload: { accounts, seed, asOf, accountsCreated: totals.accountsCreated },
    })
  }
  return { tenant, accounts, ...totals, seconds: (performance.now() - started) / 1000, journaled }
}

/** Options of `loadDemoPortfolio`: the tenant by slug (default `demo`) and an optional actor. */
export type LoadDemoOptions = Omit<WriteDemoOptions, 'actor'> & {
  readonly tenantSlug?: string
  readonly actor?: string
}

/**
 * Writes the demo portfolio into a tenant, creating it when missing, with no check of what the tenant
 * already holds: for tests and benchmarks that build their own fixtures. Surfaces call the use case
 * `loadDemo` (src/app/demo/load-demo.ts), which refuses to mix portfolios.
 */
export async function loadDemoPortfolio(store: Store, options: LoadDemoOptions): Promise<LoadDemoResult> {
  const tenant = await ensureTenant(store.db, {
    ...DEMO_TENANT,
    slug: options.tenantSlug ?? DEMO_TENANT.slug,
  })
  return writeDemoPortfolio(store, tenant, { ...options, actor: options.actor ?? 'system:cli' })
}

/** One line saying what a demo load did, for the terminal and the server log. */
export function describeDemoLoad(result: LoadDemoResult, seed: number, asOf: LocalDate): string {
  const rate = Math.round(result.accounts / Math.max(result.seconds, 0.001))
  return (
    `demo portfolio for tenant ${result.tenant.slug} (seed ${seed}, as of ${asOf}): ${result.accounts} accounts; ` +
    `created ${result.debtorsCreated} debtors, ${result.accountsCreated} accounts, ${result.entriesPosted} ledger entries; ` +
    `${result.accountsExisting} already there, ${result.conflicts} conflicts; ${result.seconds.toFixed(1)} s (${rate} accounts/s)`
  )
}
