import { expect, it } from 'vitest'
import { settingsPatchOf } from '../../src/cli/commands/tenant.command.ts'

it('reads --set costs.*Minor as whole numbers and null as a reset', () => {
  expect(settingsPatchOf(['costs.smsMinor=4', 'costs.letterMinor=null', 'plans.maxMonths=6'])).toEqual({
    costs: { smsMinor: 4, letterMinor: null },
    plans: { maxMonths: 6 },
  })
  expect(() => settingsPatchOf(['cost.smsMinor=4'])).toThrow(/GROUP.FIELD=VALUE/)
})
