import type { DemoCity, DemoJurisdiction } from './demo-geography.ts'

function city(name: string, region: string, zone: string, postal: string[], dial: string[]): DemoCity {
  return { city: name, region, zone, postal, dial }
}

const IST = 'Asia/Kolkata'
const UK = 'Europe/London'
const CET = 'Europe/Berlin'
const GST = 'Asia/Dubai'

/** An Australian state or territory: its own code (the packs read the state), one city, ACMA fiction landlines. */
function auState(code: string, weight: number, c: DemoCity): DemoJurisdiction {
  return { code: `AU-${code}`, country: 'AU', currency: 'AUD', weight, movedFrom: ['GB'], cities: [c] }
}

/**
 * India, the UK, Germany, the UAE and six Australian states and territories (Lord Howe Island aside). UK cities are in England and Wales only (one legal system;
 * Scotland's would need its own jurisdiction code) and use Ofcom's drama number ranges.
 */
export const WORLD_JURISDICTIONS: readonly DemoJurisdiction[] = [
  {
    code: 'IN',
    country: 'IN',
    currency: 'INR',
    weight: 14,
    movedFrom: ['AE', 'GB'],
    cities: [
      city('Mumbai', 'Maharashtra', IST, ['4000'], ['22']),
      city('Pune', 'Maharashtra', IST, ['4110'], ['20']),
      city('New Delhi', 'Delhi', IST, ['1100'], ['11']),
      city('Bengaluru', 'Karnataka', IST, ['5600'], ['80']),
      city('Chennai', 'Tamil Nadu', IST, ['6000'], ['44']),
      city('Kolkata', 'West Bengal', IST, ['7000'], ['33']),
      city('Hyderabad', 'Telangana', IST, ['5000'], ['40']),
    ],
  },
  {
    code: 'GB',
    country: 'GB',
    currency: 'GBP',
    weight: 11,
    movedFrom: ['IN', 'DE'],
    cities: [
      city('London', 'England', UK, ['E1', 'N1', 'SW11', 'SE15', 'W2', 'NW3', 'E14'], ['2079460']),
      city('Manchester', 'England', UK, ['M1', 'M4', 'M14', 'M20'], ['1614960']),
      city('Birmingham', 'England', UK, ['B1', 'B15', 'B29'], ['1214960']),
      city('Leeds', 'England', UK, ['LS1', 'LS6', 'LS17'], ['1134960']),
      city('Bristol', 'England', UK, ['BS1', 'BS8'], ['1174960']),
      city('Cardiff', 'Wales', UK, ['CF10', 'CF11', 'CF24'], ['2920180']),
    ],
  },
  {
    code: 'DE',
    country: 'DE',
    currency: 'EUR',
    weight: 7,
    movedFrom: ['GB'],
    cities: [
      city('Berlin', 'Berlin', CET, ['10115', '14199'], ['30']),
      city('München', 'Bayern', CET, ['80331', '81929'], ['89']),
      city('Hamburg', 'Hamburg', CET, ['20095', '22769'], ['40']),
      city('Köln', 'Nordrhein-Westfalen', CET, ['50667', '51149'], ['221']),
      city('Frankfurt am Main', 'Hessen', CET, ['60306', '60599'], ['69']),
    ],
  },
  {
    code: 'AE',
    country: 'AE',
    currency: 'AED',
    weight: 6,
    movedFrom: ['IN', 'GB'],
    cities: [
      city('Dubai', 'Dubai', GST, [], ['4']),
      city('Abu Dhabi', 'Abu Dhabi', GST, [], ['2']),
      city('Sharjah', 'Sharjah', GST, [], ['6']),
    ],
  },
  // Several zones: AEST/AEDT (NSW, VIC), AEST without DST (QLD), ACST/ACDT (SA), ACST (NT), AWST (WA).
  auState('NSW', 3, city('Sydney', 'NSW', 'Australia/Sydney', ['20', '21'], ['25550'])),
  auState('VIC', 3, city('Melbourne', 'VIC', 'Australia/Melbourne', ['30', '31'], ['37010'])),
  auState('QLD', 2, city('Brisbane', 'QLD', 'Australia/Brisbane', ['40', '41'], ['75550'])),
  auState('SA', 1, city('Adelaide', 'SA', 'Australia/Adelaide', ['50', '51'], ['85550'])),
  auState('WA', 1, city('Perth', 'WA', 'Australia/Perth', ['60', '61'], ['85550'])),
  auState('NT', 1, city('Darwin', 'NT', 'Australia/Darwin', ['08'], ['85550'])),
]
