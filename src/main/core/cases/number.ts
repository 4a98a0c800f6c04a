import type { Kysely } from 'kysely'
import { yearOf } from '../../../shared/domain/iso-date'
import { CASE_NUMBER_ABBREVIATIONS, formatCaseNumber } from '../../../shared/domain/case-number'
import type { CaseCategory } from '../../../shared/domain/workflow/types'
import type { Database } from '../db/schema'

export { formatCaseNumber }

/**
 * The next number of the year the case was accepted in, for its category. Run inside the
 * create transaction: requests are handled one at a time and the UNIQUE(year, category, seq)
 * constraint refuses a duplicate should that ever change.
 */
export async function allocateCaseNumber(
  trx: Kysely<Database>,
  category: CaseCategory,
  acceptedAt: string,
) {
  const year = yearOf(acceptedAt)
  const last = await trx
    .selectFrom('case')
    .select(({ fn }) => fn.max('seq').as('seq'))
    .where('year', '=', year)
    .where('category', '=', category)
    .executeTakeFirst()
  const { caseNumberPattern } = await trx
    .selectFrom('organization')
    .select('caseNumberPattern')
    .executeTakeFirstOrThrow()
  const seq = (last?.seq ?? 0) + 1
  return { year, seq, number: formatCaseNumber(caseNumberPattern, { year, category, seq }) }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * The year and sequence a number written in the organization's pattern stands for, or
 * undefined for a number in another form (an older ledger's "2024-家-005").
 */
export function parseCaseNumber(
  pattern: string,
  category: CaseCategory,
  number: string,
): { year: number; seq: number } | undefined {
  const source = escapeRegExp(pattern)
    .replace(escapeRegExp('{year}'), '(?<year>\\d{4})')
    .replaceAll(escapeRegExp('{year}'), '\\k<year>')
    .replaceAll(escapeRegExp('{abbr}'), escapeRegExp(CASE_NUMBER_ABBREVIATIONS[category]))
    .replace(escapeRegExp('{seq}'), '(?<seq>\\d+)')
  const groups = new RegExp(`^${source}$`).exec(number)?.groups
  if (!groups?.year || !groups.seq) return undefined
  const seq = Number(groups.seq)
  return seq > 0 ? { year: Number(groups.year), seq } : undefined
}

/**
 * A case that already has a number (one imported from a ledger) keeps it. Its sequence is the
 * one the number states when it is written in the organization's pattern and still free, so
 * numbers registered later continue after it; otherwise the next free one of its year.
 */
export async function adoptCaseNumber(
  trx: Kysely<Database>,
  category: CaseCategory,
  acceptedAt: string,
  number: string,
) {
  const { caseNumberPattern } = await trx
    .selectFrom('organization')
    .select('caseNumberPattern')
    .executeTakeFirstOrThrow()
  const parsed = parseCaseNumber(caseNumberPattern, category, number)
  const year = parsed?.year ?? yearOf(acceptedAt)
  if (parsed) {
    const taken = await trx
      .selectFrom('case')
      .select('id')
      .where('year', '=', year)
      .where('category', '=', category)
      .where('seq', '=', parsed.seq)
      .executeTakeFirst()
    if (!taken) return { year, seq: parsed.seq, number }
  }
  const last = await trx
    .selectFrom('case')
    .select(({ fn }) => fn.max('seq').as('seq'))
    .where('year', '=', year)
    .where('category', '=', category)
    .executeTakeFirst()
  return { year, seq: (last?.seq ?? 0) + 1, number }
}
