import { addDays, type LocalDate } from '../../core/calendar/local-date.ts'
import { AppError } from '../../core/errors/index.ts'
import { TARGETS } from '../../core/scoring/score-targets.ts'
import type { RunDailyResult } from '../../engine/run-daily.service.ts'
import { countUsers } from '../../store/auth.repository.ts'
import type { Store } from '../../store/connect.ts'
import type { Tenant } from '../../store/tenant.repository.ts'
import { systemActor } from '../actor.ts'
import { DEMO_ADMIN } from '../auth/first-admin.ts'
import { createUser } from '../auth/users.ts'
import { startDailyRun } from '../engine/start-daily-run.ts'
import { scoreTenantAccounts } from '../scoring/score-accounts.ts'
import { trainModel } from '../scoring/train-model.ts'

/**
 * Days of history the first start gives the demo book: it is loaded as of this many days ago and the
 * daily run is run for each day since, so the playbooks' first calls (5 to 7 days into a stage) are in
 * the collectors' queue and the dashboard shows a week of runs.
 */
export const DEMO_HISTORY_DAYS = 8

/**
 * The demo tenant's staff besides the admin, one per role the web app's journeys need (README, "Log
 * in"). The passwords are public like the admin's: the demo is for a laptop.
 */
export const DEMO_STAFF = [
  {
    email: 'collector@demo.recoup.test',
    password: 'recoup-demo-collector',
    role: 'collector',
    name: 'Casey Collector',
  },
  {
    email: 'manager@demo.recoup.test',
    password: 'recoup-demo-manager',
    role: 'manager',
    name: 'Morgan Manager',
  },
  {
    email: 'compliance@demo.recoup.test',
    password: 'recoup-demo-compliance',
    role: 'compliance',
    name: 'Cameron Compliance',
  },
] as const

/** The day the demo book is loaded as of, for a first start on `today`. */
export function demoLoadDay(today: LocalDate, days = DEMO_HISTORY_DAYS): LocalDate {
  return addDays(today, -days)
}

/**
 * Trains each risk target's scorecard on the demo book as of `day` and scores its accounts, so the
 * playbooks' risk segments and the work queue's expected values have scores from the first run on. A
 * target the book is too small for (`insufficient_training_data`, e.g. a few hundred accounts) is
 * left unscored. Answers the targets trained.
 */
export async function scoreDemoBook(store: Store, tenant: Tenant, day: LocalDate): Promise<string[]> {
  const ctx = { store, actor: systemActor(tenant, 'serve') }
  const trained: string[] = []
  for (const target of TARGETS) {
    try {
      await trainModel(ctx, { target, dataAsOf: day })
      trained.push(target)
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'insufficient_training_data')) throw error
    }
  }
  if (trained.length > 0) await scoreTenantAccounts(ctx, { asOf: day })
  return trained
}

/**
 * The demo's history: its book scored as of `from` (scoreDemoBook), then the daily run of every day
 * from `from` to `to` (both included), in order; stops when `signal` aborts.
 */
export async function runDemoHistory(
  store: Store,
  tenant: Tenant,
  input: { from: LocalDate; to: LocalDate; signal?: AbortSignal },
): Promise<RunDailyResult[]> {
  const ctx = { store, actor: systemActor(tenant, 'serve') }
  const results: RunDailyResult[] = []
  await scoreDemoBook(store, tenant, input.from)
  for (let day = input.from; day <= input.to; day = addDays(day, 1)) {
    if (input.signal?.aborted) break
    results.push(await startDailyRun(ctx, { asOf: day }))
  }
  return results
}

/**
 * The demo tenant's admin and staff, created when it has no user yet (the first start); the admin's
 * password may be given (RECOUP_ADMIN_PASSWORD). Answers whether they were created.
 */
export async function ensureDemoUsers(store: Store, tenant: Tenant, adminPassword: string): Promise<boolean> {
  if ((await countUsers(store.db, tenant.id)) > 0) return false
  const ctx = { store, actor: systemActor(tenant, 'serve') }
  await createUser(ctx, {
    email: DEMO_ADMIN.email,
    password: adminPassword,
    role: 'admin',
    name: 'Administrator',
  })
  for (const staff of DEMO_STAFF) await createUser(ctx, staff)
  return true
}
