import { sql, type Kysely } from 'kysely'

/**
 * Issue 3, item 6: a clock paused (中止) or extended (延长) on a case. Each row is one pause or
 * one extension of one clock, kept forever with who recorded it and, for an extension, whose
 * approval it carries; the due date is recomputed from these rows, never stored.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('clock_adjustment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('case.id').onDelete('cascade'))
    .addColumn('clock_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('pause', 'extension')`))
    .addColumn('pause_from', 'text')
    .addColumn('pause_to', 'text')
    .addColumn('length', 'integer', (c) => c.check(sql`length > 0`))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('approved_by_id', 'text', (c) => c.references('user.id').onDelete('restrict'))
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('user.id').onDelete('restrict'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    // A pause has its two dates and no length; an extension a length and an approver.
    .addCheckConstraint(
      'clock_adjustment_shape',
      sql`(kind = 'pause' AND pause_from IS NOT NULL AND pause_to IS NOT NULL
            AND pause_from <= pause_to AND length IS NULL AND approved_by_id IS NULL)
        OR (kind = 'extension' AND length IS NOT NULL AND approved_by_id IS NOT NULL
            AND pause_from IS NULL AND pause_to IS NULL)`,
    )
    .modifyEnd(sql`STRICT`)
    .execute()
  await db.schema
    .createIndex('clockAdjustment_byCase')
    .on('clock_adjustment')
    .columns(['case_id', 'clock_id', 'recorded_at'])
    .execute()
}
