import { expect, it } from 'vitest'
import { EXIT } from '../../src/core/errors/index.ts'
import { createIntakeWriter } from '../../src/store/intake/intake-writer.ts'
import { ensureTenant } from '../../src/store/tenant.repository.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { runCli } from './run-cli.ts'

describeEachDatabase('recoup case open|file|show', ({ store, config }) => {
  it('prepares an NI Act case with its deadlines as tasks; filing too early exits business_rule', {
    timeout: 240_000,
  }, async () => {
    const tenant = await ensureTenant(store().db, {
      slug: 'cli-case',
      name: 'Summit Wholesale',
      kind: 'creditor',
      timeZone: 'Asia/Kolkata',
      defaultCurrency: 'INR',
    })
    await createIntakeWriter(store(), tenant.id).write([
      {
        line: 2,
        debtor: {
          externalId: 'D-IN',
          kind: 'business',
          name: 'Desai Electricals LLP',
          addresses: [{ city: 'Pune', country: 'IN', timeZone: 'Asia/Kolkata' }],
        },
        account: {
          externalId: 'IN-1',
          originalCreditor: 'Summit Wholesale',
          currentCreditor: 'Summit Wholesale',
          debtKind: 'commercial',
          currency: 'INR',
          jurisdiction: 'IN',
          openedOn: '2026-07-12',
          dueOn: '2026-07-12',
          status: 'open',
        },
        entries: [{ kind: 'charge', amountMinor: 8_508_700, effectiveOn: '2026-07-12', externalId: 'inv-1' }],
      },
    ])
    const cli = (...args: string[]) => runCli(config(), [...args, '--tenant', 'cli-case'])
    const draft = cli(
      'case',
      'open',
      'IN-1',
      '--kind',
      'ni_act_138',
      '--draft',
      '--filed-on',
      '2026-09-16',
      '--cheque-date',
      '2026-07-12',
      '--presented-on',
      '2026-09-10',
      '--bank-informed-on',
      '2026-09-15',
      '--notice-sent-on',
      '2026-09-20',
      '--notice-received-on',
      '2026-09-25',
      '--format',
      'json',
    )
    expect(draft.status, draft.stderr).toBe(0)
    const view = JSON.parse(draft.stdout)
    expect(view).toMatchObject({ id: expect.any(Number), status: 'draft' })
    expect(view.tasks.map((t: { script: string }) => t.script.split(':')[0])).toEqual([
      `Legal case #${view.id} [ni.payment]`,
      `Legal case #${view.id} [ni.notice]`,
      `Legal case #${view.id} [ni.cause-of-action]`,
      `Legal case #${view.id} [ni.complaint]`,
    ])
    const early = cli('case', 'file', String(view.id), '--on', '2026-10-05')
    expect(early.status).toBe(EXIT.businessRule)
    expect(early.stderr).toContain('case_not_allowed')
    expect(early.stderr).toContain('earliest 2026-10-11')
    const shown = cli('case', 'show', String(view.id))
    expect(shown.status, shown.stderr).toBe(0)
    expect(shown.stdout).toContain('by   2026-11-11  file the complaint  [in.ni-act.complaint-deadline')
  })
})
