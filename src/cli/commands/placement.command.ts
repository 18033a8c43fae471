import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { basename } from 'node:path'
import type { Command } from 'commander'
import { exportPlacementFile } from '../../app/placements/export-placement-file.ts'
import { importRemittance, MAX_REMITTANCE_BYTES } from '../../app/placements/import-remittance.ts'
import { listPlacements } from '../../app/placements/list-placements.ts'
import { addPartner, listPartners, type PartnerView } from '../../app/placements/partners.ts'
import { placeAccount } from '../../app/placements/place-account.ts'
import type { PlacementView } from '../../app/placements/placement-view.ts'
import { recallPlacement } from '../../app/placements/recall-placement.ts'
import {
  getRemittance,
  listRemittances,
  type RemittanceReport,
  type RemittanceSummary,
} from '../../app/placements/remittance-report.ts'
import { AppError } from '../../core/errors/index.ts'
import { formatAmount } from '../../core/money/money.ts'
import { withActor } from '../cli-context.ts'

const formatOf = (format: string) => {
  if (format !== 'text' && format !== 'json')
    throw new AppError('invalid_format', `--format must be text or json, not "${format}"`)
  return format
}

/** `--terms '{"..."}'` or `--terms @terms.json`. */
function termsOption(text: string): unknown {
  const source = text.startsWith('@') ? readFileSync(text.slice(1), 'utf8') : text
  try {
    return JSON.parse(source)
  } catch {
    throw new AppError('invalid_partner', '--terms: not JSON (give the JSON text or @file)', {
      field: 'terms',
    })
  }
}

/** One line per partner. */
export function describePartners(partners: readonly PartnerView[]): string {
  if (partners.length === 0) return 'no partners (add one with `recoup partner add`)'
  return partners
    .map((p) => `${p.code}  ${p.kind}  remits ${p.remit}  ${p.name}  terms ${JSON.stringify(p.terms)}`)
    .join('\n')
}

/** One line per placement. */
export function describePlacements(placements: readonly PlacementView[]): string {
  if (placements.length === 0) return 'no placements'
  return placements
    .map(
      (p) =>
        `#${p.id} ${p.account} -> ${p.partner}  ${p.status}  ${p.placedOn}..${p.expectedReturnOn}  ` +
        `${formatAmount(p.balanceMinor, p.currency)} ${p.currency} at ${p.commissionPercent}%` +
        (p.fixedFeeMinor ? ` + ${formatAmount(p.fixedFeeMinor, p.currency)} fee` : '') +
        (p.status === 'recalled' ? `  recalled ${p.recalledOn}: ${p.recallReason}` : ''),
    )
    .join('\n')
}

/** The file's text; a missing path, a folder or a file over the limit is one clear error. */
function readRemittanceFile(file: string): string {
  const info = (() => {
    try {
      return statSync(file)
    } catch {
      throw new AppError('file_not_found', `${file}: no such file`)
    }
  })()
  if (!info.isFile()) throw new AppError('not_a_file', `${file} is not a regular file`)
  if (info.size > MAX_REMITTANCE_BYTES)
    throw new AppError('payload_too_large', `${file}: a remittance file is at most 5 MiB`)
  return readFileSync(file, 'utf8')
}

const money = (minor: number | null, currency: string | null) =>
  minor === null ? '-' : formatAmount(minor, currency ?? 'USD')

/** The totals and counts of a remittance, one line each. */
function describeRemittanceHead(r: RemittanceSummary): string[] {
  const counts = Object.entries(r.counts)
    .map(([status, n]) => `${n} ${status}`)
    .join(', ')
  const out = [
    `remittance #${r.id} from ${r.partner} (remits ${r.remit}), ${r.fileName}, ${r.importedAt}: ${counts}`,
  ]
  for (const t of r.totals)
    out.push(
      `  ${t.currency}: collected ${money(t.collectedMinor, t.currency)}, commission due ` +
        `${money(t.commissionDueMinor, t.currency)}, withheld ${money(t.commissionWithheldMinor, t.currency)}, ` +
        `net expected ${money(t.netExpectedMinor, t.currency)}, remitted ${money(t.netRemittedMinor, t.currency)}, ` +
        `difference ${money(t.differenceMinor, t.currency)}` +
        (r.remit === 'gross'
          ? `, commission owed on invoice ${money(t.commissionOwedMinor, t.currency)}`
          : ''),
    )
  return out
}

