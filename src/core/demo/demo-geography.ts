/** Countries the demo portfolio spans; each has its own currency, phone plan and address format. */
export type DemoCountry = 'US' | 'IN' | 'GB' | 'DE' | 'AE' | 'AU'

/** A city debtors live in, with what its addresses and phone numbers look like. */
export interface DemoCity {
  readonly city: string
  /** State code (US, AU), state or union territory (IN), nation (GB), Land (DE), emirate (AE). */
  readonly region: string
  /** IANA zone of the city; for US landlines and mobiles also the zone of its area codes. */
  readonly zone: string
  /**
   * Postal code material, read per country: US ZIP and IN PIN prefixes, GB outward codes, DE the
   * lowest and highest code of the city, AE none (the UAE has no postal codes).
   */
  readonly postal: readonly string[]
  /** Landline prefixes after the country code: US area codes, GB fictional ranges, trunk codes elsewhere. */
  readonly dial: readonly string[]
}

/** A jurisdiction the demo spreads accounts over: a US state or a whole country. */
export interface DemoJurisdiction {
  /** ISO 3166 country, with a subdivision where the rules differ ("US-CA", "IN"). */
  readonly code: string
  readonly country: DemoCountry
  readonly currency: string
  /** Relative share of debtors. */
  readonly weight: number
  readonly cities: readonly DemoCity[]
  /** Jurisdictions whose mobile numbers some debtors here still carry (they moved and kept the number). */
  readonly movedFrom: readonly string[]
}
