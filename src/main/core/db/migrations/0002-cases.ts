import { sql, type Kysely } from 'kysely'

/**
 * Issue 3: case files. Every child table names its case with ON DELETE CASCADE (a case is
 * removed only as a whole, e.g. by retention); references to users are RESTRICT, because a
 * user who acted on a case is disabled, never deleted. JSON columns (details, progress,
 * attendees) are validated by the zod schemas on the way in and out, not by SQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE organization ADD COLUMN case_number_pattern TEXT NOT NULL
    DEFAULT '〔{year}〕{abbr}调字第{seq}号'`.execute(db)

  await db.schema
    .createTable('case')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('category', 'text', (c) =>
      c.notNull().check(sql`category IN ('family', 'expropriation', 'petition', 'owners')`),
    )
    .addColumn('seq', 'integer', (c) => c.notNull().check(sql`seq > 0`))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('district', 'text', (c) => c.notNull())
    .addColumn('street', 'text', (c) => c.notNull())
    .addColumn('risk_level', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('progress', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version > 0`))
    .addColumn('created_by', 'text', (c) => c.notNull().references('user.id').onDelete('restrict'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    // Case numbers count per year and category (〔2026〕家调字第0001号).
    .addUniqueConstraint('case_year_category_seq', ['year', 'category', 'seq'])
    .modifyEnd(sql`STRICT`)
    .execute()
  // The case list's default order and its date-range filter.
  await db.schema.createIndex('case_byAcceptedAt').on('case').columns(['accepted_at']).execute()
  await db.schema
    .createIndex('case_byCategoryStage')
    .on('case')
    .columns(['category', 'stage', 'accepted_at'])
    .execute()
  await db.schema.createIndex('case_byUpdatedAt').on('case').columns(['updated_at']).execute()

  await db.schema
    .createTable('case_mediator')
    .addColumn('case_id', 'text', (c) => c.notNull().references('case.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('restrict'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role IN ('lead', 'co')`))
    .addPrimaryKeyConstraint('case_mediator_pk', ['case_id', 'user_id'])
    .modifyEnd(sql`STRICT`)
    .execute()
  // Record-level access: "the cases this mediator works on" (DESIGN.md §4).
  await db.schema
    .createIndex('caseMediator_byUser')
    .on('case_mediator')
    .columns(['user_id', 'case_id'])
    .execute()
  // At most one lead per case.
  await db.schema
    .createIndex('caseMediator_oneLead')
    .on('case_mediator')
    .columns(['case_id'])
    .unique()
    .where(sql.ref('role'), '=', 'lead')
    .execute()

  await db.schema
    .createTable('household')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('case.id').onDelete('cascade'))
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('position', 'text')
    .addColumn('agreement_status', 'text', (c) =>
      c.notNull().check(sql`agreement_status IN ('pending', 'negotiating', 'signed', 'refused')`),
    )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .modifyEnd(sql`STRICT`)
    .execute()
  await db.schema
    .createIndex('household_byCase')
    .on('household')
    .columns(['case_id', 'unit'])
    .execute()

  await db.schema
    .createTable('party')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('case.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('person', 'organization')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('id_type', 'text')
    .addColumn('id_number', 'text')
    .addColumn('phone', 'text')
    .addColumn('address', 'text')
    .addColumn('civil_capacity', 'text', (c) =>
      c.notNull().check(sql`civil_capacity IN ('full', 'limited', 'none')`),
    )
    .addColumn('minor', 'integer', (c) => c.notNull().check(sql`minor IN (0, 1)`))
    .addColumn('legal_basis', 'text', (c) => c.notNull())
    .addColumn('sensitive_consent', 'integer', (c) =>
      c.notNull().check(sql`sensitive_consent IN (0, 1)`),
    )
    // A household removed from the case leaves its people on the case, unassigned.
    .addColumn('household_id', 'text', (c) => c.references('household.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .modifyEnd(sql`STRICT`)
    .execute()
  await db.schema.createIndex('party_byCase').on('party').columns(['case_id']).execute()
  await db.schema
    .createIndex('party_byHousehold')
    .on('party')
    .columns(['household_id'])
    .where(sql.ref('household_id'), 'is not', null)
    .execute()

  await db.schema
    .createTable('stage_transition')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('case.id').onDelete('cascade'))
    .addColumn('from_stage', 'text', (c) => c.notNull())
    .addColumn('to_stage', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) =>
      c.notNull().check(sql`action IN ('advance', 'terminate', 'close', 'reopen')`),
    )
    .addColumn('actor_id', 'text', (c) => c.notNull().references('user.id').onDelete('restrict'))
    .addColumn('approved_by_id', 'text', (c) => c.references('user.id').onDelete('restrict'))
    .addColumn('reason', 'text')
    // PML Art. 26: the parties were told their other routes when mediation was terminated.
    .addColumn('other_routes_notice', 'integer', (c) =>
      c.notNull().check(sql`other_routes_notice IN (0, 1)`),
    )
    .addColumn('override_reason', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .modifyEnd(sql`STRICT`)
    .execute()
  await db.schema
    .createIndex('stageTransition_byCase')
    .on('stage_transition')
    .columns(['case_id', 'at'])
    .execute()

  await db.schema
    .createTable('timeline_entry')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('case.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`kind IN ('session', 'investigation', 'call', 'visit', 'followUp', 'note', 'stageChange')`,
        ),
    )
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('place', 'text')
    .addColumn('attendees', 'text', (c) => c.notNull())
    // Caucus notes and restricted material stay out of exports unless chosen (PML Art. 15).
    .addColumn('restricted', 'integer', (c) => c.notNull().check(sql`restricted IN (0, 1)`))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('transition_id', 'integer', (c) =>
      c.references('stage_transition.id').onDelete('cascade'),
    )
    .addColumn('author_id', 'text', (c) => c.notNull().references('user.id').onDelete('restrict'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .modifyEnd(sql`STRICT`)
    .execute()
  // The case page's timeline, newest first.
  await db.schema
    .createIndex('timelineEntry_byCase')
    .on('timeline_entry')
    .columns(['case_id', 'occurred_at'])
    .execute()

  await db.schema
    .createTable('case_event')
    .addColumn('case_id', 'text', (c) => c.notNull().references('case.id').onDelete('cascade'))
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('user.id').onDelete('restrict'))
    .addPrimaryKeyConstraint('case_event_pk', ['case_id', 'event_id'])
    .modifyEnd(sql`STRICT`)
    .execute()

  await db.schema
    .createTable('checklist_item')
    .addColumn('case_id', 'text', (c) => c.notNull().references('case.id').onDelete('cascade'))
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('present', 'integer', (c) => c.notNull().check(sql`present IN (0, 1)`))
    .addColumn('noted_by', 'text', (c) => c.references('user.id').onDelete('restrict'))
    .addColumn('noted_at', 'text')
    .addPrimaryKeyConstraint('checklist_item_pk', ['case_id', 'item_id'])
    .modifyEnd(sql`STRICT`)
    .execute()
}
