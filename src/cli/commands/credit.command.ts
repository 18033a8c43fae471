import type { Command } from 'commander'
import type { CreditLineView } from '../../app/credit/credit-lines.ts'
import { listCreditWarnings } from '../../app/credit/list-credit-warnings.ts'
import { type CreditCheckView, runCreditCheck } from '../../app/credit/run-credit-check.ts'
import { setClientTerms, setDebtorTerms } from '../../app/credit/set-credit-terms.ts'
import { showDebtorCredit } from '../../app/credit/show-debtor-credit.ts'
import { AppError } from '../../core/errors/index.ts'
import { formatAmount } from '../../core/money/money.ts'
import { withActor } from '../cli-context.ts'

const formatOf = (format: string) => {
  if (format !== 'text' && format !== 'json')
    throw new AppError('invalid_format', `--format must be text or json, not "${format}"`)
  return format
}

/** `--terms 30`: a number when it reads as one, else the text (the use case names what is wrong). */
const termsOf = (text: string): unknown => (/^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text)

/** `--limit 5000.00 --currency EUR`; the currency is required with a limit. */
function limitOf(o: { limit?: string; currency?: string }) {
  if (o.limit === undefined) return undefined
  if (o.currency === undefined)
    throw new AppError('invalid_currency', '--currency is needed with --limit', { field: 'limit.currency' })
  return { amount: o.limit, currency: o.currency }
}

const money = (minor: number, currency: string) => `${formatAmount(minor, currency)} ${currency}`

/** A credit line as text: terms, limit, exposure, history, warnings. */
export function describeCreditLine(line: CreditLineView): string {
  const out = [
    `${line.debtor} (${line.debtorName}) / ${line.client ?? 'own book'}`,
    `  terms ${line.termsDays} days (${line.termsSource}); limit ${
      line.limit ? money(line.limit.limitMinor, line.limit.currency) : 'none'
    } (${line.limitSource})`,
    `  exposure ${line.exposures.map((e) => `${money(e.exposureMinor, e.currency)} on ${e.openAccounts} open`).join(', ') || 'none'}`,
  ]
  if (line.standing)
    out.push(
      `  ${line.standing.overLimit ? 'OVER LIMIT' : 'within limit'}: available ${money(line.standing.availableMinor, line.standing.currency)}` +
        (line.standing.utilisationPercent ? `, ${line.standing.utilisationPercent}% used` : ''),
    )
  const h = line.paymentHistory
  out.push(
    `  paid invoices ${h.paidInvoices}${h.meanDaysToPay ? `, mean ${h.meanDaysToPay} days to pay` : ''}` +
      (h.trend
        ? `; last ${h.trend.recentInvoices} ${h.trend.recentMeanDaysToPay} vs earlier ${h.trend.earlierMeanDaysToPay}`
        : ''),
  )
  for (const w of line.warnings) out.push(`  ! ${w.code}: ${w.message}`)
  return out.join('\n')
}

function describeCheck(check: CreditCheckView): string {
  const d = check.decision
  return [
    `${check.debtor} / ${check.client ?? 'own book'}: ${d.outcome.toUpperCase()} (${d.provider}), recommended limit ${money(d.recommendedLimit.minor, d.recommendedLimit.currency)}`,
    `  exposure ${money(check.exposureMinor, check.currency)}, asked ${money(check.requestedMinor, check.currency)}, limit ${
      check.limitMinor === null ? 'none' : money(check.limitMinor, check.currency)
    }`,
    ...d.reasons.map((r) => `  ${r.outcome}  ${r.ruleId}: ${r.message}`),
  ].join('\n')
}

