import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'
import { Command } from 'commander'
import { describe, expect, it } from 'vitest'
import { buildProgram, COMMAND_MODULES, commandName, targetCommand } from '../../src/cli/program.ts'
import { reportCliError } from '../../src/cli/report-error.ts'
import { AppError } from '../../src/core/errors/index.ts'

const BIN = resolve(import.meta.dirname, '../../bin/recoup.js')

describe('the lazily loaded command line', () => {
  it('lists in --help exactly what the real modules register', async () => {
    const stubs = await buildProgram([])
    const real = await buildProgram([], 'all')
    expect(stubs.helpInformation()).toBe(real.helpInformation())
  })

  it('each module registers exactly the commands its entry names', async () => {
    for (const module of COMMAND_MODULES) {
      const program = new Command('recoup')
      ;(await module.load())(program)
      expect(program.commands.map((command) => command.name())).toEqual(
        module.commands.map(([term]) => commandName(term)),
      )
    }
  })

  it('loads only the module of the command being run', async () => {
    const program = await buildProgram(['compliance', 'check', 'x.json'])
    const compliance = program.commands.find((command) => command.name() === 'compliance')
    expect(compliance?.commands.map((command) => command.name())).toEqual(['check', 'packs'])
    const aging = program.commands.find((command) => command.name() === 'aging')
    expect(aging?.options).toEqual([])
  })

  it('finds the command after `help` and ignores options', () => {
    expect(targetCommand(['help', 'aging'])).toBe('aging')
    expect(targetCommand(['--help'])).toBeUndefined()
    expect(targetCommand(['payment', 'post', 'A-1'])).toBe('payment')
  })

  it('`recoup --help` prints the commands and exits 0', () => {
    const run = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' })
    expect(run.status, run.stderr).toBe(0)
    for (const module of COMMAND_MODULES)
      for (const [term, summary] of module.commands) {
        expect(run.stdout).toContain(commandName(term))
        expect(run.stdout.replace(/\s+/g, ' ')).toContain(summary)
      }
  })

  it('`recoup help aging` shows the real options of aging', () => {
    const run = spawnSync(process.execPath, [BIN, 'help', 'aging'], { encoding: 'utf8' })
    expect(run.status, run.stderr).toBe(0)
    expect(run.stdout).toContain('--tenant')
  })
})

describe('reportCliError', () => {
  it('prints an unexpected error as one line and a hint, exit 8', () => {
    const lines: string[] = []
    const code = reportCliError(
      new TypeError('x is undefined\n    at somewhere'),
      (line) => lines.push(line),
      false,
    )
    expect(code).toBe(8)
    expect(lines).toEqual([
      'error [internal_error]: x is undefined',
      expect.stringContaining('RECOUP_DEBUG=1'),
    ])
  })

  it('adds the stack only with RECOUP_DEBUG=1', () => {
    const lines: string[] = []
    reportCliError(new Error('boom'), (line) => lines.push(line), true)
    expect(lines[0]).toBe('error [internal_error]: boom')
    expect(lines[1]).toContain('at ')
  })

  it('prints an AppError with its code and exit code', () => {
    const lines: string[] = []
    expect(
      reportCliError(new AppError('invalid_configuration', 'PORT bad'), (line) => lines.push(line)),
    ).toBe(2)
    expect(lines).toEqual(['error [invalid_configuration]: PORT bad'])
  })
})
