import { randomUUID } from 'node:crypto'
import { WORKFLOWS } from '../../../shared/domain/workflow'
import { requireUser } from '../cases/access'
import { todayInChina } from '../../../shared/domain/iso-date'
import { checkDateOrder, checkIncidentDates } from '../cases/dates'
import { syncFieldEvents } from '../cases/events'
import { assignMediators, checkAssignment } from '../cases/mediators'
import { allocateCaseNumber } from '../cases/number'
import type { CaseFacts } from '../../../shared/domain/workflow/field-events'
import { caseFacts } from '../cases/state'
import { CoreError } from '../errors'
import type { Handlers } from '../handlers'
import { loadCaseFile } from './case-file'
import { writeCase } from './case-write'

export const caseHandlers = {
  /**
   * Registers a case (登记/受理): its number, the workflow's first stage, the 卷宗 checklist with
   * every item still missing, and the 'accepted' event the practice clock starts from.
   */
  async 'cases.create'(input, ctx) {
    const user = requireUser(ctx)
    const { db } = ctx.vault.caseBase()
    const now = ctx.now().toISOString()
    const { category } = input.details
    const definition = WORKFLOWS[category]
    const facts: CaseFacts = { acceptedAt: input.acceptedAt, details: input.details, progress: {} }
    checkDateOrder(facts, '')
    checkIncidentDates(facts, '', todayInChina(ctx.now()))
    const id = randomUUID()
    await db.transaction().execute(async (trx) => {
      const assignment = await checkAssignment(trx, user, input, '')
      const { year, seq, number } = await allocateCaseNumber(trx, category, input.acceptedAt)
      await trx
        .insertInto('case')
        .values({
          id,
          number,
          year,
          category,
          seq,
          stage: definition.initialStage,
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
      await syncFieldEvents(trx, id, facts, user.id)
    })
    return loadCaseFile(db, user, id, ctx.now())
  },

  async 'cases.get'({ caseId }, ctx) {
    return loadCaseFile(ctx.vault.caseBase().db, requireUser(ctx), caseId, ctx.now())
  },

  /**
   * Changes the case's own facts. `details` and `progress` are replaced as a whole (the form
   * sends all of them), so a cleared field is cleared. The case number stays what it was,
   * even if acceptedAt moves to another year: numbers are cited in documents already issued.
   */
  async 'cases.update'({ caseId, version, patch }, ctx) {
    return writeCase(ctx, { caseId, version }, async ({ trx, row, user }) => {
      const current = caseFacts(row)
      if (patch.details && patch.details.category !== row.category) {
        throw new CoreError('VALIDATION', undefined, [
          { path: 'patch.details.category', rule: 'categoryMismatch' },
        ])
      }
      const facts: CaseFacts = {
        acceptedAt: patch.acceptedAt ?? row.acceptedAt,
        details: patch.details ?? current.details,
        progress: patch.progress ?? current.progress,
      }
      checkDateOrder(facts, 'patch.')
      checkIncidentDates(facts, 'patch.', todayInChina(ctx.now()))
      if (patch.leadMediatorId !== undefined || patch.coMediatorIds !== undefined) {
        const mediators = await trx
          .selectFrom('caseMediator')
          .select(['userId', 'role'])
          .where('caseId', '=', row.id)
          .execute()
        const assignment = await checkAssignment(
          trx,
          user,
          {
            leadMediatorId:
              patch.leadMediatorId ?? mediators.find((m) => m.role === 'lead')?.userId ?? '',
            coMediatorIds:
              patch.coMediatorIds ?? mediators.filter((m) => m.role === 'co').map((m) => m.userId),
          },
          'patch.',
        )
        await assignMediators(trx, row.id, assignment)
      }
      await syncFieldEvents(trx, row.id, facts, user.id)
      return {
        source: patch.source,
        summary: patch.summary,
        district: patch.district,
        street: patch.street,
        riskLevel: patch.riskLevel,
        acceptedAt: facts.acceptedAt,
        details: JSON.stringify(facts.details),
        progress: JSON.stringify(facts.progress),
      }
    })
  },
} satisfies Partial<Handlers>
