import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** pdftotext (Debian poppler-utils) is present; outside CI its absence skips with a notice, in CI it fails. */
export const HAS_PDFTOTEXT = spawnSync('pdftotext', ['-v']).error === undefined
if (!HAS_PDFTOTEXT) {
  if (process.env.CI) throw new Error('pdftotext is required in CI: apt-get install poppler-utils')
  console.warn('NOTICE: pdftotext not found (apt-get install poppler-utils): PDF text tests are skipped')
}

function tempPdf(pdf: Uint8Array): string {
  const file = join(mkdtempSync(join(tmpdir(), 'recoup-pdf-')), 'doc.pdf')
  writeFileSync(file, pdf)
  return file
}

/** The text of a PDF in reading layout. */
export function pdfText(pdf: Uint8Array): string {
  return execFileSync('pdftotext', ['-layout', tempPdf(pdf), '-'], { encoding: 'utf8' })
}

/** Every word with its box, in the order the PDF draws them. */
export function pdfWords(pdf: Uint8Array): { text: string; xMin: number; yMin: number }[] {
  const html = execFileSync('pdftotext', ['-bbox', tempPdf(pdf), '-'], { encoding: 'utf8' })
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g)].map((m) => ({
    xMin: Number(m[1]),
    yMin: Number(m[2]),
    text: m[3] ?? '',
  }))
}
