import type { DemoCountry } from './demo-geography.ts'

/** A pool of given and family names typical of one community, with the languages its members prefer. */
export interface NameSet {
  readonly given: readonly string[]
  readonly family: readonly string[]
  readonly languages: readonly (readonly [string, number])[]
}

/** Lists are written as 'a|b|c' to keep the data dense. */
const list = (text: string) => text.split('|')

export const NAME_SETS = {
  us: {
    given: list(
      'James|Mary|Robert|Patricia|John|Jennifer|Michael|Linda|David|Elizabeth|William|Barbara|Chris|Susan|Daniel|Jessica|Tyler|Ashley|Kevin|Emily|Brandon|Megan|Jamal|Aaliyah',
    ),
    family: list(
      'Smith|Johnson|Williams|Brown|Jones|Miller|Davis|Wilson|Anderson|Taylor|Thomas|Moore|Jackson|Martin|Lee|Thompson|White|Harris|Clark|Lewis|Walker|Young|Allen|King',
    ),
    languages: [['en', 1]],
  },
  hispanic: {
    given: list(
      'José|María|Luis|Carmen|Carlos|Ana|Juan|Sofía|Miguel|Lucía|Jorge|Isabel|Diego|Valentina|Alejandro|Camila',
    ),
    family: list(
      'García|Rodríguez|Martínez|Hernández|López|González|Pérez|Sánchez|Ramírez|Torres|Flores|Rivera|Gómez|Díaz|Reyes|Morales',
    ),
    languages: [
      ['es', 0.55],
      ['en', 0.45],
    ],
  },
  gb: {
    given: list(
      'Oliver|Amelia|Harry|Isla|George|Ava|Jack|Emily|Charlie|Sophie|Thomas|Grace|Alfie|Lily|Oscar|Freya|William|Poppy',
    ),
    family: list(
      'Smith|Jones|Taylor|Brown|Williams|Wilson|Johnson|Davies|Robinson|Wright|Thompson|Evans|Walker|Hughes|Roberts|Green|Hall|Wood',
    ),
    languages: [['en', 1]],
  },
  de: {
    given: list(
      'Lukas|Anna|Leon|Lena|Finn|Marie|Jonas|Sophie|Paul|Laura|Felix|Julia|Maximilian|Lea|Jürgen|Sabine|Uwe|Katrin',
    ),
    family: list(
      'Müller|Schmidt|Schneider|Fischer|Weber|Meyer|Wagner|Becker|Schulz|Hoffmann|Schäfer|Koch|Bauer|Richter|Klein|Wolf|Schröder|Neumann',
    ),
    languages: [
      ['de', 0.93],
      ['en', 0.07],
    ],
  },
  in: {
    given: list(
      'Aarav|Priya|Vivaan|Ananya|Aditya|Diya|Arjun|Kavya|Rohan|Isha|Rahul|Sneha|Vikram|Pooja|Sanjay|Lakshmi|Karthik|Meera|Amit|Neha',
    ),
    family: list(
      'Sharma|Patel|Singh|Kumar|Gupta|Reddy|Iyer|Nair|Das|Mehta|Joshi|Rao|Banerjee|Chatterjee|Pillai|Verma|Shah|Menon|Desai|Mukherjee',
    ),
    languages: [
      ['en', 0.6],
      ['hi', 0.4],
    ],
  },
  ar: {
    given: list(
      'Mohammed|Fatima|Ahmed|Mariam|Omar|Aisha|Khalid|Noura|Abdullah|Layla|Saeed|Huda|Rashid|Sara|Hamdan|Amna',
    ),
    family: list(
      'Al Mansouri|Al Hashimi|Al Nuaimi|Al Suwaidi|Al Shamsi|Al Marri|Al Falasi|Al Ketbi|Al Dhaheri|Al Mazrouei|Haddad|Khoury',
    ),
    languages: [
      ['ar', 0.7],
      ['en', 0.3],
    ],
  },
} as const satisfies Record<string, NameSet>

export type NameSetKey = keyof typeof NAME_SETS

/** Which communities debtors of each country come from (the UAE's population is largely expatriate). */
export const NAME_SETS_BY_COUNTRY: Record<DemoCountry, readonly (readonly [NameSetKey, number])[]> = {
  US: [
    ['us', 0.75],
    ['hispanic', 0.25],
  ],
  GB: [
    ['gb', 0.85],
    ['in', 0.15],
  ],
  DE: [['de', 1]],
  AU: [
    ['gb', 0.8],
    ['in', 0.1],
    ['hispanic', 0.1],
  ],
  IN: [['in', 1]],
  AE: [
    ['ar', 0.45],
    ['in', 0.4],
    ['gb', 0.15],
  ],
}

const TRADES: Record<DemoCountry, readonly string[]> = {
  US: list(
    'Plumbing|Construction|Logistics|Dental Group|Auto Repair|Catering|Landscaping|Electric|Printing|Hardware',
  ),
  GB: list('Joinery|Builders|Haulage|Catering|Electrical|Print Works|Motors|Interiors|Roofing|Landscapes'),
  DE: list(
    'Bau|Logistik|Elektrotechnik|Metallbau|Gastronomie|Druckerei|Autohaus|Holzbau|Haustechnik|Transporte',
  ),
  AU: list('Plumbing|Building|Freight|Catering|Electrical|Printing|Motors|Joinery|Landscaping|Cabinetry'),
  IN: list('Textiles|Traders|Engineering Works|Pharma|Agro Industries|Electricals|Constructions|Enterprises'),
  AE: list(
    'General Trading|Building Contracting|Technical Services|Foodstuff Trading|Electromechanical|Auto Spare Parts',
  ),
}

const LEGAL_FORMS: Record<DemoCountry, readonly string[]> = {
  US: ['LLC', 'Inc.', 'Co.'],
  GB: ['Ltd', 'Limited', '& Sons Ltd'],
  DE: ['GmbH', 'GmbH & Co. KG', 'e.K.'],
  IN: ['Pvt Ltd', 'Private Limited', 'LLP'],
  AU: ['Pty Ltd', 'Pty Limited'],
  AE: ['LLC', 'FZE', 'FZ-LLC'],
}

/** Trades a business debtor of the country may be in. */
export function tradesOf(country: DemoCountry): readonly string[] {
  return TRADES[country]
}

/** Legal forms of businesses in the country, as they end a company name. */
export function legalFormsOf(country: DemoCountry): readonly string[] {
  return LEGAL_FORMS[country]
}

const asciiCache = new Map<string, string>()

/** Lower-case ASCII letters only ("Müller" → "mueller", "José" → "jose"), for e-mail local parts. */
export function asciiSlug(text: string): string {
  let slug = asciiCache.get(text)
  if (slug === undefined) {
    slug = text
      .toLowerCase()
      .replaceAll('ä', 'ae')
      .replaceAll('ö', 'oe')
      .replaceAll('ü', 'ue')
      .replaceAll('ß', 'ss')
      .normalize('NFD')
      .replace(/[^a-z]/g, '')
    asciiCache.set(text, slug)
  }
  return slug
}
