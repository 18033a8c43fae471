import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { AppError } from '../core/errors/index.ts'
import type { ImportMapping } from '../core/intake/import-mapping.ts'
import { presetMapping } from '../core/intake/mapping-presets.ts'
import { parseMapping } from '../core/intake/parse-mapping.ts'

/** The mapping an import uses: a JSON mapping file, else the named preset, else `generic`. */
export async function resolveMapping(options: {
  preset?: string
  mappingFile?: string
}): Promise<ImportMapping> {
  if (options.mappingFile === undefined) return presetMapping(options.preset ?? 'generic')
  if (options.preset !== undefined) {
    throw new AppError('conflicting_options', 'give either a preset or a mapping file, not both')
  }
  const path = options.mappingFile
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw new AppError('mapping_not_found', `cannot read mapping file ${path}: ${(error as Error).message}`)
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new AppError(
      'invalid_mapping',
      `mapping file ${path} is not valid JSON: ${(error as Error).message}`,
    )
  }
  return parseMapping(json, basename(path))
}