/** `recoup credit terms|limit|show|warnings|check` (docs/credit-control.md). */
export function registerCreditCommand(program: Command): void {
  const credit = program
    .command('credit')
    .description('credit control: terms, limits, exposure, the early-warning list, credit checks')
  credit
    .command('terms')
    .description("set a client's payment terms and default credit limit (no --client: the own book)")
    .requiredOption('--terms <days>', 'payment terms in days from the invoice date (0-365)')
    .option('--client <id>', 'client external id')
    .option('--limit <amount>', 'default credit limit, decimal in --currency')
    .option('--currency <code>', 'ISO 4217 currency of the limit')
    .option('--tenant <slug>', 'tenant (default: default)')
    .option('--format <format>', 'text or json', 'text')
    .action(
      async (o: {
        terms: string
        client?: string
        limit?: string
        currency?: string
        tenant?: string
        format: string
      }) => {
        const format = formatOf(o.format)
        const limit = limitOf(o)
        const policy = await withActor(o.tenant, (ctx) =>
          setClientTerms(ctx, {
            termsDays: termsOf(o.terms),
            ...(o.client ? { client: o.client } : {}),
            ...(limit ? { limit } : {}),
          }),
        )
        console.log(
          format === 'json'
            ? JSON.stringify(policy, null, 2)
            : `${policy.client ?? 'own book'}: terms ${policy.termsDays} days, limit ${
                policy.limit ? money(policy.limit.limitMinor, policy.limit.currency) : 'none'
              }`,
        )
      },
    )
  credit
    .command('limit <debtor>')
    .description("set a debtor's own credit limit and/or terms on one credit line")
    .option('--client <id>', "client external id (default: the debtor's only client)")
    .option('--limit <amount>', 'credit limit, decimal in --currency')
    .option('--currency <code>', 'ISO 4217 currency of the limit')
    .option('--clear-limit', "remove the debtor's limit (the client's applies)")
    .option('--terms <days>', 'payment terms in days (0-365)')
    .option('--clear-terms', "remove the debtor's terms (the client's apply)")
    .option('--tenant <slug>', 'tenant (default: default)')
    .option('--format <format>', 'text or json', 'text')
    .action(
      async (
        debtor: string,
        o: {
          client?: string
          limit?: string
          currency?: string
          clearLimit?: boolean
          terms?: string
          clearTerms?: boolean
          tenant?: string
          format: string
        },
      ) => {
        const format = formatOf(o.format)
        const limit = o.clearLimit ? null : limitOf(o)
        const termsDays = o.clearTerms ? null : o.terms === undefined ? undefined : termsOf(o.terms)
        const line = await withActor(o.tenant, (ctx) =>
          setDebtorTerms(ctx, {
            debtor,
            ...(o.client ? { client: o.client } : {}),
            ...(limit !== undefined ? { limit } : {}),
            ...(termsDays !== undefined ? { termsDays } : {}),
          }),
        )
        console.log(format === 'json' ? JSON.stringify(line, null, 2) : describeCreditLine(line))
      },
    )
  credit
    .command('show <debtor>')
    .description("a debtor's credit lines: terms, limit, exposure per currency, payment history, warnings")
    .option('--tenant <slug>', 'tenant (default: default)')
    .option('--format <format>', 'text or json', 'text')
    .action(async (debtor: string, o: { tenant?: string; format: string }) => {
      const format = formatOf(o.format)
      const shown = await withActor(o.tenant, (ctx) => showDebtorCredit(ctx, { debtor }))
      console.log(
        format === 'json'
          ? JSON.stringify(shown, null, 2)
          : shown.lines.length
            ? shown.lines.map(describeCreditLine).join('\n')
            : `${shown.debtor}: no credit lines`,
      )
    })
  credit
    .command('warnings')
    .description('the early-warning list: over limit, paying later than terms, rising days to pay')
    .option('--code <code>', 'only over_limit, late_payer or rising_days_to_pay')
    .option('--limit <n>', 'lines per page (default 50)')
    .option('--cursor <cursor>', 'the next page, as the previous page printed it')
    .option('--tenant <slug>', 'tenant (default: default)')
    .option('--format <format>', 'text or json', 'text')
    .action(
      async (o: { code?: string; limit?: string; cursor?: string; tenant?: string; format: string }) => {
        const format = formatOf(o.format)
        const page = await withActor(o.tenant, (ctx) =>
          listCreditWarnings(ctx, {
            ...(o.code ? { code: o.code } : {}),
            ...(o.limit !== undefined ? { limit: Number(o.limit) } : {}),
            ...(o.cursor ? { cursor: o.cursor } : {}),
          }),
        )
        if (format === 'json') {
          console.log(JSON.stringify(page, null, 2))
          return
        }
        console.log(page.items.length ? page.items.map(describeCreditLine).join('\n') : 'no early warnings')
        if (page.nextCursor) console.log(`next page: --cursor ${page.nextCursor}`)
      },
    )
  credit
    .command('check <debtor>')
    .description('run the rules-based credit check of a credit line: approve, refer or decline, with reasons')
    .option('--client <id>', "client external id (default: the debtor's only client)")
    .option('--currency <code>', "the currency checked (default: the limit's)")
    .option('--amount <amount>', 'new credit asked for on top of the exposure')
    .option('--tenant <slug>', 'tenant (default: default)')
    .option('--format <format>', 'text or json', 'text')
    .action(
      async (
        debtor: string,
        o: { client?: string; currency?: string; amount?: string; tenant?: string; format: string },
      ) => {
        const format = formatOf(o.format)
        const check = await withActor(o.tenant, (ctx) =>
          runCreditCheck(ctx, {
            debtor,
            ...(o.client ? { client: o.client } : {}),
            ...(o.currency ? { currency: o.currency } : {}),
            ...(o.amount ? { amount: o.amount } : {}),
          }),
        )
        console.log(format === 'json' ? JSON.stringify(check, null, 2) : describeCheck(check))
      },
    )
}
