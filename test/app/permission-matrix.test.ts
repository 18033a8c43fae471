import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, expect, it } from 'vitest'
import type { Actor, Role } from '../../src/app/actor.ts'
import type { AppContext } from '../../src/app/app-context.ts'
import { approveEscalation, rejectEscalation } from '../../src/app/approvals/decide-approval.ts'
import { listApprovals } from '../../src/app/approvals/list-approvals.ts'
import { baselineJournal } from '../../src/app/audit/baseline-journal.ts'
import { listJournalEvents, verifyTenantJournal } from '../../src/app/audit/list-journal-events.ts'
import { createApiKey, listApiKeys, revokeApiKey } from '../../src/app/auth/api-keys.ts'
import { createUser, disableUser, listUsers } from '../../src/app/auth/users.ts'
import { exportMetro2 } from '../../src/app/bureau/export-metro2.ts'
import { listCreditWarnings } from '../../src/app/credit/list-credit-warnings.ts'
import { setClientTerms } from '../../src/app/credit/set-credit-terms.ts'
import { showDebtorCredit } from '../../src/app/credit/show-debtor-credit.ts'
import { renderAccountDocument } from '../../src/app/documents/render-account-document.ts'
import { listDailyRuns } from '../../src/app/engine/daily-runs.ts'
import { explainAccount } from '../../src/app/engine/explain-account.ts'
import { simulatePlaybooks } from '../../src/app/engine/simulate-playbooks.ts'
import { startDailyRun } from '../../src/app/engine/start-daily-run.ts'
import { buildEvidencePack } from '../../src/app/evidence/build-evidence-pack.ts'
import { importAccountsFile } from '../../src/app/intake/import-accounts-file.ts'
import { listImports } from '../../src/app/intake/uploaded-imports.ts'
import { computeAccountInterestStatement } from '../../src/app/interest/compute-account-interest-statement.ts'
import { openCase } from '../../src/app/legal/open-case.ts'
import { listCases, showCase } from '../../src/app/legal/show-case.ts'
import { addHardshipPause } from '../../src/app/money/add-hardship-pause.ts'
import { chargeOffAccount } from '../../src/app/money/charge-off-account.ts'
import { closeAccount } from '../../src/app/money/close-account.ts'
import { createPlan } from '../../src/app/money/create-plan.ts'
import { evaluateMoney } from '../../src/app/money/evaluate-money.ts'
import { offerSettlement } from '../../src/app/money/offer-settlement.ts'
import { openDispute } from '../../src/app/money/open-dispute.ts'
import { recordPromise } from '../../src/app/money/record-promise.ts'
import { recordVerificationSent } from '../../src/app/money/record-verification-sent.ts'
import { resolveDispute } from '../../src/app/money/resolve-dispute.ts'
import { writeOffAccount } from '../../src/app/money/write-off-account.ts'
import { listSinkMessages } from '../../src/app/outreach/sink-messages.ts'
import { applyUnmatchedCredit } from '../../src/app/payments/apply-unmatched-credit.ts'
import { importPayments } from '../../src/app/payments/import-payments.ts'
import { listUnmatchedCredits } from '../../src/app/payments/list-unmatched-credits.ts'
import { postLateFees } from '../../src/app/payments/post-late-fees.ts'
import { postPayment } from '../../src/app/payments/post-payment.ts'
import { reversePayment } from '../../src/app/payments/reverse-payment.ts'
import { listPlacements } from '../../src/app/placements/list-placements.ts'
import { addPartner, listPartners } from '../../src/app/placements/partners.ts'
import { placeAccount } from '../../src/app/placements/place-account.ts'
import { listEffectivePlaybooks, savePlaybookVersion } from '../../src/app/playbooks/manage-playbooks.ts'
import { issuePortalLink } from '../../src/app/portal/issue-portal-link.ts'
import { listAccounts } from '../../src/app/records/list-accounts.ts'
import { updateDebtor } from '../../src/app/records/update-debtor.ts'
import { getAgingReport } from '../../src/app/reports/get-aging-report.ts'
import { getChannelEffectiveness } from '../../src/app/reports/get-channel-effectiveness.ts'
import { getContactRates } from '../../src/app/reports/get-contact-rates.ts'
import { getCostToCollect } from '../../src/app/reports/get-cost-to-collect.ts'
import { getDashboard } from '../../src/app/reports/get-dashboard.ts'
import { getRecovery } from '../../src/app/reports/get-recovery.ts'
import { getRollRates } from '../../src/app/reports/get-roll-rates.ts'
import { closeSale } from '../../src/app/sales/close-sale.ts'
import { createSale } from '../../src/app/sales/create-sale.ts'
import { listSales } from '../../src/app/sales/show-sale.ts'
import { listModels } from '../../src/app/scoring/show-model.ts'
import { listCallTasks } from '../../src/app/tasks/list-call-tasks.ts'
import { recordCallOutcome } from '../../src/app/tasks/record-call-outcome.ts'
import { activateStoredTemplate, listTemplates } from '../../src/app/templates/manage-templates.ts'
import { getTenantSettings, updateTenantSettings } from '../../src/app/tenants/tenant-settings.ts'
import {
  createWebhookEndpoint,
  listWebhookEndpoints,
  updateWebhookEndpoint,
} from '../../src/app/webhooks/manage-webhook-endpoints.ts'
import { listWebhookDeliveries } from '../../src/app/webhooks/webhook-deliveries.ts'
import { NO_SINKS } from '../../src/config/outreach-config.ts'
import {
  PERMISSION_NAMES,
  PERMISSIONS,
  type Permission,
  permissionMatrixMarkdown,
  ROLES,
} from '../../src/core/auth/permissions.ts'
import { AppError } from '../../src/core/errors/index.ts'
import type { Tenant } from '../../src/store/tenant.repository.ts'
import { agencyBook } from '../support/auth.ts'
import { describeEachDatabase } from '../support/databases.ts'

