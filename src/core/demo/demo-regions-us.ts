import type { DemoCity, DemoJurisdiction } from './demo-geography.ts'

const ET = 'America/New_York'
const CT = 'America/Chicago'
const MT = 'America/Denver'
const PT = 'America/Los_Angeles'

function city(name: string, region: string, zone: string, zip: string[], areaCodes: string[]): DemoCity {
  return { city: name, region, zone, postal: zip, dial: areaCodes }
}

/** Where a US debtor with a number kept from elsewhere most likely came from. */
const MOVED_FROM = ['US-NY', 'US-CA', 'US-TX', 'US-FL', 'US-IL']

function state(code: string, weight: number, cities: DemoCity[]): DemoJurisdiction {
  const movedFrom = MOVED_FROM.filter((other) => other !== code)
  return { code, country: 'US', currency: 'USD', weight, cities, movedFrom }
}

/**
 * US states, with real ZIP prefixes and area codes per city. Some states span two zones on purpose
 * (El Paso keeps Mountain time, the Florida panhandle Central) so zone evidence is not just the state.
 */
export const US_JURISDICTIONS: readonly DemoJurisdiction[] = [
  state('US-CA', 12, [
    city('Los Angeles', 'CA', PT, ['900', '913'], ['213', '310', '323', '818']),
    city('San Francisco', 'CA', PT, ['941'], ['415', '628']),
    city('San Diego', 'CA', PT, ['921'], ['619', '858']),
    city('Sacramento', 'CA', PT, ['958'], ['916']),
    city('Fresno', 'CA', PT, ['937'], ['559']),
  ]),
  state('US-NY', 9, [
    city('New York', 'NY', ET, ['100', '101'], ['212', '646', '917']),
    city('Brooklyn', 'NY', ET, ['112'], ['718', '347']),
    city('Buffalo', 'NY', ET, ['142'], ['716']),
    city('Albany', 'NY', ET, ['122'], ['518']),
    city('Rochester', 'NY', ET, ['146'], ['585']),
  ]),
  state('US-TX', 10, [
    city('Houston', 'TX', CT, ['770'], ['713', '832', '281']),
    city('Dallas', 'TX', CT, ['752'], ['214', '469', '972']),
    city('Austin', 'TX', CT, ['787'], ['512', '737']),
    city('San Antonio', 'TX', CT, ['782'], ['210']),
    city('El Paso', 'TX', MT, ['799'], ['915']),
  ]),
  state('US-FL', 8, [
    city('Miami', 'FL', ET, ['331'], ['305', '786']),
    city('Orlando', 'FL', ET, ['328'], ['407', '321']),
    city('Tampa', 'FL', ET, ['336'], ['813']),
    city('Jacksonville', 'FL', ET, ['322'], ['904']),
    city('Pensacola', 'FL', CT, ['325'], ['850']),
  ]),
  state('US-MA', 3, [
    city('Boston', 'MA', ET, ['021'], ['617', '857']),
    city('Worcester', 'MA', ET, ['016'], ['508', '774']),
    city('Springfield', 'MA', ET, ['011'], ['413']),
  ]),
  state('US-WA', 3, [
    city('Seattle', 'WA', PT, ['981'], ['206']),
    city('Spokane', 'WA', PT, ['992'], ['509']),
    city('Tacoma', 'WA', PT, ['984'], ['253']),
  ]),
  state('US-IL', 4, [
    city('Chicago', 'IL', CT, ['606'], ['312', '773', '872']),
    city('Springfield', 'IL', CT, ['627'], ['217']),
  ]),
  state('US-GA', 3, [
    city('Atlanta', 'GA', ET, ['303'], ['404', '678', '470']),
    city('Savannah', 'GA', ET, ['314'], ['912']),
  ]),
  state('US-AZ', 3, [
    city('Phoenix', 'AZ', 'America/Phoenix', ['850'], ['602', '480', '623']),
    city('Tucson', 'AZ', 'America/Phoenix', ['857'], ['520']),
  ]),
  state('US-CO', 2, [
    city('Denver', 'CO', MT, ['802'], ['303', '720']),
    city('Colorado Springs', 'CO', MT, ['809'], ['719']),
  ]),
  state('US-PA', 4, [
    city('Philadelphia', 'PA', ET, ['191'], ['215', '267']),
    city('Pittsburgh', 'PA', ET, ['152'], ['412']),
  ]),
]
