import { randomUUID } from 'node:crypto'
import type { i18n } from 'i18next'
import { checkTransition, documentsRequired } from '../../../shared/domain/workflow/engine'
import { WORKFLOWS } from '../../../shared/domain/workflow'
import type { TransitionProblem } from '../../../shared/domain/workflow/types'
import { chinaDateTime } from '../cases/clocks'
import type { CoreContext } from '../context'
import { CoreError } from '../errors'
import type { Handlers } from '../handlers'
import { verifyPassword } from './auth'
import { loadCaseState } from './case-file'
import { writeCase } from './case-write'

/** The request field a problem points at, so the dialog can mark it. */
function problemPath(problem: TransitionProblem): string {
  switch (problem.kind) {
    case 'unknownStage':
    case 'notATransition':
      return 'to'
    case 'notAllowedForRole':
      return 'role'
    case 'excludedMatter':
    case 'missingField':
      return `field.${problem.field}`
    case 'missingDocument':
      return `document.${problem.document}`
    case 'needsApproval':
      return 'approval'
    case 'needsReason':
      return 'reason'
    case 'needsOtherRoutesNotice':
      return 'otherRoutesNoticeGiven'
  }
}

/** One line per problem in the user's language, with the ids turned into their labels. */
function describe(i18n: i18n, problem: TransitionProblem): string {
  const t = (key: string, options?: Record<string, string>) => i18n.t(key, options ?? {})
  const params: Record<string, string> = {}
  if ('field' in problem) params.field = t(`workflow.field.${problem.field}`)
  if ('document' in problem) params.document = t(`workflow.document.${problem.document}`)
  if ('stage' in problem) params.stage = t(`workflow.stage.${problem.stage}`)
  if ('from' in problem) params.from = t(`workflow.stage.${problem.from}`)
  if ('to' in problem) params.to = t(`workflow.stage.${problem.to}`)
  if ('role' in problem) params.role = t(`user.role.${problem.role}`)
  if ('allowed' in problem) {
    const list = i18n.language === 'en' ? ', ' : '、'
    params.allowed = problem.allowed.map((role) => t(`user.role.${role}`)).join(list)
  }
  return t(`workflow.problem.${problem.kind}`, params)
}

function blocked(i18n: i18n, problems: readonly TransitionProblem[]): CoreError {
  const separator = i18n.language === 'en' ? '; ' : '；'
  return new CoreError(
    'TRANSITION_BLOCKED',
    { problems: problems.map((p) => describe(i18n, p)).join(separator) },
    problems.map((p) => ({ path: problemPath(p), rule: p.kind })),
  )
}

/**
 * The approving supervisor: an active supervisor account whose password was typed with the
 * request. Checked before the write transaction, which must not wait on scrypt.
 */
export async function approver(
  ctx: CoreContext,
  approval: { userId: string; password: string } | undefined,
) {
  if (approval === undefined) return undefined
  const row = await ctx.vault
    .caseBase()
    .db.selectFrom('user')
    .select(['id', 'role', 'login'])
    .where('id', '=', approval.userId)
    .where('disabledAt', 'is', null)
    .executeTakeFirst()
  if (row?.role !== 'supervisor') {
    throw new CoreError('VALIDATION', undefined, [
      { path: 'approval.userId', rule: 'notSupervisor' },
    ])
  }
  await verifyPassword(ctx, row.login, approval.password)
  return { userId: row.id, role: row.role }
}

export const transitionHandlers = {
  /**
   * Moves the case to another stage if the workflow allows it, recording who, when, why and
   * with whose approval, both as a stage_transition row and as a timeline entry. Refused moves
   * write nothing and list every missing piece at once.
   */
  async 'cases.transition'(input, ctx) {
    const approvedBy = await approver(ctx, input.approval)
    return writeCase(ctx, input, async ({ trx, row, user, now }) => {
      const definition = WORKFLOWS[row.category]
      const state = await loadCaseState(trx, row)
      const check = checkTransition(definition, state, input.to, {
        role: user.role,
        reason: input.reason,
        approvedBy,
        otherRoutesNoticeGiven: input.otherRoutesNoticeGiven,
        documentsOverrideReason: input.documentsOverrideReason,
      })
      if (!check.ok) throw blocked(ctx.i18n, check.problems)
      const { transition } = check
      const missing = documentsRequired(definition, transition).filter(
        (document) => !state.documents.includes(document),
      )
      const approvedById =
        approvedBy?.userId ??
        (transition.needsSupervisorApproval && user.role === 'supervisor' ? user.id : null)
      const reason = input.reason?.trim() || null
      const { id: transitionId } = await trx
        .insertInto('stageTransition')
        .values({
          caseId: row.id,
          fromStage: row.stage,
          toStage: transition.to,
          action: transition.action,
          actorId: user.id,
          approvedById,
          reason,
          otherRoutesNotice: input.otherRoutesNoticeGiven === true ? 1 : 0,
          // Recorded only when it was needed: documents were in fact missing.
          overrideReason: missing.length > 0 ? (input.documentsOverrideReason ?? null) : null,
          at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await trx
        .insertInto('timelineEntry')
        .values({
          id: randomUUID(),
          caseId: row.id,
          kind: 'stageChange',
          occurredAt: chinaDateTime(ctx.now()),
          place: null,
          attendees: '[]',
          restricted: 0,
          body: reason ?? '',
          transitionId,
          authorId: user.id,
          createdAt: now,
        })
        .execute()
      return { stage: transition.to }
    })
  },
} satisfies Partial<Handlers>
