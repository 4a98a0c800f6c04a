import { sql, type Kysely } from 'kysely'

/**
 * Issue 3, item 6: an administrator's correction of one day of the shipped holiday calendar
 * (a holiday announced after this release, a Shanghai-only arrangement). Applied on top of the
 * shipped years in every clock computation; 'ordinary' removes any listed status.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('calendar_override')
    .addColumn('date', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind IN ('holiday', 'workday', 'ordinary')`),
    )
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('user.id').onDelete('restrict'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .modifyEnd(sql`STRICT`)
    .execute()
}
