import { readFileSync } from 'node:fs'
import type { Command } from 'commander'
import { checkCompliance } from '../../app/compliance/check-compliance.ts'
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
 * `recoup compliance check FILE|-`: one proposed action in, the decision as JSON out (exit 0 allowed,
 * 1 blocked, 2 invalid input); `recoup compliance packs`: every rule pack with its version and settings.
 */
export function registerComplianceCommand(program: Command): void {
  const compliance = program.command('compliance').description('compliance rules: check a proposed action')
  compliance
    .command('check')
    .description('judge one proposed action (JSON, docs/compliance-check.md); prints the decision as JSON')
    .argument('<file>', 'request file, or - for stdin')
    .action((file: string) => {
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
