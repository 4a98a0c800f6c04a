import { sql, type Kysely } from 'kysely'
import { reindexCases } from '../../search/index'
import type { Database } from '../schema'

/**
 * Issue 7: working at 100,000 cases.
 *
 * - Full-text search inside the encrypted case base (search/index.ts writes it). FTS5's
 *   trigram tokenizer cannot match the many two-character words (张三, 噪音), so the indexed
 *   text is prepared in JavaScript as space-separated character bigrams of Han runs and
 *   trigrams of letter/digit runs, and unicode61 only splits on the spaces. The tables are
 *   contentless: the words live in the case tables, the index holds terms only. `search_doc`
 *   says which case (and timeline entry) each index row belongs to; deleting a case or an
 *   entry cascades to it, and the triggers take the index row with it, so no term of a
 *   removed case stays behind.
 * - The list's deadline column stored per case (cases/deadline-columns.ts keeps it in the write
 *   transaction): `next_due` is the earliest due date of a clock not done, `overdue_from` the
 *   China wall-clock minute ('YYYY-MM-DDTHH:mm') from which a statutory clock is overdue, so
 *   "overdue" and "sort by deadline" are index range scans instead of clock arithmetic over
 *   every case.
 * - Indexes for keyset pagination: each sort key with the case number as tie-breaker, and each
 *   filter the list offers with the default order.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE "case" ADD COLUMN next_due TEXT`.execute(db)
  await sql`ALTER TABLE "case" ADD COLUMN overdue_from TEXT`.execute(db)

  // The single-column sort indexes of 0002 are prefixes of these.
  await db.schema.dropIndex('case_byAcceptedAt').execute()
  await db.schema.dropIndex('case_byUpdatedAt').execute()
  const caseIndexes: Record<string, string[]> = {
    case_byAcceptedAt: ['accepted_at', 'number'],
    case_byUpdatedAt: ['updated_at', 'number'],
    case_byNextDue: ['next_due', 'number'],
    case_byOverdueFrom: ['overdue_from', 'accepted_at'],
    case_byCategory: ['category', 'accepted_at', 'number'],
    case_byStage: ['stage', 'accepted_at', 'number'],
    case_byDistrict: ['district', 'accepted_at', 'number'],
    case_byRisk: ['risk_level', 'accepted_at', 'number'],
  }
  for (const [name, columns] of Object.entries(caseIndexes)) {
    await db.schema.createIndex(name).on('case').columns(columns).execute()
  }

  await db.schema
    .createTable('search_doc')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('case.id').onDelete('cascade'))
    // Null for the case's own row (number, parties, places, summary); a timeline entry's id
    // for the row of that entry's text.
    .addColumn('entry_id', 'text', (c) => c.references('timeline_entry.id').onDelete('cascade'))
    .modifyEnd(sql`STRICT`)
    .execute()
  await db.schema.createIndex('searchDoc_byCase').on('search_doc').columns(['case_id']).execute()
  await db.schema
    .createIndex('searchDoc_byEntry')
    .on('search_doc')
    .columns(['entry_id'])
    .where(sql.ref('entry_id'), 'is not', null)
    .execute()
  // Case rows and record rows in separate tables: a word common in records (调解) must not make
  // a search of the identifiers walk every record that holds it.
  await sql`CREATE VIRTUAL TABLE search_case_fts USING fts5(
    ident, place, summary,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0'
  )`.execute(db)
  await sql`CREATE VIRTUAL TABLE search_record_fts USING fts5(
    record,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0'
  )`.execute(db)
  await sql`CREATE TRIGGER search_doc_case_removed AFTER DELETE ON search_doc
    WHEN old.entry_id IS NULL BEGIN
      DELETE FROM search_case_fts WHERE rowid = old.id;
    END`.execute(db)
  await sql`CREATE TRIGGER search_doc_record_removed AFTER DELETE ON search_doc
    WHEN old.entry_id IS NOT NULL BEGIN
      DELETE FROM search_record_fts WHERE rowid = old.id;
    END`.execute(db)

  // Cases registered before this version get their index rows and deadline columns here, by
  // the code search.rebuild runs. It reads tables of versions 0002–0009 only; should a later
  // version change what it reads, this backfill moves into that version's migration.
  const cases = db as unknown as Kysely<Database>
  const ids = (await cases.selectFrom('case').select('id').execute()).map((row) => row.id)
  await reindexCases(cases, ids)
}