/** A remittance's reconciliation: totals, then one line per file line with its problems. */
export function describeRemittance(r: RemittanceReport): string {
  const out = describeRemittanceHead(r)
  for (const l of r.lines) {
    out.push(
      `  line ${l.line}  ${l.status}  placement ${l.placementId} ${l.account} ${l.reference} ${l.paidOn ?? '-'}  ` +
        `collected ${money(l.collectedMinor, l.currency)} due ${money(l.commissionDueMinor, l.currency)} ` +
        `withheld ${money(l.commissionWithheldMinor, l.currency)} expected ${money(l.netExpectedMinor, l.currency)} ` +
        `remitted ${money(l.netRemittedMinor, l.currency)} difference ${money(l.differenceMinor, l.currency)}`,
    )
    for (const p of l.problems) out.push(`    ${p.field}: ${p.reason}`)
  }
  return out.join('\n')
}

/** `recoup partner add|list` and `recoup placement place|recall|list|export` (docs/placements.md). */
export function registerPlacementCommands(program: Command): void {
  const partner = program
    .command('partner')
    .description('collection agencies and law firms with their commission terms')
  partner
    .command('add')
    .description('add a partner: code, name, kind, gross or net remittance, commission terms (JSON)')
    .requiredOption(
      '--code <code>',
      'what playbooks and people name it by (place_with_agency: { agency: CODE })',
    )
    .requiredOption('--name <name>', 'its name')
    .requiredOption('--kind <kind>', 'agency or law_firm')
    .requiredOption(
      '--remit <mode>',
      'gross (it remits all, we invoice commission) or net (it keeps commission)',
    )
    .requiredOption('--terms <json>', 'commission terms as JSON text or @file (docs/placements.md)')
    .option('--tenant <slug>', 'tenant (default: default)')
    .option('--format <format>', 'text or json', 'text')
    .action(
      async (o: {
        code: string
        name: string
        kind: string
        remit: string
        terms: string
        tenant?: string
        format: string
      }) => {
        const format = formatOf(o.format)
        const added = await withActor(o.tenant, (ctx) =>
          addPartner(ctx, {
            code: o.code,
            name: o.name,
            kind: o.kind,
            remit: o.remit,
            terms: termsOption(o.terms),
          }),
        )
        console.log(format === 'json' ? JSON.stringify(added, null, 2) : describePartners([added]))
      },
    )
  partner
    .command('list')
    .description("the tenant's partners")
    .option('--tenant <slug>', 'tenant (default: default)')
    .option('--format <format>', 'text or json', 'text')
    .action(async (o: { tenant?: string; format: string }) => {
      const format = formatOf(o.format)
      const partners = await withActor(o.tenant, (ctx) => listPartners(ctx))
      console.log(format === 'json' ? JSON.stringify(partners, null, 2) : describePartners(partners))
    })

  const placement = program
    .command('placement')
    .description(
      'place accounts with partners, recall them, export the placement file, reconcile remittances',
    )
  placement
    .command('place <account>')
    .description('place an account with a partner (one partner at a time; our own outreach holds off it)')
    .requiredOption('--partner <code>', 'the partner')
    .option('--on <YYYY-MM-DD>', 'the placement day (default: today)')
    .option('--return <YYYY-MM-DD>', 'the expected return date (default: 180 days on)')
    .option('--tenant <slug>', 'tenant (default: default)')
    .option('--format <format>', 'text or json', 'text')
    .action(
      async (
        account: string,
        o: { partner: string; on?: string; return?: string; tenant?: string; format: string },
      ) => {
        const format = formatOf(o.format)
        const placed = await withActor(o.tenant, (ctx) =>
          placeAccount(ctx, {
            account,
            partner: o.partner,
            ...(o.on ? { placedOn: o.on } : {}),
            ...(o.return ? { expectedReturnOn: o.return } : {}),
          }),
        )
        console.log(format === 'json' ? JSON.stringify(placed, null, 2) : describePlacements([placed]))
      },
    )
  placement
    .command('recall <account>')
    .description("recall an account's active placement")
    .requiredOption('--reason <text>', 'why (required)')
    .option('--on <YYYY-MM-DD>', 'the recall day (default: today)')
    .option('--tenant <slug>', 'tenant (default: default)')
    .option('--format <format>', 'text or json', 'text')
    .action(async (account: string, o: { reason: string; on?: string; tenant?: string; format: string }) => {
      const format = formatOf(o.format)
      const recalled = await withActor(o.tenant, (ctx) =>
        recallPlacement(ctx, { account, reason: o.reason, ...(o.on ? { recalledOn: o.on } : {}) }),
      )
      console.log(format === 'json' ? JSON.stringify(recalled, null, 2) : describePlacements([recalled]))
    })
  placement
    .command('list')
    .description('placements, newest first')
    .option('--partner <code>', 'only this partner')
    .option('--status <status>', 'active or recalled')
    .option('--tenant <slug>', 'tenant (default: default)')
    .option('--format <format>', 'text or json', 'text')
    .action(async (o: { partner?: string; status?: string; tenant?: string; format: string }) => {
      const format = formatOf(o.format)
      const list = await withActor(o.tenant, (ctx) =>
        listPlacements(ctx, {
          ...(o.partner ? { partner: o.partner } : {}),
          ...(o.status ? { status: o.status } : {}),
        }),
      )
      console.log(format === 'json' ? JSON.stringify(list, null, 2) : describePlacements(list))
    })
  placement
    .command('remit')
    .description("take in a partner's remittance file: book its collections, reconcile commission and net")
    .requiredOption('--partner <code>', 'the partner that sent it')
    .requiredOption('--file <file>', 'the remittance CSV (docs/placements.md, "Remittance file in")')
    .option('--tenant <slug>', 'tenant (default: default)')
    .option('--format <format>', 'text or json', 'text')
    .action(async (o: { partner: string; file: string; tenant?: string; format: string }) => {
      const format = formatOf(o.format)
      const csv = readRemittanceFile(o.file)
      const report = await withActor(o.tenant, (ctx) =>
        importRemittance(ctx, { partner: o.partner, fileName: basename(o.file), csv, source: 'cli' }),
      )
      console.log(format === 'json' ? JSON.stringify(report, null, 2) : describeRemittance(report))
    })
  placement
    .command('remittance <id>')
    .description('show a remittance and its reconciliation again')
    .option('--tenant <slug>', 'tenant (default: default)')
    .option('--format <format>', 'text or json', 'text')
    .action(async (id: string, o: { tenant?: string; format: string }) => {
      const format = formatOf(o.format)
      if (!/^[1-9][0-9]{0,15}$/.test(id))
        throw new AppError('remittance_not_found', `"${id}" is not a remittance id`)
      const report = await withActor(o.tenant, (ctx) => getRemittance(ctx, Number(id)))
      console.log(format === 'json' ? JSON.stringify(report, null, 2) : describeRemittance(report))
    })
  placement
    .command('remittances')
    .description('remittances taken in, newest first, with their totals')
    .option('--partner <code>', 'only this partner')
    .option('--tenant <slug>', 'tenant (default: default)')
    .option('--format <format>', 'text or json', 'text')
    .action(async (o: { partner?: string; tenant?: string; format: string }) => {
      const format = formatOf(o.format)
      const list = await withActor(o.tenant, (ctx) => listRemittances(ctx, o.partner))
      if (format === 'json') console.log(JSON.stringify(list, null, 2))
      else console.log(list.length === 0 ? 'no remittances' : list.flatMap(describeRemittanceHead).join('\n'))
    })
  placement
    .command('export')
    .description("the partner's placement file (CSV, docs/placements.md): to --out, else standard output")
    .requiredOption('--partner <code>', 'the partner')
    .option('--as-of <YYYY-MM-DD>', 'the day balances and the itemization run to (default: today)')
    .option('--out <file>', 'write the CSV here')
    .option('--tenant <slug>', 'tenant (default: default)')
    .action(async (o: { partner: string; asOf?: string; out?: string; tenant?: string }) => {
      const file = await withActor(o.tenant, (ctx) =>
        exportPlacementFile(ctx, { partner: o.partner, ...(o.asOf ? { asOf: o.asOf } : {}) }),
      )
      if (!o.out) {
        process.stdout.write(file.csv)
        return
      }
      writeFileSync(o.out, file.csv)
      console.log(`${file.accounts} accounts placed with ${file.partner} as of ${file.asOf} -> ${o.out}`)
    })
}
