import type ExcelJS from 'exceljs'

/**
 * The house style of every spreadsheet Concord writes: a bold header row frozen in place,
 * columns wide enough for their Chinese headers and content, dates as real date cells.
 */
export interface SheetColumn {
  header: string
  key: string
  /** In characters; a CJK character counts as two. */
  width?: number
  kind?: 'text' | 'date' | 'number' | 'percent'
}

/** Display width of a text in Excel's character units (CJK characters take two). */
export function displayWidth(text: string): number {
  let width = 0
  for (const ch of text) width += /[\u2E80-\uFFEF]/u.test(ch) ? 2 : 1
  return width
}

/** A date cell: midnight UTC of that day, which Excel shows as the day itself. */
export function dateCell(value: string | null | undefined): Date | null {
  if (!value) return null
  const [y, m, d] = value.slice(0, 10).split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d))
}

const FORMATS = { date: 'yyyy-mm-dd', percent: '0.0%', number: '0.##', text: '@' } as const

export function addTable(
  workbook: ExcelJS.Workbook,
  name: string,
  columns: readonly SheetColumn[],
  rows: readonly Record<string, unknown>[],
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width ?? widthFor(c, rows),
    style: c.kind && c.kind !== 'text' ? { numFmt: FORMATS[c.kind] } : {},
  }))
  sheet.getRow(1).font = { bold: true }
  for (const row of rows) sheet.addRow(row)
  return sheet
}

/** Wide enough for the header and the longest of the first rows, within sane bounds. */
function widthFor(column: SheetColumn, rows: readonly Record<string, unknown>[]): number {
  if (column.kind === 'date') return Math.max(12, displayWidth(column.header) + 2)
  let widest = displayWidth(column.header)
  for (const row of rows.slice(0, 200)) {
    const value = row[column.key]
    if (typeof value === 'string') widest = Math.max(widest, displayWidth(value))
    else if (typeof value === 'number') widest = Math.max(widest, String(value).length)
  }
  return Math.min(Math.max(widest + 2, 8), 60)
}
