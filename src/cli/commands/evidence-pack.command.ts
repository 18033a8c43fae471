import { existsSync, mkdirSync, statSync } from 'node:fs'
import { dirname, extname, join } from 'node:path'
import type { Command } from 'commander'
import { buildEvidencePack, type EvidencePack } from '../../app/evidence/build-evidence-pack.ts'
import { AtomicFile } from '../../bureau/atomic-file.ts'
import { appConfig } from '../../config/app-config.ts'
import { uploadConfigFromEnv } from '../../config/upload-config.ts'
import type { PaperSize } from '../../core/documents/document-model.ts'
import { AppError } from '../../core/errors/index.ts'
import { withActor } from '../cli-context.ts'

interface EvidencePackOptions {
  account: string[]
  out: string
  tenant?: string
  asOf?: string
  paper?: string
  title?: string
  line: string[]
}

const collect = (value: string, previous: string[]) => [...previous, value]

/**
 * The two files `--out` names: a directory (existing, or ending in a slash: made when missing) gets
 * pack.pdf and pack.zip;
 * a file name gets itself with .pdf and .zip (`case-17.pdf` -> case-17.pdf and case-17.zip).
 */
export function packPaths(out: string): { pdf: string; zip: string } {
  const isDir = /[/\\]$/.test(out) || (existsSync(out) && statSync(out).isDirectory())
  if (isDir) {
    try {
      mkdirSync(out, { recursive: true })
    } catch (error) {
      throw new AppError(
        'invalid_option',
        `--out: cannot make the folder ${out}: ${(error as Error).message}`,
        {
          field: 'out',
        },
      )
    }
    return { pdf: join(out, 'pack.pdf'), zip: join(out, 'pack.zip') }
  }
  const ext = extname(out).toLowerCase()
  const stem = ext === '.pdf' || ext === '.zip' ? out.slice(0, -ext.length) : out
  if (!existsSync(dirname(stem)))
    throw new AppError('invalid_option', `--out: the folder ${dirname(stem)} does not exist`, {
      field: 'out',
    })
  return { pdf: `${stem}.pdf`, zip: `${stem}.zip` }
}

/** `recoup evidence-pack ACCOUNT`: the evidence pack PDF and the ZIP of its originals (docs/evidence-pack.md). */
export function registerEvidencePackCommand(program: Command): void {
  program
    .command('evidence-pack <account>')
    .description(
      "an account's evidence pack (statement, communications and their checks, letters, disputes, payments, journal) as PDF and ZIP",
    )
    .option('--account <id>', 'another account of the same debtor (repeatable)', collect, [])
    .requiredOption('--out <dir|file>', 'a folder (pack.pdf, pack.zip) or a file name (NAME.pdf, NAME.zip)')
    .option('--as-of <YYYY-MM-DD>', "cut the pack at this day, in the tenant's zone (default today)")
    .option('--paper <size>', 'A4 (default) or LETTER')
    .option('--title <text>', 'a caption instead of "Evidence pack" (a legal case\'s title)')
    .option('--line <text>', 'a line under the title: court, parties, case number (repeatable)', collect, [])
    .option('--tenant <slug>', 'tenant (default: default)')
    .action(async (account: string, options: EvidencePackOptions) => {
      const paths = packPaths(options.out)
      const outreach = appConfig().outreach
      const result = await withActor(options.tenant, (ctx) =>
        buildEvidencePack(ctx, {
          accounts: [account, ...options.account],
          dataDir: uploadConfigFromEnv().dataDir,
          letterDir: outreach.letters ? join(outreach.sinkDir, 'letters') : null,
          ...(options.asOf !== undefined ? { asOf: options.asOf } : {}),
          ...(options.paper !== undefined ? { paper: options.paper.toUpperCase() as PaperSize } : {}),
          ...(options.title !== undefined ? { header: { title: options.title, lines: options.line } } : {}),
        }),
      )
      writeEvidencePack(paths, result)
    })
}

/**
 * Writes a pack's PDF and ZIP under temporary names, renamed only when both are whole, and prints what
 * was written as JSON (`recoup evidence-pack`, `recoup case evidence`).
 */
export function writeEvidencePack(paths: { pdf: string; zip: string }, result: EvidencePack): void {
  let pdf: AtomicFile | undefined
  let zip: AtomicFile | undefined
  try {
    pdf = new AtomicFile(paths.pdf)
    zip = new AtomicFile(paths.zip)
    pdf.write(result.pdf)
    zip.write(result.zip)
    pdf.commit()
    zip.commit()
  } catch (error) {
    pdf?.abort()
    zip?.abort()
    throw new AppError('invalid_option', `--out: cannot write ${paths.pdf}: ${(error as Error).message}`)
  }
  const { manifest, sha256, journalSeq } = result
  process.stdout.write(
    `${JSON.stringify(
      {
        pdf: paths.pdf,
        zip: paths.zip,
        debtor: manifest.debtor,
        accounts: manifest.accounts,
        asOf: manifest.asOf,
        journalIntact: manifest.journal.intact,
        files: manifest.files.map((f) => f.path),
        sha256,
        journalSeq,
      },
      null,
      2,
    )}\n`,
  )
}
