import { open } from 'node:fs/promises'
import { AppError } from '../core/errors/index.ts'

const LOCAL_HEADER = 0x04034b50
const CENTRAL_HEADER = 0x02014b50
const END_OF_CENTRAL_DIRECTORY = 0x06054b50
const EOCD_SIZE = 22
/** The EOCD record ends the file, followed only by a comment of at most 65,535 bytes. */
const EOCD_SEARCH = EOCD_SIZE + 0xffff
const ZIP64_MARK = 0xffffffff

const damaged = (file: string, why: string) =>
  new AppError('invalid_xlsx', `${file} is not a readable XLSX workbook: ${why}`)

/**
 * Checks that an .xlsx file is a whole zip archive holding a workbook before the streaming reader
 * sees it. That reader (exceljs over unzipper) reports a truncated or foreign file from inner streams
 * nobody listens to: an uncaught exception, or a promise that never settles and a silent exit 13.
 * Reading the central directory from the end of the file finds truncation (the directory, or an entry
 * it lists, is missing) and non-zip files (no signatures) cheaply, whatever the file's size.
 */
export async function checkXlsxFile(file: string): Promise<void> {
  const handle = await open(file, 'r').catch(() => {
    throw new AppError('unreadable_file', `cannot read ${file}`)
  })
  try {
    const { size } = await handle.stat()
    const read = async (position: number, length: number) => {
      const buffer = Buffer.alloc(length)
      const { bytesRead } = await handle.read(buffer, 0, length, position)
      return buffer.subarray(0, bytesRead)
    }
    const head = await read(0, 4)
    if (head.length < 4 || head.readUInt32LE(0) !== LOCAL_HEADER) {
      throw damaged(file, 'it is not a zip archive (an .xlsx file is one); was it saved as another format?')
    }
    const tailStart = Math.max(0, size - EOCD_SEARCH)
    const tail = await read(tailStart, size - tailStart)
    let eocd = -1
    for (let i = tail.length - EOCD_SIZE; i >= 0; i--) {
      if (tail.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) {
        eocd = i
        break
      }
    }
    if (eocd < 0) throw damaged(file, 'the zip archive is truncated (its directory at the end is missing)')
    const entries = tail.readUInt16LE(eocd + 10)
    const directorySize = tail.readUInt32LE(eocd + 12)
    const directoryOffset = tail.readUInt32LE(eocd + 16)
    // Zip64 archives (over 4 GB) keep the real figures elsewhere; exceljs cannot stream them anyway.
    if (directoryOffset === ZIP64_MARK) return
    if (directoryOffset + directorySize > tailStart + eocd) {
      throw damaged(file, 'the zip archive is truncated or damaged (its directory points past the end)')
    }
    const directory = await read(directoryOffset, directorySize)
    const names: string[] = []
    let at = 0
    for (let n = 0; n < entries; n++) {
      if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL_HEADER) {
        throw damaged(file, 'the zip directory is damaged')
      }
      const compressed = directory.readUInt32LE(at + 20)
      const nameLength = directory.readUInt16LE(at + 28)
      const extraLength = directory.readUInt16LE(at + 30)
      const commentLength = directory.readUInt16LE(at + 32)
      const localOffset = directory.readUInt32LE(at + 42)
      names.push(directory.toString('utf8', at + 46, at + 46 + nameLength))
      const local = await read(localOffset, 4)
      if (
        local.length < 4 ||
        local.readUInt32LE(0) !== LOCAL_HEADER ||
        (compressed !== ZIP64_MARK && localOffset + compressed > directoryOffset)
      ) {
        throw damaged(file, 'the zip archive is truncated or damaged (an entry is missing)')
      }
      at += 46 + nameLength + extraLength + commentLength
    }
    if (!names.includes('xl/workbook.xml')) {
      throw damaged(file, 'it is a zip archive but holds no workbook (xl/workbook.xml)')
    }
  } finally {
    await handle.close()
  }
}
