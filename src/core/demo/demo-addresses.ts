import type { IntakeAddress } from '../intake/intake-record.ts'
import type { DemoCity, DemoCountry } from './demo-geography.ts'
import type { Prng } from './prng.ts'

const US_STREETS = [
  'Maple Ave',
  'Oak St',
  'Washington Blvd',
  'Park Ave',
  'Cedar Ln',
  'Elm St',
  'Lincoln Way',
  'Sunset Dr',
  'Main St',
  'Highland Ave',
  'Lake Shore Dr',
  'Pine St',
  'Jefferson Rd',
  'Mission St',
  'Broadway',
]
const GB_STREETS = [
  'Mill Road',
  'High Street',
  'Church Lane',
  'Station Road',
  'Victoria Road',
  'Queens Avenue',
  'Park Close',
  'Albert Street',
  'Green Lane',
  'Manor Gardens',
  'King Street',
  'Windsor Road',
]
const DE_STREETS = [
  'Lindenstraße',
  'Hauptstraße',
  'Bahnhofstraße',
  'Schillerstraße',
  'Gartenweg',
  'Goethestraße',
  'Kastanienallee',
  'Berliner Straße',
  'Mühlenweg',
  'Am Markt',
  'Friedrichstraße',
  'Rosenweg',
]
const IN_BUILDINGS = [
  'Sai Krupa Apartments',
  'Shanti Niketan',
  'Green Park Residency',
  'Lakshmi Towers',
  'Sunrise Enclave',
  'Ganga Heights',
  'Royal Palms',
  'Sagar Darshan',
]
const IN_ROADS = [
  'MG Road',
  'Station Road',
  'Link Road',
  'Nehru Nagar',
  'Gandhi Road',
  'Park Street',
  'Ring Road',
]
const AE_BUILDINGS = [
  'Marina Heights',
  'Al Noor Tower',
  'Palm Residence',
  'Creek View Building',
  'Al Waha Tower',
  'Jumeirah Gardens',
  'Al Khail Residence',
]
const AU_STREETS = [
  'George Street',
  'Bourke Street',
  'Queen Street',
  'King William Street',
  'Hay Street',
  'Smith Street',
  'Elizabeth Street',
  'Northbourne Avenue',
  'Macquarie Street',
  'Sturt Street',
]
/** Letters a UK inward code may end with (C, I, K, M, O and V are never used). */
const GB_INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ'.split('')

function postalCode(rng: Prng, country: DemoCountry, city: DemoCity): string | null {
  switch (country) {
    case 'US':
    case 'IN':
    case 'AU':
      return `${rng.pick(city.postal)}${String(rng.int(1, 99)).padStart(2, '0')}`
    case 'GB':
      return `${rng.pick(city.postal)} ${rng.int(1, 9)}${rng.pick(GB_INWARD_LETTERS)}${rng.pick(GB_INWARD_LETTERS)}`
    case 'DE':
      return String(rng.int(Number(city.postal[0]), Number(city.postal[1]))).padStart(5, '0')
    case 'AE':
      return null
  }
}

function streetLines(rng: Prng, country: DemoCountry): [string, string | null] {
  switch (country) {
    case 'US':
      return [
        `${rng.int(1, 9899)} ${rng.pick(US_STREETS)}`,
        rng.chance(0.3) ? `Apt ${rng.int(1, 40)}${rng.pick(['', 'A', 'B', 'C'])}` : null,
      ]
    case 'GB':
      return [
        `${rng.int(1, 240)} ${rng.pick(GB_STREETS)}`,
        rng.chance(0.15) ? `Flat ${rng.int(1, 30)}` : null,
      ]
    case 'DE':
      return [`${rng.pick(DE_STREETS)} ${rng.int(1, 160)}`, null]
    case 'AU':
      return [
        `${rng.int(1, 420)} ${rng.pick(AU_STREETS)}`,
        rng.chance(0.25) ? `Unit ${rng.int(1, 60)}` : null,
      ]
    case 'IN':
      return [`Flat ${rng.int(1, 14)}0${rng.int(1, 8)}, ${rng.pick(IN_BUILDINGS)}`, rng.pick(IN_ROADS)]
    case 'AE':
      return [
        `Apartment ${rng.int(1, 45)}0${rng.int(1, 9)}, ${rng.pick(AE_BUILDINGS)}`,
        `P.O. Box ${rng.int(1000, 99999)}`,
      ]
  }
}

/** A plausible street address in `city`, in the country's own format, zoned by the city. */
export function demoAddress(rng: Prng, country: DemoCountry, city: DemoCity): IntakeAddress {
  const [line1, line2] = streetLines(rng, country)
  return {
    line1,
    line2,
    city: city.city,
    region: city.region,
    postalCode: postalCode(rng, country, city),
    country,
    timeZone: city.zone,
    isPrimary: true,
  }
}

/** The address on one line, in the order the country writes it, for a postal contact point. */
export function formatDemoAddress(address: IntakeAddress): string {
  const street = address.line2 ? `${address.line1}, ${address.line2}` : address.line1
  switch (address.country) {
    case 'US':
      return `${street}, ${address.city}, ${address.region} ${address.postalCode}`
    case 'DE':
      return `${street}, ${address.postalCode} ${address.city}`
    case 'AE':
      return `${street}, ${address.city}, United Arab Emirates`
    case 'AU':
      return `${street}, ${address.city} ${address.region} ${address.postalCode}`
    default:
      return `${street}, ${address.city} ${address.postalCode}`
  }
}
