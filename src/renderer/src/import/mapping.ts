import {
  REQUIRED_FIELDS,
  type ImportField,
  type ImportMapping,
  type ImportOpenOutput,
  type SavedImportMapping,
} from '../../../shared/schemas/ledger-import'

/** A, B, … Z, AA: the column names Excel shows. */
export function columnLetter(index: number): string {
  let letter = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letter = String.fromCharCode(65 + ((n - 1) % 26)) + letter
  }
  return letter
}

/** The header row's cells of the mapping's sheet, from the preview the core sent. */
export function headersOf(opened: ImportOpenOutput, sheet: string, headerRow: number): string[] {
  const found = opened.sheets.find((s) => s.name === sheet)
  return found?.preview.find((row) => row.row === headerRow)?.cells ?? []
}

const normalize = (text: string) => text.trim().toLowerCase()

/** A saved mapping on this file's headers, or null when one of its columns is missing. */
export function applySaved(
  saved: SavedImportMapping,
  opened: ImportOpenOutput,
  sheet: string,
): ImportMapping | null {
  const headers = headersOf(opened, sheet, saved.headerRow).map(normalize)
  const columns: ImportMapping['columns'] = {}
  for (const [field, header] of Object.entries(saved.columns)) {
    const index = headers.indexOf(normalize(header))
    if (index < 0) return null
    columns[field as ImportField] = index
  }
  return { sheet, headerRow: saved.headerRow, columns, defaults: saved.defaults }
}

/**
 * The mapping the user had for the previous file, if the new file has the same sheet and the
 * same header row: choosing a corrected ledger should not mean mapping it again.
 */
export function carryOver(
  previous: { opened: ImportOpenOutput; mapping: ImportMapping } | null,
  next: ImportOpenOutput,
): ImportMapping {
  if (!previous) return next.suggested
  const { opened, mapping } = previous
  const before = headersOf(opened, mapping.sheet, mapping.headerRow)
  const after = headersOf(next, mapping.sheet, mapping.headerRow)
  const same = before.length > 0 && before.join('\u0000') === after.join('\u0000')
  return same ? mapping : next.suggested
}

/** Required fields with neither a column nor a value for blank cells. */
export function missingFields(mapping: ImportMapping): ImportField[] {
  return REQUIRED_FIELDS.filter(
    (field) => mapping.columns[field] === undefined && !(field in mapping.defaults),
  )
}
