import { sql, type Kysely } from 'kysely'

/**
 * Issue 3 item 5: attachments (scanned IDs, signed agreements, photos). The bytes live in this
 * table inside the encrypted case base (DESIGN.md §2), never as files on disk. Size and type
 * are checked by the core before a row is written (src/shared/attachments.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('attachment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('case.id').onDelete('cascade'))
    // The 卷宗 checklist item this file documents, if any (the category's item id).
    .addColumn('checklist_item_id', 'text')
    .addColumn('timeline_entry_id', 'text', (c) =>
      c.references('timeline_entry.id').onDelete('set null'),
    )
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull().check(sql`size > 0`))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('data', 'blob', (c) => c.notNull())
    // Restricted material stays out of exports unless explicitly chosen (PML Art. 15).
    .addColumn('restricted', 'integer', (c) => c.notNull().check(sql`restricted IN (0, 1)`))
    .addColumn('uploaded_by', 'text', (c) => c.notNull().references('user.id').onDelete('restrict'))
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .modifyEnd(sql`STRICT`)
    .execute()
  await db.schema
    .createIndex('attachment_byCase')
    .on('attachment')
    .columns(['case_id', 'uploaded_at'])
    .execute()
}
