const NEEDS_QUOTES = /[",\r\n]/

/** One CSV field, quoted (with "" escapes) only when it holds a comma, quote or newline. */
export function formatCsvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value
}

/**
 * One CSV record with its CRLF terminator (RFC 4180). A record of a single empty field is written
 * as `""` so a reader does not take it for a blank line.
 */
export function formatCsvRow(fields: readonly string[]): string {
  if (fields.length === 1 && fields[0] === '') return '""\r\n'
  return `${fields.map(formatCsvField).join(',')}\r\n`
}
