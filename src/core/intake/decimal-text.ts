/**
 * A spreadsheet number as a plain decimal string: rounded to the 15 significant digits Excel itself
 * keeps, so the binary noise of a stored double ("0.30000000000000004") never reaches parseAmount,
 * and never in exponent notation ("1e-7" becomes "0.0000001").
 */
export function numberToDecimalText(value: number): string {
  if (!Number.isFinite(value)) return String(value)
  const text = String(Number(value.toPrecision(15)))
  return text.includes('e') ? expandExponent(text) : text
}

function expandExponent(text: string): string {
  const [mantissa = '', exponentText = '0'] = text.split('e')
  const negative = mantissa.startsWith('-')
  const unsigned = negative ? mantissa.slice(1) : mantissa
  const dot = unsigned.indexOf('.')
  const digits = unsigned.replace('.', '')
  const point = (dot === -1 ? unsigned.length : dot) + Number(exponentText)
  let result: string
  if (point <= 0) result = `0.${'0'.repeat(-point)}${digits}`
  else if (point >= digits.length) result = digits + '0'.repeat(point - digits.length)
  else result = `${digits.slice(0, point)}.${digits.slice(point)}`
  return negative ? `-${result}` : result
}
