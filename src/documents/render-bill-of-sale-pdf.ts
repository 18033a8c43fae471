import { Document, Page, renderToBuffer, StyleSheet, Text, View } from '@react-pdf/renderer'
import { createElement as h } from 'react'
import { FONT_FAMILIES, registerDocumentFonts } from './document-fonts.ts'

/** What the bill of sale states (figures already formatted in the sale's currency). */
export interface BillOfSale {
  readonly saleId: number
  readonly seller: string
  readonly buyer: string
  readonly status: string
  /** The closing day, or null for a draft (the PDF then says DRAFT). */
  readonly closedOn: string | null
  readonly valuedOn: string
  readonly currency: string
  readonly pricePercent: string
  readonly buybackDays: number
  readonly buybackUntil: string | null
  readonly totalBalance: string
  readonly totalExpected: string
  readonly totalPrice: string
  readonly accounts: readonly {
    readonly account: string
    readonly debtor: string
    readonly balance: string
    readonly price: string
  }[]
}

const styles = StyleSheet.create({
  page: { fontFamily: FONT_FAMILIES, fontSize: 10, lineHeight: 1.35, color: '#111', padding: 56 },
  title: { fontSize: 16, fontWeight: 700, marginBottom: 12 },
  heading: { fontSize: 11.5, fontWeight: 700, marginTop: 12, marginBottom: 4 },
  paragraph: { marginBottom: 6 },
  row: { flexDirection: 'row', borderBottomWidth: 0.5, borderBottomColor: '#999', paddingVertical: 2 },
  headerRow: { flexDirection: 'row', borderBottomWidth: 1, borderBottomColor: '#111', fontWeight: 700 },
  totalRow: { flexDirection: 'row', borderTopWidth: 1, borderTopColor: '#111', fontWeight: 700 },
  cell: { flex: 1, paddingHorizontal: 3 },
  amount: { flex: 1, paddingHorizontal: 3, textAlign: 'right' },
  signature: { flexDirection: 'row', marginTop: 36 },
  signatureBox: { flex: 1, marginRight: 24, borderTopWidth: 0.8, borderTopColor: '#111', paddingTop: 3 },
})

const p = (text: string) => h(Text, { style: styles.paragraph }, text)
const row = (style: (typeof styles)[keyof typeof styles], cells: readonly string[]) =>
  h(
    View,
    { style, wrap: false },
    ...cells.map((c, i) => h(Text, { style: i >= 2 ? styles.amount : styles.cell }, c)),
  )

/**
 * The bill of sale of a debt sale as a PDF (the embedded Noto fonts of the document renderer): the
 * parties, the transfer clause, the price and the buy-back window, Schedule A (one line per account)
 * and the signature lines. A draft says DRAFT in its title.
 */
export async function renderBillOfSalePdf(bill: BillOfSale): Promise<Uint8Array> {
  registerDocumentFonts()
  const money = (text: string) => `${text} ${bill.currency}`
  const page = h(
    Page,
    { size: 'LETTER', style: styles.page },
    h(Text, { style: styles.title }, `${bill.closedOn ? '' : 'DRAFT - '}Bill of Sale No. ${bill.saleId}`),
    p(`Seller: ${bill.seller}`),
    p(`Buyer: ${bill.buyer}`),
    p(
      bill.closedOn
        ? `Date of sale: ${bill.closedOn}`
        : `Valued on ${bill.valuedOn}; not yet closed (status ${bill.status}).`,
    ),
    h(Text, { style: styles.heading }, 'Transfer'),
    p(
      `For the purchase price of ${money(bill.totalPrice)} (${bill.pricePercent}% of the expected recovery of ` +
        `${money(bill.totalExpected)}), the receipt of which the Seller acknowledges, the Seller sells, assigns and ` +
        'transfers to the Buyer all its rights, title and interest in the accounts listed in Schedule A, with a total ' +
        `balance of ${money(bill.totalBalance)}, without recourse except as stated below.`,
    ),
    p(
      `Buy-back: within ${bill.buybackDays} days of the date of sale` +
        (bill.buybackUntil ? ` (until ${bill.buybackUntil})` : '') +
        ', the Buyer may return an account that was not eligible for sale, and the Seller takes it back. Payments the ' +
        'Seller receives on a sold account after the date of sale are forwarded to the Buyer.',
    ),
    h(Text, { style: styles.heading }, `Schedule A: ${bill.accounts.length} accounts`),
    row(styles.headerRow, ['Account', 'Debtor', 'Balance', 'Price']),
    ...bill.accounts.map((a) => row(styles.row, [a.account, a.debtor, a.balance, a.price])),
    row(styles.totalRow, ['Total', '', bill.totalBalance, bill.totalPrice]),
    h(
      View,
      { style: styles.signature, wrap: false },
      h(Text, { style: styles.signatureBox }, `For the Seller, ${bill.seller}`),
      h(Text, { style: styles.signatureBox }, `For the Buyer, ${bill.buyer}`),
    ),
  )
  const buffer = await renderToBuffer(h(Document, { creator: 'Recoup', producer: 'Recoup' }, page) as never)
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
}
