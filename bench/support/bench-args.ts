/** Options every benchmark accepts: `--rows N`, `--db sqlite|postgres`, plus bench-specific flags. */
export interface BenchArgs {
  readonly name: string
  readonly rows: number
  readonly db: 'sqlite' | 'postgres'
  readonly flags: ReadonlyMap<string, string>
}

/** Parses `NAME [--rows N] [--db sqlite|postgres] [--flag value]...`. */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const [name, ...rest] = argv
  if (!name || name.startsWith('--'))
    throw new Error('usage: npm run bench -- <import|aging> [--rows N] [--db sqlite|postgres]')
  const flags = new Map<string, string>()
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i] ?? ''
    if (!flag.startsWith('--')) throw new Error(`unexpected argument "${flag}"`)
    const next = rest[i + 1]
    if (next === undefined || next.startsWith('--')) flags.set(flag.slice(2), 'true')
    else {
      flags.set(flag.slice(2), next)
      i++
    }
  }
  const rows = Number(flags.get('rows') ?? 1_000_000)
  if (!Number.isInteger(rows) || rows <= 0) throw new Error(`--rows must be a positive whole number`)
  const db = flags.get('db') ?? 'sqlite'
  if (db !== 'sqlite' && db !== 'postgres') throw new Error(`--db must be sqlite or postgres`)
  return { name, rows, db, flags }
}
