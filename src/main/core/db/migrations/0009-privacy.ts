import { sql, type Kysely } from 'kysely'

/**
 * Issue 4 item 4, the PIPL duties: data-subject requests per party (Arts. 44–50), a retention
 * period per case category (Art. 19) and the moment a case was anonymized (Art. 47), after
 * which it keeps only what statistics need.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('data_request')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('case.id').onDelete('cascade'))
    .addColumn('party_id', 'text', (c) => c.notNull().references('party.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind IN ('access', 'correction', 'deletion', 'objection')`),
    )
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('request', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) =>
      c.notNull().check(sql`outcome IN ('pending', 'granted', 'partlyGranted', 'refused')`),
    )
    .addColumn('response', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .modifyEnd(sql`STRICT`)
    .execute()
  await db.schema
    .createIndex('dataRequest_byCase')
    .on('data_request')
    .columns(['case_id', 'received_at'])
    .execute()

  await db.schema
    .createTable('retention_policy')
    .addColumn('category', 'text', (c) => c.primaryKey())
    .addColumn('years', 'integer', (c) => c.notNull().check(sql`years BETWEEN 1 AND 100`))
    .addColumn('updated_by', 'text', (c) => c.notNull().references('user.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .modifyEnd(sql`STRICT`)
    .execute()

  await db.schema.alterTable('case').addColumn('anonymized_at', 'text').execute()
  await db.schema
    .createIndex('stageTransition_byStageAt')
    .on('stage_transition')
    .columns(['to_stage', 'case_id', 'at'])
    .execute()
}
