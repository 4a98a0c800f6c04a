import { sql, type Kysely } from 'kysely'

/**
 * Issue 3 item 8: a user's saved filters of the case list. The window has no address bar to
 * bookmark, and a filter may hold personal data (a party's name in the search text), so they
 * live here, in the encrypted case base, one set per user. `query` is the JSON of the list's
 * filter and sort fields (SavedFilterQuery), never its offset or limit.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('saved_filter')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`length(name) BETWEEN 1 AND 40`))
    .addColumn('query', 'text', (c) => c.notNull().check(sql`json_valid(query)`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .modifyEnd(sql`STRICT`)
    .execute()
  // UNIQUE(user_id, name), as the index the list reads by (one user's filters by name): saving
  // under a name the user already has replaces that filter.
  await db.schema
    .createIndex('savedFilter_byUserName')
    .unique()
    .on('saved_filter')
    .columns(['user_id', 'name'])
    .execute()
}
