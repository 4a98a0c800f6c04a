import { sql, type Kysely } from 'kysely'
import type { CoreContext } from '../context'
import type { Database } from '../db/schema'
import { CoreError } from '../errors'
import type { SessionUser } from '../vault'

export function requireUser(ctx: CoreContext): SessionUser {
  const user = ctx.vault.user
  if (!user) throw new CoreError('NOT_AUTHENTICATED')
  return user
}

/**
 * Record-level access (DESIGN.md §4): supervisors see every case of the organization, and so
 * does the auditor, read-only and masked (the contract gives auditors no write channel and
 * cases.get/cases.list mask for them); a mediator only the cases they are lead or co-mediator
 * on. Administrators have no case channel at all. Every case query starts from here.
 */
export function visibleCases(db: Kysely<Database>, user: SessionUser) {
  const cases = db.selectFrom('case')
  if (user.role === 'supervisor' || user.role === 'auditor') return cases
  if (user.role !== 'mediator') return cases.where(sql<boolean>`0`)
  return cases.where(({ exists, selectFrom }) =>
    exists(
      selectFrom('caseMediator')
        .select('caseMediator.caseId')
        .whereRef('caseMediator.caseId', '=', 'case.id')
        .where('caseMediator.userId', '=', user.id),
    ),
  )
}

/**
 * The case if this user may see it. NOT_FOUND whether it is missing or someone else's, so a
 * mediator cannot learn which case ids exist.
 */
export async function findVisibleCase(db: Kysely<Database>, user: SessionUser, caseId: string) {
  const row = await visibleCases(db, user)
    .selectAll('case')
    .where('case.id', '=', caseId)
    .executeTakeFirst()
  if (!row) throw new CoreError('NOT_FOUND')
  return row
}

export type CaseRow = Awaited<ReturnType<typeof findVisibleCase>>
