/** The files a debtor may upload as dispute evidence, by the bytes they start with. */
export const UPLOAD_TYPES = {
  'application/pdf': { extension: 'pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // "%PDF-"
  'image/png': { extension: 'png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  'image/jpeg': { extension: 'jpg', magic: [0xff, 0xd8, 0xff] },
} as const

export type UploadType = keyof typeof UPLOAD_TYPES

/** The largest evidence file accepted: 5 MB. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024

/** The type the bytes are (their magic number), or null when they are none of the accepted ones. */
export function sniffUploadType(bytes: Uint8Array): UploadType | null {
  for (const [type, spec] of Object.entries(UPLOAD_TYPES) as [
    UploadType,
    (typeof UPLOAD_TYPES)[UploadType],
  ][])
    if (bytes.length >= spec.magic.length && spec.magic.every((b, i) => bytes[i] === b)) return type
  return null
}
