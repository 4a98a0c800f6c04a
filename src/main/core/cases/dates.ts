import { CoreError } from '../errors'
import type { CaseFacts } from '../../../shared/domain/workflow/field-events'

/**
 * Dates that cannot come before others (issue 3: "impossible dates"). Each rule names the
 * field that is wrong when the two disagree: the later one, since the earlier one is usually
 * the settled fact (acceptance, the order's issue date).
 */
const ORDER: readonly (readonly [earlier: string, later: string, rule: string])[] = [
  ['acceptedAt', 'progress.rightsNotifiedAt', 'dateOrder.beforeAcceptance'],
  ['acceptedAt', 'progress.agreementEffectiveAt', 'dateOrder.beforeAcceptance'],
  ['acceptedAt', 'progress.followUpAt', 'dateOrder.beforeAcceptance'],
  ['progress.agreementEffectiveAt', 'progress.performanceDeadline', 'dateOrder.beforeAgreement'],
  // PML Art. 33: confirmation is applied for after the agreement takes effect.
  [
    'progress.agreementEffectiveAt',
    'progress.judicialConfirmationAppliedAt',
    'dateOrder.beforeAgreement',
  ],
  // 反家庭暴力法 Art. 30: an order runs from the day it is made.
  ['details.protectionOrderIssuedAt', 'details.protectionOrderExpiresAt', 'dateOrder.beforeIssue'],
  ['details.committeeTermStart', 'details.committeeTermEnd', 'dateOrder.beforeStart'],
  ['details.petitionReceivedAt', 'details.petitionAcceptedAt', 'dateOrder.beforeReceipt'],
]

function dateAt(facts: CaseFacts, path: string): string | undefined {
  const value = path
    .split('.')
    .reduce<unknown>(
      (node, key) =>
        node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined,
      facts,
    )
  return typeof value === 'string' ? value : undefined
}

/** Refuses facts with dates out of order; `prefix` places the field paths in the request. */
export function checkDateOrder(facts: CaseFacts, prefix: string): void {
  const fields = ORDER.flatMap(([earlier, later, rule]) => {
    const [from, to] = [dateAt(facts, earlier), dateAt(facts, later)]
    return from && to && to < from ? [{ path: `${prefix}${later}`, rule }] : []
  })
  if (fields.length > 0) throw new CoreError('VALIDATION', undefined, fields)
}

/**
 * Refuses a family incident dated after today in China: the log records what happened, not
 * what is feared (DESIGN.md §3). A date-and-time entry counts by its date.
 */
export function checkIncidentDates(facts: CaseFacts, prefix: string, today: string): void {
  if (facts.details.category !== 'family') return
  const fields = (facts.details.incidents ?? []).flatMap((incident, index) =>
    incident.at.slice(0, 10) > today
      ? [{ path: `${prefix}details.incidents.${index}.at`, rule: 'incidentInFuture' }]
      : [],
  )
  if (fields.length > 0) throw new CoreError('VALIDATION', undefined, fields)
}
