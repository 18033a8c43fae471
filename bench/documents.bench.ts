import { Document, Page, renderToBuffer, Text } from '@react-pdf/renderer'
import { createElement as h } from 'react'
import { buildDocument } from '../src/core/documents/build-document.ts'
import type { DocumentFacts } from '../src/core/documents/document-facts.ts'
import { documentText } from '../src/core/documents/document-model.ts'
import { FONT_FAMILIES, registerDocumentFonts } from '../src/documents/document-fonts.ts'
import { renderDocument } from '../src/documents/render-document.ts'
import { countPages } from '../src/documents/render-document-pdf.ts'
import type { BenchArgs } from './support/bench-args.ts'
import { report, round } from './support/bench-database.ts'

/** Account `i`'s facts: a US consumer debt with a few ledger lines, varied amounts and names. */
function facts(i: number): DocumentFacts {
  return {
    collector: {
      name: 'Bench Collections',
      addressLines: ['1 Main St', 'Chicago, IL 60601'],
      isAgency: true,
      californiaLicenseNumber: null,
    },
    creditor: { original: 'Bank One', current: 'Bank One' },
    debtor: {
      name: `Debtor ${i}`,
      kind: 'person',
      addressLines: [`Debtor ${i}`, `${i} Elm St`, 'Springfield, IL 62701', 'US'],
      preferredLanguage: null,
    },
    account: {
      ref: `B-${i}`,
      currency: 'USD',
      jurisdiction: 'US-IL',
      debtKind: 'consumer',
      openedOn: '2026-01-01',
      dueOn: '2026-02-01',
      chargeOffOn: null,
    },
    ledger: [
      {
        kind: 'charge',
        component: 'principal',
        amountMinor: 10_000 + i * 137,
        effectiveOn: '2026-01-01',
        memo: null,
      },
      { kind: 'fee', component: 'fee', amountMinor: 2_500, effectiveOn: '2026-03-01', memo: null },
      { kind: 'payment', component: 'principal', amountMinor: -1_000, effectiveOn: '2026-04-01', memo: null },
    ],
    mailingDate: '2026-11-20',
    statutory: null,
    cheque: null,
    timeBarred: false,
    validationPeriodEndsOn: null,
  }
}

/**
 * `npm run bench -- documents [--accounts N]`: builds and renders the validation-notice PDF for N
 * accounts one after the other (facts -> model -> content check -> PDF), against the floor: the same
 * engine rendering a static PDF of the same pages and text (one plain Text per paragraph, same fonts),
 * so the ratio is what the layout (window block, tables, tear-off, bidi-ready styles) costs over it.
 */
export async function documentsBench(args: BenchArgs): Promise<Record<string, unknown>> {
  const accounts = Number(args.flags.get('accounts') ?? 40)
  registerDocumentFonts()
  // Warm-up: font parsing and the engine's first layout are paid once per process.
  await renderDocument('validation-notice', facts(0))
  let bytes = 0
  let pages = 0
  const start = performance.now()
  for (let i = 1; i <= accounts; i++) {
    const { pdf } = await renderDocument('validation-notice', facts(i))
    bytes += pdf.byteLength
    pages += countPages(pdf)
  }
  const seconds = (performance.now() - start) / 1000
  const texts = Array.from({ length: accounts }, (_, i) =>
    documentText(buildDocument('validation-notice', facts(i + 1)).model).split('\n\n'),
  )
  const pagesPer = Math.max(1, Math.round(pages / accounts))
  const floorStart = performance.now()
  for (const paragraphs of texts) {
    const per = Math.ceil(paragraphs.length / pagesPer)
    const pageEls = Array.from({ length: pagesPer }, (_, p) =>
      h(
        Page,
        { key: p, size: 'A4', style: { padding: 57, fontFamily: FONT_FAMILIES, fontSize: 10 } },
        ...paragraphs.slice(p * per, (p + 1) * per).map((t, k) => h(Text, { key: k }, t)),
      ),
    )
    await renderToBuffer(h(Document, null, ...pageEls) as never)
  }
  const floorSeconds = (performance.now() - floorStart) / 1000
  report(
    `documents bench: ${accounts} validation notices, ${pages} pages, ${Math.round(bytes / accounts)} bytes each`,
  )
  report(
    `  ${round((seconds / accounts) * 1000)} ms per notice; static PDF floor ${round((floorSeconds / accounts) * 1000)} ms`,
  )
  return {
    bench: 'documents',
    document: 'validation-notice',
    accounts,
    pages,
    bytes_per_document: Math.round(bytes / accounts),
    seconds: round(seconds),
    ms_per_document: round((seconds / accounts) * 1000),
    floor: 'same engine, static PDF of the same pages and text',
    floor_seconds: round(floorSeconds),
    ratio: round(seconds / floorSeconds),
  }
}
