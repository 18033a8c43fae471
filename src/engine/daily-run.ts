import { ALL_PACKS, evaluateCompliance } from '../core/compliance/evaluate-compliance.ts'
import { type CompiledPlaybook, compilePlaybook } from '../core/playbook/compile-playbook.ts'
import type { PlaybookDocument } from '../core/playbook/playbook-document.ts'
import { DEFAULT_SETTINGS, effectiveSettings, parseStoredSettings } from '../core/tenants/tenant-settings.ts'
import type { Store } from '../store/connect.ts'
import { addWriteCounts, emptyWriteCounts } from '../store/engine/decision.repository.ts'
import {
  batchCounts,
  completeRun,
  findOrCreateRun,
  getRun,
  pendingBatches,
  type RunRow,
} from '../store/engine/run.repository.ts'
import type { Tenant } from '../store/tenant.repository.ts'
import type { EngineContext } from './decide-account.ts'
import { type BatchCounts, runBatch } from './run-batch.ts'

/** Accounts per batch: large enough that per-batch queries amortise, small enough to commit often. */
export const DEFAULT_BATCH_SIZE = 2000

/** Local time at which the day's contacts are proposed in the debtor's zone, unless the tenant set one. */
export const DEFAULT_SEND_TIME = DEFAULT_SETTINGS.contact.sendTime

export interface RunSummary {
  runId: number
  asOf: string
  /** 'full': every open account was decided; 'incremental': only those due (docs/daily-run.md). */
  mode: 'full' | 'incremental'
  batches: number
  accounts: number
  decisions: number
  stageMoves: number
  actionsScheduled: number
  actionsAwaitingApproval: number
  actionsBlocked: number
  blockedByRule: Record<string, number>
  /** Accounts that could not be decided: recorded with the reason, the run went on without them. */
  errors: number
  /** Which ones (external id) and why; at most the first 100. */
  errorAccounts: { account: string; reason: string }[]
}

/**
 * What the engine takes from the tenant's settings (docs/settings.md): the local time contacts are
 * proposed at and, when the tenant set one, its longest plan, to which a playbook's `offer_plan` is
 * cut (unset, the playbook's offer stands as before: a longer plan may still be approved as an
 * exception). Read from the tenant row.
 */
export function engineSettingsOf(tenant: Tenant): Pick<EngineContext, 'sendTime' | 'planMaxMonths'> {
  const stored = parseStoredSettings(tenant.settings)
  const settings = effectiveSettings(tenant.time_zone, stored, tenant.consolidate_messages === 1)
  const maxMonths = stored.plans?.maxMonths
  return {
    sendTime: settings.contact.sendTime,
    ...(maxMonths === undefined ? {} : { planMaxMonths: maxMonths }),
  }
}

/** The engine context for a day: the tenant's zone and collector type, and the playbooks to apply. */
export function engineContext(
  tenant: Tenant,
  asOf: string,
  documents: readonly PlaybookDocument[],
): EngineContext {
  return compiledEngineContext(tenant, asOf, documents.map(compilePlaybook))
}

/** The same with playbooks already compiled (see `compiledPlaybooks`). */
export function compiledEngineContext(
  tenant: Tenant,
  asOf: string,
  playbooks: readonly CompiledPlaybook[],
): EngineContext {
  return {
    asOf,
    tenantZone: tenant.time_zone,
    collectorType: tenant.kind === 'agency' ? 'third_party' : 'original_creditor',
    playbooks: [...playbooks],
    evaluateCompliance,
    ...engineSettingsOf(tenant),
  }
}

/** Compiled playbook sets by the text (or file stamps) they came from; a handful at most are live. */
const compiledByKey = new Map<string, readonly CompiledPlaybook[]>()
const COMPILED_KEEP = 16

/**
 * The playbooks that `key` identifies, compiled once: re-deciding an account after every payment or
 * dispute would otherwise parse and compile the same playbooks per request. `key` must change whenever
 * the content does (the run's stored JSON text, or the shipped files' stamps). Compiled playbooks are
 * only read by the engine, so one copy is shared.
 */
export function compiledPlaybooks(
  key: string,
  load: () => readonly PlaybookDocument[],
): readonly CompiledPlaybook[] {
  let compiled = compiledByKey.get(key)
  if (!compiled) {
    compiled = load().map(compilePlaybook)
    if (compiledByKey.size >= COMPILED_KEEP) compiledByKey.delete(compiledByKey.keys().next().value as string)
    compiledByKey.set(key, compiled)
  }
  return compiled
}

/** The engine context of a run: its day and its own playbooks, so every worker decides alike. */
export function engineContextForRun(run: RunRow, tenant: Tenant): EngineContext {
  return engineContext(tenant, run.as_of, JSON.parse(run.playbooks) as PlaybookDocument[])
}

/**
 * What the schedule was computed under besides the playbooks: the scheduling rules' own version (bump it
 * when decide-account.ts or daysUntilChange change what they compute) and the compliance packs. Another
 * value (an upgrade) makes the next run full.
 */
const SCHEDULE_VERSION = 1
const RULES = [`schedule@${SCHEDULE_VERSION}`, ...ALL_PACKS.map((p) => `${p.id}@${p.version}`)].join(',')

/** Creates the run for `asOf` (or finds the one a crashed or concurrent process started). */
export async function startDailyRun(
  store: Store,
  input: {
    tenant: Tenant
    asOf: string
    playbooks: readonly PlaybookDocument[]
    batchSize?: number
    /** Decide every open account, whatever the decision schedule says. */
    full?: boolean
  },
): Promise<{ run: RunRow; created: boolean }> {
  return findOrCreateRun(store.db, {
    tenantId: input.tenant.id,
    asOf: input.asOf,
    batchSize: input.batchSize ?? DEFAULT_BATCH_SIZE,
    playbooks: JSON.stringify(input.playbooks),
    rules: RULES,
    full: input.full === true,
  })
}

/**
 * Runs the run's pending batches one after the other in this process (the SQLite mode, and a PostgreSQL
 * run without workers). `onBatch` reports progress after each committed batch.
 */
export async function workRunInProcess(
  store: Store,
  run: RunRow,
  tenant: Tenant,
  onBatch?: (counts: BatchCounts) => void,
): Promise<void> {
  const context = engineContextForRun(run, tenant)
  for (const batch of await pendingBatches(store.db, run.id)) {
    const counts = await runBatch(store, context, tenant.id, batch, `pid:${process.pid}`)
    onBatch?.(counts)
  }
}

/** Sums the batches' counts, marks the run completed (announcing it once) and returns its summary. */
export async function finishDailyRun(store: Store, runId: number): Promise<RunSummary> {
  const run = await getRun(store.db, runId)
  const summary = summarize(run, await batchCounts(store.db, runId))
  await completeRun(store.db, runId, summary)
  return summary
}

function summarize(run: RunRow, counts: readonly string[]): RunSummary {
  const total = emptyWriteCounts()
  let accounts = 0
  for (const text of counts) {
    const batch = JSON.parse(text) as BatchCounts
    accounts += batch.accounts ?? 0
    addWriteCounts(total, { ...emptyWriteCounts(), ...batch })
  }
  return {
    runId: run.id,
    asOf: run.as_of,
    mode: run.mode,
    batches: counts.length,
    accounts,
    decisions: total.decisions,
    stageMoves: total.stageMoves,
    actionsScheduled: total.actionsScheduled,
    actionsAwaitingApproval: total.actionsAwaitingApproval,
    actionsBlocked: total.actionsBlocked,
    blockedByRule: total.blockedByRule,
    errors: total.errors,
    errorAccounts: total.errorAccounts,
  }
}
