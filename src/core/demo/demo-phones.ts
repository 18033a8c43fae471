import type { DemoCity, DemoCountry } from './demo-geography.ts'
import type { Prng } from './prng.ts'

export type DemoPhoneType = 'mobile' | 'landline' | 'work'

const DE_MOBILE = ['151', '152', '157', '160', '162', '170', '171', '172', '176', '177']
const AE_MOBILE = ['50', '52', '54', '55', '56', '58']
/** ACMA's numbers for use in fiction: mobiles 0491 570 xxx (these endings) and the landline blocks in `dial`. */
const AU_MOBILE = ['006', '156', '157', '158', '159', '110', '313', '737', '954']

/**
 * An E.164 number of the city's country with a real area or mobile prefix. Where a regulator reserves
 * numbers for fiction they are used (NANP 555-01XX, Ofcom's drama ranges), so a demo tenant wired to a
 * real SMS or voice provider cannot reach a person there; India, Germany and the UAE have no such
 * ranges, so their subscriber digits are random and must never be dialled. Australia uses ACMA's fiction
 * numbers.
 */
export function demoPhoneNumber(
  rng: Prng,
  country: DemoCountry,
  city: DemoCity,
  type: DemoPhoneType,
): string {
  const area = rng.pick(city.dial)
  switch (country) {
    case 'US':
      return `+1${area}55501${rng.digits(2)}`
    case 'GB':
      return type === 'mobile' ? `+447700900${rng.digits(3)}` : `+44${area}${rng.digits(3)}`
    case 'DE': {
      if (type === 'mobile') {
        const prefix = rng.pick(DE_MOBILE)
        return `+49${prefix}${rng.int(1, 9)}${rng.digits(prefix.startsWith('15') ? 7 : 6)}`
      }
      return `+49${area}${rng.int(2, 9)}${rng.digits(9 - area.length)}`
    }
    case 'IN':
      return type === 'mobile'
        ? `+91${rng.int(6, 9)}${rng.digits(9)}`
        : `+91${area}${rng.int(2, 6)}${rng.digits(9 - area.length)}`
    case 'AU':
      return type === 'mobile' ? `+61491570${rng.pick(AU_MOBILE)}` : `+61${area}${rng.digits(4)}`
    case 'AE':
      return type === 'mobile'
        ? `+971${rng.pick(AE_MOBILE)}${rng.digits(7)}`
        : `+971${area}${rng.int(2, 8)}${rng.digits(6)}`
  }
}
