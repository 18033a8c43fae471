import { writeFileSync } from 'node:fs'
import type { Command } from 'commander'
import { billOfSale } from '../../app/sales/bill-of-sale.ts'
import { buyBackAccount } from '../../app/sales/buy-back-account.ts'
import { cancelSale } from '../../app/sales/cancel-sale.ts'
import { closeSale } from '../../app/sales/close-sale.ts'
import { createSale } from '../../app/sales/create-sale.ts'
import { exportSaleFile } from '../../app/sales/export-sale-file.ts'
import type { SaleFilterInput } from '../../app/sales/sale-selection.ts'
import type { SaleDetail, SaleView } from '../../app/sales/sale-view.ts'
import { listSales, showSale } from '../../app/sales/show-sale.ts'
import { valueSale } from '../../app/sales/value-sale.ts'
import { AppError } from '../../core/errors/index.ts'
import { formatAmount } from '../../core/money/money.ts'
import { withActor } from '../cli-context.ts'

const formatOf = (format: string) => {
  if (format !== 'text' && format !== 'json')
    throw new AppError('invalid_format', `--format must be text or json, not "${format}"`)
  return format
}

/** One line per sale. */
export function describeSales(sales: readonly SaleView[]): string {
  if (sales.length === 0) return 'no sales (create one with `recoup sale create`)'
  const money = (s: SaleView, m: number) => `${formatAmount(m, s.currency)} ${s.currency}`
  return sales
    .map(
      (s) =>
        `#${s.id} ${s.status} to ${s.buyer}: ${s.accounts} accounts, balance ${money(s, s.balanceMinor)}, ` +
        `expected ${money(s, s.expectedMinor)}, price ${money(s, s.priceMinor)} (${s.pricePercent}%) ` +
        `valued ${s.valuedOn}` +
        (s.closedOn ? `, closed ${s.closedOn}, buy-back until ${s.buybackUntil}` : '') +
        (s.cancelReason ? `, cancelled: ${s.cancelReason}` : ''),
    )
    .join('\n')
}

/** A sale with one line per account and per forwarded payment. */
export function describeSale(sale: SaleDetail): string {
  const money = (m: number) => formatAmount(m, sale.currency)
  return [
    describeSales([sale]),
    ...sale.lines.map(
      (l) =>
        `  ${l.account}  ${l.status}  balance ${money(l.balanceMinor)}  ${l.basis} rate ${l.recoveryRate}  ` +
        `expected ${money(l.expectedMinor)}  price ${money(l.priceMinor)}` +
        (l.boughtBackOn ? `  bought back ${l.boughtBackOn}: ${l.buybackReason}` : ''),
    ),
    ...sale.forwarded.map(
      (f) =>
        `  forwarded ${f.reference}: ${formatAmount(f.amountMinor, f.currency)} ${f.currency} on ${f.account} ${f.receivedOn}`,
    ),
  ].join('\n')
}

interface FilterOptions {
  client?: string
  debtKind?: string
  currency?: string
  chargeOffFrom?: string
  chargeOffTo?: string
  minBalance?: string
  maxBalance?: string
  status?: string
  accounts?: string
}

/** The filter options as the use case takes them (only those given). */
function filterOf(o: FilterOptions): SaleFilterInput {
  return {
    ...(o.client !== undefined ? { client: o.client } : {}),
    ...(o.debtKind !== undefined ? { debtKind: o.debtKind } : {}),
    ...(o.currency !== undefined ? { currency: o.currency } : {}),
    ...(o.chargeOffFrom !== undefined ? { chargeOffFrom: o.chargeOffFrom } : {}),
    ...(o.chargeOffTo !== undefined ? { chargeOffTo: o.chargeOffTo } : {}),
    ...(o.minBalance !== undefined ? { minBalance: o.minBalance } : {}),
    ...(o.maxBalance !== undefined ? { maxBalance: o.maxBalance } : {}),
    ...(o.status !== undefined ? { status: o.status } : {}),
    ...(o.accounts !== undefined ? { accounts: o.accounts.split(',').map((a) => a.trim()) } : {}),
  }
}

function buybackDaysOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  if (!/^\d{1,5}$/.test(text))
    throw new AppError('invalid_option', `--buyback-days: a whole number of days, not "${text}"`, {
      field: 'buybackDays',
    })
  return Number(text)
}

