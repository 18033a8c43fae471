import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatCsvRow } from '../../../src/core/intake/csv-format.ts'
import { CsvParser, type CsvRow } from '../../../src/core/intake/csv-parser.ts'

/** Parses `text` fed in pieces cut at `cuts` (offsets), as a stream would deliver it. */
function parse(text: string, cuts: readonly number[] = []): CsvRow[] {
  const parser = new CsvParser()
  const rows: CsvRow[] = []
  let from = 0
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    parser.push(text.slice(from, cut), rows)
    from = cut
  }
  parser.push(text.slice(from), rows)
  return parser.end(rows)
}

const cases: { name: string; text: string; rows: [number, string[]][]; error?: string }[] = [
  {
    name: 'plain rows with LF',
    text: 'a,b\n1,2\n',
    rows: [
      [1, ['a', 'b']],
      [2, ['1', '2']],
    ],
  },
  {
    name: 'CRLF endings',
    text: 'a,b\r\n1,2\r\n',
    rows: [
      [1, ['a', 'b']],
      [2, ['1', '2']],
    ],
  },
  {
    name: 'no final newline',
    text: 'a,b\r\n1,2',
    rows: [
      [1, ['a', 'b']],
      [2, ['1', '2']],
    ],
  },
  { name: 'UTF-8 BOM dropped', text: '\uFEFFa,b\n', rows: [[1, ['a', 'b']]] },
  { name: 'empty fields', text: ',,\n', rows: [[1, ['', '', '']]] },
  { name: 'quoted comma', text: '"a,b",c\n', rows: [[1, ['a,b', 'c']]] },
  { name: 'escaped quotes', text: '"say ""hi""",x\n', rows: [[1, ['say "hi"', 'x']]] },
  { name: 'quoted empty', text: '"",x\n', rows: [[1, ['', 'x']]] },
  { name: 'single quoted empty field is a row', text: '""\n', rows: [[1, ['']]] },
  {
    name: 'embedded newlines move the line number on',
    text: 'h\n"one\ntwo\r\nthree",x\nnext,y\n',
    rows: [
      [1, ['h']],
      [2, ['one\ntwo\r\nthree', 'x']],
      [5, ['next', 'y']],
    ],
  },
  {
    name: 'blank lines skipped but counted',
    text: 'a\n\n\r\nb\n',
    rows: [
      [1, ['a']],
      [4, ['b']],
    ],
  },
  { name: 'quoted field at end of file', text: 'a,"b"', rows: [[1, ['a', 'b']]] },
  {
    name: 'quoted field then CRLF',
    text: '"a"\r\n"b"\r\n',
    rows: [
      [1, ['a']],
      [2, ['b']],
    ],
  },
  { name: 'quote inside unquoted field kept', text: 'ab"c,d\n', rows: [[1, ['ab"c', 'd']]] },
  { name: 'spaces kept', text: ' a , b \n', rows: [[1, [' a ', ' b ']]] },
  {
    name: 'text after closing quote flagged',
    text: '"ab"cd,e\n',
    rows: [[1, ['abcd', 'e']]],
    error: 'text after a closing quote',
  },
  {
    name: 'unterminated quote flagged',
    text: 'x\n"abc\n',
    rows: [
      [1, ['x']],
      [2, ['abc\n']],
    ],
    error: 'unterminated quoted field',
  },
  { name: 'unicode', text: 'Zoë,Åsa,東京\n', rows: [[1, ['Zoë', 'Åsa', '東京']]] },
]

describe('CsvParser', () => {
  it.each(cases)('$name', ({ text, rows, error }) => {
    const expected = rows.map(([line, fields]) => ({ line, fields }))
    const parsed = parse(text)
    expect(parsed.map(({ line, fields }) => ({ line, fields }))).toEqual(expected)
    expect(parsed.find((row) => row.error)?.error).toBe(error)
    // Same rows whatever the chunking: cut after every single character.
    const everywhere = Array.from({ length: text.length }, (_, i) => i)
    expect(parse(text, everywhere).map(({ line, fields }) => ({ line, fields }))).toEqual(expected)
  })

  it('serialised random rows parse back to the same rows and lines, however the text is chunked', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'b', ' ', ',', '"', '\n', '\r', 'é', '😀') })
    const rowsArb = fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 20 })
    fc.assert(
      fc.property(rowsArb, fc.array(fc.nat(), { maxLength: 8 }), (rows, rawCuts) => {
        const text = rows.map(formatCsvRow).join('')
        const cuts = rawCuts.map((cut) => cut % (text.length + 1))
        const parsed = parse(text, cuts)
        expect(parsed.map((row) => row.fields)).toEqual(rows)
        expect(parsed.every((row) => row.error === undefined)).toBe(true)
        let line = 1
        rows.forEach((row, index) => {
          expect(parsed[index]?.line).toBe(line)
          line += formatCsvRow(row).split('\n').length - 1
        })
      }),
      { numRuns: 500 },
    )
  })

  it('refuses a row that never ends instead of buffering the whole file', () => {
    const parser = new CsvParser()
    parser.push('a\n"')
    const chunk = 'x'.repeat(1024 * 1024)
    expect(() => {
      for (let i = 0; i < 20; i++) parser.push(chunk)
    }).toThrow(/line 2 .*unterminated quote/)
  })
})
