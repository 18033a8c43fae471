import type { Command } from 'commander'
import type { AppContext } from '../../app/app-context.ts'
import { getChampionChallenger } from '../../app/reports/get-champion-challenger.ts'
import { getChannelEffectiveness } from '../../app/reports/get-channel-effectiveness.ts'
import { getComplianceBlocks } from '../../app/reports/get-compliance-blocks.ts'
import { getContactRates } from '../../app/reports/get-contact-rates.ts'
import { getCostToCollect } from '../../app/reports/get-cost-to-collect.ts'
import { getPartnerPerformance } from '../../app/reports/get-partner-performance.ts'
import { getPromisePlanRates } from '../../app/reports/get-promise-plan-rates.ts'
import { getReceivablesKpis } from '../../app/reports/get-receivables-kpis.ts'
import { getRecovery } from '../../app/reports/get-recovery.ts'
import { getRollRates } from '../../app/reports/get-roll-rates.ts'
import { getScoreMonitoring } from '../../app/reports/get-score-monitoring.ts'
import { getVintages } from '../../app/reports/get-vintages.ts'
import type { ReportTable } from '../../core/analytics/report-table.ts'
import { parseLocalDate } from '../../core/calendar/local-date.ts'
import { AppError } from '../../core/errors/index.ts'
import { type ScoreTarget, TARGETS } from '../../core/scoring/score-targets.ts'
import { withActor } from '../cli-context.ts'
import { formatReport } from '../format/report-format.ts'

const FORMATS = ['table', 'csv', 'json'] as const
type Format = (typeof FORMATS)[number]

interface ReportOptions {
  from?: string
  to?: string
  asOf?: string
  target?: string
  withinDays?: string
  format: string
  tenant?: string
}

function date(option: string, text: string | undefined): string | undefined {
  if (text === undefined) return undefined
  const parsed = parseLocalDate(text)
  if (!parsed.ok) throw new AppError('invalid_date', `${option}: ${parsed.reason}; use YYYY-MM-DD`)
  return parsed.date
}

function format(text: string): Format {
  if (!(FORMATS as readonly string[]).includes(text))
    throw new AppError('invalid_format', `--format must be one of ${FORMATS.join(', ')}, not "${text}"`)
  return text as Format
}

function windowOf(options: ReportOptions) {
  const from = date('--from', options.from)
  const to = date('--to', options.to)
  if (from && to && from > to) throw new AppError('invalid_period', `--from ${from} is after --to ${to}`)
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) }
}

/** `recoup report NAME`: the analytics reports, each as a table, CSV or JSON. */
export function registerReportCommand(program: Command): void {
  const report = program
    .command('report')
    .description(
      'analytics: roll rates, vintages, recovery, cost to collect, DSO/CEI, promises, contacts, ' +
        'channel effectiveness, compliance, champion/challenger, score monitoring, partner performance',
    )
  const add = (
    name: string,
    description: string,
    options: ('window' | 'asOf' | 'target' | 'withinDays')[],
    run: (ctx: AppContext, o: ReportOptions) => Promise<ReportTable>,
  ) => {
    const command = report.command(name).description(description)
    if (options.includes('window'))
      command
        .option('--from <date>', 'first month (default: a year before --to)')
        .option('--to <date>', 'report day (default: today in the tenant time zone)')
    if (options.includes('asOf'))
      command.option('--as-of <date>', 'report day (default: today in the tenant time zone)')
    if (options.includes('withinDays'))
      command.option('--within-days <days>', 'days after a message in which a payment counts', '7')
    if (options.includes('target')) command.option('--target <target>', `(required) ${TARGETS.join(' or ')}`)
    command
      .option('--format <format>', 'table, csv or json', 'table')
      .option('--tenant <slug>', 'tenant (default: default)')
      .action(async (o: ReportOptions) => {
        const f = format(o.format)
        const table = await withActor(o.tenant, (ctx) => run(ctx, o))
        process.stdout.write(formatReport(table, f))
      })
  }
  add('roll-rates', 'accounts rolling between aging buckets month over month', ['window'], (ctx, o) =>
    getRollRates(ctx, windowOf(o)),
  )
  add('vintages', 'liquidation curves by placement month', ['window'], (ctx, o) =>
    getVintages(ctx, windowOf(o)),
  )
  add('recovery', 'recovery and liquidation rates by month and currency', ['window'], (ctx, o) =>
    getRecovery(ctx, windowOf(o)),
  )
  add(
    'cost-to-collect',
    'contacts priced at the unit costs and posted costs against what was collected, by month',
    ['window'],
    (ctx, o) => getCostToCollect(ctx, windowOf(o)),
  )
  add(
    'partner-performance',
    'agencies and law firms: liquidation rate, commission and days to first payment by placement month',
    ['window'],
    (ctx, o) => getPartnerPerformance(ctx, windowOf(o)),
  )
  add(
    'dso-cei',
    'B2B: days sales outstanding and the collection effectiveness index per month',
    ['window'],
    (ctx, o) => getReceivablesKpis(ctx, windowOf(o)),
  )
  add('promises', 'promise-kept and plan-completion rates by month', [], (ctx) => getPromisePlanRates(ctx))
  add(
    'contacts',
    'right-party-contact and promise-per-contact rates by month and channel',
    ['window'],
    (ctx, o) => getContactRates(ctx, windowOf(o)),
  )
  add(
    'channel-effectiveness',
    'payments within N days of a message, by channel, template, tone and hour',
    ['window', 'withinDays'],
    (ctx, o) => {
      const text = o.withinDays ?? '7'
      if (!/^\d{1,4}$/.test(text))
        throw new AppError('invalid_option', `--within-days must be a whole number of days, not "${text}"`)
      return getChannelEffectiveness(ctx, { ...windowOf(o), withinDays: Number(text) })
    },
  )
  add('compliance-blocks', 'actions blocked by compliance, by month, rule and jurisdiction', [], (ctx) =>
    getComplianceBlocks(ctx),
  )
  add(
    'champion-challenger',
    "the playbooks' variants per segment, with confidence intervals",
    ['asOf'],
    (ctx, o) => {
      const asOf = date('--as-of', o.asOf)
      return getChampionChallenger(ctx, asOf ? { asOf } : {})
    },
  )
  add(
    'score-monitoring',
    "a model's score drift and realised outcome by band",
    ['asOf', 'target'],
    (ctx, o) => {
      if (!o.target) throw new AppError('missing_option', `--target is required: ${TARGETS.join(' or ')}`)
      if (!(TARGETS as readonly string[]).includes(o.target))
        throw new AppError(
          'invalid_target',
          `--target must be one of ${TARGETS.join(', ')}, not "${o.target}"`,
        )
      const asOf = date('--as-of', o.asOf)
      return getScoreMonitoring(ctx, { target: o.target as ScoreTarget, ...(asOf ? { asOf } : {}) })
    },
  )
}
