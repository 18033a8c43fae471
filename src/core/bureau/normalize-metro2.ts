/**
 * Text from the books to what a Metro 2 field may hold: upper-case ASCII without accents, punctuation
 * reduced to what addresses and names use, single spaces, cut to the field's length.
 */

const US_STATES = new Set(
  (
    'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND ' +
    'OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR VI GU AS MP AA AE AP'
  ).split(' '),
)

const CLEAN = /^[A-Z0-9,.'&/#-]+(?: [A-Z0-9,.'&/#-]+)*$/

/** Upper-case, accents dropped, only A-Z 0-9 space and , . ' & / # -, at most `length` characters. */
export function alphanumeric(text: string, length: number): string {
  if (text === '') return ''
  // Plain ASCII that is clean once upper-cased (the export's common case) is decided char by char.
  const clean = cleanAscii(text, length)
  if (clean !== null) return clean
  const upper = text.toUpperCase()
  // Most names and addresses are clean already: the full clean-up only when needed.
  if (upper.length <= length && CLEAN.test(upper)) return upper
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9 ,.'&/#-]/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim()
    .slice(0, length)
    .trimEnd()
}

/**
 * `text` upper-cased when it is ASCII, at most `length` characters and clean upper-cased (what CLEAN
 * accepts: allowed characters, words separated by single spaces); else null and the full path decides.
 * For ASCII, upper-casing changes only a-z, so the answer is the one the full path gives.
 */
function cleanAscii(text: string, length: number): string | null {
  const n = text.length
  if (n === 0 || n > length) return null
  let lower = false
  let space = true // at the start, as after a space: no leading space
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i)
    if (c === 32) {
      if (space) return null
      space = true
      continue
    }
    space = false
    if (c >= 97 && c <= 122) lower = true
    else if (!((c >= 65 && c <= 90) || (c >= 48 && c <= 57) || ALLOWED_PUNCTUATION.has(c))) return null
  }
  if (space) return null
  return lower ? text.toUpperCase() : text
}

/** , . ' & / # - as character codes. */
const ALLOWED_PUNCTUATION = new Set([44, 46, 39, 38, 47, 35, 45])

/** The two-letter state of a region ("NY", "US-NY"), or null when it is none. */
export function usState(region: string | null): string | null {
  if (!region) return null
  if (US_STATES.has(region)) return region
  const code = region.toUpperCase().replace(/^US-/, '')
  return US_STATES.has(code) ? code : null
}

/** A ZIP or ZIP+4 as its digits (5 or 9), else blank. */
export function postalDigits(postalCode: string | null): string {
  if (postalCode !== null && postalCode.length === 5 && /^[0-9]{5}$/.test(postalCode)) return postalCode
  const digits = (postalCode ?? '').replace(/[^0-9]/g, '')
  return digits.length === 5 || digits.length === 9 ? digits : ''
}

/** A US phone number as its ten digits (a leading country code 1 dropped), else 0. */
export function phoneDigits(phone: string | null): number {
  let digits = (phone ?? '').replace(/[^0-9]/g, '')
  if (digits.length === 11 && digits.startsWith('1')) digits = digits.slice(1)
  return digits.length === 10 ? Number(digits) : 0
}

/** Surname, first and middle names: the stored parts when known, else split from the full name. */
export function splitName(debtor: { name: string; givenName: string | null; familyName: string | null }): {
  surname: string
  firstName: string
  middleName: string
} {
  if (debtor.familyName) {
    const given = (debtor.givenName ?? '').trim().split(/\s+/)
    return {
      surname: alphanumeric(debtor.familyName, 25),
      firstName: alphanumeric(given[0] ?? '', 20),
      middleName: alphanumeric(given.slice(1).join(' '), 20),
    }
  }
  const words = debtor.name.trim().split(/\s+/)
  const surname = words.length > 1 ? (words.pop() ?? '') : (words[0] ?? '')
  return {
    surname: alphanumeric(surname, 25),
    firstName: alphanumeric(words.length > 0 && words[0] !== surname ? (words[0] ?? '') : '', 20),
    middleName: alphanumeric(words.slice(1).join(' '), 20),
  }
}
