import { sql, type Kysely } from 'kysely'

/**
 * Issue 6 items 4–6: statistics, service contracts and frozen period reports.
 *
 * - `case_fact`: one row per case with the dates statistics count by (mediation concluded,
 *   closed, the one-month target's due date counted with the calendar, pauses and extensions,
 *   follow-up due and done). They come from the clock code and the stage history, which SQL
 *   cannot redo, so stats/facts.ts derives them in JavaScript and stamps each row with the
 *   case version and the calendar it was computed from; a stale row is recomputed before any
 *   figure is read. Nothing here is entered by a user: the table can be emptied at any time.
 * - `service_contract`: 服务购买合同 with its purchasing body, period and target figures.
 * - `frozen_report`: a submitted period report's content (figures and the cases behind each)
 *   and its SHA-256, so it can be downloaded again unchanged and checked against the data.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('case_fact')
    .addColumn('case_id', 'text', (c) => c.primaryKey().references('case.id').onDelete('cascade'))
    .addColumn('case_version', 'integer', (c) => c.notNull())
    .addColumn('calendar_stamp', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('district', 'text', (c) => c.notNull())
    .addColumn('lead_mediator_id', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text', (c) => c.notNull())
    .addColumn('conclusion_due', 'text')
    .addColumn('concluded_on', 'text')
    .addColumn('closed_on', 'text')
    .addColumn('outcome', 'text', (c) => c.check(sql`outcome IN ('agreement', 'termination')`))
    .addColumn('duration_days', 'integer')
    .addColumn('performance_due', 'text')
    .addColumn('followed_up_on', 'text')
    .modifyEnd(sql`STRICT`)
    .execute()
  // Each case set starts from one of these dates (stats/indicators.ts, candidates()).
  for (const column of ['accepted_at', 'closed_on', 'performance_due', 'concluded_on']) {
    await db.schema.createIndex(`caseFact_by_${column}`).on('case_fact').columns([column]).execute()
  }

  // stats/facts.ts: "has any case changed?" and "which rows are stale?" read this narrow
  // index instead of the wide case rows.
  await db.schema.createIndex('case_statsFreshness').on('case').columns(['id', 'version']).execute()

  await db.schema
    .createTable('service_contract')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('purchaser', 'text', (c) => c.notNull())
    .addColumn('contract_no', 'text', (c) => c.notNull())
    .addColumn('from', 'text', (c) => c.notNull())
    .addColumn('to', 'text', (c) => c.notNull())
    .addColumn('district', 'text')
    .addColumn('targets', 'text', (c) => c.notNull().check(sql`json_valid(targets)`))
    .addColumn('updated_by', 'text', (c) => c.notNull().references('user.id').onDelete('restrict'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('service_contract_period', sql`"from" <= "to"`)
    .modifyEnd(sql`STRICT`)
    .execute()

  await db.schema
    .createTable('frozen_report')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('from', 'text', (c) => c.notNull())
    .addColumn('to', 'text', (c) => c.notNull())
    .addColumn('as_of', 'text', (c) => c.notNull())
    // A report stays reproducible if its contract is later removed: the content keeps it.
    .addColumn('contract_id', 'text')
    .addColumn('content', 'text', (c) => c.notNull().check(sql`json_valid(content)`))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('frozen_by', 'text', (c) => c.notNull().references('user.id').onDelete('restrict'))
    .addColumn('frozen_at', 'text', (c) => c.notNull())
    .modifyEnd(sql`STRICT`)
    .execute()
  await db.schema
    .createIndex('frozenReport_byFrozenAt')
    .on('frozen_report')
    .columns(['frozen_at'])
    .execute()
}
