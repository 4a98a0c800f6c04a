import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('organization')
    .addColumn('id', 'integer', (c) =>
      c
        .primaryKey()
        .check(sql`id = 1`)
        .defaultTo(1),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('capacity', 'text', (c) =>
      c.notNull().check(sql`capacity IN ('people_mediation_committee', 'other_mediation_org')`),
    )
    .addColumn('idle_lock_minutes', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(10)
        .check(sql`idle_lock_minutes BETWEEN 1 AND 120`),
    )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .modifyEnd(sql`STRICT`)
    .execute()

  await db.schema
    .createTable('user')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('login', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) =>
      c.notNull().check(sql`role IN ('admin', 'supervisor', 'mediator', 'auditor')`),
    )
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('disabled_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .modifyEnd(sql`STRICT`)
    .execute()

  await db.schema.createIndex('user_byRole').on('user').columns(['role', 'login']).execute()
}
