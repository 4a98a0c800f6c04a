import type { Kysely } from 'kysely'
import { yearOf } from '../../../shared/domain/iso-date'
import { formatCaseNumber } from '../../../shared/domain/case-number'
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
