/** Options every benchmark accepts: `--rows N`, `--db sqlite|postgres`, plus bench-specific flags. */
export interface BenchArgs {
  readonly name: string
  readonly rows: number
  readonly db: 'sqlite' | 'postgres'
  readonly flags: ReadonlyMap<string, string>
}

/** Flags every benchmark accepts. */
export const COMMON_FLAGS = ['rows', 'db'] as const

/**
 * Parses `NAME [--rows N] [--db sqlite|postgres] [--flag value]...`. A flag that is neither common nor
 * in `knownFlags` (the bench's own) is refused, listing the known ones: a mistyped flag must not
 * silently run the default (a million rows).
 */
export function parseBenchArgs(argv: readonly string[], knownFlags: readonly string[] = []): BenchArgs {
  const [name, ...rest] = argv
  if (!name || name.startsWith('--'))
    throw new Error('usage: npm run bench -- <name> [--rows N] [--db sqlite|postgres] [--flag value]...')
  const known = [...COMMON_FLAGS, ...knownFlags]
  const flags = new Map<string, string>()
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i] ?? ''
    if (!flag.startsWith('--')) throw new Error(`unexpected argument "${flag}"`)
    const key = flag.slice(2)
    if (!known.includes(key))
      throw new Error(
        `unknown flag ${flag} for bench "${name}"; known flags: ${known.map((k) => `--${k}`).join(', ')}`,
      )
    const next = rest[i + 1]
    if (next === undefined || next.startsWith('--')) flags.set(key, 'true')
    else {
      flags.set(key, next)
      i++
    }
  }
  const rows = Number(flags.get('rows') ?? 1_000_000)
  if (!Number.isInteger(rows) || rows <= 0) throw new Error(`--rows must be a positive whole number`)
  const db = flags.get('db') ?? 'sqlite'
  if (db !== 'sqlite' && db !== 'postgres') throw new Error(`--db must be sqlite or postgres`)
  return { name, rows, db, flags }
}
