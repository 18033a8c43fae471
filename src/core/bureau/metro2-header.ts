import type { LocalDate } from '../calendar/local-date.ts'
import type { Metro2Header } from './metro2-records.ts'
import { alphanumeric } from './normalize-metro2.ts'

/** The software named in every header. */
export const SOFTWARE_VENDOR = 'RECOUP'
export const SOFTWARE_VERSION = '1'

/** The header of a monthly file: the reporter, the month's last day and the day it was made. */
export function metro2Header(input: {
  reporterName: string
  activityDate: LocalDate
  dateCreated: LocalDate
  programIds?: Partial<
    Pick<Metro2Header, 'innovisProgramId' | 'equifaxProgramId' | 'experianProgramId' | 'transUnionProgramId'>
  >
}): Metro2Header {
  const ids = input.programIds ?? {}
  return {
    cycleIdentifier: '',
    innovisProgramId: alphanumeric(ids.innovisProgramId ?? '', 10),
    equifaxProgramId: alphanumeric(ids.equifaxProgramId ?? '', 10),
    experianProgramId: alphanumeric(ids.experianProgramId ?? '', 5),
    transUnionProgramId: alphanumeric(ids.transUnionProgramId ?? '', 10),
    activityDate: input.activityDate,
    dateCreated: input.dateCreated,
    programDate: input.dateCreated,
    programRevisionDate: input.dateCreated,
    reporterName: alphanumeric(input.reporterName, 40),
    reporterAddress: '',
    reporterTelephone: 0,
    softwareVendorName: SOFTWARE_VENDOR,
    softwareVersion: SOFTWARE_VERSION,
    prbcProgramId: '',
  }
}
