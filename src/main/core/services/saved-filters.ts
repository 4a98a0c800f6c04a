import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { z } from 'zod'
import { SavedFilterQuery, type SavedFilter } from '../../../shared/schemas/saved-filter'
import { requireUser } from '../cases/access'
import type { Database } from '../db/schema'
import { CoreError } from '../errors'
import type { Handlers } from '../handlers'

/**
 * A stored query read field by field: a field a later version no longer accepts (a category
 * since removed, say) is dropped rather than making the whole list unreadable.
 */
function readQuery(json: string): z.input<typeof SavedFilterQuery> {
  let stored: unknown
  try {
    stored = JSON.parse(json)
  } catch {
    return {}
  }
  if (typeof stored !== 'object' || stored === null) return {}
  const query: Record<string, unknown> = {}
  for (const [key, schema] of Object.entries(SavedFilterQuery.shape)) {
    const value = (stored as Record<string, unknown>)[key]
    if (value === undefined) continue
    const parsed = (schema as z.ZodType).safeParse(value)
    if (parsed.success && parsed.data !== undefined) query[key] = parsed.data
  }
  return query
}

/** The user's own filters by name; nobody else's are ever read. */
async function listFor(
  db: Kysely<Database>,
  userId: string,
): Promise<z.input<typeof SavedFilter>[]> {
  const rows = await db
    .selectFrom('savedFilter')
    .select(['id', 'name', 'query'])
    .where('userId', '=', userId)
    .orderBy('name')
    .execute()
  return rows.map((row) => ({ id: row.id, name: row.name, query: readQuery(row.query) }))
}

export const savedFilterHandlers = {
  async 'filters.list'(_input, ctx) {
    const user = requireUser(ctx)
    return listFor(ctx.vault.caseBase().db, user.id)
  },

  /** Saving under a name the user already has replaces that filter (and keeps its id). */
  async 'filters.save'({ name, query }, ctx) {
    const user = requireUser(ctx)
    const { db } = ctx.vault.caseBase()
    // Only the filter fields were parsed into `query`: offset and limit never get this far.
    const json = JSON.stringify(query)
    await db
      .insertInto('savedFilter')
      .values({
        id: randomUUID(),
        userId: user.id,
        name,
        query: json,
        createdAt: ctx.now().toISOString(),
      })
      .onConflict((oc) => oc.columns(['userId', 'name']).doUpdateSet({ query: json }))
      .execute()
    return listFor(db, user.id)
  },

  /** Another user's filter is NOT_FOUND, exactly like one that does not exist. */
  async 'filters.remove'({ id }, ctx) {
    const user = requireUser(ctx)
    const { db } = ctx.vault.caseBase()
    const result = await db
      .deleteFrom('savedFilter')
      .where('id', '=', id)
      .where('userId', '=', user.id)
      .executeTakeFirst()
    if (result.numDeletedRows === 0n) throw new CoreError('NOT_FOUND')
    return listFor(db, user.id)
  },
} satisfies Partial<Handlers>
