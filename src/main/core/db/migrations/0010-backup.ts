import { sql, type Kysely } from 'kysely'

/**
 * Issue 5: backup settings (one row: folder, daily time, retention, warning threshold) and the
 * log of every backup attempt. Both live in the case base, so a restored case base brings back
 * the settings it was backed up with. The folder is a path an administrator chose; nothing
 * personal is logged, only times, kinds, file names and error codes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('backup_settings')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('folder', 'text')
    .addColumn('daily_at', 'text', (c) => c.check(sql`daily_at GLOB '[0-2][0-9]:[0-5][0-9]'`))
    .addColumn('on_exit', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(1)
        .check(sql`on_exit IN (0, 1)`),
    )
    .addColumn('keep_daily', 'integer', (c) => c.notNull().defaultTo(7))
    .addColumn('keep_weekly', 'integer', (c) => c.notNull().defaultTo(4))
    .addColumn('keep_monthly', 'integer', (c) => c.notNull().defaultTo(12))
    .addColumn('warn_after_days', 'integer', (c) => c.notNull().defaultTo(7))
    .modifyEnd(sql`STRICT`)
    .execute()
  await sql`INSERT INTO backup_settings (id, daily_at) VALUES (1, '12:30')`.execute(db)

  await db.schema
    .createTable('backup_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind IN ('manual', 'scheduled', 'exit', 'safety', 'cli')`),
    )
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('verified', 'failed')`))
    .addColumn('folder', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('size', 'integer')
    .addColumn('ms', 'integer')
    .addColumn('error_code', 'text')
    .modifyEnd(sql`STRICT`)
    .execute()
  // The health check and the scheduler read the newest entries.
  await db.schema
    .createIndex('backupLog_byCreatedAt')
    .on('backup_log')
    .columns(['created_at'])
    .execute()
}
