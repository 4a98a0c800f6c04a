import type { Role } from '../../schemas/account'
import type {
  CaseState,
  Transition,
  TransitionProblem,
  TransitionRequest,
  WorkflowDefinition,
} from './types'

/**
 * The one engine every category's definition runs on. It only answers questions — may this
 * case move, and if not, why — so the core can run it inside the transaction that records the
 * move, and the renderer can run the same code to show the stepper before anyone clicks.
 */

/** A guard's field counts as answered when it holds anything but nothing: false and 0 count. */
function isPresent(value: unknown): boolean {
  if (value === undefined || value === null) return false
  if (typeof value === 'string') return value.trim() !== ''
  if (Array.isArray(value)) return value.length > 0
  return true
}

function hasStage(definition: WorkflowDefinition, stage: string): boolean {
  return definition.stages.some((s) => s.id === stage)
}

function isExcluded(transition: Transition, state: CaseState): string | undefined {
  return transition.excludedWhen.find((field) => state.fields[field] === true)
}

/** The documents a transition needs: its own list plus, when closing, the complete 卷宗. */
export function documentsRequired(
  definition: WorkflowDefinition,
  transition: Transition,
): string[] {
  const outcome = transition.completeFile
  const fromChecklist = outcome
    ? definition.checklist
        .filter((item) => item.required === 'always' || item.required === outcome)
        .map((item) => item.id)
    : []
  return [...new Set([...transition.requiredDocuments, ...fromChecklist])]
}

/**
 * The transitions `role` may take from the case's current stage, in definition order, left
 * out when they cannot apply to this case at all (judicial confirmation of a marriage matter).
 * Guards on fields, documents, approval and reason are left to checkTransition, so the
 * stepper can offer a step and say what is still missing.
 */
export function allowedTransitions(
  definition: WorkflowDefinition,
  state: CaseState,
  role: Role,
): Transition[] {
  return definition.transitions.filter(
    (t) => t.from.includes(state.stage) && t.roles.includes(role) && !isExcluded(t, state),
  )
}

export type TransitionCheck =
  | { readonly ok: true; readonly transition: Transition }
  | { readonly ok: false; readonly problems: readonly TransitionProblem[] }

/** Every reason the move is refused, not only the first, so one dialog can list them all. */
export function checkTransition(
  definition: WorkflowDefinition,
  state: CaseState,
  to: string,
  request: TransitionRequest,
): TransitionCheck {
  const unknown = [state.stage, to].filter((stage) => !hasStage(definition, stage))
  if (unknown.length > 0) {
    return { ok: false, problems: unknown.map((stage) => ({ kind: 'unknownStage', stage })) }
  }
  const transition = definition.transitions.find((t) => t.from.includes(state.stage) && t.to === to)
  if (!transition) {
    return { ok: false, problems: [{ kind: 'notATransition', from: state.stage, to }] }
  }

  const problems: TransitionProblem[] = []
  if (!transition.roles.includes(request.role)) {
    problems.push({ kind: 'notAllowedForRole', role: request.role, allowed: transition.roles })
  }
  const excludedBy = isExcluded(transition, state)
  if (excludedBy) problems.push({ kind: 'excludedMatter', field: excludedBy })
  for (const field of transition.requiredFields) {
    if (!isPresent(state.fields[field])) problems.push({ kind: 'missingField', field })
  }

  const supervisorActs = request.role === 'supervisor' || request.approvedBy?.role === 'supervisor'
  const overridden =
    transition.documentsOverridable && supervisorActs && isPresent(request.documentsOverrideReason)
  if (!overridden) {
    for (const document of documentsRequired(definition, transition)) {
      if (!state.documents.includes(document)) problems.push({ kind: 'missingDocument', document })
    }
  }
  if (transition.needsSupervisorApproval && !supervisorActs)
    problems.push({ kind: 'needsApproval' })
  if (transition.needsReason && !isPresent(request.reason)) problems.push({ kind: 'needsReason' })
  if (transition.needsOtherRoutesNotice && request.otherRoutesNoticeGiven !== true) {
    problems.push({ kind: 'needsOtherRoutesNotice' })
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, transition }
}
