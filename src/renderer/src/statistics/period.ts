/** The dashboard's period choices resolved to first and last day (China dates, inclusive). */
export type PeriodKind = 'month' | 'quarter' | 'year' | 'contract' | 'custom'

export interface PeriodChoice {
  kind: PeriodKind
  year: number
  /** 1–12 */
  month: number
  /** 1–4 */
  quarter: number
  contract: { id: string; from: string; to: string } | null
  from: string
  to: string
}

const pad = (n: number) => String(n).padStart(2, '0')

function lastDay(year: number, month: number): string {
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return `${year}-${pad(month)}-${pad(day)}`
}

export function periodOf(choice: PeriodChoice): { from: string; to: string } {
  const { year } = choice
  switch (choice.kind) {
    case 'month':
      return { from: `${year}-${pad(choice.month)}-01`, to: lastDay(year, choice.month) }
    case 'quarter': {
      const first = (choice.quarter - 1) * 3 + 1
      return { from: `${year}-${pad(first)}-01`, to: lastDay(year, first + 2) }
    }
    case 'year':
      return { from: `${year}-01-01`, to: `${year}-12-31` }
    case 'contract':
      return choice.contract
        ? { from: choice.contract.from, to: choice.contract.to }
        : { from: `${year}-01-01`, to: `${year}-12-31` }
    default:
      return choice.from <= choice.to
        ? { from: choice.from, to: choice.to }
        : { from: choice.to, to: choice.from }
  }
}