/** `recoup sale create|value|export|close|cancel|buyback|show|list` (docs/debt-sale.md). */
export function registerSaleCommand(program: Command): void {
  const sale = program
    .command('sale')
    .description('debt sale: select and value a portfolio, sale file and bill of sale, close, buy-back')
  sale
    .command('create')
    .description('select a portfolio by filter and value it: a draft sale')
    .requiredOption('--buyer <name>', 'the buyer')
    .requiredOption(
      '--price <percent>',
      'the price as a percentage of expected recovery, exact decimal ("12.5")',
    )
    .option(
      '--recovery-fraction <fraction>',
      'share of a scored account expected back if it pays (default 0.40)',
    )
    .option('--buyback-days <days>', 'the buy-back window after closing (default 90)')
    .option('--as-of <YYYY-MM-DD>', 'the valuation day (default today)')
    .option('--client <id>', "only this client's accounts")
    .option('--debt-kind <kind>', 'consumer or commercial')
    .option('--currency <code>', 'only accounts in this currency (needed for balance bounds)')
    .option('--charge-off-from <YYYY-MM-DD>', 'charged off on or after')
    .option('--charge-off-to <YYYY-MM-DD>', 'charged off on or before')
    .option('--min-balance <amount>', 'balance at least (decimal, --currency)')
    .option('--max-balance <amount>', 'balance at most (decimal, --currency)')
    .option('--status <status>', 'account status (default open)')
    .option('--accounts <ids>', 'explicit accounts, comma-separated external ids')
    .option('--tenant <slug>', 'tenant (default: default)')
    .option('--format <format>', 'text or json', 'text')
    .action(
      async (
        o: FilterOptions & {
          buyer: string
          price: string
          recoveryFraction?: string
          buybackDays?: string
          asOf?: string
          tenant?: string
          format: string
        },
      ) => {
        const format = formatOf(o.format)
        const buybackDays = buybackDaysOf(o.buybackDays)
        const created = await withActor(o.tenant, (ctx) =>
          createSale(ctx, {
            buyer: o.buyer,
            pricePercent: o.price,
            ...(o.recoveryFraction !== undefined ? { recoveryFraction: o.recoveryFraction } : {}),
            ...(buybackDays !== undefined ? { buybackDays } : {}),
            ...(o.asOf !== undefined ? { asOf: o.asOf } : {}),
            filter: filterOf(o),
          }),
        )
        console.log(format === 'json' ? JSON.stringify(created, null, 2) : describeSales([created]))
      },
    )
  sale
    .command('value <sale>')
    .description('value a draft again on the books of today (or --as-of), optionally at a new price')
    .option('--price <percent>', 'a new price percentage')
    .option('--recovery-fraction <fraction>', 'a new recovery fraction')
    .option('--as-of <YYYY-MM-DD>', 'the valuation day (default today)')
    .option('--tenant <slug>', 'tenant (default: default)')
    .option('--format <format>', 'text or json', 'text')
    .action(
      async (
        id: string,
        o: { price?: string; recoveryFraction?: string; asOf?: string; tenant?: string; format: string },
      ) => {
        const format = formatOf(o.format)
        const valued = await withActor(o.tenant, (ctx) =>
          valueSale(ctx, {
            sale: id,
            ...(o.price !== undefined ? { pricePercent: o.price } : {}),
            ...(o.recoveryFraction !== undefined ? { recoveryFraction: o.recoveryFraction } : {}),
            ...(o.asOf !== undefined ? { asOf: o.asOf } : {}),
          }),
        )
        console.log(format === 'json' ? JSON.stringify(valued, null, 2) : describeSales([valued]))
      },
    )
  sale
    .command('export <sale>')
    .description('the sale file (CSV, docs/debt-sale.md) and, with --bill, the bill of sale PDF')
    .option('--out <file>', 'write the CSV here (else standard output)')
    .option('--bill <file>', 'write the bill of sale PDF here')
    .option('--as-of <YYYY-MM-DD>', 'balances to this day (default the closing or valuation day)')
    .option('--tenant <slug>', 'tenant (default: default)')
    .action(async (id: string, o: { out?: string; bill?: string; asOf?: string; tenant?: string }) => {
      const { file, pdf } = await withActor(o.tenant, async (ctx) => ({
        file: await exportSaleFile(ctx, { sale: id, ...(o.asOf !== undefined ? { asOf: o.asOf } : {}) }),
        pdf: o.bill ? (await billOfSale(ctx, { sale: id })).pdf : undefined,
      }))
      if (o.bill && pdf) writeFileSync(o.bill, pdf)
      if (!o.out) {
        process.stdout.write(file.csv)
        return
      }
      writeFileSync(o.out, file.csv)
      console.log(
        `sale ${file.sale}: ${file.accounts} accounts as of ${file.asOf} -> ${o.out}` +
          (o.bill ? `, bill of sale -> ${o.bill}` : ''),
      )
    })
  sale
    .command('close <sale>')
    .description('close a draft (managers): accounts sold, balances to zero, pending actions cancelled')
    .option('--on <YYYY-MM-DD>', 'the closing day (default today)')
    .option('--tenant <slug>', 'tenant (default: default)')
    .option('--format <format>', 'text or json', 'text')
    .action(async (id: string, o: { on?: string; tenant?: string; format: string }) => {
      const format = formatOf(o.format)
      const closed = await withActor(o.tenant, (ctx) =>
        closeSale(ctx, { sale: id, ...(o.on !== undefined ? { on: o.on } : {}) }),
      )
      console.log(
        format === 'json'
          ? JSON.stringify(closed, null, 2)
          : `${describeSales([closed])}\n${closed.cancelledActions} pending actions cancelled`,
      )
    })
  sale
    .command('cancel <sale>')
    .description('cancel a draft (nothing is sold)')
    .requiredOption('--reason <text>', 'why (required)')
    .option('--tenant <slug>', 'tenant (default: default)')
    .option('--format <format>', 'text or json', 'text')
    .action(async (id: string, o: { reason: string; tenant?: string; format: string }) => {
      const format = formatOf(o.format)
      const cancelled = await withActor(o.tenant, (ctx) => cancelSale(ctx, { sale: id, reason: o.reason }))
      console.log(format === 'json' ? JSON.stringify(cancelled, null, 2) : describeSales([cancelled]))
    })
  sale
    .command('buyback <sale> <account>')
    .description('take a sold account back within the buy-back window (closing reversed, account open)')
    .requiredOption('--reason <text>', 'why the buyer puts it back (required)')
    .option('--on <YYYY-MM-DD>', 'the put-back day (default today)')
    .option('--tenant <slug>', 'tenant (default: default)')
    .option('--format <format>', 'text or json', 'text')
    .action(
      async (
        id: string,
        account: string,
        o: { reason: string; on?: string; tenant?: string; format: string },
      ) => {
        const format = formatOf(o.format)
        const back = await withActor(o.tenant, (ctx) =>
          buyBackAccount(ctx, {
            sale: id,
            account,
            reason: o.reason,
            ...(o.on !== undefined ? { on: o.on } : {}),
          }),
        )
        console.log(
          format === 'json'
            ? JSON.stringify(back, null, 2)
            : `${back.account} bought back on ${back.boughtBackOn}`,
        )
      },
    )
  sale
    .command('show <sale>')
    .description('a sale with its accounts, their valuation and the payments forwarded to the buyer')
    .option('--tenant <slug>', 'tenant (default: default)')
    .option('--format <format>', 'text or json', 'text')
    .action(async (id: string, o: { tenant?: string; format: string }) => {
      const format = formatOf(o.format)
      const shown = await withActor(o.tenant, (ctx) => showSale(ctx, { sale: id }))
      console.log(format === 'json' ? JSON.stringify(shown, null, 2) : describeSale(shown))
    })
  sale
    .command('list')
    .description('sales, newest first')
    .option('--status <status>', 'draft, closed or cancelled')
    .option('--tenant <slug>', 'tenant (default: default)')
    .option('--format <format>', 'text or json', 'text')
    .action(async (o: { status?: string; tenant?: string; format: string }) => {
      const format = formatOf(o.format)
      const sales = await withActor(o.tenant, (ctx) =>
        listSales(ctx, o.status !== undefined ? { status: o.status } : {}),
      )
      console.log(format === 'json' ? JSON.stringify(sales, null, 2) : describeSales(sales))
    })
}
