/** A CSV field, quoted when it must be (RFC 4180). */
function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value
}

/** Rows as CSV text with a header row (the same text `recoup report --format csv` prints). */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const lines = [header, ...rows].map((r) => r.map((v) => csvField(String(v))).join(','))
  return `${lines.join('\n')}\n`
}
