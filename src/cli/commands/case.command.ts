import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Command } from 'commander'
import { buildCaseEvidencePack } from '../../app/legal/case-evidence-pack.ts'
import type { CaseView } from '../../app/legal/case-view.ts'
import { addHearing, closeCase } from '../../app/legal/close-case.ts'
import { fileCase, openCase } from '../../app/legal/open-case.ts'
import { listCases, showCase } from '../../app/legal/show-case.ts'
import { appConfig } from '../../config/app-config.ts'
import { uploadConfigFromEnv } from '../../config/upload-config.ts'
import type { PaperSize } from '../../core/documents/document-model.ts'
import { AppError } from '../../core/errors/index.ts'
import { formatAmount } from '../../core/money/money.ts'
import { withActor } from '../cli-context.ts'
import { packPaths, writeEvidencePack } from './evidence-pack.command.ts'

const formatOf = (format: string) => {
  if (format !== 'text' && format !== 'json')
    throw new AppError('invalid_format', `--format must be text or json, not "${format}"`)
  return format
}

const caseId = (text: string): number => {
  const id = Number(text)
  if (!Number.isSafeInteger(id) || id < 1)
    throw new AppError('invalid_case', `the case id must be a whole number >= 1, not "${text}"`, {
      field: 'id',
    })
  return id
}

/** `--facts '{"..."}'` or `--facts @facts.json`. */
function factsOption(text: string | undefined): Record<string, unknown> {
  if (text === undefined) return {}
  const source = text.startsWith('@') ? readFileSync(text.slice(1), 'utf8') : text
  try {
    const parsed = JSON.parse(source) as unknown
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      return parsed as Record<string, unknown>
  } catch {
    // reported below
  }
  throw new AppError('invalid_case', '--facts: a JSON object (give the JSON text or @file)', {
    field: 'facts',
  })
}

/** A case in a few lines: claim, status, deadlines with their basis, hearings, tasks. */
export function describeCase(c: CaseView): string {
  const m = (minor: number | null) =>
    minor === null ? '-' : `${formatAmount(minor, c.currency)} ${c.currency}`
  const lines = [
    `case #${c.id} ${c.kind} ${c.status}  ${c.parties.claimant} v ${c.parties.respondent}  accounts ${c.accounts.join(', ')}`,
    `  forum ${c.forum ?? '-'}  number ${c.caseNumber ?? '-'}  counsel ${c.counsel ?? '-'}  filed ${c.filedOn ?? '(draft)'}`,
    `  claim ${m(c.claim.totalMinor)} = principal ${m(c.claim.principalMinor)} + interest ${m(c.claim.interestMinor)} + costs ${m(c.claim.costsMinor)}`,
    `  economics: expected ${m(c.economics.expectedRecoveryMinor)} (x ${c.economics.recoveryRate}) - costs ${m(c.economics.costMinor)} = net ${m(c.economics.netMinor)} ${c.economics.passed ? 'passes' : 'fails'}`,
  ]
  for (const d of c.deadlines)
    lines.push(
      `  ${d.type === 'last_day' ? 'by  ' : 'from'} ${d.on}  ${d.label}  [${d.ruleId}; ${d.citation}]`,
    )
  for (const h of c.hearings)
    lines.push(
      `  hearing ${h.hearingOn}: ${h.purpose}${h.outcome ? ` -> ${h.outcome}` : ''}${h.nextOn ? `; next ${h.nextOn}` : ''}`,
    )
  for (const t of c.tasks)
    if (t.status === 'open') lines.push(`  task #${t.id} due ${t.dueAt.slice(0, 10)}: ${t.script}`)
  if (c.outcome)
    lines.push(
      `  outcome ${c.outcome.outcome} on ${c.outcome.on}` +
        (c.outcome.judgmentMinor !== null ? ` judgment ${m(c.outcome.judgmentMinor)}` : '') +
        (c.outcome.postJudgmentRate ? ` at ${c.outcome.postJudgmentRate}% a year` : '') +
        (c.outcome.settlementMinor !== null ? ` settlement ${m(c.outcome.settlementMinor)}` : ''),
    )
  return lines.join('\n')
}

const print = (format: string, view: CaseView | CaseView[]) =>
  console.log(
    format === 'json'
      ? JSON.stringify(view, null, 2)
      : Array.isArray(view)
        ? view.length === 0
          ? 'no legal cases'
          : view.map(describeCase).join('\n')
        : describeCase(view),
  )

interface OpenOptions {
  kind: string
  forum?: string
  caseNumber?: string
  counsel?: string
  filedOn?: string
  draft?: boolean
  facts?: string
  chequeDate?: string
  presentedOn?: string
  bankInformedOn?: string
  noticeSentOn?: string
  noticeReceivedOn?: string
  letterOfClaimOn?: string
  courtFee?: string
  counselFee?: string
  costsNotRecoverable?: boolean
  recoveryRate?: string
  minNet?: string
  interestRate?: string
  tenant?: string
  format: string
}

