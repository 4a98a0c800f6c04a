import type { TransitionProblem } from '../../../shared/domain/workflow/types'
import { useLabel } from '../i18n'

/**
 * What stands in the way of a transition, in words. The engine names ids (a field, a
 * document, a role); the message takes their labels, not the ids.
 */
export function useDescribeProblem(): (problem: TransitionProblem) => string {
  const label = useLabel()
  return (problem) => {
    const key = `workflow.problem.${problem.kind}`
    switch (problem.kind) {
      case 'missingField':
      case 'excludedMatter':
        return label(key, { field: label(`workflow.field.${problem.field}`) })
      case 'missingDocument':
        return label(key, { document: label(`workflow.document.${problem.document}`) })
      case 'unknownStage':
        return label(key, { stage: problem.stage })
      case 'notATransition':
        return label(key, {
          from: label(`workflow.stage.${problem.from}`),
          to: label(`workflow.stage.${problem.to}`),
        })
      case 'notAllowedForRole':
        return label(key, {
          role: label(`user.role.${problem.role}`),
          allowed: problem.allowed.map((role) => label(`user.role.${role}`)).join('、'),
        })
      default:
        return label(key)
    }
  }
}

/**
 * The core's TRANSITION_BLOCKED fields ('document.x' / 'field.y', rule = problem kind) as
 * problems, so a refusal reads exactly like the list under a disabled button.
 */
export function problemsFromFields(
  fields: readonly { path: string; rule: string }[],
): TransitionProblem[] {
  return fields.flatMap((field): TransitionProblem[] => {
    const [kind, id = ''] = field.path.split('.')
    if (kind === 'document') return [{ kind: 'missingDocument', document: id }]
    if (kind === 'field') {
      return [
        { kind: field.rule === 'excludedMatter' ? 'excludedMatter' : 'missingField', field: id },
      ]
    }
    const simple = ['needsApproval', 'needsReason', 'needsOtherRoutesNotice'] as const
    const rule = simple.find((r) => r === field.rule)
    return rule ? [{ kind: rule }] : []
  })
}
