import type { Command } from 'commander'
import { evaluateModel } from '../../app/scoring/evaluate-model.ts'
import { scoreTenantAccounts } from '../../app/scoring/score-accounts.ts'
import { listModels, showModel } from '../../app/scoring/show-model.ts'
import { trainModel } from '../../app/scoring/train-model.ts'
import { parseLocalDate } from '../../core/calendar/local-date.ts'
import { AppError } from '../../core/errors/index.ts'
import { type ScoreTarget, TARGETS } from '../../core/scoring/score-targets.ts'
import { withActor } from '../cli-context.ts'
import {
  calibrationTable,
  examplesTable,
  metricsTable,
  modelText,
  scoreRunsText,
} from '../format/model-format.ts'
import { toTable } from '../format/table-format.ts'

interface ModelOptions {
  target?: string
  version?: string
  asOf?: string
  splitOn?: string
  format: string
  tenant?: string
}

const FORMATS = ['table', 'json'] as const

function target(text: string | undefined): ScoreTarget | undefined {
  if (text === undefined) return undefined
  if (!(TARGETS as readonly string[]).includes(text))
    throw new AppError('invalid_target', `--target must be one of ${TARGETS.join(', ')}, not "${text}"`)
  return text as ScoreTarget
}

function requiredTarget(text: string | undefined): ScoreTarget {
  const t = target(text)
  if (!t) throw new AppError('missing_option', `--target is required: ${TARGETS.join(' or ')}`)
  return t
}

function version(text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  if (!/^[1-9]\d{0,8}$/.test(text))
    throw new AppError('invalid_model_version', `--version must be a whole number from 1, not "${text}"`)
  return Number(text)
}

function date(option: string, text: string | undefined): string | undefined {
  if (text === undefined) return undefined
  const parsed = parseLocalDate(text)
  if (!parsed.ok) throw new AppError('invalid_date', `${option}: ${parsed.reason}; use YYYY-MM-DD`)
  return parsed.date
}

function json(options: ModelOptions): boolean {
  if (!(FORMATS as readonly string[]).includes(options.format))
    throw new AppError(
      'invalid_format',
      `--format must be one of ${FORMATS.join(', ')}, not "${options.format}"`,
    )
  return options.format === 'json'
}

const out = (text: string) => process.stdout.write(text)
const asJson = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`

/** `recoup model train|evaluate|score|show`: risk scorecards trained on the tenant's own history. */
export function registerModelCommand(program: Command): void {
  const model = program.command('model').description('risk scorecards: train, evaluate, score accounts, show')
  const common = (c: Command) =>
    c
      .option('--format <format>', 'table or json', 'table')
      .option('--tenant <slug>', 'tenant (default: default)')

  common(
    model
      .command('train')
      .description('train a scorecard and its baseline on the history, store it as the next version')
      .option('--target <target>', `what to predict (required): ${TARGETS.join(' or ')}`)
      .option('--as-of <date>', 'outcomes known by this day count (default: today)')
      .option('--split-on <date>', 'train before, hold out from this day (default: 70% of examples before)'),
  ).action(async (options: ModelOptions) => {
    const t = requiredTarget(options.target)
    const asOf = date('--as-of', options.asOf)
    const splitOn = date('--split-on', options.splitOn)
    const asJsonOut = json(options)
    const r = await withActor(options.tenant, (ctx) =>
      trainModel(ctx, { target: t, ...(asOf ? { dataAsOf: asOf } : {}), ...(splitOn ? { splitOn } : {}) }),
    )
    if (asJsonOut) {
      out(asJson({ version: r.version, evaluation: r.evaluation, examples: r.examples }))
      return
    }
    const e = r.evaluation
    out(
      [
        `${t} v${r.version}: ${r.scorecard.characteristics.length} characteristics; split on ${e.splitOn}: train ${e.train.count} (${e.train.bads} bad), hold-out ${e.test.count} (${e.test.bads} bad)`,
        metricsTable(e.scorecard, e.baseline),
        examplesTable(r.examples),
      ].join('\n'),
    )
  })

  common(
    model
      .command('evaluate')
      .description('measure a stored model and its baseline again on everything after its split day')
      .option('--target <target>', `(required) ${TARGETS.join(' or ')}`)
      .option('--version <n>', 'model version (default: the latest)')
      .option('--as-of <date>', 'outcomes known by this day count (default: today)'),
  ).action(async (options: ModelOptions) => {
    const t = requiredTarget(options.target)
    const v = version(options.version)
    const asOf = date('--as-of', options.asOf)
    const asJsonOut = json(options)
    const r = await withActor(options.tenant, (ctx) =>
      evaluateModel(ctx, { target: t, ...(v ? { version: v } : {}), ...(asOf ? { dataAsOf: asOf } : {}) }),
    )
    if (asJsonOut) {
      out(asJson(r))
      return
    }
    out(
      [
        `${t} v${r.version}: hold-out from ${r.splitOn}, outcomes known by ${r.dataAsOf}: ${r.test.count} examples, ${r.test.bads} bad`,
        metricsTable(r.scorecard, r.baseline),
        calibrationTable(r.scorecard),
        examplesTable(r.examples),
      ].join('\n'),
    )
  })

  common(
    model
      .command('score')
      .description("score owing accounts with each target's latest model; the daily run reads the scores")
      .option('--target <target>', `only this target: ${TARGETS.join(' or ')}`)
      .option('--version <n>', 'model version (with --target; default: the latest)')
      .option('--as-of <date>', 'features as of this day (default: today)'),
  ).action(async (options: ModelOptions) => {
    const t = target(options.target)
    const v = version(options.version)
    if (v !== undefined && !t) throw new AppError('missing_option', '--version needs --target')
    const asOf = date('--as-of', options.asOf)
    const asJsonOut = json(options)
    const runs = await withActor(options.tenant, (ctx) =>
      scoreTenantAccounts(ctx, {
        ...(t ? { target: t } : {}),
        ...(v ? { version: v } : {}),
        ...(asOf ? { asOf } : {}),
      }),
    )
    out(asJsonOut ? asJson(runs) : scoreRunsText(runs))
  })

  common(
    model
      .command('show')
      .description('a model: characteristics, bins, points, metrics; without --target, every version')
      .option('--target <target>', `${TARGETS.join(' or ')}`)
      .option('--version <n>', 'model version (default: the latest)'),
  ).action(async (options: ModelOptions) => {
    const t = target(options.target)
    const v = version(options.version)
    const asJsonOut = json(options)
    if (!t) {
      if (v !== undefined) throw new AppError('missing_option', '--version needs --target')
      const models = await withActor(options.tenant, (ctx) => listModels(ctx))
      if (asJsonOut) {
        out(asJson(models))
        return
      }
      out(
        toTable(
          ['target', 'version', 'trained at', 'data as of', 'split on', 'hold-out', 'AUC', 'baseline AUC'],
          models.map((m) => [
            m.target,
            m.version,
            m.trainedAt,
            m.dataAsOf,
            m.splitOn,
            m.holdOut,
            m.auc.toFixed(3),
            m.baselineAuc.toFixed(3),
          ]),
        ),
      )
      return
    }
    const m = await withActor(options.tenant, (ctx) => showModel(ctx, t, v))
    out(asJsonOut ? asJson(m) : modelText(m))
  })
}
