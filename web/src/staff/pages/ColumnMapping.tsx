// The columns of a CSV file mapped onto the generic preset's fields (docs/import.md, "The generic
// preset"). The server takes presets only, so a mapping is applied by renaming the header: each mapped
// column gets its field's name, and an unmapped column whose name is a field's gets another name, so
// the preset does not pick it up.
import { useId } from 'react'
import { INTAKE_FIELDS } from '../../../../src/core/intake/import-mapping.ts'

/** The fields a file must map; the others of the generic preset's fields are optional. */
export const REQUIRED_FIELDS = ['account_id', 'debtor_id', 'debtor_name', 'amount', 'opened_on', 'due_on']
export const OPTIONAL_FIELDS = INTAKE_FIELDS.filter((field) => !REQUIRED_FIELDS.includes(field))
export const GENERIC_FIELDS = [...REQUIRED_FIELDS, ...OPTIONAL_FIELDS]

/** Field → column index (as a string; "" for none). */
export type Mapping = Record<string, string>

const norm = (name: string) => name.trim().toLowerCase()

/** Each field mapped to the column of the same name (as the server matches: case and spaces aside). */
export function identityMapping(header: readonly string[]): Mapping {
  const mapping: Mapping = {}
  for (const field of GENERIC_FIELDS) {
    const index = header.findIndex((name) => norm(name) === field)
    mapping[field] = index >= 0 ? String(index) : ''
  }
  return mapping
}

/** The header to send for a mapping, whether it differs from the file's, and required fields left out. */
export function mappedHeader(
  header: readonly string[],
  mapping: Mapping,
): { header: string[]; changed: boolean; missing: string[] } | { error: string } {
  const byColumn = new Map<number, string>()
  for (const field of GENERIC_FIELDS) {
    const value = mapping[field]
    if (!value) continue
    const index = Number(value)
    const other = byColumn.get(index)
    if (other)
      return {
        error: `column "${header[index]}" is mapped to both ${other} and ${field}; map each column to one field`,
      }
    byColumn.set(index, field)
  }
  const fields = new Set(GENERIC_FIELDS)
  const renamed = header.map((name, index) => {
    const field = byColumn.get(index)
    if (field) return field
    return fields.has(norm(name)) ? `unmapped ${name.trim()}` : name
  })
  return {
    header: renamed,
    changed: renamed.some((name, index) => name !== header[index]),
    missing: REQUIRED_FIELDS.filter((field) => !mapping[field]),
  }
}

/** The mapping table: one select per field, listing the file's columns. */
export function ColumnMapping(props: {
  header: readonly string[]
  mapping: Mapping
  onChange: (mapping: Mapping) => void
}) {
  const mappedOptional = OPTIONAL_FIELDS.filter((field) => props.mapping[field]).length
  return (
    <fieldset className="mapping">
      <legend>Columns</legend>
      <p className="muted">
        Which column of the file holds each field. Columns named like a field are matched already.
      </p>
      <div className="mapping-grid">
        {REQUIRED_FIELDS.map((field) => (
          <FieldSelect key={field} field={field} required {...props} />
        ))}
      </div>
      <details>
        <summary>Optional fields ({mappedOptional} mapped)</summary>
        <div className="mapping-grid">
          {OPTIONAL_FIELDS.map((field) => (
            <FieldSelect key={field} field={field} {...props} />
          ))}
        </div>
      </details>
    </fieldset>
  )
}

function FieldSelect(props: {
  field: string
  required?: boolean
  header: readonly string[]
  mapping: Mapping
  onChange: (mapping: Mapping) => void
}) {
  const id = useId()
  return (
    <div className="field">
      <label htmlFor={id}>
        {props.field}
        {props.required ? ' (required)' : ''}
      </label>
      <select
        id={id}
        value={props.mapping[props.field] ?? ''}
        onChange={(event) => props.onChange({ ...props.mapping, [props.field]: event.target.value })}
      >
        <option value="">— none —</option>
        {props.header.map((name, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional and may repeat a name
          <option key={index} value={String(index)}>
            {name || `(column ${index + 1})`}
          </option>
        ))}
      </select>
    </div>
  )
}
