import ExcelJS from 'exceljs'
import { residentIdCheckCharacter } from '../../src/shared/domain/resident-id'

/** Ledgers (台账) built in the test, as an office would keep them; no binary fixtures. */
export type Cell = string | number | Date | null

/** A valid resident ID from its first 17 digits. */
export const residentId = (first17: string) => first17 + residentIdCheckCharacter(first17)

export const HEADERS = [
  '案件编号',
  '案件类别',
  '受理日期',
  '案件来源',
  '所在区',
  '街道',
  '纠纷简要情况',
  '主办调解员',
  '风险等级',
  '办理状态',
  '申请人',
  '申请人身份证号',
  '申请人电话',
  '被申请人',
]

/** One ledger row in HEADERS order; `patch` replaces cells by header. */
export function ledgerRow(n: number, patch: Partial<Record<string, Cell>> = {}): Cell[] {
  const base: Record<string, Cell> = {
    案件编号: `TZ-2024-${String(n).padStart(3, '0')}`,
    案件类别: '家庭',
    受理日期: '2024-03-05',
    案件来源: '当事人申请',
    所在区: '黄浦区',
    街道: '外滩街道',
    纠纷简要情况: `第${n}件：夫妻因赡养老人发生争执`,
    主办调解员: '诸葛调解',
    风险等级: '低',
    办理状态: '调解中',
    申请人: `王${n}`,
    申请人身份证号: residentId(`31010119800101${String(100 + n).slice(-3)}`),
    申请人电话: '13812345678',
    被申请人: `李${n}`,
  }
  return HEADERS.map((header) =>
    header in patch ? (patch[header] ?? null) : (base[header] ?? null),
  )
}

/** An .xlsx workbook: an optional title row, then the header row, then the rows. */
export async function xlsxLedger(
  rows: Cell[][],
  options: { title?: string; headers?: string[]; sheet?: string } = {},
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet(options.sheet ?? '台账')
  if (options.title) sheet.addRow([options.title])
  sheet.addRow(options.headers ?? HEADERS)
  for (const row of rows) sheet.addRow(row)
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

const quote = (cell: Cell) => {
  const text = cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell ?? '')
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export function csvText(rows: Cell[][], headers: string[] = HEADERS): string {
  return [headers, ...rows].map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n'
}

let gbkTable: Map<string, number[]> | undefined

/**
 * GBK bytes of `text`, as Excel on Chinese Windows saves "CSV (逗号分隔)". Node has no GBK
 * encoder; the table is the inverse of the GB18030 decoder over GBK's two-byte range.
 */
export function encodeGbk(text: string): Uint8Array {
  if (!gbkTable) {
    gbkTable = new Map()
    const decoder = new TextDecoder('gb18030')
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue
        const char = decoder.decode(new Uint8Array([lead, trail]))
        if (char.length === 1 && char !== '\ufffd' && !gbkTable.has(char)) {
          gbkTable.set(char, [lead, trail])
        }
      }
    }
  }
  const table = gbkTable
  return new Uint8Array(
    [...text].flatMap((char) => {
      if (char.charCodeAt(0) < 0x80) return [char.charCodeAt(0)]
      const bytes = table.get(char)
      if (!bytes) throw new Error(`not in GBK: ${char}`)
      return bytes
    }),
  )
}
