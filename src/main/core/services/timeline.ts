import { randomUUID } from 'node:crypto'
import { WORKFLOWS } from '../../../shared/domain/workflow'
import { CoreError } from '../errors'
import type { Handlers } from '../handlers'
import { writeCase } from './case-write'

export const timelineHandlers = {
  /** PML Art. 27: every mediation session is recorded; so are calls, visits and 回访. */
  async 'timeline.add'({ caseId, version, entry }, ctx) {
    return writeCase(ctx, { caseId, version }, async ({ trx, row, user, now }) => {
      await trx
        .insertInto('timelineEntry')
        .values({
          id: randomUUID(),
          caseId: row.id,
          kind: entry.kind,
          occurredAt: entry.occurredAt,
          place: entry.place ?? null,
          attendees: JSON.stringify(entry.attendees),
          restricted: entry.restricted ? 1 : 0,
          body: entry.body,
          transitionId: null,
          authorId: user.id,
          createdAt: now,
        })
        .execute()
    })
  },

  /** Notes whether a 卷宗 item is in the file; only the category's checklist items exist. */
  async 'checklist.set'({ caseId, version, itemId, present }, ctx) {
    return writeCase(ctx, { caseId, version }, async ({ trx, row, user, now }) => {
      if (!WORKFLOWS[row.category].checklist.some((item) => item.id === itemId)) {
        throw new CoreError('VALIDATION', undefined, [{ path: 'itemId', rule: 'unknownItem' }])
      }
      await trx
        .insertInto('checklistItem')
        .values({
          caseId: row.id,
          itemId,
          present: present ? 1 : 0,
          notedBy: user.id,
          notedAt: now,
        })
        .onConflict((oc) =>
          oc
            .columns(['caseId', 'itemId'])
            .doUpdateSet({ present: present ? 1 : 0, notedBy: user.id, notedAt: now }),
        )
        .execute()
    })
  },
} satisfies Partial<Handlers>
