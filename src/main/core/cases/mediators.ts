import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { CoreError } from '../errors'
import type { SessionUser } from '../vault'

export interface Assignment {
  leadMediatorId: string
  coMediatorIds: readonly string[]
}

/**
 * Checks who is to work the case: active mediators or supervisors only. A mediator must stay
 * on the cases they register or edit — otherwise the case would vanish from their own list
 * (record-level access) the moment they saved it.
 */
export async function checkAssignment(
  trx: Kysely<Database>,
  user: SessionUser,
  assignment: Assignment,
  prefix: string,
): Promise<Assignment> {
  const coMediatorIds = [...new Set(assignment.coMediatorIds)].filter(
    (id) => id !== assignment.leadMediatorId,
  )
  const ids = [assignment.leadMediatorId, ...coMediatorIds]
  const eligible = new Set(
    (
      await trx
        .selectFrom('user')
        .select('id')
        .where('id', 'in', ids)
        .where('disabledAt', 'is', null)
        .where('role', 'in', ['mediator', 'supervisor'])
        .execute()
    ).map((row) => row.id),
  )
  const fields: { path: string; rule: string }[] = []
  if (!eligible.has(assignment.leadMediatorId)) {
    fields.push({ path: `${prefix}leadMediatorId`, rule: 'notAMediator' })
  }
  assignment.coMediatorIds.forEach((id, i) => {
    if (id !== assignment.leadMediatorId && !eligible.has(id)) {
      fields.push({ path: `${prefix}coMediatorIds.${i}`, rule: 'notAMediator' })
    }
  })
  if (user.role === 'mediator' && !ids.includes(user.id)) {
    fields.push({ path: `${prefix}leadMediatorId`, rule: 'notAssignedToSelf' })
  }
  if (fields.length > 0) throw new CoreError('VALIDATION', undefined, fields)
  return { leadMediatorId: assignment.leadMediatorId, coMediatorIds }
}

export async function assignMediators(
  trx: Kysely<Database>,
  caseId: string,
  assignment: Assignment,
): Promise<void> {
  await trx.deleteFrom('caseMediator').where('caseId', '=', caseId).execute()
  await trx
    .insertInto('caseMediator')
    .values([
      { caseId, userId: assignment.leadMediatorId, role: 'lead' },
      ...assignment.coMediatorIds.map((userId) => ({ caseId, userId, role: 'co' as const })),
    ])
    .execute()
}
