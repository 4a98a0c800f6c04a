import { Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import { extensionOf } from '../../../shared/attachments'
import {
  LEDGER_MAX_BYTES,
  LEDGER_MAX_COLUMNS,
  LEDGER_MAX_MB,
  LEDGER_MAX_ROWS,
} from '../../../shared/schemas/ledger-import'
import { CoreError } from '../errors'

/** One row as the user sees it: its Excel row number and the text of each cell. */
export interface LedgerRow {
  number: number
  cells: string[]
}

export interface LedgerSheet {
  name: string
  rows: LedgerRow[]
}

export interface LedgerFile {
  /** 'utf-8' or 'gb18030' for CSV; null for workbooks. */
  encoding: string | null
  sheets: LedgerSheet[]
}

const ZIP = [0x50, 0x4b, 0x03, 0x04]
const UTF8_BOM = [0xef, 0xbb, 0xbf]

const startsWith = (bytes: Uint8Array, signature: readonly number[]) =>
  signature.every((byte, i) => bytes[i] === byte)

/**
 * The text of a CSV file. Excel on Chinese Windows saves "CSV (逗号分隔)" in the ANSI code page,
 * GBK; "CSV UTF-8" starts with a BOM. Bytes that are valid UTF-8 are read as UTF-8 (GBK text
 * of any length is almost never valid UTF-8); anything else as GB18030, GBK's superset.
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: string } {
  if (startsWith(bytes, UTF8_BOM)) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' }
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' }
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' }
  }
}

const pad = (n: number) => String(n).padStart(2, '0')

/** Cell values as text. Dates come as UTC midnight of the day Excel shows. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return ''
    const day = `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`
    return value.getUTCHours() || value.getUTCMinutes()
      ? `${day} ${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}`
      : day
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((run) => run.text).join('')
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue)
    if ('text' in value) return cellText(value.text as ExcelJS.CellValue)
    if ('error' in value) return ''
    return ''
  }
  return String(value).trim()
}

function readSheet(worksheet: ExcelJS.Worksheet): LedgerSheet {
  const rows: LedgerRow[] = []
  worksheet.eachRow({ includeEmpty: false }, (row) => {
    const values = row.values as ExcelJS.CellValue[]
    // row.values is 1-based: index 0 is always empty.
    // Sparse where cells are empty: Array.from fills the holes that map() would skip.
    const cells = Array.from(values.slice(1, LEDGER_MAX_COLUMNS + 1), (v) => cellText(v).trim())
    const last = cells.findLastIndex((cell) => cell !== '')
    if (last >= 0) rows.push({ number: row.number, cells: cells.slice(0, last + 1) })
  })
  return { name: worksheet.name, rows }
}

function checkRowCount(sheets: readonly LedgerSheet[]): void {
  // The header row and a title row or two above it are not data; allow for them.
  if (sheets.some((sheet) => sheet.rows.length > LEDGER_MAX_ROWS + 10)) {
    throw new CoreError('IMPORT_TOO_MANY_ROWS', { maxRows: LEDGER_MAX_ROWS })
  }
}

/**
 * Reads an .xlsx workbook or a .csv file into rows of cell text, refusing files over the size
 * or row limits and anything that is not what its name says. Legacy .xls is refused with the
 * advice to save as .xlsx (IMPORT_UNREADABLE names the accepted types).
 */
export async function readLedger(fileName: string, bytes: Uint8Array): Promise<LedgerFile> {
  if (bytes.byteLength > LEDGER_MAX_BYTES) {
    throw new CoreError('IMPORT_FILE_TOO_LARGE', { maxMb: LEDGER_MAX_MB })
  }
  const extension = extensionOf(fileName)
  const workbook = new ExcelJS.Workbook()
  if (extension === 'xlsx' && startsWith(bytes, ZIP)) {
    try {
      // exceljs declares its own Buffer (an ArrayBuffer); a copy of exactly these bytes is one.
      await workbook.xlsx.load(bytes.slice().buffer)
    } catch {
      throw new CoreError('IMPORT_UNREADABLE')
    }
    const sheets = workbook.worksheets.map(readSheet).filter((sheet) => sheet.rows.length > 0)
    if (sheets.length === 0) throw new CoreError('IMPORT_EMPTY')
    checkRowCount(sheets)
    return { encoding: null, sheets }
  }
  if (extension === 'csv' && !bytes.includes(0)) {
    const { text, encoding } = decodeCsv(bytes)
    let worksheet: ExcelJS.Worksheet
    try {
      worksheet = await workbook.csv.read(Readable.from([text]), {
        sheetName: 'CSV',
        // Keep every cell as typed: exceljs would turn 110101199003078515 into a float.
        map: (datum: string) => (datum === '' ? null : datum),
      })
    } catch {
      throw new CoreError('IMPORT_UNREADABLE')
    }
    const sheet = readSheet(worksheet)
    if (sheet.rows.length === 0) throw new CoreError('IMPORT_EMPTY')
    checkRowCount([sheet])
    return { encoding, sheets: [sheet] }
  }
  throw new CoreError('IMPORT_UNREADABLE')
}
