import { z } from 'zod'
import type { CaseCategory } from './workflow/types'

/** The 调字 abbreviation of each category, as in 〔2026〕家调字第0001号. */
export const CASE_NUMBER_ABBREVIATIONS: Readonly<Record<CaseCategory, string>> = {
  family: '家',
  expropriation: '拆',
  petition: '访',
  owners: '物',
}

export const DEFAULT_CASE_NUMBER_PATTERN = '〔{year}〕{abbr}调字第{seq}号'

export function formatCaseNumber(
  pattern: string,
  parts: { year: number; category: CaseCategory; seq: number },
): string {
  return pattern
    .replaceAll('{year}', String(parts.year))
    .replaceAll('{abbr}', CASE_NUMBER_ABBREVIATIONS[parts.category])
    .replaceAll('{seq}', String(parts.seq).padStart(4, '0'))
}

/**
 * An organization's case-number pattern. {seq} exactly once and {year} keep numbers unique:
 * sequences count per year and category. The messages name validation.caseNumberPattern.*.
 */
export const CaseNumberPattern = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .refine((p) => p.split('{seq}').length === 2, { message: 'caseNumberPattern.seq' })
  .refine((p) => p.includes('{year}'), { message: 'caseNumberPattern.year' })
