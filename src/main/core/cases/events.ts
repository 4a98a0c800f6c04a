import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { FIELD_EVENTS, type CaseFacts } from '../../../shared/domain/workflow/field-events'

export async function syncFieldEvents(
  trx: Kysely<Database>,
  caseId: string,
  facts: CaseFacts,
  userId: string,
): Promise<void> {
  for (const [eventId, read] of Object.entries(FIELD_EVENTS)) {
    const at = read(facts)
    if (at) await recordEvent(trx, { caseId, eventId, at, recordedBy: userId })
    else {
      await trx
        .deleteFrom('caseEvent')
        .where('caseId', '=', caseId)
        .where('eventId', '=', eventId)
        .execute()
    }
  }
}

/** Records when an event happened, replacing an earlier date for it. */
export async function recordEvent(
  trx: Kysely<Database>,
  event: { caseId: string; eventId: string; at: string; recordedBy: string },
): Promise<void> {
  await trx
    .insertInto('caseEvent')
    .values(event)
    .onConflict((oc) =>
      oc
        .columns(['caseId', 'eventId'])
        .doUpdateSet({ at: event.at, recordedBy: event.recordedBy })
        .where('caseEvent.at', '!=', event.at),
    )
    .execute()
}
