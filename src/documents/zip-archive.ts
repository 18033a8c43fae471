import { crc32, deflateRawSync } from 'node:zlib'

/** One file of an archive: its path inside the archive (forward slashes) and its bytes. */
export interface ZipEntry {
  readonly name: string
  readonly bytes: Uint8Array
}

/** 1980-01-01, the earliest time a ZIP entry can carry (DOS date and time). */
const DOS_EPOCH = new Date('1980-01-01T00:00:00Z')

function dosTime(at: Date): { time: number; date: number } {
  const d = at < DOS_EPOCH ? DOS_EPOCH : at
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
    date: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  }
}

/**
 * A ZIP archive (PKWARE APPNOTE 6.3: local headers, data, central directory, end record) of a few
 * files held in memory: each entry deflated when that makes it smaller, else stored; names in UTF-8
 * (flag bit 11); every entry dated `at` (UTC). No ZIP64: the evidence pack holds far less than 4 GiB
 * and 65,535 files, and larger input is refused rather than written wrong.
 */
export function zipArchive(entries: readonly ZipEntry[], at: Date): Uint8Array {
  if (entries.length > 0xffff) throw new Error('a ZIP without ZIP64 holds at most 65,535 files')
  const { time, date } = dosTime(at)
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  const names = new Set<string>()
  let offset = 0
  for (const entry of entries) {
    if (!entry.name || entry.name.startsWith('/') || entry.name.split('/').includes('..'))
      throw new Error(`"${entry.name}" is not a relative path for a ZIP entry`)
    if (names.has(entry.name)) throw new Error(`the archive holds "${entry.name}" twice`)
    names.add(entry.name)
    const name = Buffer.from(entry.name, 'utf8')
    const raw = entry.bytes
    const deflated = deflateRawSync(raw)
    const compress = deflated.length < raw.length
    const data = compress ? deflated : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength)
    const crc = crc32(raw) >>> 0
    if (raw.length > 0xfffffffe || offset > 0xfffffffe) throw new Error('the archive needs ZIP64')
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4) // version needed: 2.0 (deflate)
    local.writeUInt16LE(0x0800, 6) // UTF-8 names
    local.writeUInt16LE(compress ? 8 : 0, 8)
    local.writeUInt16LE(time, 10)
    local.writeUInt16LE(date, 12)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(raw.length, 22)
    local.writeUInt16LE(name.length, 26)
    local.writeUInt16LE(0, 28)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(0x0314, 4) // made by: Unix, 2.0
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(0x0800, 8)
    central.writeUInt16LE(compress ? 8 : 0, 10)
    central.writeUInt16LE(time, 12)
    central.writeUInt16LE(date, 14)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(raw.length, 24)
    central.writeUInt16LE(name.length, 28)
    // extra, comment, disk, internal attributes: 0; external: a regular file, rw-r--r--.
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, data)
    centrals.push(central, name)
    offset += local.length + name.length + data.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return new Uint8Array(Buffer.concat([...locals, directory, end]))
}
