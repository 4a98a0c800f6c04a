import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { z } from 'zod'
import { todayInChina } from '../../../shared/domain/iso-date'
import { WORKFLOWS } from '../../../shared/domain/workflow'
import { FIELD_EVENTS, type CaseFacts } from '../../../shared/domain/workflow/field-events'
import type { CaseCreate } from '../../../shared/schemas/case'
import type { Database } from '../db/schema'
import type { SessionUser } from '../vault'
import { checkDateOrder, checkIncidentDates } from './dates'
import { recordEvent } from './events'
import { assignMediators, checkAssignment } from './mediators'
import { adoptCaseNumber, allocateCaseNumber } from './number'

export interface CaseRegistration {
  input: z.output<typeof CaseCreate>
  /** A number the case already carries (a ledger's); a new one is allocated otherwise. */
  number?: string
  /** A stage of the category's workflow the case has reached; its first stage otherwise. */
  stage?: string
}

/**
 * Registers a case (登记/受理) inside the caller's transaction: its number, its stage, the 卷宗
 * checklist with every item still missing, and the 'accepted' event the practice clock starts
 * from. cases.create registers one; a ledger import registers many in one transaction.
 * Returns the new case's id.
 */
export async function registerCase(
  trx: Kysely<Database>,
  user: SessionUser,
  registration: CaseRegistration,
  at: Date,
): Promise<string> {
  const { input } = registration
  const { category } = input.details
  const definition = WORKFLOWS[category]
  const facts: CaseFacts = { acceptedAt: input.acceptedAt, details: input.details, progress: {} }
  checkDateOrder(facts, '')
  checkIncidentDates(facts, '', todayInChina(at))
  const now = at.toISOString()
  const id = randomUUID()
  const assignment = await checkAssignment(trx, user, input, '')
  const { year, seq, number } =
    registration.number === undefined
      ? await allocateCaseNumber(trx, category, input.acceptedAt)
      : await adoptCaseNumber(trx, category, input.acceptedAt, registration.number)
  await trx
    .insertInto('case')
    .values({
      id,
      number,
      year,
      category,
      seq,
      stage: registration.stage ?? definition.initialStage,
      source: input.source,
      summary: input.summary,
      district: input.district,
      street: input.street,
      riskLevel: input.riskLevel,
      acceptedAt: input.acceptedAt,
      details: JSON.stringify(input.details),
      progress: JSON.stringify(facts.progress),
      version: 1,
      createdBy: user.id,
      createdAt: now,
      updatedAt: now,
    })
    .execute()
  await assignMediators(trx, id, assignment)
  await trx
    .insertInto('checklistItem')
    .values(
      definition.checklist.map((item) => ({
        caseId: id,
        itemId: item.id,
        present: 0,
        notedBy: null,
        notedAt: null,
      })),
    )
    .execute()
  // A new case has no events to replace: record the ones its facts date, as syncFieldEvents
  // would, without its deletes (an import registers thousands in one transaction).
  for (const [eventId, read] of Object.entries(FIELD_EVENTS)) {
    const eventAt = read(facts)
    if (eventAt) await recordEvent(trx, { caseId: id, eventId, at: eventAt, recordedBy: user.id })
  }
  return id
}
