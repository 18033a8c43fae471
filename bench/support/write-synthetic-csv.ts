import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { formatAmount } from '../../src/core/money/money.ts'
import { syntheticRecords } from './synthetic-portfolio.ts'

/** Columns of the generated file: the `generic` preset's names, so no mapping is needed. */
export const SYNTHETIC_CSV_HEADER = [
  'account_id',
  'debtor_id',
  'debtor_name',
  'debtor_kind',
  'client_id',
  'currency',
  'amount',
  'opened_on',
  'due_on',
  'paid_amount',
  'paid_on',
  'jurisdiction',
  'debt_kind',
]

/** Writes the synthetic portfolio of `rows` accounts as a generic-preset CSV file. */
export async function writeSyntheticCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path)
  out.write(`${SYNTHETIC_CSV_HEADER.join(',')}\n`)
  let chunk = ''
  for (const record of syntheticRecords(rows)) {
    const { account, debtor, entries } = record
    const charge = entries[0]
    const payment = entries[1]
    const line = [
      account.externalId,
      debtor.externalId,
      debtor.name,
      debtor.kind,
      account.clientExternalId ?? '',
      account.currency,
      formatAmount(charge?.amountMinor ?? 0, account.currency),
      account.openedOn,
      account.dueOn,
      payment ? formatAmount(-payment.amountMinor, account.currency) : '',
      payment?.effectiveOn ?? '',
      account.jurisdiction,
      account.debtKind,
    ]
    chunk += `${line.join(',')}\n`
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain')
      chunk = ''
    }
  }
  out.end(chunk)
  await once(out, 'finish')
}
