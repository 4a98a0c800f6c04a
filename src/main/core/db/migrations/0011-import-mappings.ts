import { sql, type Kysely } from 'kysely'

/**
 * Issue 5 item 5: column mappings of case ledgers (台账), kept for the next import. One set per
 * organization (the case base is the organization's), by name. `mapping` is the JSON of
 * SavedImportMapping's header row, columns by header text, and default values. Header texts
 * are not personal data, but they live here with everything else the organization keeps.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('import_mapping')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().check(sql`length(name) BETWEEN 1 AND 40`))
    .addColumn('mapping', 'text', (c) => c.notNull().check(sql`json_valid(mapping)`))
    .addColumn('updated_by', 'text', (c) => c.notNull().references('user.id').onDelete('restrict'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .modifyEnd(sql`STRICT`)
    .execute()
  // Saving under a name that exists replaces that mapping; the list is shown by name.
  await db.schema
    .createIndex('importMapping_byName')
    .unique()
    .on('import_mapping')
    .column('name')
    .execute()
}