/** The facts of the options: --facts, with the cheque and Letter of Claim options laid over it. */
function factsOf(o: OpenOptions): Record<string, unknown> {
  const facts = factsOption(o.facts)
  if (o.chequeDate || o.presentedOn || o.bankInformedOn || o.noticeSentOn || o.noticeReceivedOn) {
    const given = (facts.cheque ?? {}) as Record<string, unknown>
    facts.cheque = {
      ...given,
      ...(o.chequeDate ? { chequeDate: o.chequeDate } : {}),
      ...(o.presentedOn ? { presentedOn: o.presentedOn } : {}),
      ...(o.bankInformedOn ? { bankInformedOn: o.bankInformedOn } : {}),
      ...(o.noticeSentOn ? { demandNoticeSentOn: o.noticeSentOn } : {}),
      ...(o.noticeReceivedOn ? { demandNoticeReceivedOn: o.noticeReceivedOn } : {}),
    }
  }
  if (o.letterOfClaimOn) facts.letterOfClaimOn = o.letterOfClaimOn
  return facts
}

/** `recoup case open|file|show|list|hearing|close` (docs/legal-cases.md). */
export function registerCaseCommand(program: Command): void {
  const legal = program
    .command('case')
    .description('legal cases: open (gated by compliance and economics), deadlines, hearings, outcomes')
  legal
    .command('open <accounts...>')
    .description("open a legal case on one debtor's accounts (the first is the lead account)")
    .requiredOption(
      '--kind <kind>',
      'recovery_suit, summary_suit, ni_act_138, arbitration, pre_institution_mediation, lok_adalat, ' +
        'small_claims, uk_money_claim, insolvency_petition, statutory_demand, enforcement',
    )
    .option('--forum <text>', 'the court or tribunal')
    .option('--case-number <text>', "the court's number")
    .option('--counsel <code>', 'a law-firm partner (recoup partner add --kind law_firm)')
    .option('--filed-on <YYYY-MM-DD>', 'the filing day (a draft: the day it is prepared; default: today)')
    .option('--draft', 'prepare without filing: no gate, no costs, no hold; deadlines become tasks')
    .option('--facts <json>', 'the case facts as JSON text or @file (docs/legal-cases.md)')
    .option('--cheque-date <YYYY-MM-DD>', 'NI Act: the cheque date')
    .option('--presented-on <YYYY-MM-DD>', 'NI Act: presented to the bank')
    .option('--bank-informed-on <YYYY-MM-DD>', "NI Act: the bank's return memo received")
    .option('--notice-sent-on <YYYY-MM-DD>', 'NI Act: the demand notice sent')
    .option('--notice-received-on <YYYY-MM-DD>', 'NI Act: the demand notice received by the drawer')
    .option('--letter-of-claim-on <YYYY-MM-DD>', "UK: the Letter of Claim's date")
    .option('--court-fee <amount>', 'court fee in the case currency')
    .option('--counsel-fee <amount>', 'counsel costs in the case currency')
    .option('--costs-not-recoverable', 'the costs are ours: not claimed, not posted to the ledger')
    .option('--recovery-rate <rate>', 'expected share recovered, 0..1 (default 0.5)')
    .option('--min-net <amount>', 'the least expected net (default 0)')
    .option('--interest-rate <percent>', "the contract's annual rate where no statutory regime applies")
    .option('--tenant <slug>', 'tenant (default: default)')
    .option('--format <format>', 'text or json', 'text')
    .action(async (accounts: string[], o: OpenOptions) => {
      const format = formatOf(o.format)
      const opened = await withActor(o.tenant, (ctx) =>
        openCase(ctx, {
          accounts,
          kind: o.kind,
          facts: factsOf(o),
          ...(o.forum ? { forum: o.forum } : {}),
          ...(o.caseNumber ? { caseNumber: o.caseNumber } : {}),
          ...(o.counsel ? { counsel: o.counsel } : {}),
          ...(o.filedOn ? { filedOn: o.filedOn } : {}),
          ...(o.draft ? { draft: true } : {}),
          ...(o.courtFee ? { courtFee: o.courtFee } : {}),
          ...(o.counselFee ? { counselFee: o.counselFee } : {}),
          ...(o.costsNotRecoverable ? { costsRecoverable: false } : {}),
          ...(o.recoveryRate ? { recoveryRate: o.recoveryRate } : {}),
          ...(o.minNet ? { minNet: o.minNet } : {}),
          ...(o.interestRate ? { interestRate: o.interestRate } : {}),
        }),
      )
      print(format, opened)
    })
  legal
    .command('file <id>')
    .description('file a draft case (the compliance gate and economics apply now)')
    .option('--on <YYYY-MM-DD>', 'the filing day (default: today)')
    .option('--case-number <text>', "the court's number")
    .option('--tenant <slug>', 'tenant (default: default)')
    .option('--format <format>', 'text or json', 'text')
    .action(async (id: string, o: { on?: string; caseNumber?: string; tenant?: string; format: string }) => {
      const format = formatOf(o.format)
      const filed = await withActor(o.tenant, (ctx) =>
        fileCase(ctx, {
          id: caseId(id),
          ...(o.on ? { filedOn: o.on } : {}),
          ...(o.caseNumber ? { caseNumber: o.caseNumber } : {}),
        }),
      )
      print(format, filed)
    })
  legal
    .command('show <id>')
    .description('one case: claim, economics, deadlines with their legal basis, hearings, tasks, outcome')
    .option('--tenant <slug>', 'tenant (default: default)')
    .option('--format <format>', 'text or json', 'text')
    .action(async (id: string, o: { tenant?: string; format: string }) => {
      const format = formatOf(o.format)
      print(format, await withActor(o.tenant, (ctx) => showCase(ctx, { id: caseId(id) })))
    })
  legal
    .command('list')
    .description('legal cases, newest first')
    .option('--status <status>', 'draft, open, judgment, settled, withdrawn, dismissed or closed')
    .option('--tenant <slug>', 'tenant (default: default)')
    .option('--format <format>', 'text or json', 'text')
    .action(async (o: { status?: string; tenant?: string; format: string }) => {
      const format = formatOf(o.format)
      print(format, await withActor(o.tenant, (ctx) => listCases(ctx, o.status ? { status: o.status } : {})))
    })
  legal
    .command('hearing <id>')
    .description('record a hearing (a next date becomes a task 7 days before it)')
    .requiredOption('--on <YYYY-MM-DD>', 'the hearing day')
    .requiredOption('--purpose <text>', 'what it was for')
    .option('--outcome <text>', 'what happened')
    .option('--next <YYYY-MM-DD>', 'the next hearing')
    .option('--tenant <slug>', 'tenant (default: default)')
    .option('--format <format>', 'text or json', 'text')
    .action(
      async (
        id: string,
        o: { on: string; purpose: string; outcome?: string; next?: string; tenant?: string; format: string },
      ) => {
        const format = formatOf(o.format)
        const view = await withActor(o.tenant, (ctx) =>
          addHearing(ctx, {
            id: caseId(id),
            on: o.on,
            purpose: o.purpose,
            ...(o.outcome ? { outcome: o.outcome } : {}),
            ...(o.next ? { next: o.next } : {}),
          }),
        )
        print(format, view)
      },
    )
  legal
    .command('evidence <id>')
    .description(
      "the case's evidence pack under its caption: statement, communications and their checks, letters, disputes, payments, journal (PDF + ZIP)",
    )
    .requiredOption('--out <dir|file>', 'a folder (pack.pdf, pack.zip) or a file name (NAME.pdf, NAME.zip)')
    .option('--as-of <YYYY-MM-DD>', "cut the pack at this day, in the tenant's zone (default today)")
    .option('--paper <size>', 'A4 (default) or LETTER')
    .option('--tenant <slug>', 'tenant (default: default)')
    .action(async (id: string, o: { out: string; asOf?: string; paper?: string; tenant?: string }) => {
      const paths = packPaths(o.out)
      const outreach = appConfig().outreach
      const result = await withActor(o.tenant, (ctx) =>
        buildCaseEvidencePack(ctx, {
          id: caseId(id),
          dataDir: uploadConfigFromEnv().dataDir,
          letterDir: outreach.letters ? join(outreach.sinkDir, 'letters') : null,
          ...(o.asOf !== undefined ? { asOf: o.asOf } : {}),
          ...(o.paper !== undefined ? { paper: o.paper.toUpperCase() as PaperSize } : {}),
        }),
      )
      writeEvidencePack(paths, result)
    })
  legal
    .command('close <id>')
    .description(
      'record the outcome: judgment (enforcement follows), settlement, withdrawal, dismissal, or closed',
    )
    .requiredOption(
      '--outcome <outcome>',
      'judgment, settlement, withdrawal, dismissal or closed (after judgment)',
    )
    .option('--on <YYYY-MM-DD>', 'the day (default: today)')
    .option('--amount <amount>', 'the judgment or settlement amount')
    .option('--rate <percent>', 'post-judgment interest, percent a year')
    .option('--note <text>', 'a note')
    .option('--tenant <slug>', 'tenant (default: default)')
    .option('--format <format>', 'text or json', 'text')
    .action(
      async (
        id: string,
        o: {
          outcome: string
          on?: string
          amount?: string
          rate?: string
          note?: string
          tenant?: string
          format: string
        },
      ) => {
        const format = formatOf(o.format)
        const view = await withActor(o.tenant, (ctx) =>
          closeCase(ctx, {
            id: caseId(id),
            outcome: o.outcome,
            ...(o.on ? { on: o.on } : {}),
            ...(o.amount ? { amount: o.amount } : {}),
            ...(o.rate ? { postJudgmentRate: o.rate } : {}),
            ...(o.note ? { note: o.note } : {}),
          }),
        )
        print(format, view)
      },
    )
}
