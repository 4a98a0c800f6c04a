import { requireUser } from '../cases/access'
import { todayInChina } from '../../../shared/domain/iso-date'
import { checkDateOrder, checkIncidentDates } from '../cases/dates'
import { syncFieldEvents } from '../cases/events'
import { assignMediators, checkAssignment } from '../cases/mediators'
import { registerCase } from '../cases/register'
import { reindexCase } from '../search/index'
import type { CaseFacts } from '../../../shared/domain/workflow/field-events'
import { caseFacts } from '../cases/state'
import { CoreError } from '../errors'
import type { Handlers } from '../handlers'
import { auditorView } from '../cases/auditor-view'
import { recordCaseCreated } from '../audit/record'
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
    return db.transaction().execute(async (trx) => {
      const created = await registerCase(trx, user, { input }, ctx.now())
      await reindexCase(trx, created)
      // The registration's entry in the audit trail; its after is also the answer.
      return recordCaseCreated(ctx, trx, user, created)
    })
  },

  async 'cases.get'({ caseId }, ctx) {
    const user = requireUser(ctx)
    const file = await loadCaseFile(ctx.vault.caseBase().db, user, caseId, ctx.now())
    return user.role === 'auditor' ? auditorView(file, ctx.i18n.t) : file
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
