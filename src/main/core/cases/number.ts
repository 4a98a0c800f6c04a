import type { Kysely } from 'kysely'
import { yearOf } from '../../../shared/domain/iso-date'
import type { CaseCategory } from '../../../shared/domain/workflow/types'
import type { Database } from '../db/schema'

/** The 调字 abbreviation of each category, as in 〔2026〕家调字第0001号. */
const ABBREVIATIONS: Readonly<Record<CaseCategory, string>> = {
  family: '家',
  expropriation: '拆',
  petition: '访',
  owners: '物',
}

export function formatCaseNumber(
  pattern: string,
  parts: { year: number; category: CaseCategory; seq: number },
): string {
  return pattern
    .replaceAll('{year}', String(parts.year))
    .replaceAll('{abbr}', ABBREVIATIONS[parts.category])
    .replaceAll('{seq}', String(parts.seq).padStart(4, '0'))
}

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
