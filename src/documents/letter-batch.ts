import type { DocumentModel, PaperSize } from '../core/documents/document-model.ts'
import type { PageSpans } from './render-document-pdf.ts'

/** One letter of a print-and-mail batch. */
export interface BatchLetter {
  readonly account: string
  readonly model: DocumentModel
  readonly mailingDate: string
}

const MANIFEST_COLUMNS = [
  'seq',
  'account',
  'kind',
  'locale',
  'paper',
  'mailing_date',
  'first_page',
  'pages',
  'recipient',
  'address',
  'country',
]

/**
 * A print-and-mail batch: every letter in one PDF (each from a new page, the address in the envelope
 * window of the paper size) and the manifest CSV the print house works from (sequence, account, first
 * page and page count, recipient and address). Used by `recoup document batch` and by the dispatcher's
 * letter sender.
 */
export async function renderLetterBatch(
  letters: readonly BatchLetter[],
  paper: PaperSize,
): Promise<{ pdf: Uint8Array; manifestCsv: string }> {
  // Loaded on first use, as in render-document.ts: @react-pdf takes a good part of a second to import,
  // and a dispatcher (or `recoup dispatch`) that prints no letter never needs it.
  const { renderDocumentsPdf } = await import('./render-document-pdf.ts')
  const spans: PageSpans = new Map()
  const pdf = await renderDocumentsPdf(
    letters.map((l) => l.model),
    { paper },
    spans,
  )
  const rows = letters.map(({ account, model, mailingDate }, i) => {
    const span = spans.get(i)
    const [recipient = '', ...address] = model.recipient
    const country = address.length > 0 ? (address.pop() ?? '') : ''
    return [
      String(i + 1),
      account,
      model.kind,
      model.locale,
      paper,
      mailingDate,
      String(span?.first ?? ''),
      String(span ? span.last - span.first + 1 : ''),
      recipient,
      address.join(' | '),
      country,
    ]
  })
  const manifestCsv = `${[MANIFEST_COLUMNS, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`
  return { pdf, manifestCsv }
}

function csvField(value: string): string {
  // A leading = + - @ would be a formula in a spreadsheet: quote it behind an apostrophe.
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}
