import { isKnownTimeZone, parseChoice, parseEmail, parsePhone } from './field-values.ts'
import type { IntakeAddress, IntakeContact, IntakeDebtor } from './intake-record.ts'
import { isCountryCode } from './iso-3166.ts'
import type { RowReader } from './row-reader.ts'

const COUNTRY = /^[A-Z]{2}$/
const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/
const PHONE_TYPES = ['mobile', 'landline', 'work'] as const
const DEBTOR_KINDS = ['person', 'business'] as const
const parsePhoneType = (text: string) => parseChoice(text, PHONE_TYPES)
const parseDebtorKind = (text: string) => parseChoice(text, DEBTOR_KINDS)

/** The row's country (ISO 3166 alpha-2, upper-cased), or '' when it has none or an invalid one. */
export function readCountry(reader: RowReader): string {
  const country = reader.text('country').toUpperCase()
  if (country !== '' && !(COUNTRY.test(country) && isCountryCode(country))) {
    reader.fail('country', `"${country}" is not a two-letter ISO 3166 country code`)
    return ''
  }
  return country
}

function readAddress(reader: RowReader, country: string): IntakeAddress[] {
  const line1 = reader.text('address_line1')
  const line2 = reader.text('address_line2')
  const city = reader.text('city')
  const region = reader.text('region')
  const postalCode = reader.text('postal_code')
  const hasAddress = line1 || line2 || city || region || postalCode
  if (!hasAddress && !country) return []
  if (!country) {
    if (reader.text('country') === '') reader.fail('country', 'is required with an address')
    return []
  }
  return [
    {
      line1: line1 || null,
      line2: line2 || null,
      city: city || null,
      region: region || null,
      postalCode: postalCode || null,
      country,
      isPrimary: true,
    },
  ]
}

function readContacts(reader: RowReader): IntakeContact[] {
  const contacts: IntakeContact[] = []
  const email = reader.parse('email', parseEmail)
  if (email) contacts.push({ kind: 'email', value: email })
  const phone = reader.parse('phone', parsePhone)
  const phoneType = reader.parse('phone_type', parsePhoneType)
  if (phone) contacts.push({ kind: 'phone', value: phone, phoneType: phoneType ?? null })
  return contacts
}

/** The debtor of a row: identity, names, language, stated zone, address and contact points. */
export function readDebtor(reader: RowReader, country: string): IntakeDebtor | undefined {
  const externalId = reader.required('debtor_id')
  const name = reader.required('debtor_name')
  const kind = reader.parse('debtor_kind', parseDebtorKind) ?? 'person'
  const language = reader.text('preferred_language')
  if (language && !LANGUAGE.test(language)) {
    reader.fail('preferred_language', `"${language}" is not a language tag such as en or pt-BR`)
  }
  const zone = reader.text('time_zone')
  if (zone && !isKnownTimeZone(zone)) reader.fail('time_zone', `"${zone}" is not an IANA time zone`)
  const addresses = readAddress(reader, country)
  const contacts = readContacts(reader)
  if (!externalId || !name) return undefined
  return {
    externalId,
    kind,
    name,
    givenName: reader.text('given_name') || null,
    familyName: reader.text('family_name') || null,
    preferredLanguage: language || null,
    statedTimeZone: zone || null,
    ...(addresses.length > 0 ? { addresses } : {}),
    ...(contacts.length > 0 ? { contacts } : {}),
  }
}