/**
 * One call of the real use case behind each permission. The inputs are plausible (a real account
 * where one is named), but the test only needs the call to get past (or be stopped by) the check:
 * a refused role must get `forbidden` and change nothing; an allowed role must never get `forbidden`.
 * Typed as a Record over Permission, so a permission added to the matrix without a probe fails to compile.
 */
const PROBES: Record<Permission, (ctx: AppContext) => Promise<unknown>> = {
  'reports.aging': (ctx) => getAgingReport(ctx, { asOf: '2026-03-01' }),
  'reports.dashboard': (ctx) => getDashboard(ctx, { asOf: '2026-03-01' }),
  'accounts.explain': (ctx) => explainAccount(ctx, { account: 'N-1' }),
  'accounts.read': (ctx) => listAccounts(ctx, { limit: 5 }),
  'interest.statement': (ctx) =>
    computeAccountInterestStatement(ctx, { account: 'N-1', rate: '9', to: '2026-06-30' }),
  'credits.list': (ctx) => listUnmatchedCredits(ctx),
  'tasks.list': (ctx) => listCallTasks(ctx, {}),
  'tasks.outcome': (ctx) => recordCallOutcome(ctx, { task: 999_999, outcome: 'no_answer' }),
  'reports.analytics': async (ctx) => {
    const window = { from: '2026-01-01', to: '2026-03-01' }
    await getRecovery(ctx, window)
    await getCostToCollect(ctx, window)
    await getContactRates(ctx, window)
    await getChannelEffectiveness(ctx, window)
    return getRollRates(ctx, window)
  },
  'models.read': (ctx) => listModels(ctx),
  'documents.render': (ctx) =>
    renderAccountDocument(ctx, { kind: 'validation-notice', account: 'NO-SUCH-ACCOUNT' }),
  'imports.read': (ctx) => listImports(ctx),
  'runs.read': (ctx) => listDailyRuns(ctx),
  'audit.read': (ctx) => listJournalEvents(ctx, { limit: 5 }),
  'audit.verify': (ctx) => verifyTenantJournal(ctx),
  'bureau.export': (ctx) =>
    exportMetro2(ctx, { month: '2026-03', out: join(mkdtempSync(join(tmpdir(), 'recoup-m2-')), 'm2.dat') }),
  'evidence.export': (ctx) =>
    buildEvidencePack(ctx, { accounts: ['NO-SUCH-ACCOUNT'], dataDir: tmpdir(), letterDir: null }),
  'payments.post': (ctx) =>
    postPayment(ctx, { account: 'N-1', amount: '1.00', reference: `m-${ctx.actor.roles[0]}`, source: 'api' }),
  'credits.apply': (ctx) => applyUnmatchedCredit(ctx, { credit: 'NO-SUCH-CREDIT', account: 'N-1' }),
  'promises.record': (ctx) =>
    recordPromise(ctx, {
      account: 'N-1',
      amount: '5.00',
      dueOn: '2026-12-01',
      channel: 'phone',
      takenBy: 'x',
    }),
  'plans.create': (ctx) =>
    createPlan(ctx, { account: 'NO-SUCH-ACCOUNT', frequency: 'monthly', instalments: 2 }),
  'debtors.update': (ctx) =>
    updateDebtor(ctx, { debtor: 'NO-SUCH-DEBTOR', ifMatch: '*', preferredLanguage: 'en' }),
  'hardship.pause': (ctx) =>
    addHardshipPause(ctx, { account: 'NO-SUCH-ACCOUNT', reason: 'r', from: '2026-03-01', to: '2026-04-01' }),
  'portal.links': (ctx) =>
    issuePortalLink(ctx, {
      account: 'NO-SUCH-ACCOUNT',
      settings: { secret: 'x'.repeat(32), publicUrl: 'http://127.0.0.1:3000', linkDays: 14 },
    }),
  'disputes.open': (ctx) => openDispute(ctx, { account: 'NO-SUCH-ACCOUNT', reason: 'r', written: true }),
  'disputes.verify': (ctx) => recordVerificationSent(ctx, { disputeId: 999_999 }),
  'disputes.resolve': (ctx) => resolveDispute(ctx, { disputeId: 999_999, for: 'debtor' }),
  'settlements.offer': (ctx) =>
    offerSettlement(ctx, { account: 'NO-SUCH-ACCOUNT', amount: '1.00', expiresOn: '2026-12-01' }),
  'payments.reverse': (ctx) => reversePayment(ctx, { reference: 'NO-SUCH-PAYMENT', reason: 'test' }),
  'payments.import': (ctx) => importPayments(ctx, { file: '/nonexistent/payments.csv' }),
  'fees.post': (ctx) =>
    postLateFees(ctx, {
      policy: {
        id: 'x',
        charge: { kind: 'fixed', amountMinor: 100 },
        period: { unit: 'month' },
        graceDays: 10,
      },
      currency: 'USD',
      asOf: '2026-03-01',
    }),
  'accounts.write_off': (ctx) => writeOffAccount(ctx, { account: 'NO-SUCH-ACCOUNT', reason: 'r' }),
  'accounts.charge_off': (ctx) => chargeOffAccount(ctx, { account: 'NO-SUCH-ACCOUNT' }),
  'accounts.close': (ctx) => closeAccount(ctx, { account: 'NO-SUCH-ACCOUNT', reason: 'r' }),
  'accounts.import': (ctx) => importAccountsFile(ctx, { file: '/nonexistent/accounts.csv' } as never),
  'money.evaluate': (ctx) => evaluateMoney(ctx, { asOf: '2026-03-01' }),
  'runs.start': (ctx) => startDailyRun(ctx, { asOf: '2026-03-01', playbooks: [] }),
  'templates.read': (ctx) => listTemplates(ctx),
  'templates.manage': (ctx) => activateStoredTemplate(ctx, { id: 999_999 }),
  'playbooks.read': (ctx) => listEffectivePlaybooks(ctx),
  'playbooks.manage': (ctx) => savePlaybookVersion(ctx, { text: 'not: a playbook' }),
  'playbooks.simulate': (ctx) =>
    simulatePlaybooks(ctx, { from: '2026-03-01', to: '2026-03-01', playbooks: [] }),
  'audit.baseline': (ctx) => baselineJournal(ctx, { reason: '' }),
  'users.manage': async (ctx) => {
    await listUsers(ctx)
    await disableUser(ctx, { email: 'nobody@example.test' }).catch(() => {})
    return createUser(ctx, { email: 'bad', role: 'admin', password: 'x' })
  },
  'apikeys.manage': async (ctx) => {
    await listApiKeys(ctx)
    await revokeApiKey(ctx, { id: 999_999 }).catch(() => {})
    return createApiKey(ctx, { name: '', role: 'admin' })
  },
  'settings.read': (ctx) => getTenantSettings(ctx),
  'settings.manage': (ctx) => updateTenantSettings(ctx, { ifMatch: undefined, plans: { maxMonths: 6 } }),
  'escalations.approve': async (ctx) => {
    await listApprovals(ctx, {})
    await rejectEscalation(ctx, { id: 999_999, reason: 'probe' }).catch((e) => {
      if (e instanceof AppError && e.code === 'forbidden') throw e
    })
    return approveEscalation(ctx, { id: 999_999 })
  },
  'placements.read': async (ctx) => {
    await listPartners(ctx)
    return listPlacements(ctx)
  },
  'placements.manage': async (ctx) => {
    await placeAccount(ctx, { account: 'NO-SUCH', partner: 'nobody' }).catch((e) => {
      if (e instanceof AppError && e.code === 'forbidden') throw e
    })
    return addPartner(ctx, { code: 'probe', name: 'Probe', kind: 'agency', remit: 'x', terms: {} })
  },
  'credit.read': async (ctx) => {
    await listCreditWarnings(ctx, { limit: 5 })
    return showDebtorCredit(ctx, { debtor: 'd-N-1' }).catch((e) => {
      if (e instanceof AppError && e.code === 'forbidden') throw e
    })
  },
  'credit.manage': (ctx) => setClientTerms(ctx, { client: 'north', termsDays: 45 }),
  'cases.read': async (ctx) => {
    await showCase(ctx, { id: 999_999 }).catch((e) => {
      if (e instanceof AppError && e.code === 'forbidden') throw e
    })
    return listCases(ctx)
  },
  'cases.manage': (ctx) => openCase(ctx, { accounts: ['NO-SUCH'], kind: 'recovery_suit' }),
  'sales.read': (ctx) => listSales(ctx),
  'sales.manage': async (ctx) => {
    await closeSale(ctx, { sale: 999_999 }).catch((e) => {
      if (e instanceof AppError && e.code === 'forbidden') throw e
    })
    return createSale(ctx, { buyer: 'Probe', pricePercent: 'x' })
  },
  'sink.read': (ctx) => listSinkMessages(ctx, { folders: NO_SINKS }),
  'webhooks.read': async (ctx) => {
    await listWebhookEndpoints(ctx)
    return listWebhookDeliveries(ctx, { endpointId: 999_999 })
  },
  'webhooks.manage': async (ctx) => {
    await updateWebhookEndpoint(ctx, { id: 999_999, enabled: false }).catch(() => {})
    return createWebhookEndpoint(ctx, { url: 'ftp://example.test/' })
  },
}

