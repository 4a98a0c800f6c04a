import { sql, type Kysely } from 'kysely'

/**
 * Issue 4: the audit trail (docs/security.md, "Audit trail"). Entries are append-only and
 * hash-chained (src/main/core/audit/chain.ts). The changed fields of an entry live apart in
 * audit_detail, each row under its own hash, so that anonymizing a case (PIPL) can erase a
 * personal value (with the salt of its hash) — the one update allowed anywhere here — without
 * breaking the chain.
 *
 * No foreign keys to user or case: the trail must outlive any row it names and never block
 * a change elsewhere; a refused request may name a case that does not exist.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_entry')
    // AUTOINCREMENT: sqlite_sequence then remembers the highest seq ever written, which lets
    // verify notice the newest entries being deleted (a chain alone cannot).
    .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome IN ('ok', 'denied')`))
    .addColumn('details_hash', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('entry_hash', 'text', (c) => c.notNull())
    .modifyEnd(sql`STRICT`)
    .execute()
  await db.schema
    .createTable('audit_detail')
    .addColumn('seq', 'integer', (c) =>
      c.notNull().references('audit_entry.seq').onDelete('restrict'),
    )
    .addColumn('idx', 'integer', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    // A random salt in the value hash, so that an erased phone or ID number cannot be found
    // again by hashing every possible one; erased together with the values.
    .addColumn('salt', 'text')
    // JSON text; SQL NULL only when erased by anonymization (a JSON null is the text 'null').
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('value_hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_detail_pk', ['seq', 'idx'])
    .modifyEnd(sql`STRICT, WITHOUT ROWID`)
    .execute()
  // The trail's filters, each newest first by seq.
  await db.schema
    .createIndex('auditEntry_byCase')
    .on('audit_entry')
    .columns(['case_id', 'seq'])
    .execute()
  await db.schema
    .createIndex('auditEntry_byUser')
    .on('audit_entry')
    .columns(['user_id', 'seq'])
    .execute()
  await db.schema.createIndex('auditEntry_byAt').on('audit_entry').columns(['at']).execute()

  for (const table of ['audit_entry', 'audit_detail']) {
    await sql
      .raw(
        `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
         BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END`,
      )
      .execute(db)
  }
  await sql
    .raw(
      `CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
       BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END`,
    )
    .execute(db)
  await sql
    .raw(
      `CREATE TRIGGER audit_detail_redact_only BEFORE UPDATE ON audit_detail
       WHEN NOT (NEW.seq IS OLD.seq AND NEW.idx IS OLD.idx AND NEW.path IS OLD.path
                 AND NEW.value_hash IS OLD.value_hash
                 AND NEW.salt IS NULL AND NEW.before IS NULL AND NEW.after IS NULL)
       BEGIN SELECT RAISE(ABORT, 'audit details can only be erased'); END`,
    )
    .execute(db)
}
