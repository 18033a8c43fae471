import type { LocalDate } from '../../core/calendar/local-date.ts'
import { checkDemoOptions } from '../../core/demo/generate-demo-portfolio.ts'
import { AppError } from '../../core/errors/index.ts'
import { DEMO_TENANT, type LoadDemoResult, writeDemoPortfolio } from '../../demo/load-demo-portfolio.ts'
import type { Store } from '../../store/connect.ts'
import { demoHistory, tenantHoldings } from '../../store/demo.repository.ts'
import { appendJournalEvent } from '../../store/journal.repository.ts'
import { clearTenant, ensureTenant, findTenantBySlug, type Tenant } from '../../store/tenant.repository.ts'
import { actorLabel, systemActor } from '../actor.ts'
import { type AppContext, inTransaction } from '../app-context.ts'
import { type AddPartnerInput, addPartner } from '../placements/partners.ts'
import { checkTenantSlug } from '../tenants/create-tenant.ts'

export interface LoadDemoInput {
  readonly accounts: number
  readonly seed: number
  readonly asOf: LocalDate
  /** Default `demo`; created as an agency when missing. */
  readonly tenantSlug?: string
  /** Remove the tenant's demo portfolio first (never data that came in by import). */
  readonly replace?: boolean
  readonly batchSize?: number
  /** The system process loading it ("cli", "serve"), for the journal. */
  readonly by: string
  readonly onProgress?: (accountsDone: number, accountsTotal: number) => void
  readonly signal?: AbortSignal
}

export interface LoadDemoOutcome extends LoadDemoResult {
  /** Accounts of an earlier demo portfolio removed by `replace`, or null when nothing was replaced. */
  readonly replacedAccounts: number | null
}

/**
 * Loads the generated demo portfolio into a tenant (`recoup demo`, and `recoup serve` on first start).
 * Portfolios are never mixed: a tenant that already holds one is refused (`demo_exists`) unless
 * `replace`, which empties the tenant first; a tenant holding any other accounts is refused
 * (`tenant_not_empty`) either way. The one exception is a load that was interrupted: the same seed
 * and date again completes it, which is what the interruption message tells the user to do.
 * Takes the store: the tenant may not exist until this creates it.
 */
export async function loadDemo(store: Store, input: LoadDemoInput): Promise<LoadDemoOutcome> {
  const { accounts, seed, asOf } = input
  const problem = checkDemoOptions({ accounts, seed, asOf })
  if (problem) throw new AppError('invalid_demo_options', problem)
  const slug = input.tenantSlug ?? DEMO_TENANT.slug
  checkTenantSlug(slug)
  const existing = await findTenantBySlug(store.db, slug)
  const tenant = existing ?? (await ensureTenant(store.db, { ...DEMO_TENANT, slug }))
  const actor = systemActor(tenant, input.by)
  const replacedAccounts = existing ? await makeRoom(store, existing, input) : null
  await addDemoPartners({ store, actor })
  const result = await writeDemoPortfolio(store, tenant, {
    accounts,
    seed,
    asOf,
    actor: actorLabel(actor),
    ...(input.batchSize === undefined ? {} : { batchSize: input.batchSize }),
    ...(input.onProgress ? { onProgress: input.onProgress } : {}),
    ...(input.signal ? { signal: input.signal } : {}),
  })
  return { ...result, replacedAccounts }
}

/**
 * The partners the default playbooks place with: `default`, the collection agency b2b-invoice's
 * `agency_placement` names, and `counsel`, the law firm consumer-agency's `legal_review` refers to
 * (docs/placements.md). Added once; a partner already there is kept as it is.
 */
export const DEMO_PARTNERS: readonly AddPartnerInput[] = [
  {
    code: 'default',
    name: 'Northgate Collections (demo agency)',
    kind: 'agency',
    remit: 'net',
    terms: {
      contingency: {
        basis: 'age',
        tiers: [
          { from: 0, percent: '18' },
          { from: 180, percent: '25' },
          { from: 365, percent: '33.33' },
        ],
      },
      noSuccessNoFee: true,
    },
  },
  {
    code: 'counsel',
    name: 'Hale & Marsh LLP (demo law firm)',
    kind: 'law_firm',
    remit: 'gross',
    terms: { contingency: { basis: 'age', tiers: [{ from: 0, percent: '30' }] }, noSuccessNoFee: true },
  },
]

async function addDemoPartners(ctx: AppContext): Promise<void> {
  for (const partner of DEMO_PARTNERS) {
    try {
      await addPartner(ctx, partner)
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'partner_exists')) throw error
    }
  }
}

/**
 * Checks that the portfolio can go into an existing tenant and, with `replace`, empties it (one
 * transaction, journaled as `demo.replaced`). Returns the accounts removed, or null.
 */
async function makeRoom(store: Store, tenant: Tenant, input: LoadDemoInput): Promise<number | null> {
  const history = await demoHistory(store.db, tenant.id)
  const holdings = await tenantHoldings(store.db, tenant.id)
  const hasDemo = history.generated !== undefined || history.started !== undefined
  if (holdings.importRuns > 0 || (!hasDemo && holdings.accounts > 0)) {
    throw new AppError(
      'tenant_not_empty',
      `tenant "${tenant.slug}" holds ${holdings.accounts} accounts that are not only demo data (${holdings.importRuns} imports); load the demo into a tenant of its own, e.g. --tenant demo`,
    )
  }
  if (!hasDemo) return null
  if (!input.replace) {
    const resuming =
      history.generated === undefined &&
      history.started?.seed === input.seed &&
      history.started.asOf === input.asOf &&
      (history.started.accounts === undefined || history.started.accounts === input.accounts)
    if (resuming) return null
    const what = history.generated
      ? `a demo portfolio (${history.generated.accounts} accounts, seed ${history.generated.seed}, as of ${history.generated.asOf})`
      : `part of a demo portfolio (${history.started?.accounts ?? '?'} accounts, seed ${history.started?.seed}, as of ${history.started?.asOf}; complete it with the same --accounts, --seed and --as-of)`
    throw new AppError(
      'demo_exists',
      `tenant "${tenant.slug}" already holds ${what}; add --replace to remove it and load the new one`,
    )
  }
  const ctx = { store, actor: systemActor(tenant, input.by) }
  await inTransaction(ctx, async (trx) => {
    await clearTenant(trx, tenant.id)
    await appendJournalEvent(trx, {
      tenantId: tenant.id,
      type: 'demo.replaced',
      actor: actorLabel(ctx.actor),
      subject: `tenant:${tenant.slug}`,
      payload: { removedAccounts: holdings.accounts, previous: history.generated ?? history.started ?? null },
    })
  })
  return holdings.accounts
}