/** How a probe ended: "ok", or the AppError code (anything else thrown is "throw:<name>"). */
async function outcome(probe: () => Promise<unknown>): Promise<string> {
  try {
    await probe()
    return 'ok'
  } catch (error) {
    return error instanceof AppError ? error.code : `throw:${(error as Error).name}`
  }
}

describeEachDatabase('the permission matrix, walked against the real use cases', ({ store }) => {
  let tenant: Tenant
  beforeAll(async () => {
    tenant = await agencyBook(store(), 'matrix')
  })
  const actorWith = (role: Role): Actor => ({ tenant, kind: 'user', id: `matrix-${role}`, roles: [role] })
  const journalSize = async () =>
    Number(
      (
        await store()
          .db.selectFrom('journal_events')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('tenant_id', '=', tenant.id)
          .executeTakeFirstOrThrow()
      ).n,
    )

  for (const permission of PERMISSION_NAMES) {
    it(`${permission}: ${PERMISSIONS[permission].roles.join(', ')} may; the others get forbidden`, async () => {
      for (const role of ROLES) {
        const ctx = { store: store(), actor: actorWith(role) }
        const allowed = (PERMISSIONS[permission].roles as readonly Role[]).includes(role)
        const before = await journalSize()
        const result = await outcome(() => PROBES[permission](ctx))
        if (allowed) {
          expect(result, `${role} on ${permission}`).not.toBe('forbidden')
          expect(result, `${role} on ${permission}`).not.toMatch(/^throw:/)
        } else {
          expect(result, `${role} on ${permission}`).toBe('forbidden')
          expect(await journalSize(), `${role} on ${permission} wrote nothing`).toBe(before)
        }
      }
    })
  }

  it('names the permission and the roles that hold it in the refusal', async () => {
    const ctx = { store: store(), actor: actorWith('read_only') }
    await expect(PROBES['payments.reverse'](ctx)).rejects.toMatchObject({
      code: 'forbidden',
      httpStatus: 403,
      message: expect.stringContaining('permission "payments.reverse" is held by: admin, manager'),
      details: { permission: 'payments.reverse' },
    })
  })
})

it('docs/permissions.md shows exactly the matrix the code enforces', () => {
  const doc = readFileSync(join(import.meta.dirname, '../../docs/permissions.md'), 'utf8')
  expect(doc).toContain(permissionMatrixMarkdown())
})
