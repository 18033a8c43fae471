import { closeSync, createReadStream, openSync, readFileSync } from 'node:fs'
import { createInterface } from 'node:readline'
import type { Command } from 'commander'
import { checkCompliance } from '../../app/compliance/check-compliance.ts'
import { checkComplianceJsonLine } from '../../app/compliance/check-compliance-batch.ts'
import { ALL_PACKS } from '../../core/compliance/evaluate-compliance.ts'
import { AppError } from '../../core/errors/index.ts'

/** The request text from FILE, or from stdin for `-`. */
function readRequest(file: string): string {
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8')
  } catch (error) {
    throw new AppError('unreadable_file', `cannot read ${file}: ${(error as Error).message}`)
  }
}

/**
 * Streams FILE (or stdin) as JSON lines: each non-blank line is judged on its own and answered by one
 * line, the verdict or `{"error":{...},"line":N}`, written in chunks. Exit 0 all allowed, 1 any blocked,
 * 2 any invalid line.
 */
async function checkLines(file: string): Promise<number> {
  const source = file === '-' ? 'stdin' : file
  if (file !== '-') {
    // Opened once up front so an unreadable file is one clear error, not a stream failure.
    try {
      closeSync(openSync(file, 'r'))
    } catch (error) {
      throw new AppError('unreadable_file', `cannot read ${file}: ${(error as Error).message}`)
    }
  }
  const input = file === '-' ? process.stdin : createReadStream(file)
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })
  let out = ''
  let status = 0
  let n = 0
  for await (const text of lines) {
    n++
    if (text.trim() === '') continue
    const verdict = checkComplianceJsonLine({ text, line: n, source })
    if ('error' in verdict) status = 2
    else if (verdict.outcome === 'block' && status === 0) status = 1
    out += `${JSON.stringify(verdict)}\n`
    // Chunked writes: one write per verdict would cost more than the verdict itself.
    if (out.length > 1 << 16) {
      if (!process.stdout.write(out)) await new Promise((r) => process.stdout.once('drain', r))
      out = ''
    }
  }
  if (out !== '') process.stdout.write(out)
  return status
}

/**
 * `recoup compliance check FILE|-`: one proposed action in, the decision as JSON out (exit 0 allowed,
 * 1 blocked, 2 invalid input); `recoup compliance packs`: every rule pack with its version and settings.
 */
export function registerComplianceCommand(program: Command): void {
  const compliance = program.command('compliance').description('compliance rules: check a proposed action')
  compliance
    .command('check')
    .description('judge one proposed action (JSON, docs/compliance-check.md); prints the decision as JSON')
    .argument('<file>', 'request file, or - for stdin')
    .option(
      '--lines',
      'JSON lines: one request per line in, one verdict per line out (exit 2 if any line is invalid)',
    )
    .action(async (file: string, options: { lines?: boolean }) => {
      if (options.lines) {
        process.exitCode = await checkLines(file)
        return
      }
      const result = checkCompliance({ text: readRequest(file), source: file === '-' ? 'stdin' : file })
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
      process.exitCode = result.outcome === 'allow' ? 0 : 1
    })
  compliance
    .command('packs')
    .description('list every rule pack: id, version, description and settings (JSON)')
    .action(() => {
      const packs = ALL_PACKS.map((p) => ({
        id: p.id,
        version: p.version,
        description: p.description,
        settings: p.settings,
      }))
      process.stdout.write(`${JSON.stringify(packs, null, 2)}\n`)
    })
}
