import { OVERRIDE_HOLIDAY_NAME } from './calendar'
import { SHIPPED_HOLIDAY_YEARS } from './holidays'
import { ResidentIdProblem } from './resident-id'
import { Art278Matter, VoteRule } from './vote'
import { ClockProblem } from './workflow/clocks'
import { WORKFLOWS } from './workflow'
import { CaseCategory, Obligor, TransitionAction, TransitionProblem } from './workflow/types'

/**
 * Every i18n key the domain's ids and validation messages need, derived from the data itself:
 * a stage, clock or document added to a definition adds its key here, and a locale test can
 * check that zh-CN and en have them all.
 */
export function domainLabelKeys(): string[] {
  const definitions = Object.values(WORKFLOWS)
  const keys = [
    ...CaseCategory.options.map((c) => `workflow.category.${c}`),
    ...TransitionAction.options.map((a) => `workflow.action.${a}`),
    ...Obligor.options.map((o) => `workflow.obligor.${o}`),
    ...TransitionProblem.options.map((p) => `workflow.problem.${p.shape.kind.value}`),
    ...ClockProblem.options.map((p) => `workflow.clockProblem.${p}`),
    ...definitions.flatMap((d) => [
      ...d.stages.map((s) => `workflow.stage.${s.id}`),
      ...d.fields.map((f) => `workflow.field.${f}`),
      ...d.checklist.map((item) => `workflow.document.${item.id}`),
      ...d.clocks.flatMap((c) => [`workflow.clock.${c.id}`, `workflow.event.${c.startEvent}`]),
    ]),
    ...SHIPPED_HOLIDAY_YEARS.flatMap((y) => y.holidays.map((h) => `holiday.${h.name}`)),
    `holiday.${OVERRIDE_HOLIDAY_NAME}`,
    ...Art278Matter.options.map((m) => `vote.matter.${m}`),
    ...VoteRule.options.map((r) => `vote.rule.${r}`),
    // Messages of the domain's zod schemas, looked up as validation.<message>.
    ...ResidentIdProblem.options.map((p) => `validation.residentId.${p}`),
    ...['phone', 'date', 'dateTime', 'pauseOrder', 'fixedPeriod', 'area'].map(
      (m) => `validation.${m}`,
    ),
    ...['emptyEstate', 'moreThanTotal', 'moreThanParticipating'].map((m) => `validation.vote.${m}`),
  ]
  return [...new Set(keys)].sort()
}
