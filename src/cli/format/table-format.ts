/** A CSV field, quoted when it must be (RFC 4180). */
export function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value
}

/** Rows as CSV text with a header row. */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const lines = [header, ...rows].map((r) => r.map((v) => csvField(String(v))).join(','))
  return `${lines.join('\n')}\n`
}

/** Rows as a plain aligned table with a header row; numbers right-aligned. */
export function toTable(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const text = [header, ...rows].map((r) => r.map((v) => String(v)))
  const widths = header.map((_, i) => Math.max(...text.map((r) => (r[i] ?? '').length)))
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number'))
  const lines = text.map((r) =>
    r
      .map((v, i) => (numeric[i] ? v.padStart(widths[i] ?? 0) : v.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  )
  return `${lines.join('\n')}\n`
}

/** A ratio shown with `digits` decimals, or "n/a" when undefined. */
export function fixed(value: number, digits = 3): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a'
}
