import { readFileSync, writeFileSync } from 'node:fs'
import type { Command } from 'commander'
import { exportPlacementFile } from '../../app/placements/export-placement-file.ts'
import { listPlacements } from '../../app/placements/list-placements.ts'
import { addPartner, listPartners, type PartnerView } from '../../app/placements/partners.ts'
import { placeAccount } from '../../app/placements/place-account.ts'
import type { PlacementView } from '../../app/placements/placement-view.ts'
import { recallPlacement } from '../../app/placements/recall-placement.ts'
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
    .description('place accounts with partners, recall them, export the placement file')
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
