import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { crc32, inflateRawSync } from 'node:zlib'
import { expect, it } from 'vitest'
import { zipArchive } from '../../src/documents/zip-archive.ts'

/** Reads an archive back from its central directory: name, method and the bytes (CRC-checked). */
function readZip(zip: Uint8Array): { name: string; method: number; bytes: Buffer }[] {
  const b = Buffer.from(zip)
  const end = b.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  const count = b.readUInt16LE(end + 10)
  let at = b.readUInt32LE(end + 16)
  const out: { name: string; method: number; bytes: Buffer }[] = []
  for (let n = 0; n < count; n++) {
    expect(b.readUInt32LE(at)).toBe(0x02014b50)
    const method = b.readUInt16LE(at + 10)
    const crc = b.readUInt32LE(at + 16)
    const size = b.readUInt32LE(at + 20)
    const nameLength = b.readUInt16LE(at + 28)
    const local = b.readUInt32LE(at + 42)
    const name = b.subarray(at + 46, at + 46 + nameLength).toString('utf8')
    const dataAt = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28)
    const data = b.subarray(dataAt, dataAt + size)
    const bytes = method === 8 ? inflateRawSync(data) : Buffer.from(data)
    expect(crc32(bytes) >>> 0, name).toBe(crc)
    out.push({ name, method, bytes })
    at += 46 + nameLength
  }
  return out
}

it('writes entries deflated when smaller, stored otherwise, that unzip and a reader read back', () => {
  const text = Buffer.from('account,balance\r\n'.repeat(200))
  const random = Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 73 + 11) % 256))
  const zip = zipArchive(
    [
      { name: 'statement.csv', bytes: text },
      { name: 'letters/M1-reminder.bin', bytes: random },
      { name: 'dispute-evidence/é.txt', bytes: Buffer.from('') },
    ],
    new Date('2026-03-20T12:34:56Z'),
  )
  const entries = readZip(zip)
  expect(entries.map((e) => [e.name, e.method])).toEqual([
    ['statement.csv', 8],
    ['letters/M1-reminder.bin', 0],
    ['dispute-evidence/é.txt', 0],
  ])
  expect(entries[0]?.bytes.equals(text)).toBe(true)
  expect(entries[1]?.bytes.equals(random)).toBe(true)
  const dir = mkdtempSync(join(tmpdir(), 'recoup-zip-'))
  try {
    const file = join(dir, 'a.zip')
    writeFileSync(file, zip)
    expect(execFileSync('unzip', ['-t', file], { encoding: 'utf8' })).toContain('No errors detected')
    const listing = execFileSync('unzip', ['-l', file], { encoding: 'utf8' })
    expect(listing).toContain('2026-03-20 12:34')
    expect(listing).toContain('letters/M1-reminder.bin')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

it('refuses paths that leave the archive and names given twice', () => {
  const at = new Date('2026-03-20T00:00:00Z')
  expect(() => zipArchive([{ name: '../x', bytes: new Uint8Array() }], at)).toThrow(/not a relative path/)
  expect(() => zipArchive([{ name: '/etc/x', bytes: new Uint8Array() }], at)).toThrow(/not a relative path/)
  expect(() =>
    zipArchive(
      [
        { name: 'a', bytes: new Uint8Array() },
        { name: 'a', bytes: new Uint8Array() },
      ],
      at,
    ),
  ).toThrow(/twice/)
})
